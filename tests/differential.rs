//! Differential conformance: pinned buf 1.75.0 and protogate, stdout bytes and exit codes must be
//! identical. Two views:
//!
//! - the CLI: `lint` on every lint fixture case, on `proto/`, and on scratch inputs made here
//!   (a path full of characters every format escapes, several files in several directories),
//!   in all seven `--error-format`s;
//! - the renderers: buf's own findings (read back from its raw `gitlab-code-quality` output)
//!   rendered by protogate in every format, compared with buf's printing of the same findings.
//!   This covers what protogate's checks cannot produce yet: compile errors in buf's words, every
//!   buf lint rule, and `breaking`'s path-less findings.
//!
//! The counts per format are printed (and must not shrink below the issue's bar).

#![allow(clippy::print_stdout, clippy::print_stderr)] // the comparison report is what this test is for

mod support;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    sync::Mutex,
    thread,
};

use protogate::{
    diagnostic::{Diagnostic, FileRef, Span},
    report::Format,
};
use support::{buf, code, lint_cases, protogate, repo_root, run};

const BREAKING_FORMATS: [&str; 6] = ["text", "json", "msvs", "junit", "github-actions", "gitlab-code-quality"];

/// Every case in `text` and `json`; every third case in all the other formats as well. The
/// renderers themselves are compared with buf on buf's own findings in every format
/// (`renderers_match_buf_on_bufs_own_findings`), so this keeps CI fast without losing coverage.
fn formats_for<'a>(index: usize, all: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    all.iter().copied().filter(move |f| index.is_multiple_of(3) || *f == "text" || *f == "json")
}

const LINT_FORMATS: [&str; 7] =
    ["text", "json", "msvs", "junit", "github-actions", "gitlab-code-quality", "config-ignore-yaml"];

/// Compile-error inputs whose findings the renderers must print as buf does. (Not import
/// cycles: which file buf reports a two-file cycle in varies from run to run.)
const COMPILE_CASES: [&str; 8] = [
    "dup_field_name",
    "import_missing_two",
    "link_errors_two_files",
    "non_ascii_before_link_error",
    "non_utf8_string",
    "syntax_errors_two_files",
    "tab_before_link_error",
    "unknown_type",
];

struct Comparison {
    format: String,
    label: String,
    buf: (i32, String),
    ours: (i32, String),
}

impl Comparison {
    fn differs(&self) -> bool {
        self.buf != self.ours
    }
}

/// Runs `work` over `items`, two threads at a time (the machine has two cores).
fn parallel_map<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let queue = Mutex::new(items);
    let results = Mutex::new(Vec::new());
    thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(item) = queue.lock().unwrap().pop() else { break };
                    let result = work(item);
                    results.lock().unwrap().push(result);
                }
            });
        }
    });
    results.into_inner().unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Prints every difference and the counts per format; fails on any difference.
fn assert_no_differences(what: &str, results: &[Comparison]) {
    let mut per_format: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for result in results {
        let entry = per_format.entry(&result.format).or_default();
        entry.0 += 1;
        if result.differs() {
            entry.1 += 1;
            eprintln!(
                "DIFFERENT: {}\n  buf (exit {}):\n{}\n  protogate (exit {}):\n{}",
                result.label, result.buf.0, result.buf.1, result.ours.0, result.ours.1
            );
        }
    }
    for (format, (compared, different)) in &per_format {
        println!("differential {what} [{format}]: {compared} cases compared, {different} differences");
    }
    let different = results.iter().filter(|r| r.differs()).count();
    println!("differential {what}: {} cases compared, {different} differences", results.len());
    assert_eq!(different, 0, "{different} of {} {what} cases differ from buf", results.len());
}

