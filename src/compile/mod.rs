//! The compile stage: source files → [`Schema`]. One interface (`compile_tree`) so the inside
//! can change (issue: a parallel linker) without touching inputs or checks.
//!
//! 1. `load`: read each reachable file once, parse it (in parallel, level by level of the import
//!    graph) with protox's parser or, for `edition = ...` files, our `editions` front-end.
//! 2. Any parse error: report every file's errors in buf's words (`buf_errors`) and stop.
//! 3. Link the pre-parsed descriptors with protox (no second parse on the happy path).
//! 4. A link error: compile again from source, file by file, so every file's errors come out
//!    with positions, as buf reports them.

mod align;
mod buf_errors;
mod editions;
mod features_literal;
mod link;
mod load;
mod option_paths;
mod own_errors;
mod source_info;
mod validate;

use std::{collections::HashMap, sync::Arc};

use protox::file::{File, FileResolver, GoogleFileResolver};

use crate::{
    Error,
    diagnostic::{COMPILE, Diagnostic, FileRef, Span},
    input::{ImageFile, SourceTree},
    schema::{Schema, SchemaFile},
};

use buf_errors::CompileMessage;
use load::{Failure, load_reachable};

/// What a compile keeps beyond what every check reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct CompileOptions {
    /// The linker's encoding of every file, whose options keep their extensions: images are
    /// written from it.
    pub keep_encodings: bool,
}

/// Compiles the targets of `tree` with everything they import.
pub fn compile_tree(tree: &SourceTree) -> Result<Schema, Error> {
    compile_tree_with(tree, CompileOptions::default())
}

/// [`compile_tree`], keeping what `options` asks for.
pub fn compile_tree_with(tree: &SourceTree, options: CompileOptions) -> Result<Schema, Error> {
    let targets: Vec<String> = tree.targets().map(|f| f.file_ref.module_path.clone()).collect();
    let load::Reachable { loaded, importable } = load_reachable(tree, &targets)?;
    let extended;
    let tree = if importable.is_empty() {
        tree
    } else {
        extended = tree.with_files(importable);
        &extended
    };
    let originals: HashMap<String, Arc<str>> =
        loaded.iter().map(|(name, l)| (name.clone(), l.original.clone())).collect();
    let source = |name: &str| originals.get(name).cloned();
    let Gathered { messages, fallback, descriptors, might_keep_encoding, fixups, detached } = gather(loaded, &source);
    if !messages.is_empty() {
        return Err(compile_failure(tree, messages, &HashMap::new(), &originals));
    }
    let missing = missing_imports(tree, &descriptors);
    let is_target: std::collections::HashSet<&str> = targets.iter().map(String::as_str).collect();
    let detached = std::sync::Mutex::new(detached);
    let relink_resolver = std::sync::OnceLock::new();
    let relink = |name: &str| relink_alone(relink_resolver.get_or_init(|| fallback.resolver(&originals)), name);
    let run = |pool: &prost_reflect::DescriptorPool| option_paths::PoolScopes::new(pool.clone());
    let file = |scopes: &option_paths::PoolScopes, linked: &prost_reflect::FileDescriptor| {
        let mut descriptor = linked.file_descriptor_proto().clone();
        let name = descriptor.name().to_owned();
        let parts = detached.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&name);
        let fixup = fixups.get(&name);
        let reattach = source_info::Reattach {
            scope: scopes,
            fixup,
            source: originals.get(&name).map(|text| &**text),
            relink: &relink,
        };
        let info = reattach.finish(&mut descriptor, parts);
        let source_file = tree.find(&name);
        let file_ref = source_file
            .map_or_else(|| FileRef { external_path: name.clone(), module_path: name.clone() }, |f| f.file_ref.clone());
        let text = originals.get(&name).cloned();
        let is_import = !is_target.contains(name.as_str());
        let mut file = SchemaFile::new(descriptor, is_import, file_ref, source_file.map(|f| f.module), text)
            .with_source_info(info);
        // The linker's encoding keeps option extensions and `features`, which prost-types drops.
        let keep = options.keep_encodings || (might_keep_encoding && !is_import);
        let encoded: Option<Arc<[u8]>> = (keep || fixup.is_some()).then(|| linked.encode_to_vec().into());
        if let Some(bytes) = encoded.as_ref().filter(|_| keep) {
            file = file.with_encoding(bytes.clone());
        }
        match fixup {
            Some(fixup) => {
                let explicit = encoded.as_deref().map(crate::schema::features::extract).unwrap_or_default();
                file.with_edition(fixup.edition(), explicit)
            }
            None => file,
        }
    };
    let finish = link::Finish { run: &run, file: &file };
    let files = match link::link(descriptors, &targets, &finish) {
        Ok(files) => files,
        Err(error) => {
            let resolver = fallback.resolver(&originals);
            let mut messages = relink_for_errors(&resolver, &targets, &source);
            if !missing.is_empty() {
                // buf goes on past a missing import and reports every use of what it would have
                // declared; stand in empty files for the missing imports to find those uses.
                let mut stubbed = resolver.clone();
                for path in missing.values().flatten() {
                    let stub = prost_types::FileDescriptorProto { name: Some(path.clone()), ..Default::default() };
                    Arc::make_mut(&mut stubbed.files).insert(path.clone(), File::from_file_descriptor_proto(stub));
                }
                messages.extend(relink_for_errors(&stubbed, &targets, &source));
            }
            if messages.is_empty() {
                messages = buf_errors::translate(&error, &source);
            }
            return Err(compile_failure(tree, messages, &missing, &originals));
        }
    };
    let invalid = validate::validate(&files);
    if !invalid.is_empty() {
        return Err(compile_failure(tree, invalid, &missing, &originals));
    }
    Ok(Schema { files })
}

