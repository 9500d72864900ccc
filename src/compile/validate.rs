//! Checks buf's compiler (protocompile) makes and protox's linker does not: reserved and
//! extension ranges (empty, overlapping, in the 19000-19999 block protobuf keeps for itself),
//! fields and enum values using a reserved name, and an extension number used twice for one
//! message, extension ranges in proto3. Messages and positions are buf's (the `%!v(MISSING)` is buf's own formatting slip).

use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto};

use super::buf_errors::CompileMessage;
use crate::schema::{SchemaFile, elements::path_index};

const RESERVED_BLOCK: std::ops::RangeInclusive<i64> = 19_000..=19_999;

/// Every such error in `files` (in dependency order, as linked).
pub fn validate(files: &[SchemaFile]) -> Vec<CompileMessage> {
    let mut errors = Errors::default();
    let mut extension_numbers: Vec<(String, i32)> = Vec::new();
    for file in files.iter().filter(|f| f.source().is_some()) {
        errors.file = Some(file);
        for (i, message) in file.descriptor.message_type.iter().enumerate() {
            errors.message(message, &[4, path_index(i)]);
        }
        for (i, enumeration) in file.descriptor.enum_type.iter().enumerate() {
            errors.enumeration(enumeration, &[5, path_index(i)]);
        }
        let mut extensions = Vec::new();
        collect_extensions(&file.descriptor.extension, &[7], &file.descriptor.message_type, &[4], &mut extensions);
        // Within a file, the later declaration is the second use.
        extensions.sort_by_key(|(path, _)| {
            file.span(&[path.as_slice(), &[3]].concat()).map(|s| (s.start_line, s.start_column))
        });
        for (path, extension) in extensions {
            let key = (extension.extendee().to_owned(), extension.number());
            if extension_numbers.contains(&key) {
                let message = format!("field number `{}` used more than once", extension.number());
                errors.at(&[path.as_slice(), &[3]].concat(), message);
            } else {
                extension_numbers.push(key);
            }
        }
    }
    errors.found
}

#[derive(Default)]
struct Errors<'a> {
    file: Option<&'a SchemaFile>,
    found: Vec<CompileMessage>,
}

impl Errors<'_> {
    fn at(&mut self, path: &[i32], message: impl Into<String>) {
        let Some(file) = self.file else { return };
        if let Some(span) = file.span(path) {
            let file = file.descriptor.name().to_owned();
            self.found.push(CompileMessage {
                file,
                line: span.start_line,
                column: span.start_column,
                message: message.into(),
            });
        }
    }

    fn message(&mut self, message: &DescriptorProto, path: &[i32]) {
        let reserved: Vec<(i64, i64)> =
            message.reserved_range.iter().map(|r| (i64::from(r.start()), i64::from(r.end()))).collect();
        let extensions: Vec<(i64, i64)> =
            message.extension_range.iter().map(|r| (i64::from(r.start()), i64::from(r.end()))).collect();
        self.ranges(path, 9, &reserved, "reserved", "overlapping field number ranges", true);
        self.ranges(path, 5, &extensions, "extension", "overlapping field number ranges", true);
        if self.file.is_some_and(|f| f.descriptor.syntax() == "proto3") {
            for j in 0..extensions.len() {
                self.at(&[path, &[5, path_index(j)]].concat(), "extension range in \"proto3\"");
            }
        }
        let checkable = |&(start, end): &(i64, i64)| start < end && !in_block(start, end);
        for (j, &(start, end)) in extensions.iter().enumerate() {
            if checkable(&(start, end)) && reserved.iter().filter(|r| checkable(r)).any(|&(s, e)| start < e && s < end)
            {
                self.at(&[path, &[5, path_index(j)]].concat(), "overlapping field number ranges");
            }
        }
        for (k, field) in message.field.iter().enumerate() {
            if message.reserved_name.iter().any(|name| name == field.name()) {
                self.at(&[path, &[2, path_index(k), 1]].concat(), "use of reserved message field name");
            }
        }
        for (i, nested) in message.nested_type.iter().enumerate() {
            self.message(nested, &[path, &[3, path_index(i)]].concat());
        }
        for (i, enumeration) in message.enum_type.iter().enumerate() {
            self.enumeration(enumeration, &[path, &[4, path_index(i)]].concat());
        }
    }

    fn enumeration(&mut self, enumeration: &EnumDescriptorProto, path: &[i32]) {
        // Enum ranges are inclusive; made exclusive like message ranges.
        let reserved: Vec<(i64, i64)> =
            enumeration.reserved_range.iter().map(|r| (i64::from(r.start()), i64::from(r.end()) + 1)).collect();
        self.ranges(path, 4, &reserved, "reserved", "overlapping enum value ranges", false);
        for (k, value) in enumeration.value.iter().enumerate() {
            if enumeration.reserved_name.iter().any(|name| name == value.name()) {
                self.at(&[path, &[2, path_index(k), 1]].concat(), "use of reserved enum value name");
            }
        }
    }

    /// Empty ranges, bounds in protobuf's own block (field numbers only), and overlaps, reported
    /// on the range that starts later.
    fn ranges(
        &mut self,
        path: &[i32],
        field: i32,
        ranges: &[(i64, i64)],
        kind: &str,
        overlap: &str,
        field_numbers: bool,
    ) {
        let at = |j: usize, tail: &[i32]| [path, &[field, path_index(j)], tail].concat();
        for (j, &(start, end)) in ranges.iter().enumerate() {
            if end <= start {
                self.at(&at(j, &[]), format!("empty {kind} range %!v(MISSING) %!v(MISSING)"));
                continue;
            }
            for (bound, tail) in [(start, 1), (end - 1, 2)] {
                if field_numbers && RESERVED_BLOCK.contains(&bound) {
                    self.at(&at(j, &[tail]), "field number out of range");
                }
            }
        }
        // buf leaves a range with a bad bound out of the overlap check.
        let mut order: Vec<usize> = (0..ranges.len())
            .filter(|&j| ranges[j].0 < ranges[j].1 && !(field_numbers && in_block(ranges[j].0, ranges[j].1)))
            .collect();
        order.sort_by_key(|&j| ranges[j].0);
        let mut reach = i64::MIN;
        for j in order {
            let (start, end) = ranges[j];
            if start < reach {
                self.at(&at(j, &[]), overlap);
            }
            reach = reach.max(end);
        }
    }
}

fn in_block(start: i64, end: i64) -> bool {
    RESERVED_BLOCK.contains(&start) || RESERVED_BLOCK.contains(&(end - 1))
}

/// Every extension of a file with its path: top-level ones, then those declared in messages.
fn collect_extensions<'d>(
    extensions: &'d [FieldDescriptorProto],
    extensions_path: &[i32],
    messages: &'d [DescriptorProto],
    messages_path: &[i32],
    out: &mut Vec<(Vec<i32>, &'d FieldDescriptorProto)>,
) {
    for (k, extension) in extensions.iter().enumerate() {
        out.push(([extensions_path, &[path_index(k)]].concat(), extension));
    }
    for (i, message) in messages.iter().enumerate() {
        let path = [messages_path, &[path_index(i)]].concat();
        collect_extensions(
            &message.extension,
            &[path.as_slice(), &[6]].concat(),
            &message.nested_type,
            &[path.as_slice(), &[3]].concat(),
            out,
        );
    }
}
