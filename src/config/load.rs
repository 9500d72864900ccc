//! Text → validated [`Config`]. Errors keep buf's wording (`decode buf.yaml: ...`) and add the
//! line, column and closest valid word.

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use super::{
    BreakingConfig, CheckConfig, Config, FileVersion, LintConfig, ModuleConfig, Origin, RuleWord, closest, raw,
};
use crate::{Error, paths};

/// Parses a `buf.yaml` (or `--config` data). `source` names it in errors.
pub fn parse_buf_yaml(text: &str, source: &str) -> Result<Config, Error> {
    let cx = Cx { source };
    let probe: raw::VersionProbe = cx.decode(text)?;
    let Some(version) = probe.version else {
        return Err(cx.fail("\"version\" is not set. Please add \"version: v2\""));
    };
    match version.value.as_str() {
        "v1beta1" | "v1" => {
            let v = if version.value == "v1" { FileVersion::V1 } else { FileVersion::V1Beta1 };
            cx.v1(v, cx.decode(text)?)
        }
        "v2" => cx.v2(cx.decode(text)?),
        other => Err(cx
            .fail(format!("unknown file version: {other:?}"))
            .with_help("buf.yaml versions are v1beta1, v1 and v2; new files should use \"version: v2\"")),
    }
}

/// Parses a `buf.work.yaml`; returns its module directories (cleaned, relative).
pub fn parse_buf_work_yaml(text: &str, source: &str) -> Result<Vec<String>, Error> {
    let cx = Cx { source };
    let probe: raw::VersionProbe = cx.decode(text)?;
    match probe.version.as_ref().map(|v| v.value.as_str()) {
        Some("v1") => {}
        Some(other) => return Err(cx.fail(format!("unknown file version: {other:?}"))),
        None => return Err(cx.fail("\"version\" is not set. Please add \"version: v1\"")),
    }
    let work: raw::BufWorkYaml = cx.decode(text)?;
    work.directories.iter().map(|dir| cx.relative_dir(dir, "directories")).collect()
}

struct Cx<'a> {
    source: &'a str,
}

