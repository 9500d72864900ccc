//! Meta-tests that keep the rule catalogue honest: unique ids, file stem = id, a sorted
//! registry, a fixture folder for every rule (and none without a rule), layering, and doc
//! examples that do what they say.

mod support;

use std::{collections::BTreeSet, path::Path, process::Command};

use protogate::{config::FileVersion, rule::RuleMeta};
use support::repo_root;

fn catalogues() -> [(&'static str, Vec<&'static RuleMeta>); 2] {
    [("lint", protogate::lint::catalogue()), ("breaking", protogate::breaking::catalogue())]
}

fn rule_files(kind: &str) -> BTreeSet<String> {
    let dir = repo_root().join("src").join(kind).join("rules");
    let mut stems = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if text.contains("declare_rule!") {
            stems.insert(entry.path().file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    stems
}

#[test]
fn ids_are_unique_sorted_and_named_after_their_file() {
    for (kind, catalogue) in catalogues() {
        let ids: Vec<&str> = catalogue.iter().map(|m| m.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_by_key(|id| id.to_lowercase());
        sorted.dedup();
        assert_eq!(ids, sorted, "{kind}: the registry must be sorted by file name, without duplicates");
        let stems: BTreeSet<String> = ids.iter().map(|id| id.to_lowercase()).collect();
        assert_eq!(stems, rule_files(kind), "{kind}: one file per rule, named after its id");
        for meta in &catalogue {
            assert!(!meta.purpose.is_empty() && meta.purpose.ends_with('.'), "{}: purpose", meta.id);
            assert!(meta.docs.contains("## What it checks"), "{}: docs need a \"What it checks\" section", meta.id);
            assert!(meta.v1beta1.or(meta.v1).or(meta.v2).is_some(), "{}: in no config version", meta.id);
        }
    }
}

#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    for (kind, catalogue) in catalogues() {
        let dir = repo_root().join("fixtures").join(kind);
        let folders: BTreeSet<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let ids: BTreeSet<String> = catalogue.iter().map(|m| m.id.to_lowercase()).collect();
        let missing: Vec<&String> = ids.difference(&folders).collect();
        let orphans: Vec<&String> = folders.difference(&ids).collect();
        assert!(missing.is_empty(), "{kind} rules without fixtures/{kind}/<rule>/: {missing:?}");
        assert!(orphans.is_empty(), "fixtures/{kind}/ folders without a rule: {orphans:?}");
    }
}

#[test]
fn rules_never_import_input_config_report_or_cli() {
    for kind in ["lint", "breaking"] {
        for entry in walk(&repo_root().join("src").join(kind).join("rules")) {
            let text = std::fs::read_to_string(&entry).unwrap();
            for forbidden in ["crate::input", "crate::config", "crate::report", "crate::cli", "println!", "eprintln!"] {
                assert!(!text.contains(forbidden), "{} uses {forbidden}", entry.display());
            }
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            files.extend(walk(&entry.path()));
        } else if entry.path().extension().is_some_and(|e| e == "rs") {
            files.push(entry.path());
        }
    }
    files
}

/// The fenced `proto` blocks of a rule's docs, with whether they are marked `fires`.
fn examples(docs: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut current: Option<(bool, String)> = None;
    for line in docs.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) if info.starts_with("proto") && !info.contains("ignore") => {
                current = Some((info.contains("fires"), String::new()));
            }
            (None, Some(_)) => current = None,
            (Some(_), Some(_)) => out.extend(current.take()),
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}

#[test]
fn doc_examples_fire_exactly_once_and_fixes_stay_quiet() {
    let mut checked = 0;
    for meta in protogate::lint::catalogue() {
        let version = [(FileVersion::V2, "v2"), (FileVersion::V1, "v1"), (FileVersion::V1Beta1, "v1beta1")]
            .into_iter()
            .find(|(v, _)| meta.membership(*v).is_some())
            .map(|(_, name)| name)
            .unwrap();
        for (fires, source) in examples(meta.docs) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("example.proto"), &source).unwrap();
            std::fs::write(dir.path().join("buf.yaml"), format!("version: {version}\nlint:\n  use: [{}]\n", meta.id))
                .unwrap();
            let output = Command::new(env!("CARGO_BIN_EXE_protogate"))
                .args(["lint", "--error-format", "json"])
                .arg(dir.path())
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            let findings = stdout.lines().filter(|l| !l.is_empty()).count();
            let broken = stdout.contains("\"type\":\"COMPILE\"") || output.status.code() == Some(1);
            assert!(!broken, "{}: example does not compile:\n{source}\n{stdout}", meta.id);
            let expected = usize::from(fires);
            assert_eq!(
                findings,
                expected,
                "{}: a {} example gave {findings} findings:\n{source}\n{stdout}",
                meta.id,
                if fires { "fires" } else { "quiet" }
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} doc examples found");
}
