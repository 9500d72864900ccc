//! Formatting findings: one file per output format. Checks never print; this module and `cli`
//! are the only places that turn diagnostics into bytes.
//!
//! Every format mirrors buf 1.75's printer byte for byte (`bufanalysis/print.go`,
//! `bufcli/config_ignore_yaml.go`). buf never calls a printer with nothing to print; `render`
//! of an empty set still gives the format's empty document (`<testsuites></testsuites>`, `[]`)
//! and leaves it to the caller not to print it where buf would not.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod attribution;
pub mod changelog;
mod config_ignore_yaml;
mod github_actions;
mod gitlab_code_quality;
mod go_json;
mod json;
mod junit;
mod msvs;
mod pretty;
pub mod rules;
pub mod sarif;
mod text;

use crate::diagnostic::Diagnostic;

/// An output format of `--error-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Json,
    Msvs,
    Junit,
    GithubActions,
    GitlabCodeQuality,
    /// A `lint.ignore_only` block silencing every finding (lint only).
    ConfigIgnoreYaml,
    /// SARIF 2.1.0 with rule metadata and stable fingerprints (protogate's own).
    Sarif,
    /// Code frames, rule purposes and a summary, for terminals (protogate's own).
    Pretty,
}

impl Format {
    /// The formats `lint` accepts: buf's, in the order buf lists them, then protogate's own.
    pub const LINT: [Format; 9] = [
        Format::Text,
        Format::Json,
        Format::Msvs,
        Format::Junit,
        Format::GithubActions,
        Format::GitlabCodeQuality,
        Format::ConfigIgnoreYaml,
        Format::Sarif,
        Format::Pretty,
    ];

    /// The formats `breaking` accepts: lint's without `config-ignore-yaml`.
    pub const BREAKING: [Format; 8] = [
        Format::Text,
        Format::Json,
        Format::Msvs,
        Format::Junit,
        Format::GithubActions,
        Format::GitlabCodeQuality,
        Format::Sarif,
        Format::Pretty,
    ];

    /// Whether buf has this format (and protogate's output must match it byte for byte).
    pub fn is_bufs(self) -> bool {
        !matches!(self, Self::Sarif | Self::Pretty)
    }

    /// The format named `name`, exactly as buf spells it (case-sensitive; no `gcc` alias, which
    /// buf's own flag validation rejects).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::LINT.into_iter().find(|format| format.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
            Self::Msvs => "msvs",
            Self::Junit => "junit",
            Self::GithubActions => "github-actions",
            Self::GitlabCodeQuality => "gitlab-code-quality",
            Self::ConfigIgnoreYaml => "config-ignore-yaml",
            Self::Sarif => "sarif",
            Self::Pretty => "pretty",
        }
    }

    /// The format compile errors are printed in when this one was asked for: buf prints them as
    /// `text` under `config-ignore-yaml` (there is no rule to ignore).
    #[must_use]
    pub fn for_compile_errors(self) -> Self {
        match self {
            Self::ConfigIgnoreYaml => Self::Text,
            other => other,
        }
    }

    /// The whole report for `diagnostics` (already sorted and de-duplicated), without colour.
    pub fn render(self, diagnostics: &[Diagnostic]) -> String {
        self.render_styled(diagnostics, false)
    }

    /// The report, in colour where the format has colour (`pretty`) and `color` is set.
    pub fn render_styled(self, diagnostics: &[Diagnostic], color: bool) -> String {
        match self {
            Self::Text => text::render(diagnostics),
            Self::Json => json::render(diagnostics),
            Self::Msvs => msvs::render(diagnostics),
            Self::Junit => junit::render(diagnostics),
            Self::GithubActions => github_actions::render(diagnostics),
            Self::GitlabCodeQuality => gitlab_code_quality::render(diagnostics),
            Self::ConfigIgnoreYaml => config_ignore_yaml::render(diagnostics),
            Self::Sarif => sarif::render(diagnostics),
            Self::Pretty => pretty::render(diagnostics, color),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `MSG` as buf prints it in text, msvs and junit: the message, else the rule id, else
/// `FAILURE`. (json, github-actions and gitlab-code-quality print the message as it is.)
pub(crate) fn message_or_type(diagnostic: &Diagnostic) -> &str {
    if !diagnostic.message.is_empty() {
        &diagnostic.message
    } else if !diagnostic.rule.is_empty() {
        &diagnostic.rule
    } else {
        "FAILURE"
    }
}

/// `PATH` as buf prints it: the external path, or `<input>` for path-less findings.
pub(crate) fn path_or_input(diagnostic: &Diagnostic) -> &str {
    diagnostic.file.as_ref().map_or("<input>", |f| f.external_path.as_str())
}

/// The external path, empty for path-less findings (for `omitempty` fields).
pub(crate) fn path_or_empty(diagnostic: &Diagnostic) -> &str {
    diagnostic.file.as_ref().map_or("", |f| f.external_path.as_str())
}

/// A raw position as printed: 0 (unknown) prints as 1.
pub(crate) fn clamp(value: u32) -> u32 {
    value.max(1)
}

/// buf's `text` line for one finding, without the newline (junit's failure message reuses it).
pub(crate) fn text_line(diagnostic: &Diagnostic) -> String {
    format!(
        "{}:{}:{}:{}",
        path_or_input(diagnostic),
        clamp(diagnostic.span.start_line),
        clamp(diagnostic.span.start_column),
        message_or_type(diagnostic)
    )
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn names_round_trip() {
        for format in Format::LINT {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("gcc"), None);
        assert_eq!(Format::from_name("JSON"), None);
        assert!(Format::BREAKING.iter().all(|f| Format::LINT.contains(f)));
        assert!(!Format::BREAKING.contains(&Format::ConfigIgnoreYaml));
    }
}