impl Cx<'_> {
    fn fail(&self, message: impl std::fmt::Display) -> Error {
        Error::new(format!("decode {}: {message}", self.source))
    }

    fn origin(&self, location: &serde_saphyr::Location) -> Origin {
        Origin { file: self.source.to_owned(), line: location.line(), column: location.column() }
    }

    fn at(&self, word: &Spanned<String>, message: impl std::fmt::Display) -> Error {
        Error::new(format!("{}: {message}", self.origin(&word.referenced)))
    }

    fn decode<T: DeserializeOwned>(&self, text: &str) -> Result<T, Error> {
        serde_saphyr::from_str(text).map_err(|error| self.yaml_error(&error))
    }

    fn yaml_error(&self, error: &serde_saphyr::Error) -> Error {
        let mut error = error;
        while let serde_saphyr::Error::WithSnippet { error: inner, .. } = error {
            error = inner;
        }
        let line = error.location().map_or(0, |l| l.line());
        if let serde_saphyr::Error::SerdeUnknownField { field, expected, .. } = error {
            let failure = self.fail(format!("yaml: unmarshal errors:\n  line {line}: field {field} not found"));
            return match closest(field, expected.iter().copied()) {
                Some(word) => failure.with_help(format!("did you mean {word:?}?")),
                None => failure.with_help(format!("valid keys here: {}", expected.join(", "))),
            };
        }
        let rendered = error.to_string();
        let detail = strip_position(first_line(&rendered));
        if line == 0 {
            self.fail(format!("yaml: {detail}"))
        } else {
            self.fail(format!("yaml: unmarshal errors:\n  line {line}: {detail}"))
        }
    }

    fn relative_dir(&self, word: &Spanned<String>, key: &str) -> Result<String, Error> {
        let cleaned = paths::clean(&word.value);
        if word.value.is_empty() || paths::escapes(&cleaned) {
            // buf's reasons ("decode buf.yaml: invalid module path: ../x: is outside the context
            // directory"), with our key and position in front.
            let value = &word.value;
            let reason = if value.is_empty() {
                "must not be empty"
            } else if value.starts_with('/') {
                "expected to be relative"
            } else {
                "is outside the context directory"
            };
            return Err(self
                .at(word, format!("{key}: {value:?} is invalid: {value}: {reason}"))
                .with_help(format!("paths in {} are relative to its directory and stay inside it", self.source)));
        }
        Ok(cleaned)
    }

    fn words(&self, words: &[Spanned<String>]) -> Vec<RuleWord> {
        let mut seen = Vec::<RuleWord>::new();
        for word in words.iter().filter(|w| !w.value.is_empty()) {
            if !seen.iter().any(|s| s.id == word.value) {
                seen.push(RuleWord { id: word.value.clone(), origin: Some(self.origin(&word.referenced)) });
            }
        }
        seen
    }

    fn v1(&self, version: FileVersion, file: raw::BufYamlV1) -> Result<Config, Error> {
        let mut module = ModuleConfig::new(version, ".");
        module.name = file.name;
        if let Some(build) = file.build {
            if !build.roots.is_empty() {
                if version == FileVersion::V1 {
                    return Err(self.at(&build.roots[0], "build.roots is only valid in v1beta1; in v1 the module root is the directory of buf.yaml (use a buf.work.yaml for several roots)"));
                }
                module.roots =
                    build.roots.iter().map(|r| self.relative_dir(r, "build.roots")).collect::<Result<_, _>>()?;
            }
            module.excludes =
                build.excludes.iter().map(|e| self.relative_dir(e, "build.excludes")).collect::<Result<_, _>>()?;
        }
        self.reject_deps(&file.deps)?;
        let lint = file.lint.unwrap_or_default();
        let mut lint_config = LintConfig::defaults(version);
        lint_config.comment_ignores = lint.allow_comment_ignores;
        lint_config.check = self.check(
            version,
            &module,
            &lint.use_ids,
            &lint.except,
            &lint.ignore,
            &lint.ignore_only,
            lint.disable_builtin,
            "lint",
        )?;
        apply_lint_options(
            &mut lint_config,
            lint.enum_zero_value_suffix,
            lint.service_suffix,
            [
                lint.rpc_allow_same_request_response,
                lint.rpc_allow_google_protobuf_empty_requests,
                lint.rpc_allow_google_protobuf_empty_responses,
            ],
        );
        module.lint = lint_config;
        module.breaking = self.breaking(version, &module, &file.breaking.unwrap_or_default())?;
        Ok(Config { version, from_file: true, modules: vec![module] })
    }

    fn v2(&self, file: raw::BufYamlV2) -> Result<Config, Error> {
        let version = FileVersion::V2;
        self.reject_deps(&file.deps)?;
        if !file.plugins.is_empty() || !file.policies.is_empty() {
            return Err(self
                .fail("plugins and policies are not supported by protogate: it runs only its built-in rules")
                .with_help("remove the plugins/policies keys, or run buf for those checks"));
        }
        let declared = if file.modules.is_empty() {
            vec![raw::ModuleV2 {
                path: None,
                name: file.name,
                includes: Vec::new(),
                excludes: Vec::new(),
                lint: None,
                breaking: None,
            }]
        } else {
            if file.name.is_some() {
                return Err(
                    self.fail("top-level \"name\" cannot be set when \"modules\" is set; name each module instead")
                );
            }
            file.modules
        };
        let mut modules = Vec::with_capacity(declared.len());
        for raw_module in declared {
            let dir = match &raw_module.path {
                Some(path) => self.relative_dir(path, "modules.path")?,
                None => ".".to_owned(),
            };
            let mut module = ModuleConfig::new(version, &dir);
            module.name = raw_module.name;
            module.includes = self.inside_module(&dir, &raw_module.includes, "includes")?;
            module.excludes = self.inside_module(&dir, &raw_module.excludes, "excludes")?;
            // A non-empty module-level block replaces the top-level one entirely.
            let (lint, lint_scoped) = match raw_module.lint {
                Some(lint) => (lint, true),
                None => (file.lint.as_ref().map(clone_lint_v2).unwrap_or_default(), false),
            };
            let lint_ignore = self.v2_paths(&dir, &lint.ignore, lint_scoped, "lint.ignore")?;
            let mut lint_config = LintConfig::defaults(version);
            lint_config.comment_ignores = !lint.disallow_comment_ignores;
            lint_config.check = self.v2_check(
                version,
                &dir,
                &lint.use_ids,
                &lint.except,
                lint_ignore,
                &lint.ignore_only,
                lint.disable_builtin,
                lint_scoped,
                "lint",
            )?;
            apply_lint_options(
                &mut lint_config,
                lint.enum_zero_value_suffix,
                lint.service_suffix,
                [
                    lint.rpc_allow_same_request_response,
                    lint.rpc_allow_google_protobuf_empty_requests,
                    lint.rpc_allow_google_protobuf_empty_responses,
                ],
            );
            module.lint = lint_config;
            let (breaking, breaking_scoped) = match raw_module.breaking {
                Some(b) => (b, true),
                None => (file.breaking.as_ref().map(clone_breaking).unwrap_or_default(), false),
            };
            let breaking_ignore = self.v2_paths(&dir, &breaking.ignore, breaking_scoped, "breaking.ignore")?;
            module.breaking = BreakingConfig {
                check: self.v2_check(
                    version,
                    &dir,
                    &breaking.use_ids,
                    &breaking.except,
                    breaking_ignore,
                    &breaking.ignore_only,
                    breaking.disable_builtin,
                    breaking_scoped,
                    "breaking",
                )?,
                ignore_unstable_packages: breaking.ignore_unstable_packages,
            };
            modules.push(module);
        }
        modules.sort_by(|a, b| a.dir.cmp(&b.dir));
        Ok(Config { version, from_file: true, modules })
    }

    fn reject_deps(&self, deps: &[Spanned<String>]) -> Result<(), Error> {
        match deps.first() {
            Some(dep) => Err(self.at(dep, format!("dependency {:?} is a Buf Schema Registry module, which protogate cannot fetch (it works offline)", dep.value))
                .with_help("vendor the dependency's .proto files into a local directory and list it as another module of a v2 buf.yaml (or a buf.work.yaml directory), then remove it from deps")),
            None => Ok(()),
        }
    }

    fn inside_module(&self, dir: &str, words: &[Spanned<String>], key: &str) -> Result<Vec<String>, Error> {
        words
            .iter()
            .map(|word| {
                let path = self.relative_dir(word, key)?;
                if paths::contains(dir, &path) && path != dir || dir == "." {
                    Ok(path)
                } else {
                    Err(self.at(word, format!("{key}: path {path:?} is not contained within module directory {dir:?}")))
                }
            })
            .collect()
    }

    /// v2 ignore paths are relative to buf.yaml and include the module path; they are mapped
    /// to module-relative paths. Top-level paths outside the module are dropped (buf does so);
    /// module-level ones are an error.
    fn v2_paths(&self, dir: &str, words: &[Spanned<String>], scoped: bool, key: &str) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        for word in words {
            let path = self.relative_dir(word, key)?;
            match paths::strip(dir, &path) {
                Some(inner) => out.push(inner),
                None if scoped => {
                    return Err(
                        self.at(word, format!("{key}: path {path:?} is not contained within module directory {dir:?}"))
                    );
                }
                None => {}
            }
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn v2_check(
        &self,
        version: FileVersion,
        dir: &str,
        use_ids: &[Spanned<String>],
        except: &[Spanned<String>],
        ignore: Vec<String>,
        ignore_only: &std::collections::BTreeMap<String, Vec<Spanned<String>>>,
        disable_builtin: bool,
        scoped: bool,
        key: &str,
    ) -> Result<CheckConfig, Error> {
        let mut only = Vec::new();
        for (rule, words) in ignore_only {
            let paths = self.v2_paths(dir, words, scoped, &format!("{key}.ignore_only"))?;
            only.push((self.rule_key(rule, words), paths));
        }
        Ok(finish_check(version, self.words(use_ids), self.words(except), ignore, only, disable_builtin))
    }

    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        version: FileVersion,
        module: &ModuleConfig,
        use_ids: &[Spanned<String>],
        except: &[Spanned<String>],
        ignore: &[Spanned<String>],
        ignore_only: &std::collections::BTreeMap<String, Vec<Spanned<String>>>,
        disable_builtin: bool,
        key: &str,
    ) -> Result<CheckConfig, Error> {
        let root_relative = |word: &Spanned<String>| -> Result<String, Error> {
            let path = self.relative_dir(word, &format!("{key}.ignore"))?;
            // v1beta1 with roots: ignore paths are relative to a root already (buf compares them
            // with import paths), so they are used as written.
            let _ = module;
            Ok(path)
        };
        let ignore = ignore.iter().map(root_relative).collect::<Result<Vec<_>, _>>()?;
        let mut only = Vec::new();
        for (rule, words) in ignore_only {
            let paths = words.iter().map(root_relative).collect::<Result<Vec<_>, _>>()?;
            only.push((self.rule_key(rule, words), paths));
        }
        Ok(finish_check(version, self.words(use_ids), self.words(except), ignore, only, disable_builtin))
    }

    fn breaking(
        &self,
        version: FileVersion,
        module: &ModuleConfig,
        breaking: &raw::Breaking,
    ) -> Result<BreakingConfig, Error> {
        Ok(BreakingConfig {
            check: self.check(
                version,
                module,
                &breaking.use_ids,
                &breaking.except,
                &breaking.ignore,
                &breaking.ignore_only,
                breaking.disable_builtin,
                "breaking",
            )?,
            ignore_unstable_packages: breaking.ignore_unstable_packages,
        })
    }

    /// `ignore_only` keys are plain map keys (no span of their own); point at their first path.
    fn rule_key(&self, rule: &str, words: &[Spanned<String>]) -> RuleWord {
        RuleWord { id: rule.to_owned(), origin: words.first().map(|w| self.origin(&w.referenced)) }
    }
}

