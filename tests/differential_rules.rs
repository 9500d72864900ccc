//! Differential conformance of the rule listings: `protogate rules --format table|json` against
//! `buf config ls-lint-rules --format text|json`, byte for byte, in every config version, with
//! and without deprecated rules.
//!
//! - The CLI over protogate's catalogue: buf lists the same rules with `--configured-only` and
//!   a config that `use`s exactly them.
//! - The renderers over buf's whole catalogue (lint and breaking), read back from buf's own
//!   JSON: buf's order and table layout for every rule it has, including the ones protogate
//!   has not written yet.

#![allow(clippy::print_stdout)] // the comparison counts are what this test reports

mod support;

use protogate::{
    config::FileVersion,
    report::rules,
    rule::{Membership, RuleMeta},
};
use support::{buf, code, protogate, run};

const VERSIONS: [(&str, FileVersion); 3] =
    [("v1beta1", FileVersion::V1Beta1), ("v1", FileVersion::V1), ("v2", FileVersion::V2)];

/// `(buf's --format, protogate's --format)`.
const FORMATS: [(&str, &str); 2] = [("text", "table"), ("json", "buf-json")];

fn stdout(args: &[&str], program: &std::path::Path) -> String {
    let output = run(program, args);
    assert_eq!(code(&output), 0, "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn rules_command_matches_buf_on_protogates_catalogue() {
    let catalogue = protogate::lint::catalogue();
    let mut compared = 0;
    for (name, version) in VERSIONS {
        let ids: Vec<&str> = catalogue.iter().filter(|m| m.membership(version).is_some()).map(|m| m.id).collect();
        let config = format!("{{version: {name}, lint: {{use: [{}]}}}}", ids.join(", "));
        for (buf_format, our_format) in FORMATS {
            // `--configured-only` drops deprecated rules that have no replacement, so listings
            // with deprecated rules are compared against buf's whole catalogue (next test).
            {
                let deprecated = &[][..];
                let theirs = [
                    &["config", "ls-lint-rules", "--configured-only", "--config", &config, "--format", buf_format][..],
                    deprecated,
                ]
                .concat();
                let ours =
                    [&["rules", "lint", "--format", our_format, "--config-version", name][..], deprecated].concat();
                similar_asserts::assert_eq!(stdout(&theirs, buf()), stdout(&ours, &protogate()), "{ours:?}");
                compared += 1;
            }
        }
    }
    println!("differential rules (protogate's catalogue): {compared} listings compared, 0 differences");
}

#[test]
fn listings_match_buf_on_bufs_whole_catalogue() {
    let mut compared = 0;
    for command in ["ls-lint-rules", "ls-breaking-rules"] {
        for (name, version) in VERSIONS {
            let all =
                stdout(&["config", command, "--version", name, "--format", "json", "--include-deprecated"], buf());
            let catalogue = catalogue_from_json(&all, version);
            for deprecated in [false, true] {
                let flag: &[&str] = if deprecated { &["--include-deprecated"] } else { &[] };
                let args = |format| [&["config", command, "--version", name, "--format", format][..], flag].concat();
                similar_asserts::assert_eq!(
                    stdout(&args("json"), buf()),
                    rules::json(&catalogue, version, deprecated),
                    "{command} {name} json"
                );
                similar_asserts::assert_eq!(
                    stdout(&args("text"), buf()),
                    rules::table(&catalogue, version, deprecated),
                    "{command} {name} text"
                );
                compared += 2;
            }
        }
    }
    println!("differential rules (buf's catalogue): {compared} listings compared, 0 differences");
}

/// buf's rules of one version as metadata, from its `--include-deprecated` JSON (which lists
/// every category, deprecated aliases included, in buf's order). Shuffled by id, so the order
/// printed is protogate's sort, not buf's.
fn catalogue_from_json(lines: &str, version: FileVersion) -> Vec<&'static RuleMeta> {
    let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
    let strings = |value: &serde_json::Value| -> &'static [&'static str] {
        let items: Vec<&'static str> =
            value.as_array().into_iter().flatten().map(|v| leak(v.as_str().unwrap())).collect();
        Box::leak(items.into_boxed_slice())
    };
    let mut catalogue: Vec<&'static RuleMeta> = lines
        .lines()
        .map(|line| {
            let rule: serde_json::Value = serde_json::from_str(line).unwrap();
            let membership = Some(Membership {
                categories: strings(&rule["categories"]),
                default: rule["default"].as_bool().unwrap(),
            });
            let meta = RuleMeta {
                id: leak(rule["id"].as_str().unwrap()),
                purpose: leak(rule["purpose"].as_str().unwrap()),
                docs: "",
                v1beta1: membership.filter(|_| version == FileVersion::V1Beta1),
                v1: membership.filter(|_| version == FileVersion::V1),
                v2: membership.filter(|_| version == FileVersion::V2),
                deprecated: rule["deprecated"].as_bool().unwrap(),
                replacements: strings(&rule["replacements"]),
            };
            &*Box::leak(Box::new(meta))
        })
        .collect();
    catalogue.sort_by_key(|meta| std::cmp::Reverse(meta.id));
    catalogue
}
