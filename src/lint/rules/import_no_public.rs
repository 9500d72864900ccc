use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// No `import public`. Reported at the import statement.
    /// ## Why
    /// A public import re-exports another file's definitions, so readers and tools cannot tell
    /// where a type comes from, and several languages' code generators do not support it.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// import public "google/protobuf/empty.proto";
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// import "google/protobuf/empty.proto";
    /// message Holder { google.protobuf.Empty empty = 1; }
    /// ```
    pub ImportNoPublic {
        id: "IMPORT_NO_PUBLIC",
        purpose: "Checks that imports are not public.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, SENSIBLE] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for ImportNoPublic {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for file in cx.files() {
            let descriptor = &file.descriptor;
            for &index in &descriptor.public_dependency {
                let Some(import) = descriptor.dependency.get(index as usize) else { continue };
                let message = format!("Import {} must not be public.", go_quote(import));
                found.at_path(file, vec![tag::FILE_DEPENDENCY, index], message);
            }
        }
    }
}