fn finish_check(
    version: FileVersion,
    use_ids: Vec<RuleWord>,
    except: Vec<RuleWord>,
    ignore: Vec<String>,
    ignore_only: Vec<(RuleWord, Vec<String>)>,
    disable_builtin: bool,
) -> CheckConfig {
    let disabled = ignore.iter().any(|path| path == ".");
    CheckConfig { version, use_ids, except, ignore, ignore_only, disabled, disable_builtin }
}

fn apply_lint_options(
    config: &mut LintConfig,
    zero_suffix: Option<String>,
    service_suffix: Option<String>,
    [same, empty_requests, empty_responses]: [bool; 3],
) {
    if let Some(suffix) = zero_suffix {
        config.enum_zero_value_suffix = suffix;
    }
    if let Some(suffix) = service_suffix {
        config.service_suffix = suffix;
    }
    config.rpc_allow_same_request_response = same;
    config.rpc_allow_google_protobuf_empty_requests = empty_requests;
    config.rpc_allow_google_protobuf_empty_responses = empty_responses;
}

fn clone_lint_v2(lint: &raw::LintV2) -> raw::LintV2 {
    raw::LintV2 {
        use_ids: lint.use_ids.clone(),
        except: lint.except.clone(),
        ignore: lint.ignore.clone(),
        ignore_only: lint.ignore_only.clone(),
        enum_zero_value_suffix: lint.enum_zero_value_suffix.clone(),
        rpc_allow_same_request_response: lint.rpc_allow_same_request_response,
        rpc_allow_google_protobuf_empty_requests: lint.rpc_allow_google_protobuf_empty_requests,
        rpc_allow_google_protobuf_empty_responses: lint.rpc_allow_google_protobuf_empty_responses,
        service_suffix: lint.service_suffix.clone(),
        disallow_comment_ignores: lint.disallow_comment_ignores,
        disable_builtin: lint.disable_builtin,
    }
}

fn clone_breaking(b: &raw::Breaking) -> raw::Breaking {
    raw::Breaking {
        use_ids: b.use_ids.clone(),
        except: b.except.clone(),
        ignore: b.ignore.clone(),
        ignore_only: b.ignore_only.clone(),
        ignore_unstable_packages: b.ignore_unstable_packages,
        disable_builtin: b.disable_builtin,
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

/// serde-saphyr prefixes messages with `error: line L column C: `; the line is printed by us.
fn strip_position(message: &str) -> &str {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = match message.split_once(": ") {
        Some((position, rest)) if position.starts_with("line ") && position.contains(" column ") => rest,
        _ => message,
    };
    match message.rsplit_once(" at line ") {
        Some((text, position)) if position.contains(", column ") => text,
        _ => message,
    }
}
