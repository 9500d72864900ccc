//! What the directory and package rules share: grouping a module's files by directory or by
//! package (the empty package is a group of its own), locating a finding on the `package`
//! statement, and the one-value-per-package check behind the `PACKAGE_SAME_*` file options.

use std::collections::{BTreeMap, BTreeSet};

use prost_types::FileOptions;

use crate::{lint::prelude::*, schema::SchemaFile};

/// The file's module-relative directory, `.` at the module root (Go's `normalpath.Dir`).
pub fn directory(file: &SchemaFile) -> &str {
    file.descriptor.name().rsplit_once('/').map_or(".", |(dir, _)| dir)
}

/// The files grouped by `key`, groups in key order, files in module order.
pub fn group_by<'a, K: Ord>(
    files: &[&'a SchemaFile],
    key: impl Fn(&'a SchemaFile) -> K,
) -> BTreeMap<K, Vec<&'a SchemaFile>> {
    let mut groups: BTreeMap<K, Vec<&'a SchemaFile>> = BTreeMap::new();
    for &file in files {
        groups.entry(key(file)).or_default().push(file);
    }
    groups
}

/// A finding on the file's `package` statement, or on the file when it has none.
pub fn at_package<'a>(found: &mut Findings<'a>, file: &'a SchemaFile, message: String) {
    at_or_file(found, file, vec![tag::FILE_PACKAGE], message);
}

/// A finding at `path`, or on the file when `path` has no source location (buf's nil location).
pub fn at_or_file<'a>(found: &mut Findings<'a>, file: &'a SchemaFile, path: Vec<i32>, message: String) {
    if file.location(&path).is_some() {
        found.at_path(file, path, message);
    } else {
        found.file_level(file, message);
    }
}

/// `PACKAGE_SAME_<OPTION>`: within a package, every file has the same value for the file option
/// `name` (field `number` of `FileOptions`); `value` returns `""` when the option is unset.
/// Every file of a package with several values is reported, on its option statement.
pub fn check_same_option<'a>(
    cx: &LintContext<'a>,
    found: &mut Findings<'a>,
    name: &str,
    number: i32,
    value: impl Fn(&FileOptions) -> String,
) {
    let value_of = |file: &SchemaFile| file.descriptor.options.as_ref().map(&value).unwrap_or_default();
    for (package, files) in group_by(cx.files(), |f| f.descriptor.package()) {
        let mut values: BTreeSet<String> = files.iter().map(|f| value_of(f)).collect();
        if values.len() < 2 {
            continue;
        }
        let unset = values.remove("");
        let joined = go_quote(&values.into_iter().collect::<Vec<_>>().join(","));
        let (package, name) = (go_quote(package), go_quote(name));
        let message = if unset {
            format!(
                "Files in package {package} have both values {joined} and no value for option {name} and all values must be equal."
            )
        } else {
            format!(
                "Files in package {package} have multiple values {joined} for option {name} and all values must be equal."
            )
        };
        let majority = majority(files.iter().map(|f| value_of(f)));
        for file in files {
            at_or_file(found, file, vec![tag::FILE_OPTIONS, number], message.clone());
            if let Some(value) = majority.as_deref().filter(|v| *v != value_of(file)) {
                let literal = if name == "\"java_multiple_files\"" { value.to_owned() } else { proto_string(value) };
                found.fix_last(|| fix::set_file_option(file, name.trim_matches('"'), number, &literal));
            }
        }
    }
}

/// The value most files have, when one value has strictly more files than any other and is set:
/// then the right value is clear, and the other files can be fixed to it.
fn majority(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    match ranked.as_slice() {
        [(value, top), rest @ ..] if !value.is_empty() && rest.first().is_none_or(|(_, next)| next < top) => {
            Some(value.clone())
        }
        _ => None,
    }
}

/// A protobuf string literal.
fn proto_string(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}
