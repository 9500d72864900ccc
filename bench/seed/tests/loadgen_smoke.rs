//! A 200 ms run of the load generator binary: it starts the reference server, drives every
//! scenario of the seed's table, and reports a non-zero rate and no errors for each.

use std::process::Command;

#[test]
fn loadgen_reports_a_rate_for_every_scenario() {
    let output = Command::new(env!("CARGO_BIN_EXE_loadgen"))
        .args(["--duration", "200ms", "--warmup", "0s", "--concurrency", "4"])
        .output()
        .expect("run loadgen");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "loadgen failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .filter(|line| line.starts_with("| unary") || line.starts_with("| server streaming"))
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    let labels: Vec<&str> = rows.iter().map(|row| row[0]).collect();
    assert_eq!(labels, ["unary, 100 B", "unary, 1 KB", "unary, 100 KB", "server streaming"], "{stdout}");
    for row in &rows {
        let rate: f64 = row[2].split_whitespace().next().and_then(|n| n.parse().ok()).expect("a rate");
        assert!(rate > 0.0, "{row:?}");
        assert_eq!(row[10], "0", "errors in {row:?}\n{stdout}");
    }
    let payloads: Vec<usize> = rows[..3].iter().map(|row| row[1].parse().expect("a size")).collect();
    assert!(payloads[0] < payloads[1] && payloads[1] < payloads[2], "{payloads:?}");
}

#[test]
fn bad_flags_are_usage_errors() {
    let output = Command::new(env!("CARGO_BIN_EXE_loadgen")).args(["--duration", "5 parsecs"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}