#[test]
fn lint_matches_buf_on_every_fixture_and_format() {
    buf();
    let mut inputs: Vec<String> =
        lint_cases().into_iter().map(|(rule, case)| format!("fixtures/lint/{rule}/{case}")).collect();
    inputs.push("proto".into());
    inputs.extend(config_cases());
    inputs.extend(scratch().lint_inputs.iter().cloned());
    let commands: Vec<(String, &str)> = inputs
        .iter()
        .enumerate()
        .flat_map(|(i, input)| formats_for(i, &LINT_FORMATS).map(move |format| (input.clone(), format)))
        .collect();
    let results = parallel_map(commands, |(input, format)| {
        let args = ["lint", input.as_str(), &format!("--error-format={format}")];
        let theirs = run(buf(), &args);
        let ours = run(&protogate(), &args);
        Comparison {
            format: format.to_owned(),
            label: args.join(" "),
            buf: (code(&theirs), stdout(&theirs)),
            ours: (code(&ours), stdout(&ours)),
        }
    });
    assert_no_differences("lint", &results);
}

#[test]
fn breaking_matches_buf_on_every_fixture_and_format() {
    buf();
    let commands: Vec<(Vec<String>, &str)> = support::breaking_cases()
        .into_iter()
        .enumerate()
        .flat_map(|(i, (rule, case))| {
            formats_for(i, &BREAKING_FORMATS).map(move |format| (support::breaking_args(&rule, &case), format))
        })
        .collect();
    let results = parallel_map(commands, |(mut args, format)| {
        args.push(format!("--error-format={format}"));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let theirs = run(buf(), &args);
        let ours = run(&protogate(), &args);
        Comparison {
            format: format.to_owned(),
            label: args.join(" "),
            buf: (code(&theirs), stdout(&theirs)),
            ours: (code(&ours), stdout(&ours)),
        }
    });
    assert_no_differences("breaking", &results);
}

