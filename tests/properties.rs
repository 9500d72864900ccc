//! Property tests over random valid schemas (`tests/support/proto_model.rs`): a schema compiles,
//! lints, and is not breaking against itself; a single mutation is reported by the rule it
//! must trigger (or by none, for changes buf's FILE category allows); an image built from it
//! reads back as the same descriptors.
//!
//! 64 cases per property by default; `PROTOGATE_PROPTEST_CASES=N` runs N per property.

#[path = "support/proto_model.rs"]
mod proto_model;
#[path = "support/proto_mutation.rs"]
mod proto_mutation;
#[path = "support/proto_render.rs"]
mod proto_render;

use std::{fmt::Write, path::Path};

use proptest::{prelude::*, sample::Index, test_runner::TestCaseError};
use protogate::{
    Diagnostic,
    breaking::{BreakingOptions, ModuleComparison, breaking},
    compile::compile_tree,
    config::ModuleConfig,
    input::{ImageFile, ImageFormat, PathFilter, SourceTree, read_image, resolve_directory, write_image},
    lint::{ModuleLint, lint},
    schema::Schema,
};

use proto_model::Model;
use proto_mutation::{ALL, Mutation};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROTOGATE_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

struct Compiled {
    tree: SourceTree,
    schema: Schema,
}

fn fail(what: &str, detail: impl std::fmt::Display, model: &Model) -> TestCaseError {
    let sources = model.render().into_iter().fold(String::new(), |mut all, (path, text)| {
        let _ = write!(all, "--- {path}\n{text}");
        all
    });
    TestCaseError::fail(format!("{what}: {detail}\n{sources}"))
}

fn compile(dir: &Path, model: &Model) -> Result<Compiled, TestCaseError> {
    for (path, text) in model.render() {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("file in a directory")).expect("create dir");
        std::fs::write(&file, text).expect("write .proto");
    }
    let shown = dir.to_str().expect("utf-8 temp dir");
    let tree = resolve_directory(shown, None, &PathFilter::default()).map_err(|e| fail("resolve", e, model))?;
    let schema = compile_tree(&tree).map_err(|e| {
        let diagnostics: Vec<String> = e.compile_diagnostics().iter().map(|d| d.message.clone()).collect();
        fail("compile", format!("{e} {diagnostics:?}"), model)
    })?;
    Ok(Compiled { tree, schema })
}

fn configs(tree: &SourceTree) -> Vec<(usize, &ModuleConfig)> {
    tree.workspace.modules.iter().enumerate().filter(|(_, m)| m.targeted).map(|(i, m)| (i, &m.config)).collect()
}

/// `breaking current --against previous` with current's configs, as the CLI pairs modules.
fn breaking_findings(previous: &Schema, current: &Compiled, previous_is_image: bool) -> Vec<Diagnostic> {
    let modules: Vec<ModuleComparison<'_>> = configs(&current.tree)
        .into_iter()
        .map(|(i, config)| ModuleComparison {
            config: &config.breaking,
            current_module: Some(i),
            previous_module: (!previous_is_image).then_some(i),
        })
        .collect();
    breaking(previous, &current.schema, &modules, BreakingOptions::default()).expect("breaking runs").diagnostics
}

fn rules(findings: &[Diagnostic]) -> Vec<&str> {
    findings.iter().map(|d| d.rule.as_ref()).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_schema_compiles_lints_and_is_not_breaking_against_itself(model in proto_model::model()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let compiled = compile(dir.path(), &model)?;
        let modules: Vec<ModuleLint<'_>> =
            configs(&compiled.tree).into_iter().map(|(i, c)| ModuleLint { module: Some(i), config: &c.lint }).collect();
        lint(&compiled.schema, &modules).map_err(|e| fail("lint", e, &model))?;
        let findings = breaking_findings(&compiled.schema, &compiled, false);
        prop_assert!(findings.is_empty(), "{}", fail("breaking against itself", format!("{findings:#?}"), &model));
    }

    #[test]
    fn single_mutation_is_reported_by_its_rule(
        model in proto_model::model(),
        first in prop::sample::select(ALL.to_vec()),
        site in any::<Index>(),
    ) {
        let before_dir = tempfile::tempdir().expect("temp dir");
        let before = compile(before_dir.path(), &model)?;
        let mut mutated = model.clone();
        let mutation: Mutation = first.apply_first(&mut mutated, site);
        let after_dir = tempfile::tempdir().expect("temp dir");
        let after = compile(after_dir.path(), &mutated)?;
        let findings = breaking_findings(&before.schema, &after, false);
        let found = rules(&findings);
        match mutation.expected_rule() {
            Some(rule) => prop_assert!(
                found.contains(&rule),
                "{}",
                fail(&format!("{mutation:?} should be reported by {rule}"), format!("found {found:?}"), &mutated)
            ),
            None => prop_assert!(
                found.is_empty(),
                "{}",
                fail(&format!("{mutation:?} is not breaking"), format!("{findings:#?}"), &mutated)
            ),
        }
    }

    #[test]
    fn image_reads_back_as_the_compiled_descriptors(model in proto_model::model()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let compiled = compile(&dir.path().join("src"), &model)?;
        let files: Vec<ImageFile> = compiled
            .schema
            .files
            .iter()
            .map(|f| ImageFile { descriptor: f.descriptor.clone(), is_import: f.is_import, edition: f.edition, encoded: None })
            .collect();
        let image = dir.path().join("image.binpb");
        write_image(&files, ImageFormat::Binary, &image).map_err(|e| fail("write image", e, &model))?;
        let read = read_image(&image, ImageFormat::Binary).map_err(|e| fail("read image", e, &model))?;
        prop_assert_eq!(read.len(), files.len());
        for (read, written) in read.iter().zip(&files) {
            prop_assert_eq!(&read.descriptor, &written.descriptor);
            prop_assert_eq!(read.is_import, written.is_import);
            prop_assert_eq!(read.edition, written.edition);
        }
        let from_image = protogate::compile::schema_from_image(read);
        let findings = breaking_findings(&from_image, &compiled, true);
        prop_assert!(findings.is_empty(), "{}", fail("breaking against its own image", format!("{findings:#?}"), &model));
    }
}
