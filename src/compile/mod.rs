//! The compile stage: source files → [`Schema`]. One interface (`compile_tree`) so the inside
//! (protox today, a parallel linker later) can change without touching inputs or checks.
//!
//! protox parses and links; `editions` is our front-end for `edition = "2023"/"2024"` files,
//! which protox 0.10 rejects; `buf_errors` turns protox's errors into buf's words.

mod buf_errors;
mod editions;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};

use protox::file::{File, FileResolver, GoogleFileResolver};

use crate::{
    Error,
    diagnostic::{COMPILE, Diagnostic, FileRef, Span},
    input::{ImageFile, SourceTree},
    schema::{Schema, SchemaFile},
};

/// Compiles the targets of `tree` with everything they import.
pub fn compile_tree(tree: &SourceTree) -> Result<Schema, Error> {
    let shared = Arc::new(Shared::default());
    let disk_paths = tree.files.iter().map(|f| (f.file_ref.module_path.clone(), f.disk_path.clone())).collect();
    let resolver = TreeResolver { disk_paths, shared: shared.clone(), google: GoogleFileResolver::new() };
    let mut compiler = protox::Compiler::with_file_resolver(resolver);
    compiler.include_source_info(true).include_imports(true);
    let targets: Vec<&str> = tree.targets().map(|f| f.file_ref.module_path.as_str()).collect();
    if let Err(error) = compiler.open_files(&targets) {
        return Err(Error::compile(compile_diagnostics(tree, &shared, &error)));
    }
    let is_import: HashMap<String, bool> = compiler.files().map(|f| (f.name().to_owned(), f.is_import())).collect();
    let set = compiler.file_descriptor_set();
    let mut fixups = std::mem::take(&mut *lock(&shared.fixups));
    let files = set
        .file
        .into_iter()
        .map(|mut descriptor| {
            let name = descriptor.name().to_owned();
            if let Some(fixup) = fixups.remove(&name) {
                editions::finish(&mut descriptor, &fixup);
            }
            let source_file = tree.find(&name);
            let file_ref = source_file.map_or_else(
                || FileRef { external_path: name.clone(), module_path: name.clone() },
                |f| f.file_ref.clone(),
            );
            SchemaFile::new(
                descriptor,
                is_import.get(&name).copied().unwrap_or(true),
                file_ref,
                source_file.map(|f| f.module),
                shared.source(&name),
            )
        })
        .collect();
    Ok(Schema { files })
}

/// A schema read from an image: no sources, so spans are used as recorded.
pub fn schema_from_image(files: Vec<ImageFile>) -> Schema {
    let files = files
        .into_iter()
        .map(|file| {
            let name = file.descriptor.name().to_owned();
            let file_ref = FileRef { external_path: name.clone(), module_path: name };
            SchemaFile::new(file.descriptor, file.is_import, file_ref, None, None)
        })
        .collect();
    Schema { files }
}

fn compile_diagnostics(tree: &SourceTree, shared: &Shared, error: &protox::Error) -> Vec<Diagnostic> {
    let early = std::mem::take(&mut *lock(&shared.early_errors));
    let messages = if early.is_empty() { buf_errors::translate(error, &|name| shared.source(name)) } else { early };
    messages
        .into_iter()
        .map(|m| {
            let file_ref = tree.find(&m.file).map_or_else(
                || FileRef { external_path: m.file.clone(), module_path: m.file.clone() },
                |f| f.file_ref.clone(),
            );
            diagnostic(Some(file_ref), m.line, m.column, m.message)
        })
        .collect()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the resolver learns while protox drives it, read back after compiling.
#[derive(Default)]
#[allow(clippy::zero_sized_map_values)] // the fixup is empty until editions lands
struct Shared {
    sources: Mutex<HashMap<String, Arc<str>>>,
    fixups: Mutex<HashMap<String, editions::EditionsFixup>>,
    early_errors: Mutex<Vec<buf_errors::CompileMessage>>,
}

impl Shared {
    fn source(&self, name: &str) -> Option<Arc<str>> {
        lock(&self.sources).get(name).cloned()
    }
}

/// Serves files to protox from the source tree, reading each file once and keeping its text
/// for locations and error messages.
struct TreeResolver {
    disk_paths: HashMap<String, std::path::PathBuf>,
    shared: Arc<Shared>,
    google: GoogleFileResolver,
}

impl TreeResolver {
    fn fail(&self, name: &str, line: u32, column: u32, message: String) -> protox::Error {
        lock(&self.shared.early_errors).push(buf_errors::CompileMessage {
            file: name.to_owned(),
            line,
            column,
            message: message.clone(),
        });
        protox::Error::new(std::io::Error::other(message))
    }
}

impl FileResolver for TreeResolver {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        let Some(disk_path) = self.disk_paths.get(name) else {
            return self.google.open_file(name);
        };
        let bytes =
            std::fs::read(disk_path).map_err(|e| self.fail(name, 0, 0, Error::io(disk_path, &e).to_string()))?;
        let text: Arc<str> = match String::from_utf8(bytes) {
            Ok(text) => text.into(),
            Err(invalid) => {
                let offset = invalid.utf8_error().valid_up_to();
                let (line, column) = line_column(&invalid.as_bytes()[..offset]);
                return Err(self.fail(name, line, column, "invalid UTF-8 encoding".to_owned()));
            }
        };
        lock(&self.shared.sources).insert(name.to_owned(), text.clone());
        match editions::prepare(name, &text) {
            Ok(None) => File::from_source(name, &text),
            Ok(Some((descriptor, fixup))) => {
                lock(&self.shared.fixups).insert(name.to_owned(), fixup);
                Ok(File::from_file_descriptor_proto(descriptor))
            }
            Err(error) => {
                let (line, column) = line_column(&text.as_bytes()[..error.span.start.min(text.len())]);
                Err(self.fail(name, line, column, error.message))
            }
        }
    }
}

/// 1-based line and byte column just after `before`.
fn line_column(before: &[u8]) -> (u32, u32) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
    (line as u32, column as u32)
}

pub(crate) fn diagnostic(file_ref: Option<FileRef>, line: u32, column: u32, message: String) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(COMPILE, message);
    diagnostic.file = file_ref;
    diagnostic.span = Span::new(line, column, line, column);
    diagnostic
}