#[test]
fn renderers_match_buf_on_bufs_own_findings() {
    buf();
    let scratch = scratch();
    let mut commands: Vec<Vec<String>> =
        COMPILE_CASES.iter().map(|case| vec!["lint".into(), format!("fixtures/bad/{case}")]).collect();
    for input in &scratch.all_rules_inputs {
        commands.push(vec!["lint".into(), input.clone()]);
    }
    commands.push(vec!["breaking".into(), scratch.after.clone(), "--against".into(), scratch.before.clone()]);
    let results: Vec<Comparison> = parallel_map(commands, |args| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let raw = run(buf(), &[args.as_slice(), &["--error-format=gitlab-code-quality"]].concat());
        let findings = findings_from_gitlab(&stdout(&raw));
        assert!(!findings.is_empty(), "buf found nothing for {}", args.join(" "));
        Format::BREAKING
            .into_iter()
            .filter(|format| format.is_bufs())
            .map(|format| {
                let flag = format!("--error-format={format}");
                let theirs = run(buf(), &[args.as_slice(), &[flag.as_str()]].concat());
                Comparison {
                    format: format.name().to_owned(),
                    label: format!("{} {flag} (rendered from buf's findings)", args.join(" ")),
                    buf: (code(&theirs), stdout(&theirs)),
                    ours: (code(&raw), format.render(&findings)),
                }
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    assert_no_differences("rendering", &results);
}

/// buf's findings with their raw positions, read back from its `gitlab-code-quality` output
/// (the one format that keeps unknown positions as 0). Module paths are not in it: the
/// external path stands in for them, so `config-ignore-yaml` is not compared this way.
fn findings_from_gitlab(output: &str) -> Vec<Diagnostic> {
    let issues: serde_json::Value = serde_json::from_str(output)
        .unwrap_or_else(|e| panic!("buf's gitlab-code-quality output is not JSON ({e}): {output:?}"));
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    let number = |value: &serde_json::Value| u32::try_from(value.as_u64().unwrap_or_default()).unwrap();
    issues
        .as_array()
        .expect("an array of issues")
        .iter()
        .map(|issue| {
            let location = &issue["location"];
            let positions = &location["positions"];
            let mut diagnostic = Diagnostic::new(text(&issue["check_name"]), text(&issue["description"]));
            diagnostic.span = Span::new(
                number(&positions["begin"]["line"]),
                number(&positions["begin"]["column"]),
                number(&positions["end"]["line"]),
                number(&positions["end"]["column"]),
            );
            diagnostic.file = location["path"]
                .as_str()
                .map(|path| FileRef { external_path: path.to_owned(), module_path: path.to_owned() });
            diagnostic
        })
        .collect()
}

/// Inputs written at test time under cargo's scratch directory, named as the tools are given
/// them (relative to the repo root, where both run).
struct Scratch {
    /// Linted with the rules protogate has.
    lint_inputs: Vec<String>,
    /// The same files, linted with every buf rule.
    all_rules_inputs: Vec<String>,
    before: String,
    after: String,
}

fn scratch() -> &'static Scratch {
    static SCRATCH: std::sync::OnceLock<Scratch> = std::sync::OnceLock::new();
    SCRATCH.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("differential");
        let _ = std::fs::remove_dir_all(&root);
        // Every rule protogate has, so the lint comparison grows as rules land.
        let ids: Vec<&str> =
            protogate::lint::catalogue().iter().filter(|rule| rule.v2.is_some()).map(|rule| rule.id).collect();
        let use_rules = ids.join(", ");
        let ours = format!("version: v2\nlint:\n  use: [{use_rules}]\n");
        // Every buf lint rule, for the renderer comparison.
        let all = "version: v2\nlint:\n  use: [STANDARD, COMMENTS, UNARY_RPC, PACKAGE_NO_IMPORT_CYCLE]\n";
        let mut inputs = Vec::new();
        for (set, buf_yaml) in [("ours", ours.as_str()), ("all", all)] {
            let special = root.join(set).join("we<i>rd&\"é'\t日");
            write(&special, "buf.yaml", buf_yaml);
            write(&special, "a.proto", "syntax = \"proto3\";\nmessage A { string fooBar = 1; }\nenum E { E_X = 0; }\n");
            let multi = root.join(set).join("multi");
            write(&multi, "buf.yaml", buf_yaml);
            write(&multi, "a.proto", "syntax = \"proto3\";\nmessage A { string a_b = 1; string cD = 2; }\n");
            write(&multi, "sub/b.proto", "syntax = \"proto3\";\nmessage B { string bC = 1; }\n");
            write(&multi, "z/v1/c.proto", "syntax = \"proto3\";\npackage z.v1;\nenum C { C_ONE = 0; }\n");
            inputs.push(vec![as_argument(&special), as_argument(&multi)]);
        }
        let breaking = root.join("breaking");
        for side in ["before", "after"] {
            write(&breaking.join(side), "buf.yaml", "version: v2\nbreaking:\n  use: [FILE]\n");
        }
        let a_before = "syntax = \"proto3\";\npackage x.v1;\nmessage A { string foo = 1; int32 bar = 2; }\nenum E { E_UNSPECIFIED = 0; E_X = 1; }\n";
        write(&breaking.join("before"), "a.proto", a_before);
        write(&breaking.join("before"), "b.proto", "syntax = \"proto3\";\npackage x.v1;\nmessage B {}\n");
        let a_after = "syntax = \"proto3\";\npackage x.v1;\nmessage A { string foo = 1; }\nenum E { E_UNSPECIFIED = 0; }\n";
        write(&breaking.join("after"), "a.proto", a_after);
        let all_rules_inputs = inputs.pop().unwrap();
        Scratch {
            lint_inputs: inputs.pop().unwrap(),
            all_rules_inputs,
            before: as_argument(&breaking.join("before")),
            after: as_argument(&breaking.join("after")),
        }
    })
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// The path relative to the repo root when it is inside it (as a user would type it), else
/// absolute; both tools print paths the way they were given.
fn as_argument(path: &Path) -> String {
    path.strip_prefix(repo_root()).unwrap_or(path).to_string_lossy().into_owned()
}

/// Config fixtures that buf accepts as they are (no extra arguments, not a bad config).
fn config_cases() -> Vec<String> {
    let root = support::repo_root().join("fixtures/config");
    let mut cases: Vec<String> = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir() && !e.path().join("args").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("bad_"))
        .map(|name| format!("fixtures/config/{name}"))
        .collect();
    cases.sort();
    cases
}
