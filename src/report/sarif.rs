//! protogate's `sarif` format: one SARIF 2.1.0 log with one run, built with the typed
//! `serde-sarif` model so the structure cannot drift from the schema.
//!
//! Rules are described once in `tool.driver.rules` (only those that appear, in order of first
//! appearance) and results point at them by id and index. Each result carries a
//! `partialFingerprints["protogate/v1"]` that hashes what identifies the finding, not where it
//! is (rule, module path, element or message), so code scanning keeps tracking a finding when
//! lines are inserted above it.

use std::{collections::BTreeMap, fmt::Write};

use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Location, Message, MultiformatMessageString,
    PhysicalLocation, Region, Replacement, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultLevel, Run, Sarif, Tool, ToolComponent,
};
use sha3::{
    Shake256,
    digest::{ExtendableOutput, Update, XofReader},
};

use super::{clamp, message_or_type};
use crate::{
    diagnostic::{COMPILE, Diagnostic, Span},
    rule::RuleMeta,
};

/// The key of our fingerprint; bump the suffix if what it hashes ever changes.
pub const FINGERPRINT_KEY: &str = "protogate/v1";
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/protogate/protogate";

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut rule_ids: Vec<&str> = Vec::new();
    let results: Vec<SarifResult> = diagnostics
        .iter()
        .map(|d| {
            let index = rule_ids.iter().position(|id| *id == d.rule).unwrap_or_else(|| {
                rule_ids.push(&d.rule);
                rule_ids.len() - 1
            });
            result(d, index)
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("protogate")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri(INFORMATION_URI)
        .rules(rule_ids.iter().map(|id| descriptor(id)).collect::<Vec<_>>())
        .build();
    let run = Run::builder().tool(Tool::builder().driver(driver).build()).results(results).build();
    let log = Sarif::builder().schema(SCHEMA_URI).version(serde_json::json!("2.1.0")).runs(vec![run]).build();
    let mut out = serde_json::to_string_pretty(&log).expect("a SARIF log always serializes");
    out.push('\n');
    out
}

fn result(d: &Diagnostic, rule_index: usize) -> SarifResult {
    let fingerprints = BTreeMap::from([(FINGERPRINT_KEY.to_owned(), fingerprint(d))]);
    let builder = SarifResult::builder()
        .rule_id(d.rule.to_string())
        .rule_index(rule_index as i64)
        .level(ResultLevel::Error)
        .message(Message::from(message_or_type(d)))
        .partial_fingerprints(fingerprints);
    let mut result = match &d.file {
        Some(file) => {
            let physical = PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri(&file.external_path)).build())
                .region(region(d.span))
                .build();
            builder.locations(vec![Location::builder().physical_location(physical).build()]).build()
        }
        None => builder.build(),
    };
    result.fixes = d.fix.as_deref().map(|fix| vec![sarif_fix(fix)]);
    result
}

/// A fix as SARIF `artifactChanges`, one per file in path order, each edit a `replacement` of a
/// line/column region (columns in UTF-16 code units, SARIF's default) by the new text.
fn sarif_fix(fix: &crate::fix::Fix) -> SarifFix {
    let mut by_file: BTreeMap<&str, Vec<&crate::fix::TextEdit>> = BTreeMap::new();
    for edit in &fix.edits {
        by_file.entry(edit.file.external_path.as_str()).or_default().push(edit);
    }
    let changes = by_file
        .into_iter()
        .map(|(path, edits)| {
            let replacements = edits
                .into_iter()
                .map(|edit| {
                    let deleted = Region::builder()
                        .start_line(i64::from(edit.start_line))
                        .start_column(i64::from(edit.start_column))
                        .end_line(i64::from(edit.end_line))
                        .end_column(i64::from(edit.end_column))
                        .build();
                    let inserted = ArtifactContent::builder().text(edit.replacement.clone()).build();
                    Replacement::builder().deleted_region(deleted).inserted_content(inserted).build()
                })
                .collect::<Vec<_>>();
            ArtifactChange::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri(path)).build())
                .replacements(replacements)
                .build()
        })
        .collect::<Vec<_>>();
    SarifFix::builder().description(Message::from(fix.description.as_str())).artifact_changes(changes).build()
}