/// [`Schema::keeps_encoding`] before linking, when extendees are still as written: true for
/// every tree it is true for after linking (and, rarely, a few more).
pub(super) fn might_keep_encoding<'a>(parsed: impl IntoIterator<Item = &'a prost_types::FileDescriptorProto>) -> bool {
    Schema::declares_extension(parsed, |e| {
        matches!(e.number(), 1159 | 1160)
            && ["FieldOptions", "MessageOptions", "OneofOptions"].iter().any(|o| e.extendee().ends_with(o))
    })
}

/// The loaded files, taken apart for the stages after parsing.
#[derive(Default)]
struct Gathered {
    messages: Vec<CompileMessage>,
    fallback: FallbackSources,
    descriptors: HashMap<String, link::ParsedFile>,
    /// Whether some file may make the compile keep the targets' encodings.
    might_keep_encoding: bool,
    fixups: HashMap<String, editions::EditionsFixup>,
    /// Source info is linked apart (see `source_info`).
    detached: HashMap<String, source_info::Detached>,
}

#[allow(clippy::zero_sized_map_values)] // the editions fixup may carry nothing
fn gather(mut loaded: HashMap<String, load::Loaded>, source: &dyn Fn(&str) -> Option<Arc<str>>) -> Gathered {
    let mut gathered = Gathered::default();
    let mut names: Vec<String> = loaded.keys().cloned().collect();
    names.sort();
    for name in names {
        let Some(file) = loaded.remove(&name) else { continue };
        match file.parsed {
            Err(Failure::Protox(error)) => gathered.messages.extend(buf_errors::translate(&error, source)),
            Err(Failure::Messages(found)) => gathered.messages.extend(found),
            Ok(parsed) => {
                let for_errors = match (&parsed.fixup, file.parse_text) {
                    (Some(_), _) => FallbackFile::Parsed(Box::new(prost_types::FileDescriptorProto {
                        source_code_info: parsed.detached.as_ref().and_then(|d| d.as_parsed()).cloned(),
                        ..parsed.descriptor.decode().unwrap_or_default()
                    })),
                    (None, None) => FallbackFile::Original,
                    (None, Some(text)) => FallbackFile::Text(text),
                };
                gathered.fallback.files.insert(name.clone(), for_errors);
                if let Some(parts) = parsed.detached {
                    gathered.detached.insert(name.clone(), parts);
                }
                gathered.might_keep_encoding |= parsed.might_keep_encoding;
                gathered.descriptors.insert(name.clone(), parsed.descriptor);
                if let Some(fixup) = parsed.fixup {
                    gathered.fixups.insert(name, fixup);
                }
            }
        }
    }
    gathered
}

