//! Where protox's output differs from buf's for the same source in ways that are only
//! representation, bring it in line, so images are byte-identical and "the first location of a
//! path" means the same thing in both.

use prost_types::{FileDescriptorProto, MethodOptions, SourceCodeInfo, source_code_info::Location};

use crate::schema::{LocationRef, SourceInfo, elements::tag, line_starts};

/// Applies every alignment to a file compiled from `source` whose source info is linked; returns
/// that source info, compact.
pub fn like_buf(descriptor: &mut FileDescriptorProto, source: &str) -> Option<SourceInfo> {
    let mut info = descriptor.source_code_info.take()?;
    locations_like_buf(&mut info, source);
    let mut compact = SourceInfo::from_prost(&info);
    drop(info);
    finish_like_buf(descriptor, &mut compact, source);
    Some(compact)
}

/// The alignments that need neither the linked descriptor nor the final option paths: they can
/// run right after parsing.
pub fn locations_like_buf(info: &mut SourceCodeInfo, source: &str) {
    let mut starts = None;
    for location in &mut info.location {
        trim_trailing_comment(location);
        if is_field_default(&location.path) {
            whole_default_option(location, source, starts.get_or_insert_with(|| line_starts(source)));
        }
    }
    super::features_literal::align(info, source);
}

/// The alignments of a linked file whose locations [`locations_like_buf`] aligned.
pub fn finish_like_buf(descriptor: &mut FileDescriptorProto, info: &mut SourceInfo, source: &str) {
    empty_method_options(descriptor, info, source);
    order_locations(info);
}

/// buf 1.75 records locations ordered by start, then end, then depth (so a field's type comes
/// before the field declaration that starts at the same place); protox in its own walk order.
fn order_locations(info: &mut SourceInfo) {
    info.sort_after_first_by_key(|location| {
        let span = location.span;
        let (end_line, end_column) = match *span {
            [line, _, end] => (line, end),
            [_, _, end_line, end] => (end_line, end),
            _ => (i32::MAX, i32::MAX),
        };
        (
            span.first().copied().unwrap_or(i32::MAX),
            span.get(1).copied().unwrap_or(i32::MAX),
            end_line,
            end_column,
            location.path.len(),
        )
    });
}

/// buf keeps a trailing `//` comment without its final newline.
fn trim_trailing_comment(location: &mut Location) {
    if let Some(comment) = location.trailing_comments.as_mut()
        && comment.ends_with('\n')
    {
        comment.pop();
    }
}

/// An RPC declared with a body (`rpc A(M) returns (M) {}`) has (empty) options in buf's output.
fn empty_method_options(descriptor: &mut FileDescriptorProto, info: &SourceInfo, source: &str) {
    if descriptor.service.is_empty() {
        return;
    }
    let starts = std::cell::OnceCell::new();
    let ends_with_body = |location: &LocationRef<'_>| -> bool {
        let ([line, _, column] | [_, _, line, column]) = *location.span else { return false };
        let offset = starts.get_or_init(|| line_starts(source)).get(line as usize).map(|start| start + column as usize);
        offset.and_then(|end| source.get(..end)).is_some_and(|text| text.trim_end().ends_with('}'))
    };
    let mut with_body = Vec::new();
    for location in info.iter() {
        if let [tag::FILE_SERVICE, service, tag::SERVICE_METHOD, method] = *location.path
            && ends_with_body(&location)
        {
            with_body.push((service as usize, method as usize));
        }
    }
    for (service, method) in with_body {
        if let Some(method) = descriptor.service.get_mut(service).and_then(|s| s.method.get_mut(method)) {
            method.options.get_or_insert_with(MethodOptions::default);
        }
    }
}

/// Whether `path` is a field's `default_value`, of a file extension or of a message's field or
/// extension.
fn is_field_default(path: &[i32]) -> bool {
    const DEFAULT_VALUE: i32 = 7;
    match *path {
        [tag::FILE_EXTENSION, _, DEFAULT_VALUE] => true,
        [tag::FILE_MESSAGE, .., container, _, DEFAULT_VALUE] => {
            path.len() % 2 == 1 && matches!(container, tag::MESSAGE_FIELD | tag::MESSAGE_EXTENSION)
        }
        _ => false,
    }
}

/// buf locates a field's `default_value` at the whole `default = <value>` option; protox at the
/// value alone. Widen the span back to the `default` keyword (a no-op where it starts there).
fn whole_default_option(location: &mut Location, source: &str, starts: &[usize]) {
    let is_field_default = is_field_default(&location.path);
    let (&[line, column, ..], Some(&end)) = (&location.span[..], location.span.last()) else { return };
    let Some(start) = starts.get(line as usize).map(|s| s + column as usize) else { return };
    if !is_field_default || start > source.len() {
        return;
    }
    let before = source[..start].trim_end();
    let Some(before) = before.strip_suffix('=').map(str::trim_end) else { return };
    let Some(keyword) = before.strip_suffix("default") else { return };
    if keyword.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
        return;
    }
    let offset = keyword.len();
    let new_line = starts.partition_point(|&s| s <= offset) - 1;
    let new_column = (offset - starts[new_line]) as i32;
    let end_line = if location.span.len() == 4 { location.span[2] } else { line };
    location.span = if new_line as i32 == end_line {
        vec![end_line, new_column, end]
    } else {
        vec![new_line as i32, new_column, end_line, end]
    };
}
