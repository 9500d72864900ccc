mod bounds;
mod cel;
mod decode;
mod field;
mod literal;
mod locate;
mod message;
mod shape;

use std::collections::HashMap;

use prost_types::field_descriptor_proto::Label;

use crate::{
    lint::prelude::*,
    schema::{Schema, SchemaFile},
};
use decode::Msg;
use field::{Adder, Env, Target};
use locate::{FileIndex, Locator, Sink, Types};

declare_rule! {
    /// ## What it checks
    /// protovalidate rules: `(buf.validate.field)`, `(buf.validate.message)` and the
    /// `(buf.validate.predefined)` rules of rule extensions. Like buf, any option extension
    /// numbered 1159 (1160 for `predefined`) is read as protovalidate's, whatever file declares
    /// it; without one the rule finds nothing. Checked, with buf's messages and locations:
    /// - the rules fit the field: scalar, wrapper and well-known types, `repeated` only on lists
    ///   (with `unique` only on scalars and wrappers), `map` only on maps, item, key and value
    ///   rules against the element types, no non-`repeated` rules on a list or map;
    /// - `const` together with other rules; `gt`/`gte` equal to `lt`/`lte`; `len` with
    ///   `min_len`/`max_len`, `min_*` above or equal to `max_*` (lengths, bytes, items, pairs);
    ///   `min_len` against `max_bytes`, `max_len` against `min_bytes`, `prefix`/`suffix`/
    ///   `contains` longer than `max_len`/`max_bytes` or containing `not_contains`; `strict`
    ///   without `well_known_regex`; NaN in float and double rules; invalid durations and
    ///   timestamps, `within` not positive, `lt_now` with `gt_now`; a `field_mask` path in both
    ///   `in` and `not_in`;
    /// - `required` in a oneof, on an extension, on items, keys or values; `ignore` set to
    ///   `IGNORE_IF_ZERO_VALUE` on an extension, with `required` or on a field that tracks
    ///   presence; `IGNORE_ALWAYS` with other rules;
    /// - `(buf.validate.message).oneof` entries: empty, repeating a field, naming a field the
    ///   message lacks, or sharing a field with another entry;
    /// - CEL rules: ids made of `a-z A-Z 0-9 . _ -` and unique in their list, no blank
    ///   expression.
    ///
    /// Not checked (buf does): CEL expressions are not compiled, so neither compile errors
    /// (whose text comes from cel-go) nor results that are not a bool or string, nor a `message`
    /// beside a string result; `pattern` regular expressions are not compiled; `example` values
    /// are not validated against the rules. (protox rejects a bare `nan` option value such as
    /// `float.const = nan`; inside a message literal, `{const: nan}`, it is read and checked.)
    /// ## Why
    /// Rules that contradict each other or the field reject every value or nothing at all, and
    /// protovalidate only finds out at run time.
    /// ## Example
    /// ```proto,ignore
    /// string name = 1 [(buf.validate.field).int32.gt = 1];
    /// ```
    /// Use instead:
    /// ```proto,ignore
    /// string name = 1 [(buf.validate.field).string.min_len = 1];
    /// ```
    pub Protovalidate {
        id: "PROTOVALIDATE",
        purpose: "Checks that protovalidate rules are valid and all CEL expressions compile.",
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

const RULES: u32 = 1159;
const PREDEFINED: u32 = 1160;

impl LintRule for Protovalidate {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        if !Schema::keeps_encoding(cx.schema().files.iter().map(|f| &f.descriptor)) {
            return;
        }
        let types = Types::new(cx.schema());
        let mut indexes: HashMap<&str, FileIndex<'a>> = HashMap::new();
        if let Some(extension) = types.option("MessageOptions", RULES as i32) {
            for message in &cx.elements().messages {
                let (file, path) = (message.element.file, &message.element.path);
                let Some(bytes) = file.option_extension(path, tag::MESSAGE_OPTIONS, RULES) else { continue };
                let prefix = [path.as_slice(), &[tag::MESSAGE_OPTIONS, RULES as i32]].concat();
                let locator = Locator::new(index(&mut indexes, file), prefix, extension, &types);
                message::check(&mut Sink { file, locator, found }, message.element.node, &Msg::decode(&bytes));
            }
        }
        let field_rules = types.option("FieldOptions", RULES as i32);
        let predefined = types.option("FieldOptions", PREDEFINED as i32);
        for field in &cx.elements().fields {
            let (file, path, node) = (field.element.file, &field.element.path, field.element.node);
            if let Some(extension) = predefined
                && field.is_extension
                && message::is_predefined_target(node.extendee())
                && let Some(bytes) = file.option_extension(path, tag::FIELD_OPTIONS, PREDEFINED)
            {
                let prefix = [path.as_slice(), &[tag::FIELD_OPTIONS, PREDEFINED as i32]].concat();
                let locator = Locator::new(index(&mut indexes, file), prefix, extension, &types);
                message::check_predefined(&mut Sink { file, locator, found }, &Msg::decode(&bytes));
            }
            let Some(extension) = field_rules else { continue };
            let Some(bytes) = file.option_extension(path, tag::FIELD_OPTIONS, RULES) else { continue };
            let prefix = [path.as_slice(), &[tag::FIELD_OPTIONS, RULES as i32]].concat();
            let locator = Locator::new(index(&mut indexes, file), prefix, extension, &types);
            let env = Env::new(&types, field);
            let sink = Sink { file, locator, found: &mut *found };
            let mut adder = Adder { sink, name: node.name().to_owned(), pretty: env.pretty(node), base: Vec::new() };
            let repeated = node.label() == Label::Repeated;
            field::check(&mut adder, &Msg::decode(&bytes), Target::of(field), repeated, &env);
        }
    }
}

/// The option locations of `file`, indexed on first use.
fn index<'m, 'a>(indexes: &'m mut HashMap<&'a str, FileIndex<'a>>, file: &'a SchemaFile) -> &'m FileIndex<'a> {
    indexes.entry(file.descriptor.name()).or_insert_with(|| FileIndex::new(file))
}