/// A file linked again from source, alone, for its source info (option paths rewritten by
/// prost-reflect itself).
fn relink_alone(resolver: &OwnedSourceResolver, name: &str) -> Option<prost_types::SourceCodeInfo> {
    let mut alone = protox::Compiler::with_file_resolver(resolver.clone());
    alone.include_source_info(true);
    alone.open_file(name).ok()?;
    alone.file_descriptor_set().file.into_iter().find(|f| f.name() == name)?.source_code_info
}

/// A schema read from an image: no sources, so spans are used as recorded.
pub fn schema_from_image(files: Vec<ImageFile>) -> Schema {
    let files = files
        .into_iter()
        .map(|file| {
            let name = file.descriptor.name().to_owned();
            let file_ref = FileRef { external_path: name.clone(), module_path: name };
            let schema_file = SchemaFile::new(file.descriptor, file.is_import, file_ref, None, None);
            let schema_file = match file.edition {
                Some(edition) => schema_file.with_edition(edition, crate::schema::features::ExplicitFeatures::new()),
                None => schema_file,
            };
            match file.encoded {
                Some(encoded) => schema_file.with_encoding(encoded),
                _ => schema_file,
            }
        })
        .collect();
    Schema { files }
}

/// The error path: compile from source (so protox's errors carry positions), all targets at once
/// and then each on its own, collecting every file's errors as buf does.
fn relink_for_errors(
    fallback: &OwnedSourceResolver,
    targets: &[String],
    source: &dyn Fn(&str) -> Option<Arc<str>>,
) -> Vec<CompileMessage> {
    fn compile(resolver: impl FileResolver + 'static, files: &[String]) -> Option<protox::Error> {
        let mut compiler = protox::Compiler::with_file_resolver(resolver);
        compiler.include_source_info(true);
        compiler.open_files(files).err()
    }
    let mut messages = Vec::new();
    if let Some(error) = compile(fallback.clone(), targets) {
        messages.extend(buf_errors::translate(&error, source));
        let stripped = own_errors::WithoutOptions::new(&fallback.files, is_well_known);
        for target in targets {
            messages.extend(own_errors_of(target, stripped.around(target, fallback.clone()), source));
        }
    }
    messages
}

/// The errors of `target` itself, compiled alone. An error in a dependency here is an artefact of
/// leaving out its options and imports (its real errors come from its own compile): what it
/// cannot resolve is taken out of it, and the compile tried again.
fn own_errors_of(
    target: &str,
    mut resolver: own_errors::OwnErrors<OwnedSourceResolver>,
    source: &dyn Fn(&str) -> Option<Arc<str>>,
) -> Vec<CompileMessage> {
    const MAX_REPAIRS: usize = 16;
    let unresolved = |message: &CompileMessage| {
        message.message.strip_prefix("cannot find `").and_then(|m| m.strip_suffix("` in this scope")).map(str::to_owned)
    };
    let mut found = Vec::new();
    for _ in 0..MAX_REPAIRS {
        let mut compiler = protox::Compiler::with_file_resolver(resolver.clone());
        compiler.include_source_info(true);
        let Err(error) = compiler.open_files([target]) else { break };
        if error.to_string().starts_with("import cycle detected") {
            break;
        }
        let (own, elsewhere): (Vec<_>, Vec<_>) =
            buf_errors::translate(&error, source).into_iter().partition(|m| m.file == target);
        let repaired = if own.is_empty() {
            let mut repaired = false;
            for message in &elsewhere {
                if let Some(name) = unresolved(message) {
                    repaired |= resolver.forget_type(&message.file, &name);
                }
            }
            repaired
        } else {
            // Only unresolved types: replaced, the compile gets as far as the options.
            let types: Option<Vec<(u32, u32, String)>> =
                own.iter().map(|m| unresolved(m).map(|name| (m.line, m.column, name))).collect();
            let repaired = types.is_some_and(|types| resolver.forget_target_types(&types));
            found.extend(own);
            repaired
        };
        if !repaired {
            break;
        }
    }
    found
}

/// Files protox provides itself (`google/protobuf/*.proto`, as `GoogleFileResolver` lists them).
fn is_well_known(import_path: &str) -> bool {
    GoogleFileResolver::new().open_file(import_path).is_ok()
}

