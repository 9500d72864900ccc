//! Crash safety and confinement of `protogate generate`: a run killed with SIGKILL at any
//! instant leaves `out` holding the complete old or the complete new tree; concurrent runs are
//! serialised by a lock file beside `out`; nothing is written through a symbolic link inside
//! `out`; user files and unchanged files survive a rewrite with their mtimes.
//!
//! The large generation is a protoc plugin (Python, made by the test) that answers with
//! thousands of files, so most of a run is protogate planning, staging and swapping the tree.
#![cfg(unix)]
#![allow(clippy::print_stdout)] // the SIGKILL test reports its tally

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
    time::{Duration, Instant, SystemTime},
};

/// `plugin.py VARIANT COUNT [NAME...]`: NAMEs given → those files; otherwise COUNT files spread
/// over 40 directories, whose names and contents depend on VARIANT (`a` or `b`; about a third of
/// `b`'s files equal `a`'s, some of `a`'s are gone in `b` and `b` adds new ones).
const PLUGIN: &str = r#"import sys
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)
def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload
sys.stdin.buffer.read()
variant, count, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
files = [(n, variant + "\n") for n in names]
for i in range(0 if names else count):
    stem = "file" if variant == "a" or i % 7 else "new"
    text = ("a" if variant == "a" or i % 3 == 0 else "b") + " %d\n" % i
    files.append(("dir%02d/%s%05d.txt" % (i % 40, stem, i), text * 60))
out = bytearray()
for name, content in files:
    out += field(15, field(1, name.encode()) + field(15, content.encode()))
sys.stdout.buffer.write(out)
"#;

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("proto")).unwrap();
        std::fs::write(dir.path().join("proto/a.proto"), "syntax = \"proto3\";\npackage a.v1;\nmessage A {}\n")
            .unwrap();
        std::fs::write(dir.path().join("plugin.py"), PLUGIN).unwrap();
        Self { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn out(&self) -> PathBuf {
        self.root().join("out")
    }

    fn command(&self, plugin_args: &str, extra: &[&str]) -> Command {
        let quoted: Vec<String> = plugin_args.split(", ").map(|arg| format!("'{arg}'")).collect();
        let template =
            format!("version: v2\nplugins:\n  - local: [python3, plugin.py, {}]\n    out: out\n", quoted.join(", "));
        let mut command = Command::new(env!("CARGO_BIN_EXE_protogate"));
        command.args(["generate", "proto", "--template", &template]).args(extra).current_dir(self.root());
        command
    }

    fn run(&self, plugin_args: &str, extra: &[&str]) -> Output {
        self.command(plugin_args, extra).output().unwrap()
    }

    fn generate(&self, plugin_args: &str, extra: &[&str]) {
        let output = self.run(plugin_args, extra);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }

    /// Names of entries beside `out` left by protogate (staging or aside directories).
    fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".protogate"))
            .collect()
    }
}

type Tree = BTreeMap<String, Vec<u8>>;

/// The tests that time or race whole runs take turns (the test harness runs tests in threads).
static HEAVY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn heavy() -> std::sync::MutexGuard<'static, ()> {
    HEAVY.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn tree(dir: &Path) -> Tree {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), e.metadata().unwrap().modified().unwrap()))
        .collect()
}

/// xorshift64*: a fixed seed makes the kill schedule reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        // The top 32 bits, exact in an f64.
        f64::from((self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as u32) / f64::from(u32::MAX)
    }
}

const FILES: u32 = 2000;
/// 50 kills, and an uninterrupted, timed run after every 9.
const ROUNDS: usize = 55;
const KILLS: usize = ROUNDS - ROUNDS / 10;

