//! `protogate rules [lint|breaking] [RULE_ID]`: the rule catalogue, from the rules' metadata.
//! `table` and `json` print what `buf config ls-lint-rules --format text|json` prints;
//! `markdown` the catalogue pages, written into a folder with `--write`.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use clap::{Args, ValueEnum};

use crate::{
    Error, ExitCode,
    config::{FileVersion, closest},
    lint::quote::go_quote,
    report::rules::{self, Catalogue},
};

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// `lint` or `breaking` (both when omitted); a rule id alone also works.
    kind: Option<String>,
    /// Print this rule's documentation instead of the list.
    rule: Option<String>,
    /// `table` and `json` match `buf config ls-lint-rules --format text|json`.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    format: RulesFormat,
    /// The `buf.yaml` version whose categories and defaults are listed.
    #[arg(long = "config-version", value_enum, default_value_t = ConfigVersion::V2)]
    config_version: ConfigVersion,
    /// Also list deprecated rules and deprecated category aliases (`DEFAULT`, `STYLE_DEFAULT`).
    #[arg(long)]
    include_deprecated: bool,
    /// With `--format markdown`: write the index and one page per rule into DIR.
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// buf's `ls-*-rules --format text` table.
    Table,
    /// One JSON array of every rule the config version knows (deprecated ones included).
    Json,
    /// buf's `ls-*-rules --format json`: one object a line.
    BufJson,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ConfigVersion {
    V1beta1,
    V1,
    V2,
}

impl From<ConfigVersion> for FileVersion {
    fn from(version: ConfigVersion) -> Self {
        match version {
            ConfigVersion::V1beta1 => Self::V1Beta1,
            ConfigVersion::V1 => Self::V1,
            ConfigVersion::V2 => Self::V2,
        }
    }
}

pub fn run(args: &RulesArgs) -> Result<ExitCode, Error> {
    let lint = crate::lint::catalogue();
    let breaking = crate::breaking::catalogue();
    let all = [Catalogue { kind: "lint", rules: &lint }, Catalogue { kind: "breaking", rules: &breaking }];
    let (selected, rule) = select(&all, args)?;
    let version = FileVersion::from(args.config_version);
    if let Some(dir) = &args.write {
        if args.format != RulesFormat::Markdown || args.kind.is_some() {
            return Err(Error::new("--write writes the whole Markdown catalogue")
                .with_help("run `protogate rules --format markdown --write DIR` without a kind or rule id"));
        }
        let kinds: Vec<&str> = all.iter().map(|c| c.kind).collect();
        write_pages(dir, &kinds, &rules::markdown_pages(&all))?;
        return Ok(ExitCode::Clean);
    }
    let output = match rule {
        Some(id) => one_rule(&selected, id, args, version)?,
        None => listing(&selected, args.format, version, args.include_deprecated),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(output.as_bytes()).map_err(|e| Error::new(format!("writing to stdout: {e}")))?;
    Ok(ExitCode::Clean)
}

/// The catalogues to look at and the rule id, from the two positionals.
fn select<'a>(all: &[Catalogue<'a>], args: &'a RulesArgs) -> Result<(Vec<Catalogue<'a>>, Option<&'a str>), Error> {
    let kinds = all.iter().map(|c| c.kind).collect::<Vec<_>>();
    match (args.kind.as_deref(), args.rule.as_deref()) {
        (None, _) => Ok((all.to_vec(), None)),
        (Some(kind), rule) if kinds.contains(&kind) => {
            Ok((all.iter().filter(|c| c.kind == kind).copied().collect(), rule))
        }
        (Some(id), None) => Ok((all.to_vec(), Some(id))),
        (Some(kind), Some(_)) => Err(Error::new(format!("unknown rule kind {}", go_quote(kind)))
            .with_help(format!("the kinds are {}", kinds.join(" and ")))),
    }
}

fn listing(selected: &[Catalogue<'_>], format: RulesFormat, version: FileVersion, include_deprecated: bool) -> String {
    if format == RulesFormat::Markdown {
        return rules::markdown_index(selected);
    }
    let mut sections = Vec::new();
    for catalogue in selected {
        if catalogue.rules.is_empty() && selected.len() == 1 {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "protogate has no {} rules yet", catalogue.kind);
        }
        let section = match format {
            RulesFormat::BufJson => rules::json(catalogue.rules, version, include_deprecated),
            RulesFormat::Json => rules::json(catalogue.rules, version, true),
            _ => rules::table(catalogue.rules, version, include_deprecated),
        };
        if !section.is_empty() {
            sections.push(section);
        }
    }
    match format {
        // JSON lines simply follow each other; the array holds them all.
        RulesFormat::BufJson => sections.concat(),
        RulesFormat::Json => format!("[{}]\n", sections.concat().lines().collect::<Vec<_>>().join(",")),
        _ => sections.join("\n"),
    }
}

fn one_rule(selected: &[Catalogue<'_>], id: &str, args: &RulesArgs, version: FileVersion) -> Result<String, Error> {
    let found = selected
        .iter()
        .find_map(|catalogue| catalogue.rules.iter().find(|m| m.id.eq_ignore_ascii_case(id)).map(|m| (*catalogue, *m)));
    let Some((catalogue, meta)) = found else {
        let kinds = selected.iter().map(|c| c.kind).collect::<Vec<_>>().join(" or ");
        let ids = selected.iter().flat_map(|c| c.rules.iter().map(|m| m.id));
        let error = Error::new(format!("{} is not a known {kinds} rule", go_quote(id)));
        return Err(match closest(id, ids) {
            Some(near) => error.with_help(format!("did you mean {near}?")),
            None => error.with_help("`protogate rules` lists every rule"),
        });
    };
    Ok(match args.format {
        RulesFormat::Table => rules::docs(catalogue, meta, version),
        RulesFormat::Markdown => rules::markdown_page(catalogue, meta),
        RulesFormat::Json | RulesFormat::BufJson => {
            // The line `--format json` lists for it; a deprecated rule asked for by id is shown.
            let line = rules::json(std::slice::from_ref(&meta), version, args.include_deprecated || meta.deprecated);
            if line.is_empty() {
                return Err(Error::new(format!("{} is not a rule of config version {}", meta.id, version.as_str())));
            }
            line
        }
    })
}

/// Writes the catalogue pages, each only when its content changed, and removes the pages of
/// rules that no longer exist (only `.md` files in the kind folders, which the catalogue owns).
fn write_pages(dir: &Path, kinds: &[&str], pages: &[rules::Page]) -> Result<(), Error> {
    for page in pages {
        let path = dir.join(&page.path);
        if std::fs::read_to_string(&path).is_ok_and(|existing| existing == page.content) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        std::fs::write(&path, &page.content).map_err(|e| Error::io(&path, &e))?;
    }
    for kind in kinds {
        let Ok(entries) = std::fs::read_dir(dir.join(kind)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let generated = pages.iter().any(|page| dir.join(&page.path) == path);
            if !generated && path.extension().is_some_and(|e| e == "md") {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, &e))?;
            }
        }
    }
    Ok(())
}