/// 1-based and never empty or inverted: an unknown (0) start is 1, an unknown end is the start.
fn region(span: Span) -> Region {
    let (start_line, start_column) = (clamp(span.start_line), clamp(span.start_column));
    let (mut end_line, mut end_column) = (clamp(span.end_line), clamp(span.end_column));
    if span.end_line == 0 || end_line < start_line {
        (end_line, end_column) = (start_line, start_column);
    } else if end_line == start_line {
        end_column = end_column.max(start_column);
    }
    Region::builder()
        .start_line(i64::from(start_line))
        .start_column(i64::from(start_column))
        .end_line(i64::from(end_line))
        .end_column(i64::from(end_column))
        .build()
}

/// The rule's metadata from the lint and breaking catalogues; `COMPILE` and unknown ids get a
/// minimal descriptor.
fn descriptor(id: &str) -> ReportingDescriptor {
    let meta = crate::lint::catalogue().into_iter().chain(crate::breaking::catalogue()).find(|meta| meta.id == id);
    let builder = ReportingDescriptor::builder()
        .id(id)
        .default_configuration(ReportingConfiguration::builder().level(serde_json::json!("error")).build());
    match meta {
        Some(meta) => {
            let docs = docs_markdown(meta);
            builder
                .short_description(MultiformatMessageString::builder().text(meta.purpose).build())
                .full_description(MultiformatMessageString::builder().text(what_it_checks(&docs)).build())
                .help(MultiformatMessageString::builder().text(docs.clone()).markdown(docs).build())
                .build()
        }
        None if id == COMPILE => builder
            .short_description(
                MultiformatMessageString::builder().text("The input compiles: syntax, imports and references.").build(),
            )
            .build(),
        None => builder.build(),
    }
}

/// The rule's doc comment as Markdown (the space after `///` removed).
fn docs_markdown(meta: &RuleMeta) -> String {
    meta.docs.lines().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect::<Vec<_>>().join("\n")
}

/// The "What it checks" section as one paragraph; the whole docs when there is no such section.
fn what_it_checks(docs: &str) -> String {
    let mut lines = docs.lines().skip_while(|line| line.trim() != "## What it checks");
    if lines.next().is_none() {
        return docs.trim().to_owned();
    }
    lines.take_while(|line| !line.starts_with("## ")).map(str::trim).collect::<Vec<_>>().join(" ").trim().to_owned()
}

/// What identifies a finding independently of its position: rule, module path, and the element
/// (or, without one, the message). SHAKE256, 16 bytes, hex.
pub fn fingerprint(d: &Diagnostic) -> String {
    let module_path = d.file.as_ref().map_or("", |f| f.module_path.as_str());
    let what = d.element.as_deref().unwrap_or(&d.message);
    let mut hasher = Shake256::default();
    for part in [d.rule.as_ref(), module_path, what] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    let mut digest = [0u8; 16];
    hasher.finalize_xof().read(&mut digest);
    digest.iter().fold(String::with_capacity(32), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

/// A relative URI reference for a path: `/` kept, everything outside RFC 3986's unreserved set
/// percent-encoded (spaces, non-ASCII, `'<&>`).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Span, region, uri, what_it_checks};

    #[test]
    fn regions_are_never_inverted() {
        let r = region(Span::new(3, 0, 0, 0));
        assert_eq!((r.start_line, r.start_column, r.end_line, r.end_column), (Some(3), Some(1), Some(3), Some(1)));
        let r = region(Span::new(5, 21, 5, 27));
        assert_eq!((r.start_line, r.start_column, r.end_line, r.end_column), (Some(5), Some(21), Some(5), Some(27)));
        let r = region(Span::new(0, 0, 0, 0));
        assert_eq!((r.start_line, r.end_line), (Some(1), Some(1)));
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("proto/dir é/b.proto"), "proto/dir%20%C3%A9/b.proto");
        assert_eq!(uri("a\\b.proto"), "a/b.proto");
    }

    #[test]
    fn full_description_is_the_first_section() {
        let docs = "## What it checks\nEvery enum\nvalue.\n## Why\nBecause.";
        assert_eq!(what_it_checks(docs), "Every enum value.");
        assert_eq!(what_it_checks("plain"), "plain");
    }
}
