//! The compiled schema every check reads: descriptors, which files are imports, where each
//! file lives, and source locations in buf's coordinates.

mod columns;
pub mod elements;
pub mod features;
pub mod source_info;
pub mod version;
pub mod wire;

use std::sync::{Arc, OnceLock};

use prost_types::{FileDescriptorProto, SourceCodeInfo};

use crate::diagnostic::{FileRef, Span};

pub use columns::{buf_column, line_starts};
pub use source_info::{LocationRef, SourceInfo};

/// The full name of `name` declared in `scope` (a package or an enclosing element; empty at the
/// root of an unpackaged file).
pub fn qualified_name(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        return name.to_owned();
    }
    // Called for every element of every file: `format!` took a few percent of a lint.
    let mut qualified = String::with_capacity(scope.len() + 1 + name.len());
    qualified.push_str(scope);
    qualified.push('.');
    qualified.push_str(name);
    qualified
}

/// A compiled set of files, imports included, in dependency order.
#[derive(Debug, Default)]
pub struct Schema {
    pub files: Vec<SchemaFile>,
}

impl Schema {
    pub fn targets(&self) -> impl Iterator<Item = &SchemaFile> {
        self.files.iter().filter(|f| !f.is_import)
    }

    pub fn file(&self, name: &str) -> Option<&SchemaFile> {
        self.files.iter().find(|f| f.descriptor.name() == name)
    }

    /// Whether the compile stage must keep the encoding of the target files, because some file
    /// declares an option extension a rule reads from it: protovalidate's `buf.validate.field`,
    /// `message`, `oneof` (1159) and `predefined` (1160), matched by number as buf does.
    pub fn keeps_encoding<'a>(files: impl IntoIterator<Item = &'a FileDescriptorProto>) -> bool {
        const OPTIONS: [&str; 3] =
            [".google.protobuf.FieldOptions", ".google.protobuf.MessageOptions", ".google.protobuf.OneofOptions"];
        let declares = |e: &prost_types::FieldDescriptorProto| {
            matches!(e.number(), 1159 | 1160) && OPTIONS.contains(&e.extendee())
        };
        Self::declares_extension(files, declares)
    }

    /// Whether some file of `files` declares an extension (at top level or in a message) that
    /// `declares` accepts.
    pub fn declares_extension<'a>(
        files: impl IntoIterator<Item = &'a FileDescriptorProto>,
        declares: impl Fn(&prost_types::FieldDescriptorProto) -> bool,
    ) -> bool {
        files.into_iter().any(|f| {
            f.extension.iter().any(&declares) || f.message_type.iter().any(|m| nested_extensions(m, &declares))
        })
    }
}

fn nested_extensions(
    message: &prost_types::DescriptorProto,
    declares: &impl Fn(&prost_types::FieldDescriptorProto) -> bool,
) -> bool {
    message.extension.iter().any(declares) || message.nested_type.iter().any(|m| nested_extensions(m, declares))
}

/// One compiled file.
#[derive(Debug)]
pub struct SchemaFile {
    /// The descriptor without its source info, which [`SchemaFile::source_info`] holds.
    pub descriptor: FileDescriptorProto,
    source_info: Option<SourceInfo>,
    pub is_import: bool,
    pub file_ref: FileRef,
    /// Index of the workspace module holding the file (`None` for well-known types and images).
    pub module: Option<usize>,
    source: Option<Arc<str>>,
    /// Location indices ordered by path, built on the first lookup.
    by_path: OnceLock<Vec<u32>>,
    line_starts: OnceLock<Vec<usize>>,
    /// `Edition` enum value of an editions file (prost-types has no field for it).
    pub edition: Option<i32>,
    explicit_features: features::ExplicitFeatures,
    /// protox's encoding of the descriptor, whose options keep their extensions; kept only for
    /// the files [`Schema::keeps_encoding`] asks for.
    encoded: Option<Arc<[u8]>>,
}

