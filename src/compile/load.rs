//! Reading and parsing every file reachable from the targets: each file read once, parsed in
//! parallel one level of the import graph at a time.

use std::{collections::HashMap, sync::Arc};

use prost_types::FileDescriptorProto;
use rayon::prelude::*;

mod limits;

use super::{buf_errors::CompileMessage, editions, link::ParsedFile, source_info::Detached};
use crate::{
    Error,
    input::{SourceFile, SourceTree},
};

/// One file as read: its text as buf counts positions, the text the parser gets, and the parse.
pub struct Loaded {
    /// The file's text (lossy for invalid UTF-8), BOM included: error positions count it.
    pub original: Arc<str>,
    /// What protox parses, when it is not `original`: the text without a BOM (protox rejects
    /// one, buf ignores it), or nothing for a binary file.
    pub parse_text: Option<String>,
    pub parsed: Result<Parsed, Failure>,
}

pub struct Parsed {
    /// The descriptor without its source info (which `detached` holds), as the linker takes it.
    pub descriptor: ParsedFile,
    /// Whether the file declares an extension that may make the compile keep encodings (see
    /// `might_keep_encoding`).
    pub might_keep_encoding: bool,
    pub fixup: Option<editions::EditionsFixup>,
    pub detached: Option<Detached>,
}

/// What the parser makes of a file, before its source info is taken off.
struct Raw {
    descriptor: FileDescriptorProto,
    fixup: Option<editions::EditionsFixup>,
}

/// Why a file did not parse, translated to buf's words once every file is loaded.
pub enum Failure {
    Protox(protox::Error),
    Messages(Vec<CompileMessage>),
}

/// Loads the targets and, transitively, every file of the tree they import.
pub fn load_reachable(tree: &SourceTree, targets: &[String]) -> Result<Reachable, Error> {
    let mut loaded: HashMap<String, Loaded> = HashMap::new();
    let mut importable: HashMap<String, SourceFile> = HashMap::new();
    // Imports found nowhere (the well-known types, mostly), probed once each.
    let mut absent: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut frontier: Vec<String> = targets.to_vec();
    while !frontier.is_empty() {
        frontier.sort();
        frontier.dedup();
        let find = |name: &str| tree.find(name).or_else(|| importable.get(name));
        let level: Vec<(String, Result<Loaded, Error>)> =
            frontier.par_iter().map(|name| (name.clone(), load_one(tree, find(name), name))).collect();
        let mut next = Vec::new();
        for (name, file) in level {
            let file = file?;
            if let Ok(parsed) = &file.parsed {
                for dependency in &parsed.descriptor.dependency {
                    if loaded.contains_key(dependency) || absent.contains(dependency) {
                        continue;
                    }
                    if tree.find(dependency).is_some() || importable.contains_key(dependency) {
                        next.push(dependency.clone());
                    } else if let Some(file) =
                        // A file found by its path alone never shadows a well-known type.
                        tree.importable(dependency).filter(|_| !super::is_well_known(dependency))
                    {
                        importable.insert(dependency.clone(), file);
                        next.push(dependency.clone());
                    } else {
                        absent.insert(dependency.clone());
                    }
                }
            }
            loaded.insert(name, file);
        }
        next.retain(|dep| !loaded.contains_key(dep));
        frontier = next;
    }
    Ok(Reachable { loaded, importable: importable.into_values().collect() })
}

/// The files reachable from the targets, and those of them found only by their import path
/// (see [`SourceTree::importable`]).
pub struct Reachable {
    pub loaded: HashMap<String, Loaded>,
    pub importable: Vec<SourceFile>,
}

fn load_one(tree: &SourceTree, file: Option<&SourceFile>, name: &str) -> Result<Loaded, Error> {
    let Some(file) = file else {
        return Err(Error::new(format!("internal: {name} is not in the source tree")));
    };
    let bytes = tree.read(file)?;
    match String::from_utf8(bytes) {
        Ok(text) => {
            let without_bom = text.strip_prefix('\u{feff}');
            let parsed = parse(name, without_bom.unwrap_or(&text)).map(|raw| raw.finish(&text));
            let parse_text = without_bom.map(str::to_owned);
            Ok(Loaded { original: text.into(), parse_text, parsed })
        }
        Err(invalid) => {
            let bytes = invalid.into_bytes();
            let lossy: Arc<str> = String::from_utf8_lossy(&bytes).into_owned().into();
            if looks_binary(&bytes, &lossy) {
                // buf reads mostly-binary and UTF-16 files as empty files, without an error.
                let parsed = parse(name, "").map(|raw| raw.finish(&lossy));
                return Ok(Loaded { original: lossy, parse_text: Some(String::new()), parsed });
            }
            let before = &bytes[..std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to())];
            let (line, column) = line_column(before);
            let failure = Failure::Messages(vec![CompileMessage {
                file: name.to_owned(),
                line,
                column,
                message: "input appears to be encoded with UTF-8, but found invalid byte".to_owned(),
            }]);
            Ok(Loaded { original: lossy, parse_text: None, parsed: Err(failure) })
        }
    }
}

fn parse(name: &str, text: &str) -> Result<Raw, Failure> {
    if let Some(offset) = limits::too_deep(text) {
        return Err(limit_failure(name, text, offset, limits::MESSAGE));
    }
    let parsed = parse_unchecked(name, text)?;
    if let Some(offset) = limits::package_too_long(text, parsed.descriptor.package()) {
        return Err(limit_failure(name, text, offset, limits::PACKAGE_MESSAGE));
    }
    Ok(parsed)
}

fn limit_failure(name: &str, text: &str, offset: usize, message: &str) -> Failure {
    let (line, column) = line_column(&text.as_bytes()[..offset]);
    Failure::Messages(vec![CompileMessage { file: name.to_owned(), line, column, message: message.to_owned() }])
}

fn parse_unchecked(name: &str, text: &str) -> Result<Raw, Failure> {
    match editions::prepare(name, text) {
        Ok(Some((descriptor, fixup))) => Ok(Raw { descriptor, fixup: Some(fixup) }),
        Ok(None) => protox_parse::parse(name, text)
            .map(|descriptor| Raw { descriptor, fixup: None })
            .map_err(|e| Failure::Protox(protox::Error::from(e))),
        Err(error) => {
            let before = &text.as_bytes()[..error.span.start.min(text.len())];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
            Err(Failure::Messages(vec![CompileMessage {
                file: name.to_owned(),
                line: line as u32,
                column: column as u32,
                message: error.message,
            }]))
        }
    }
}

impl Raw {
    /// Takes the source info off the descriptor (see [`Detached`]) and encodes the rest for the
    /// linker; `original` is the file's text.
    fn finish(mut self, original: &str) -> Parsed {
        let detached = Detached::take(&mut self.descriptor, original, self.fixup.is_some());
        Parsed {
            descriptor: ParsedFile::new(&self.descriptor),
            might_keep_encoding: super::might_keep_encoding(std::iter::once(&self.descriptor)),
            fixup: self.fixup,
            detached,
        }
    }
}

/// 1-based line and byte column just after `before`.
fn line_column(before: &[u8]) -> (u32, u32) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
    (line as u32, column as u32)
}

/// What buf reads as an empty file: UTF-16 (a byte-order mark, or a NUL in the first two
/// bytes) or at least a fifth of the bytes invalid.
fn looks_binary(bytes: &[u8], lossy: &str) -> bool {
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || bytes.first() == Some(&0)
        || bytes.get(1) == Some(&0);
    let invalid = lossy.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    utf16 || invalid * 5 >= bytes.len().max(1)
}
