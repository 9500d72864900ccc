//! Runs the protogate binary under limits and measures it without `unsafe`: the address space is
//! capped by `ulimit -v` in a `sh` that then `exec`s protogate (same pid), and CPU time and peak
//! memory are read from `/proc/<pid>` — CPU time once the process is a zombie, just before it is
//! reaped, so the figure is final.

use std::{
    fs,
    path::Path,
    process::{Command, Stdio},
    sync::{
        OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

/// Address-space cap, in KiB.
const MEMORY_LIMIT_KB: u64 = 2 * 1024 * 1024;
/// A run still going after this much wall time is a hang.
const WALL_LIMIT: Duration = Duration::from_secs(120);

#[derive(Debug, Default)]
pub struct Run {
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub cpu: Duration,
    pub wall: Duration,
    pub peak_rss_kb: u64,
    pub timed_out: bool,
}

/// `protogate args` in `dir`.
#[allow(clippy::zombie_processes)] // every path of the loop below ends in `wait`
pub fn run(dir: &Path, args: &[&str]) -> Run {
    use std::os::unix::process::ExitStatusExt;
    static SEQUENCE: AtomicUsize = AtomicUsize::new(0);
    let id = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    let logs = dir.join("logs");
    fs::create_dir_all(&logs).expect("logs dir");
    let (out_path, err_path) = (logs.join(format!("{id}.out")), logs.join(format!("{id}.err")));
    let script = format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\" \"$@\"");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(crate::support::protogate())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("stdout log"))
        .stderr(fs::File::create(&err_path).expect("stderr log"))
        .spawn()
        .expect("spawn sh");
    let started = Instant::now();
    let mut run = Run::default();
    let mut pause = Duration::from_millis(1);
    let status = loop {
        let stat = fs::read_to_string(format!("/proc/{}/stat", child.id())).unwrap_or_default();
        if let Some(kb) = peak_rss_kb(child.id()) {
            run.peak_rss_kb = run.peak_rss_kb.max(kb);
        }
        let fields: Vec<&str> =
            stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
        // Fields after the command name: state is the first, utime and stime the 12th and 13th.
        if fields.first().is_none_or(|&state| state == "Z") {
            let ticks: u64 = [11, 12].iter().filter_map(|&i| fields.get(i)?.parse::<u64>().ok()).sum();
            run.cpu = Duration::from_millis(ticks * 1000 / clock_ticks());
            break child.wait().expect("wait");
        }
        if started.elapsed() > WALL_LIMIT {
            run.timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    run.wall = started.elapsed();
    run.code = status.code();
    run.signal = status.signal();
    run.stdout = String::from_utf8_lossy(&fs::read(&out_path).unwrap_or_default()).into_owned();
    run.stderr = String::from_utf8_lossy(&fs::read(&err_path).unwrap_or_default()).into_owned();
    let _ = (fs::remove_file(out_path), fs::remove_file(err_path));
    run
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `sysconf(_SC_CLK_TCK)`, asked of `getconf` (100 on every Linux this runs on).
fn clock_ticks() -> u64 {
    static TICKS: OnceLock<u64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        let output = Command::new("getconf").arg("CLK_TCK").output().ok();
        output.and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok()).unwrap_or(100)
    })
}