impl SchemaFile {
    /// A file of `descriptor`, whose source info moves into the compact form.
    pub fn new(
        mut descriptor: FileDescriptorProto,
        is_import: bool,
        file_ref: FileRef,
        module: Option<usize>,
        source: Option<Arc<str>>,
    ) -> Self {
        let source_info = descriptor.source_code_info.take().map(|info| SourceInfo::from_prost(&info));
        Self {
            descriptor,
            source_info,
            is_import,
            file_ref,
            module,
            source,
            by_path: OnceLock::new(),
            line_starts: OnceLock::new(),
            edition: None,
            explicit_features: features::ExplicitFeatures::new(),
            encoded: None,
        }
    }

    /// Gives the file its (compact) source info.
    #[must_use]
    pub fn with_source_info(mut self, info: Option<SourceInfo>) -> Self {
        self.source_info = info;
        self.by_path = OnceLock::new();
        self
    }

    /// Whether the file has source info (a compiled file has; an image may not).
    pub fn has_source_info(&self) -> bool {
        self.source_info.is_some()
    }

    /// The file's source info as prost-types holds it, built on each call.
    pub fn source_code_info(&self) -> Option<SourceCodeInfo> {
        self.source_info.as_ref().map(SourceInfo::to_prost)
    }

    /// A copy of the descriptor with its source info, as images and code generators take it.
    pub fn descriptor_with_source_info(&self) -> FileDescriptorProto {
        FileDescriptorProto { source_code_info: self.source_code_info(), ..self.descriptor.clone() }
    }

    /// Every recorded location, in recorded order.
    pub fn locations(&self) -> impl Iterator<Item = LocationRef<'_>> + '_ {
        self.source_info.iter().flat_map(SourceInfo::iter)
    }

    /// Keeps protox's encoding of the descriptor (see [`SchemaFile::option_extension`]).
    #[must_use]
    pub fn with_encoding(mut self, encoded: Arc<[u8]>) -> Self {
        self.encoded = Some(encoded);
        self
    }

    /// The value of the extension `number` in the options (field `options_tag`) of the element
    /// at `path`, all occurrences merged; `None` if it is not set or the encoding was not kept.
    pub fn option_extension(&self, path: &[i32], options_tag: i32, number: u32) -> Option<Vec<u8>> {
        let element = wire::element_at(self.encoded.as_deref()?, path)?;
        let options = wire::merged(element, u32::try_from(options_tag).ok()?)?;
        wire::merged(&options, number)
    }

    /// The kept encoding of the descriptor (see [`SchemaFile::with_encoding`]).
    pub fn encoding(&self) -> Option<&Arc<[u8]>> {
        self.encoded.as_ref()
    }

    /// Records an editions file's edition and the `features` set in it.
    #[must_use]
    pub fn with_edition(mut self, edition: i32, explicit: features::ExplicitFeatures) -> Self {
        self.edition = Some(edition);
        self.explicit_features = explicit;
        self
    }

    /// The resolved features of the element at `path` (`[]` for the file).
    pub fn features(&self, path: &[i32]) -> features::FeatureValues {
        features::resolve(self.descriptor.syntax(), &self.explicit_features, path)
    }

    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Indices of the locations, ordered by path: binary search, no copy of millions of paths.
    fn by_path(&self) -> &[u32] {
        self.by_path.get_or_init(|| {
            let mut by_path: Vec<u32> = (0..u32::try_from(self.location_count()).unwrap_or(u32::MAX)).collect();
            // Stable, so ties stay in recorded order: the first location recorded for a path
            // wins, as in protoc and buf.
            by_path.sort_by(|&a, &b| self.path_at(a).cmp(self.path_at(b)));
            by_path
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| self.source.as_deref().map(columns::line_starts).unwrap_or_default())
    }

    fn location_count(&self) -> usize {
        self.source_info.as_ref().map_or(0, SourceInfo::len)
    }

    fn path_at(&self, i: u32) -> &[i32] {
        self.source_info.as_ref().and_then(|info| info.get(i as usize)).map_or(&[], |l| l.path)
    }

    /// The `SourceCodeInfo` location recorded first for `path`.
    pub fn location(&self, path: &[i32]) -> Option<LocationRef<'_>> {
        let info = self.source_info.as_ref()?;
        let by_path = self.by_path();
        let first = by_path.partition_point(|&i| self.path_at(i) < path);
        let location = info.get(*by_path.get(first)? as usize)?;
        (location.path == path).then_some(location)
    }

