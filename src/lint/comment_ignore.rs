//! `// buf:lint:ignore RULE_ID` (reference §3.5): a leading-comment line of the element or of
//! any enclosing declaration that starts with `buf:lint:ignore ` + the id suppresses it.

use prost_types::{DescriptorProto, FileDescriptorProto, field_descriptor_proto::Type};

use super::elements::tag;
use crate::schema::SchemaFile;

pub const IGNORE_PREFIX: &str = "buf:lint:ignore";

/// The files with an ignore comment anywhere: the others need no per-finding comment lookup.
pub fn files_with_ignores<'a>(files: &[&'a SchemaFile]) -> std::collections::HashSet<&'a str> {
    use rayon::prelude::*;
    files
        .par_iter()
        .filter(|file| match file.source() {
            Some(source) => source.contains(IGNORE_PREFIX),
            None => file.locations().any(|l| l.leading_comments().is_some_and(|c| c.contains(IGNORE_PREFIX))),
        })
        .map(|file| file.descriptor.name())
        .collect()
}

/// Whether a leading comment of `path` or of an enclosing declaration ignores `rule`.
pub fn is_ignored_by_comment(file: &SchemaFile, path: &[i32], rule: &str) -> bool {
    let wanted = format!("{IGNORE_PREFIX} {rule}");
    let ignores = |path: &[i32]| {
        file.location(path)
            .and_then(|location| location.leading_comments())
            .is_some_and(|comment| comment.lines().map(str::trim).any(|line| line.starts_with(&wanted)))
    };
    (1..=path.len()).rev().any(|len| {
        let path = &path[..len];
        ignores(path) || group_message_path(&file.descriptor, path).is_some_and(|group| ignores(&group))
    })
}

/// Whether a leading comment documents anything: a non-empty line that is not an ignore.
pub fn has_documentation(comment: Option<&str>) -> bool {
    comment.is_some_and(|c| c.lines().map(str::trim).any(|line| !line.is_empty() && !line.starts_with(IGNORE_PREFIX)))
}

/// `optional group Foo = 1 { … }` is one declaration in the source but two descriptors; the
/// compiler records its comment on the message only, and buf honours it for findings on the
/// field too (message fields and extensions alike). If `path` is a group field, the path of
/// its message: a sibling nested type of the scope the field is declared in.
fn group_message_path(file: &FileDescriptorProto, path: &[i32]) -> Option<Vec<i32>> {
    let (&index, rest) = path.split_last()?;
    let (&kind, scope) = rest.split_last()?;
    let index = usize::try_from(index).ok()?;
    let (field, nested, nested_path) = if scope.is_empty() {
        (
            if kind == tag::FILE_EXTENSION { file.extension.get(index)? } else { return None },
            &file.message_type,
            vec![tag::FILE_MESSAGE],
        )
    } else {
        let message = message_at(file, scope)?;
        let field = match kind {
            tag::MESSAGE_FIELD => message.field.get(index)?,
            tag::MESSAGE_EXTENSION => message.extension.get(index)?,
            _ => return None,
        };
        (field, &message.nested_type, [scope, &[tag::MESSAGE_NESTED]].concat())
    };
    if field.r#type() != Type::Group {
        return None;
    }
    let name = field.type_name().rsplit('.').next()?;
    let position = nested.iter().position(|m| m.name() == name)?;
    Some([nested_path, vec![position as i32]].concat())
}

/// The message at a `[4, i, 3, j, …]` path.
fn message_at<'a>(file: &'a FileDescriptorProto, path: &[i32]) -> Option<&'a DescriptorProto> {
    let (&[kind, first], rest) = path.split_first_chunk::<2>()?;
    if kind != tag::FILE_MESSAGE {
        return None;
    }
    let mut message = file.message_type.get(usize::try_from(first).ok()?)?;
    for step in rest.chunks(2) {
        let &[tag::MESSAGE_NESTED, i] = step else { return None };
        message = message.nested_type.get(usize::try_from(i).ok()?)?;
    }
    Some(message)
}
