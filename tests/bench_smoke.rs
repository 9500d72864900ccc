//! `bench/run.sh --smoke` keeps working: a tiny synthetic corpus from `bench/gen-corpus`, timed
//! once per command against the pinned buf with this test's protogate binary (no release build).
//! Benchmarks are not timed tests: only the table and the findings equality are asserted.

mod support;

use std::process::Command;

use protogate_gen_corpus::{Options, generate};
use support::{buf, protogate, repo_root};

#[test]
fn smoke_run_prints_the_table_and_identical_findings() {
    buf(); // installed once, before run.sh asks for it
    let scratch = tempfile::tempdir().expect("tempdir");
    let corpus = scratch.path().join("corpus");
    let options = Options { out: corpus.clone(), files: 40, commits: 20, seed: 8, force: false };
    let summary = generate(&options).expect("generate the corpus");
    assert!(summary.files >= 40, "{} files", summary.files);
    assert_eq!(summary.commits, 20);

    let output = Command::new("bash")
        .arg(repo_root().join("bench/run.sh"))
        .arg("--smoke")
        .arg(&corpus)
        .env("PROTOGATE_BIN", protogate())
        .env("BENCH_OUT", scratch.path().join("table.md"))
        .output()
        .expect("run bench/run.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "run.sh failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("| work | buf time | protogate time | speed ratio |"), "{stdout}");
    for work in ["| `build` |", "| `lint` |", "| `breaking --against .git#ref=", "| `lint --path ", "| `generate` "] {
        assert!(stdout.contains(work), "no row {work:?} in\n{stdout}");
    }
    assert!(stdout.contains("- `lint` findings: OK ("), "{stdout}");
    assert!(stdout.contains("- `breaking` findings: OK ("), "{stdout}");
    assert!(!stdout.contains("DIFF"), "{stdout}");
    let saved = std::fs::read_to_string(scratch.path().join("table.md")).expect("BENCH_OUT written");
    assert_eq!(saved, stdout);
}
