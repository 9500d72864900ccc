//! The API change between two schemas as a changelog: elements added, removed and changed, each
//! with the breaking findings it explains. Data only; `report::changelog` formats it.

mod attach;
mod compare;
mod describe;
mod messages;
mod types;

use serde::Serialize;

pub use attach::attach_breaking;
pub use compare::compare;

use crate::diagnostic::{FileRef, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
        }
    }
}

/// What kind of element changed, in the order a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementKind {
    Package,
    File,
    Import,
    FileOption,
    Message,
    ReservedRange,
    ReservedName,
    Oneof,
    Field,
    Extension,
    Enum,
    EnumValue,
    Service,
    Rpc,
}

impl ElementKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Package => "package",
            Self::File => "file",
            Self::Import => "import",
            Self::FileOption => "file option",
            Self::Message => "message",
            Self::ReservedRange => "reserved range",
            Self::ReservedName => "reserved name",
            Self::Oneof => "oneof",
            Self::Field => "field",
            Self::Extension => "extension",
            Self::Enum => "enum",
            Self::EnumValue => "enum value",
            Self::Service => "service",
            Self::Rpc => "rpc",
        }
    }
}

/// One property of a changed element: `from` and `to` as they would be written in a .proto file
/// (`""` when unset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detail {
    pub property: String,
    pub from: String,
    pub to: String,
}

/// A breaking finding explained by a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakingHit {
    pub rule: String,
    pub message: String,
}

/// One entry of the changelog.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub element: ElementKind,
    /// The element's full name (`shop.v1.Product.price`), the file's path, the package's name,
    /// or for reserved ranges, names and file options what is reserved or set, inside `parent`.
    pub name: String,
    /// The enclosing message, enum or file of reserved ranges, names, options and imports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The file (path inside its module) the change belongs to: the current one unless removed.
    pub file: String,
    pub package: String,
    /// The element's line in the current file (the previous one when removed); 0 when unknown.
    pub line: u32,
    /// The declaration as written (`string description = 5`, `rpc Get(A) returns (B)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declaration: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Detail>,
    /// The breaking findings this change explains (empty: not breaking under the config).
    pub breaking: Vec<BreakingHit>,
    /// Where a breaking finding about this change would point (current file and span).
    #[serde(skip)]
    anchor: Option<(FileRef, Span)>,
    /// Names and numbers a finding about this change would quote.
    #[serde(skip)]
    tokens: Vec<String>,
}

/// The whole changelog.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Changelog {
    pub changes: Vec<Change>,
    /// Breaking findings no change explains (e.g. a rule about an option protogate does not
    /// list); never dropped.
    pub unmatched_breaking: Vec<UnmatchedHit>,
}

/// A breaking finding with its location, when no change explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmatchedHit {
    pub rule: String,
    pub message: String,
    pub path: String,
    pub line: u32,
}

impl Changelog {
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// Breaking findings in total (attached and unmatched).
    pub fn breaking_count(&self) -> usize {
        self.changes.iter().map(|c| c.breaking.len()).sum::<usize>() + self.unmatched_breaking.len()
    }
}