/// Imports of each parsed file that neither the workspace nor the well-known types provide.
fn missing_imports(tree: &SourceTree, descriptors: &HashMap<String, link::ParsedFile>) -> HashMap<String, Vec<String>> {
    descriptors
        .iter()
        .filter_map(|(name, descriptor)| {
            let missing: Vec<String> = descriptor
                .dependency
                .iter()
                .filter(|dep| tree.find(dep).is_none() && !is_well_known(dep))
                .cloned()
                .collect();
            (!missing.is_empty()).then(|| (name.clone(), missing))
        })
        .collect()
}

fn missing_import_help(missing: &[String]) -> String {
    let list = missing.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", ");
    format!(
        "{list} is not in any module of this workspace and Buf Schema Registry dependencies cannot be fetched offline; \
         put the directory that holds it in the workspace (a `modules:` entry of a v2 buf.yaml, or a buf.work.yaml directory)"
    )
}

fn compile_failure(
    tree: &SourceTree,
    mut messages: Vec<CompileMessage>,
    missing: &HashMap<String, Vec<String>>,
    originals: &HashMap<String, Arc<str>>,
) -> Error {
    messages.sort_by(|a, b| (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message)));
    messages.dedup();
    let diagnostics = messages
        .into_iter()
        .map(|m| {
            let file_ref = tree.find(&m.file).map_or_else(
                || FileRef { external_path: m.file.clone(), module_path: m.file.clone() },
                |f| f.file_ref.clone(),
            );
            let help = (m.message == "imported file does not exist")
                .then(|| missing.get(&m.file))
                .flatten()
                .map(|list| missing_import_help(list));
            let end_column = originals.get(&m.file).map_or(m.column, |text| token_end(text, m.line, m.column));
            let mut diagnostic = diagnostic(Some(file_ref), m.line, m.column, m.message);
            diagnostic.span.end_column = end_column;
            diagnostic.help = help;
            diagnostic
        })
        .collect();
    Error::compile(diagnostics)
}

/// The (byte) column just past the token at 1-based `line`:`column`: buf's compile errors span
/// the offending token (an identifier, number, string literal or one punctuation character).
fn token_end(text: &str, line: u32, column: u32) -> u32 {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1) as usize) else { return column };
    let start = column.saturating_sub(1) as usize;
    let Some(rest) = line_text.get(start..) else { return column };
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else { return column };
    let len = match first {
        '"' | '\'' => rest[1..].find(first).map_or(rest.len(), |i| i + 2),
        c if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' => rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-' || c == '+'))
            .unwrap_or(rest.len()),
        c => c.len_utf8(),
    };
    column + len as u32
}

/// What the error path needs to re-open a file from source, gathered without parsing twice.
#[derive(Default)]
struct FallbackSources {
    files: HashMap<String, FallbackFile>,
}

enum FallbackFile {
    /// The original text is what protox parses.
    Original,
    /// The text protox parses differs from the original (a BOM was removed, or binary → empty).
    Text(String),
    /// An editions file: our front-end's descriptor.
    Parsed(Box<prost_types::FileDescriptorProto>),
}

impl FallbackSources {
    fn resolver(&self, originals: &HashMap<String, Arc<str>>) -> OwnedSourceResolver {
        let files = self
            .files
            .iter()
            .filter_map(|(name, file)| {
                let opened = match file {
                    FallbackFile::Original => File::from_source(name, originals.get(name)?).ok()?,
                    FallbackFile::Text(text) => File::from_source(name, text).ok()?,
                    FallbackFile::Parsed(descriptor) => File::from_file_descriptor_proto((**descriptor).clone()),
                };
                Some((name.clone(), opened))
            })
            .collect();
        OwnedSourceResolver { files: Arc::new(files) }
    }
}

/// The error path: serves source text so protox's errors carry spans.
#[derive(Clone)]
struct OwnedSourceResolver {
    files: Arc<HashMap<String, File>>,
}

impl FileResolver for OwnedSourceResolver {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        match self.files.get(name) {
            Some(file) => Ok(file.clone()),
            None => GoogleFileResolver::new().open_file(name),
        }
    }
}

pub(crate) fn diagnostic(file_ref: Option<FileRef>, line: u32, column: u32, message: String) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(COMPILE, message);
    diagnostic.file = file_ref;
    diagnostic.span = Span::new(line, column, line, column);
    diagnostic
}
