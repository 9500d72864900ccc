//! The comparison shared by the `FILE_SAME_*` rules: one value of each file that exists on both
//! sides (paired by import path) must not change. buf compares effective values, so an option
//! set to its default is the same as an option left unset.

use prost_types::FileOptions;

use super::location::against;
use crate::{breaking::prelude::*, schema::SchemaFile};

/// Reports `File <what> changed from "x" to "y".` for every paired file whose `value` differs,
/// at `path` in the current file (file-level when the current file does not declare it).
pub(super) fn check_same<'a>(
    cx: &BreakingContext<'a>,
    found: &mut BreakingFindings<'a>,
    what: &str,
    path: &[i32],
    value: impl Fn(&SchemaFile) -> String,
) {
    for (name, previous) in &cx.previous.files {
        let Some(current) = cx.current.file(name) else { continue };
        let (before, after) = (value(previous), value(current));
        if before != after {
            let message = format!("File {what} changed from {} to {}.", go_quote(&before), go_quote(&after));
            found.at(current, path.to_vec(), against(previous, path), message);
        }
    }
}

/// [`check_same`] for the file option `name` (`FileOptions` field `number`), read with its proto
/// default when unset.
pub(super) fn check_option<'a>(
    cx: &BreakingContext<'a>,
    found: &mut BreakingFindings<'a>,
    name: &str,
    number: i32,
    value: impl Fn(&FileOptions) -> String,
) {
    let unset = FileOptions::default();
    let what = format!("option {}", go_quote(name));
    check_same(cx, found, &what, &[tag::FILE_OPTIONS, number], |file| {
        value(file.descriptor.options.as_ref().unwrap_or(&unset))
    });
}