    /// The span buf prints for `path`: 1-based lines, buf's terminal-width columns.
    pub fn span(&self, path: &[i32]) -> Option<Span> {
        self.span_of(self.location(path)?.span)
    }

    /// The span buf prints for a `SourceCodeInfo` span of this file (recorded or not).
    pub fn span_of(&self, span: &[i32]) -> Option<Span> {
        let (start_line, start_col, end_line, end_col) = match *span {
            [line, start, end] => (line, start, line, end),
            [start_line, start, end_line, end] => (start_line, start, end_line, end),
            _ => return None,
        };
        let column = |line: i32, byte: i32| self.column(line as usize, byte as usize);
        Some(Span::new(
            start_line as u32 + 1,
            column(start_line, start_col) + 1,
            end_line as u32 + 1,
            column(end_line, end_col) + 1,
        ))
    }

    /// The whole source lines `first..=last` (0-based), from the cached line index.
    pub fn source_lines(&self, first: usize, last: usize) -> &str {
        let Some(source) = self.source.as_deref() else { return "" };
        let starts = self.line_starts();
        let start = starts.get(first).copied().unwrap_or(source.len());
        let end = starts.get(last.saturating_add(1)).copied().unwrap_or(source.len());
        source.get(start..end).unwrap_or("")
    }

    fn column(&self, line: usize, byte: usize) -> u32 {
        let Some(source) = self.source.as_deref() else {
            return byte as u32;
        };
        let starts = self.line_starts();
        let Some(&start) = starts.get(line) else {
            return byte as u32;
        };
        let end = starts.get(line + 1).copied().unwrap_or(source.len());
        source.get(start..end).map_or(byte as u32, |text| buf_column(text, byte))
    }
}

impl SchemaFile {
    /// The span for `path`, or, for an element inside a map entry (which has no source of its
    /// own), the span of the owning map field's `map<...>` type, as buf locates it.
    pub fn span_or_map_field(&self, path: &[i32]) -> Option<Span> {
        self.span(path).or_else(|| self.map_field_type_path(path).and_then(|p| self.span(&p)))
    }

    fn map_field_type_path(&self, path: &[i32]) -> Option<Vec<i32>> {
        let mut messages = &self.descriptor.message_type;
        let mut parent: Option<&prost_types::DescriptorProto> = None;
        let mut depth = 0;
        loop {
            let (&tag, &index) = (path.get(depth)?, path.get(depth + 1)?);
            if tag != if parent.is_none() { elements::tag::FILE_MESSAGE } else { elements::tag::MESSAGE_NESTED } {
                return None;
            }
            let message = messages.get(usize::try_from(index).ok()?)?;
            if message.options.as_ref().and_then(|o| o.map_entry).unwrap_or(false) {
                let owner = parent?;
                let suffix = format!(".{}", message.name());
                let field = owner.field.iter().position(|f| f.type_name().ends_with(&suffix))?;
                let mut owner_path = path[..depth].to_vec();
                owner_path.extend([elements::tag::MESSAGE_FIELD, field as i32, elements::tag::FIELD_TYPE_NAME]);
                return Some(owner_path);
            }
            parent = Some(message);
            messages = &message.nested_type;
            depth += 2;
        }
    }
}
