//! What a lint rule sees: the module's target files, their elements, the whole schema (for
//! rules that follow imports), the options, and a sink for findings.

use prost_types::source_code_info::Location;

use crate::diagnostic::Span;
use crate::fix::{Fix, RenameIndex};
use crate::schema::elements::{Element, Elements};
use crate::schema::{Schema, SchemaFile};

/// Lint options from buf.yaml, as rules read them (rules never import `config`).
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub enum_zero_value_suffix: String,
    pub service_suffix: String,
    pub rpc_allow_same_request_response: bool,
    pub rpc_allow_google_protobuf_empty_requests: bool,
    pub rpc_allow_google_protobuf_empty_responses: bool,
}

impl Default for LintOptions {
    fn default() -> Self {
        Self {
            enum_zero_value_suffix: "_UNSPECIFIED".to_owned(),
            service_suffix: "Service".to_owned(),
            rpc_allow_same_request_response: false,
            rpc_allow_google_protobuf_empty_requests: false,
            rpc_allow_google_protobuf_empty_responses: false,
        }
    }
}

/// The world of one lint run over one module.
pub struct LintContext<'a> {
    pub(super) schema: &'a Schema,
    pub(super) files: Vec<&'a SchemaFile>,
    pub(super) elements: Elements<'a>,
    pub(super) options: &'a LintOptions,
    rename_index: std::sync::OnceLock<RenameIndex<'a>>,
}

impl<'a> LintContext<'a> {
    pub fn new(schema: &'a Schema, files: Vec<&'a SchemaFile>, options: &'a LintOptions) -> Self {
        let elements = Elements::collect(&files);
        Self { schema, files, elements, options, rename_index: std::sync::OnceLock::new() }
    }

    /// The module's non-import files, the ones findings are reported on.
    pub fn files(&self) -> &[&'a SchemaFile] {
        &self.files
    }

    /// Every file of the image, imports included.
    pub fn schema(&self) -> &'a Schema {
        self.schema
    }

    pub fn elements(&self) -> &Elements<'a> {
        &self.elements
    }

    pub fn options(&self) -> &LintOptions {
        self.options
    }

    /// Where names are referenced and mentioned, for rename fixes; built on first use.
    pub fn rename_index(&self) -> &RenameIndex<'a> {
        self.rename_index.get_or_init(|| RenameIndex::new(self.schema))
    }
}

/// A finding before it is located and filtered: where in which file, and what.
#[derive(Debug, Clone)]
pub struct Finding<'a> {
    pub file: &'a SchemaFile,
    /// `SourceCodeInfo` path; `None` for file-level findings (printed at 1:1).
    pub path: Option<Vec<i32>>,
    pub message: String,
    pub element: Option<String>,
    /// Where to print the finding when it is not the span recorded for `path`.
    pub span: Option<Span>,
    pub fix: Option<Fix>,
}

/// Where a rule puts its findings.
#[derive(Debug, Default)]
pub struct Findings<'a> {
    pub(super) found: Vec<Finding<'a>>,
    /// Whether fixes are computed: only `pretty`, `sarif` and `--fix` show them, and a rename's
    /// references are looked for in every file.
    pub(super) with_fixes: bool,
}

impl<'a> Findings<'a> {
    /// A finding on an element, located at `path` (the element's name, number, ...).
    pub fn at<T>(&mut self, element: &Element<'a, T>, path: Vec<i32>, message: String) {
        self.found.push(Finding {
            file: element.file,
            path: Some(path),
            message,
            element: Some(element.full_name.clone()),
            span: None,
            fix: None,
        });
    }

    /// A finding at an arbitrary source path of a file.
    pub fn at_path(&mut self, file: &'a SchemaFile, path: Vec<i32>, message: String) {
        self.found.push(Finding { file, path: Some(path), message, element: None, span: None, fix: None });
    }

    /// A finding at a location the rule found itself, which the file's `SourceCodeInfo` may not
    /// record (buf records more option locations than protox); its path decides comment ignores.
    pub fn at_location(&mut self, file: &'a SchemaFile, location: &Location, message: String) {
        let span = file.span_of(&location.span);
        self.found.push(Finding { file, path: Some(location.path.clone()), message, element: None, span, fix: None });
    }

    /// Attaches the fix `make` builds to the finding added last, when fixes are wanted (nothing
    /// when there is no finding or no fix).
    pub fn fix_last(&mut self, make: impl FnOnce() -> Option<Fix>) {
        if !self.with_fixes {
            return;
        }
        if let (Some(last), Some(fix)) = (self.found.last_mut(), make()) {
            last.fix = Some(fix);
        }
    }

    /// A file-level finding (`path:1:1`).
    pub fn file_level(&mut self, file: &'a SchemaFile, message: String) {
        self.found.push(Finding { file, path: None, message, element: None, span: None, fix: None });
    }
}