#[test]
fn sigkill_at_any_instant_leaves_the_old_or_the_new_tree() {
    let _turn = heavy();
    let project = Project::new();
    let args = |variant: &str| format!("{variant}, {FILES}");
    project.generate(&args("b"), &["--clean"]);
    let tree_b = tree(&project.out());
    let started = Instant::now();
    project.generate(&args("a"), &["--clean"]);
    let full_run = started.elapsed();
    let tree_a = tree(&project.out());
    assert_eq!(tree_a.len(), FILES as usize);
    assert_ne!(tree_a, tree_b);
    assert!(tree_a.keys().any(|k| !tree_b.contains_key(k)) && tree_b.keys().any(|k| !tree_a.contains_key(k)));

    let mut rng = Rng(0x5EED_0FC0_FFEE);
    let (mut old, mut new, mut finished, mut consistent, mut mid_swap) = (0, 0, 0, 0, 0);
    let mut current = 'a';
    let mut full_run = full_run;
    for kill in 0..ROUNDS {
        let target = if current == 'a' { 'b' } else { 'a' };
        if kill % 10 == 9 {
            // The machine's load drifts: re-measure an uninterrupted run now and then.
            let started = Instant::now();
            project.generate(&args(&target.to_string()), &["--clean"]);
            full_run = started.elapsed();
            assert_eq!(&tree(&project.out()), if target == 'a' { &tree_a } else { &tree_b });
            current = target;
            continue;
        }
        // Spread over the whole run, a little past its usual end.
        let delay = full_run.mul_f64(rng.unit() * 1.1);
        let mut child = project
            .command(&args(&target.to_string()), &["--clean"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            finished += 1;
        } else {
            child.kill().unwrap();
        }
        child.wait().unwrap();
        mid_swap += usize::from(project.leftovers().iter().any(|n| n.contains(".protogate-")));
        let found = tree(&project.out());
        let (current_tree, target_tree) = if current == 'a' { (&tree_a, &tree_b) } else { (&tree_b, &tree_a) };
        if &found == current_tree {
            old += 1;
            consistent += 1;
        } else if &found == target_tree {
            new += 1;
            consistent += 1;
            current = target;
        } else {
            panic!(
                "kill {kill} after {delay:?}: out holds {} files, neither the old ({}) nor the new ({}) tree",
                found.len(),
                current_tree.len(),
                target_tree.len()
            );
        }
    }
    println!(
        "sigkill: {consistent}/{KILLS} consistent (old tree {old}, new tree {new}; {finished} runs finished before their kill, {mid_swap} killed with a staging or old tree beside out; last full run {full_run:?})"
    );
    assert_eq!(consistent, KILLS);
    assert!(old > 0 && new > 0, "the kills did not land on both sides of the swap: old {old}, new {new}");

    // The next run cleans up whatever the killed ones left beside `out`.
    let other = if current == 'a' { "b" } else { "a" };
    project.generate(&args(other), &["--clean"]);
    assert_eq!(tree(&project.out()), if current == 'a' { tree_b } else { tree_a });
    assert_eq!(project.leftovers(), [".out.protogate.lock"]);
}

#[test]
fn a_rewrite_keeps_user_files_links_and_unchanged_mtimes() {
    let project = Project::new();
    let out = project.out();
    project.generate("a, 200", &[]);
    std::fs::write(out.join("NOTES.md"), "mine").unwrap();
    std::fs::create_dir(project.root().join("docs")).unwrap();
    std::os::unix::fs::symlink("../docs", out.join("docs")).unwrap();
    let before = mtimes(&out);
    std::thread::sleep(Duration::from_millis(20));
    project.generate("b, 200", &[]);
    let after = mtimes(&out);
    assert_eq!(std::fs::read_to_string(out.join("NOTES.md")).unwrap(), "mine");
    assert_eq!(std::fs::read_link(out.join("docs")).unwrap(), Path::new("../docs"));
    assert!(out.join("dir00/file00000.txt").exists(), "without --clean, files no longer generated stay");
    let unchanged = before.keys().filter(|k| before.get(*k) == after.get(*k)).count();
    // Variant b keeps a's content where i % 3 == 0 and drops a's name where i % 7 == 0 (the
    // file stays, untouched, without --clean); those and NOTES.md keep their mtime.
    let expected = (0..200).filter(|i| i % 3 == 0 || i % 7 == 0).count() + 1;
    assert_eq!(unchanged, expected, "of {} files", before.len());
    assert_eq!(before["dir00/file00000.txt"], after["dir00/file00000.txt"]);
    assert_ne!(before["dir01/file00001.txt"], after["dir01/file00001.txt"]);

    // A staging directory left by a killed run, and an old tree set aside by the two-rename
    // fallback just before the kill, are both dealt with by the next run.
    let expected = tree(&out);
    std::fs::create_dir_all(project.root().join(".out.protogate-staging-1/dir00")).unwrap();
    std::fs::rename(&out, project.root().join(".out.protogate-old-2")).unwrap();
    let output = project.run("b, 200", &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "protogate generate: 0 file(s) written\n");
    assert_eq!(tree(&out), expected);
    assert_eq!(project.leftovers(), [".out.protogate.lock"]);
}

#[test]
fn a_second_run_waits_for_the_lock_and_says_so() {
    let project = Project::new();
    project.generate("a, 10", &[]);
    let lock_file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(project.root().join(".out.protogate.lock"))
        .unwrap();
    let mut lock = fd_lock::RwLock::new(lock_file);
    let held = lock.write().unwrap();
    let mut child = project.command("b, 10", &[]).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.starts_with("protogate generate: another protogate generate holds "), "{line}");
    assert!(line.trim_end().ends_with(".out.protogate.lock; waiting for it to finish"), "{line}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "generate did not wait for the lock");
    assert_eq!(std::fs::read_to_string(project.out().join("dir01/file00001.txt")).unwrap(), "a 1\n".repeat(60));
    drop(held);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{rest}");
    assert_eq!(rest, "protogate generate: 7 file(s) written\n");
    assert_eq!(std::fs::read_to_string(project.out().join("dir01/file00001.txt")).unwrap(), "b 1\n".repeat(60));
}

#[test]
fn concurrent_runs_each_see_a_complete_tree() {
    let _turn = heavy();
    let project = Project::new();
    let (tree_a, tree_b) = {
        project.generate("b, 1500", &["--clean"]);
        let b = tree(&project.out());
        project.generate("a, 1500", &["--clean"]);
        (tree(&project.out()), b)
    };
    let mut handles = Vec::new();
    for variant in ["b", "a", "b", "a", "b"] {
        let command = project.command(&format!("{variant}, 1500"), &["--clean"]);
        handles.push(std::thread::spawn(move || {
            let mut command = command;
            command.output().unwrap()
        }));
    }
    for handle in handles {
        let output = handle.join().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let found = tree(&project.out());
    assert!(found == tree_a || found == tree_b, "concurrent runs left a mixed tree of {} files", found.len());
    assert_eq!(project.leftovers(), [".out.protogate.lock"]);
}

#[test]
fn nothing_is_written_outside_out() {
    let project = Project::new();
    let root = project.root();
    let outside = root.join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "untouched").unwrap();
    project.generate("a, 5", &[]);
    std::os::unix::fs::symlink(&outside, project.out().join("linked_dir")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), project.out().join("linked_file.txt")).unwrap();
    let before = tree(&project.out());
    let mut transcript = String::new();
    for names in [
        "linked_dir/secret.txt",
        "linked_dir/new.txt",
        "linked_file.txt",
        "../escape.txt",
        "dir00/../../escape.txt",
        "/tmp/protogate-absolute.txt",
    ] {
        let output = project.run(&format!("a, 0, {names}"), &[]);
        let stderr = String::from_utf8_lossy(&output.stderr).replace(&root.display().to_string(), "<tmp>");
        assert_eq!(output.status.code(), Some(1), "{names}: {stderr}");
        write!(transcript, "{names}:\n{stderr}").unwrap();
        assert_eq!(tree(&project.out()), before, "{names}");
    }
    assert_eq!(std::fs::read_to_string(outside.join("secret.txt")).unwrap(), "untouched");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);
    assert!(!root.join("escape.txt").exists() && !Path::new("/tmp/protogate-absolute.txt").exists());
    insta::assert_snapshot!("generate_confinement", transcript);
}
