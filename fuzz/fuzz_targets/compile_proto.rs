//! One in-memory .proto file through the whole pipeline: resolve, compile (parser, linker,
//! editions front-end), lint, and breaking against itself. Any panic or abort is a finding;
//! errors are the expected answer to most inputs.
#![no_main]

use std::{io, sync::Arc};

use libfuzzer_sys::fuzz_target;
use protogate::{
    Error,
    breaking::{BreakingOptions, ModuleComparison, breaking},
    compile::compile_tree,
    input::{PathFilter, Store, resolve_in_store},
    lint::{ModuleLint, lint},
};

const FILE: &str = "fuzz.proto";

/// A store holding the one file at its root.
#[derive(Debug)]
struct OneFile(Vec<u8>);

impl Store for OneFile {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        if path == FILE { Ok(self.0.clone()) } else { Err(io::Error::from(io::ErrorKind::NotFound)) }
    }

    fn is_file(&self, path: &str) -> bool {
        path == FILE
    }

    // Workspace discovery asks about the root as "" and its module as ".".
    fn is_dir(&self, path: &str) -> bool {
        path.is_empty() || path == "."
    }

    fn protos_under(&self, dir: &str) -> Result<Vec<String>, Error> {
        Ok(if self.is_dir(dir) { vec![FILE.to_owned()] } else { Vec::new() })
    }

    fn describe(&self, path: &str) -> String {
        path.to_owned()
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(tree) = resolve_in_store(Arc::new(OneFile(data.to_vec())), "", ".", None, &PathFilter::default()) else {
        return;
    };
    let Ok(schema) = compile_tree(&tree) else { return };
    let modules = &tree.workspace.modules;
    let lints: Vec<ModuleLint<'_>> =
        modules.iter().enumerate().map(|(i, m)| ModuleLint { module: Some(i), config: &m.config.lint }).collect();
    let _ = lint(&schema, &lints);
    let comparisons: Vec<ModuleComparison<'_>> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| ModuleComparison { config: &m.config.breaking, current_module: Some(i), previous_module: Some(i) })
        .collect();
    let report = breaking(&schema, &schema, &comparisons, BreakingOptions::default());
    // A file compared with itself breaks nothing.
    assert!(report.map(|r| r.diagnostics.is_empty()).unwrap_or(true), "breaking against itself reported findings");
});
