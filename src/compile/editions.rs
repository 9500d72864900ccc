//! Editions front end: lets protox compile `edition = "2023";` / `"2024";` files.
//!
//! protox 0.10 only parses `syntax` files and its linker (prost-reflect) rejects
//! `syntax = "editions"`. [`prepare`] therefore rewrites an editions file into text that
//! `protox_parse` accepts in proto3 mode (which, like editions, has no mandatory labels), parses
//! it, maps every source span back to the original text, applies what the rewrite removed
//! (`default` values, formatted as buf does) and marks the file proto2, so prost-reflect applies
//! the permissive proto2 rules while linking and resolves `features.*` options against
//! descriptor.proto's `FeatureSet`. [`finish`] turns the linked descriptor back into buf's
//! editions form.
//!
//! `prost_types` 0.14 has no `edition` field, no `features` option fields, no symbol visibility
//! and no `option_dependency`: those cannot be carried by a `prost_types::FileDescriptorProto`
//! (buf's own output loses them too when decoded into one).

mod lex;
mod scan;
mod source;
#[cfg(test)]
mod tests;
mod value;

use std::ops::Range;

use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FieldOptions, FileDescriptorProto, SourceCodeInfo,
    UninterpretedOption,
    field_descriptor_proto::{Label, Type},
    source_code_info::Location,
};

use self::{
    scan::DefaultOpt,
    source::{Lines, Rewritten},
};

/// What `finish` needs to turn the linked descriptor back into buf's editions form.
#[derive(Debug, Clone)]
pub struct EditionsFixup {
    /// `EDITION_2023` (1000) or `EDITION_2024` (1001).
    edition: i32,
    /// Edition 2024 `import option` paths: linked as ordinary imports, removed again by `finish`.
    option_imports: Vec<String>,
}

impl EditionsFixup {
    /// The file's `Edition` enum value (`EDITION_2023` = 1000, `EDITION_2024` = 1001).
    pub fn edition(&self) -> i32 {
        self.edition
    }
}

/// An editions-specific error: message in buf's wording and the byte range in the ORIGINAL source.
#[derive(Debug, Clone)]
pub struct EditionsError {
    pub message: String,
    pub span: std::ops::Range<usize>,
}

impl EditionsError {
    fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        EditionsError { message: message.into(), span }
    }
}

impl std::fmt::Display for EditionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EditionsError {}

/// `Ok(None)`: not an editions file (caller parses it normally).
/// `Ok(Some(..))`: an unlinked descriptor protox can link, plus the fixup.
pub fn prepare(
    name: &str,
    source: &str,
) -> Result<Option<(prost_types::FileDescriptorProto, EditionsFixup)>, EditionsError> {
    // Decide on the first token alone, so that lexical errors in other files stay protox's.
    match lex::lex(source, Some(1)) {
        Ok(first) if first.first().and_then(|t| source.get(t.span.clone())) == Some("edition") => {}
        _ => return Ok(None),
    }
    let tokens = lex::lex(source, None)?;
    let Some(scan) = scan::scan(source, &tokens)? else {
        return Ok(None);
    };
    let rewritten = Rewritten::new(source, &scan.edits);
    let mut file = protox_parse::parse(name, &rewritten.text).map_err(|err| parse_error(&err, &rewritten))?;
    file.syntax = None;

    let orig_lines = Lines::new(source);
    let new_lines = Lines::new(&rewritten.text);
    let mut locations = file.source_code_info.take().map(|s| s.location).unwrap_or_default();
    for loc in &mut locations {
        if let Some(range) = new_lines.span_to_range(&loc.span) {
            let range = rewritten.to_original(range.start)..rewritten.to_original(range.end);
            loc.span = orig_lines.range_to_span(&range);
        }
    }

    for default in &scan.defaults {
        apply_default(&mut file, &mut locations, &orig_lines, default)?;
    }
    clean_field_locations(&file, &mut locations, &orig_lines);
    for message in &mut file.message_type {
        map_entry_feature_options(message);
    }
    file.source_code_info = Some(SourceCodeInfo { location: locations });
    let fixup = EditionsFixup { edition: scan.edition, option_imports: scan.option_imports };
    Ok(Some((file, fixup)))
}

/// Applied to the linked descriptor of that file (as returned by protox's `file_descriptor_set()`).
pub fn finish(file: &mut prost_types::FileDescriptorProto, fixup: &EditionsFixup) {
    // `fixup.edition` belongs in FileDescriptorProto field 14, which prost_types 0.14 lacks.
    debug_assert!(fixup.edition == scan::EDITION_2023 || fixup.edition == scan::EDITION_2024);
    file.syntax = Some("editions".to_owned());
    canonical_enum_defaults(file);
    if fixup.option_imports.is_empty() {
        return;
    }
    // Old dependency index -> Ok(new dependency index) or Err(option dependency index).
    let mut remap = Vec::with_capacity(file.dependency.len());
    let (mut kept, mut options) = (0, 0);
    for dep in &file.dependency {
        if fixup.option_imports.contains(dep) {
            remap.push(Err(options));
            options += 1;
        } else {
            remap.push(Ok(kept));
            kept += 1;
        }
    }
    file.dependency.retain(|d| !fixup.option_imports.contains(d));
    let renumber = |list: &mut Vec<i32>| {
        list.retain_mut(|i| match usize::try_from(*i).ok().and_then(|i| remap.get(i)) {
            Some(Ok(new)) => {
                *i = *new;
                true
            }
            _ => false,
        });
    };
    renumber(&mut file.public_dependency);
    renumber(&mut file.weak_dependency);
    if let Some(info) = &mut file.source_code_info {
        for loc in &mut info.location {
            if let [3, i, ..] = loc.path[..] {
                match usize::try_from(i).ok().and_then(|i| remap.get(i)) {
                    Some(Ok(new)) => loc.path[1] = *new,
                    // FileDescriptorProto.option_dependency, field 15.
                    Some(Err(opt)) => loc.path = vec![15, *opt],
                    None => {}
                }
            }
        }
    }
}

fn parse_error(err: &protox_parse::ParseError, rewritten: &Rewritten) -> EditionsError {
    use miette::Diagnostic;
    let span = err
        .labels()
        .and_then(|mut labels| labels.next())
        .map_or(0..0, |l| rewritten.to_original(l.offset())..rewritten.to_original(l.offset() + l.len()));
    EditionsError::new(err.to_string(), span)
}

/// Path of a field (message field or extension, at any depth) in the file, if `path` is one.
fn field_at<'a>(file: &'a mut FileDescriptorProto, path: &[i32]) -> Option<&'a mut FieldDescriptorProto> {
    let idx = |i: i32| usize::try_from(i).ok();
    match *path {
        [7, i] => file.extension.get_mut(idx(i)?),
        [4, i, ref rest @ ..] => {
            let mut message = file.message_type.get_mut(idx(i)?)?;
            let mut rest = rest;
            loop {
                match *rest {
                    [3, i, ref tail @ ..] if !tail.is_empty() => {
                        message = message.nested_type.get_mut(idx(i)?)?;
                        rest = tail;
                    }
                    [2, i] => return message.field.get_mut(idx(i)?),
                    [6, i] => return message.extension.get_mut(idx(i)?),
                    _ => return None,
                }
            }
        }
        _ => None,
    }
}

/// Sets `default_value` on the field whose declaration contains the blanked `default` option,
/// and records buf's location for it (the whole `default = …` option).
fn apply_default(
    file: &mut FileDescriptorProto,
    locations: &mut Vec<Location>,
    lines: &Lines,
    default: &DefaultOpt,
) -> Result<(), EditionsError> {
    let anchor = default.span.start;
    let mut best: Option<(usize, &Location)> = None;
    for loc in locations.iter() {
        let Some(range) = lines.span_to_range(&loc.span) else { continue };
        if !range.contains(&anchor) || field_at(file, &loc.path).is_none() {
            continue;
        }
        if best.is_none_or(|(len, _)| range.len() < len) {
            best = Some((range.len(), loc));
        }
    }
    let not_field = || EditionsError::new("`default` is only allowed on fields", default.span.clone());
    let path = best.map(|(_, loc)| loc.path.clone()).ok_or_else(not_field)?;
    let field = field_at(file, &path).ok_or_else(not_field)?;
    if field.label == Some(Label::Repeated as i32) {
        return Err(EditionsError::new("default value cannot be set because field is repeated", default.span.clone()));
    }
    let ty = field.r#type.and_then(|t| Type::try_from(t).ok());
    let value = value::default_string(ty, &default.value)
        .map_err(|message| EditionsError::new(message, default.value_span.clone()))?;
    field.default_value = Some(value);
    let mut loc_path = path;
    loc_path.push(7); // FieldDescriptorProto.default_value
    locations.push(Location { path: loc_path, span: lines.range_to_span(&default.span), ..Location::default() });
    Ok(())
}

/// buf records a field's option-list location only when real options remain, and one
/// `json_name` location (the whole option) where protox records two.
fn clean_field_locations(file: &FileDescriptorProto, locations: &mut Vec<Location>, lines: &Lines) {
    let mut file = file.clone();
    let mut json_name_kept: Vec<(Vec<i32>, usize)> = Vec::new();
    let mut drop = vec![false; locations.len()];
    for (k, loc) in locations.iter().enumerate() {
        let Some((&last, parent)) = loc.path.split_last() else { continue };
        let Some(field) = field_at(&mut file, parent) else { continue };
        if last == 8 && field.options.is_none() {
            drop[k] = true;
        }
        if last == 10 {
            let len = lines.span_to_range(&loc.span).map_or(0, |r| r.len());
            match json_name_kept.iter_mut().find(|(p, _)| *p == loc.path) {
                Some(entry) => {
                    // Keep the longer one (the whole option, not just its value).
                    let prev = entry.1;
                    if len > lines_len(locations, prev, lines) {
                        drop[prev] = true;
                        entry.1 = k;
                    } else {
                        drop[k] = true;
                    }
                }
                None => json_name_kept.push((loc.path.clone(), k)),
            }
        }
    }
    let mut k = 0;
    locations.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

fn lines_len(locations: &[Location], k: usize, lines: &Lines) -> usize {
    locations.get(k).and_then(|l| lines.span_to_range(&l.span)).map_or(0, |r| r.len())
}

/// buf copies the features explicitly set on a map field onto its entry's key and value fields:
/// copy the uninterpreted `features.*` options so the linker resolves them there too.
fn map_entry_feature_options(message: &mut DescriptorProto) {
    let entries: Vec<(String, Vec<UninterpretedOption>)> = message
        .field
        .iter()
        .filter(|f| f.label == Some(Label::Repeated as i32))
        .filter_map(|f| {
            let features: Vec<UninterpretedOption> = f
                .options
                .as_ref()?
                .uninterpreted_option
                .iter()
                .filter(|u| u.name.first().is_some_and(|n| !n.is_extension && n.name_part == "features"))
                .cloned()
                .collect();
            (!features.is_empty()).then(|| (f.type_name.clone().unwrap_or_default(), features))
        })
        .collect();
    for nested in &mut message.nested_type {
        let is_entry = nested.options.as_ref().is_some_and(|o| o.map_entry == Some(true));
        if let Some((_, features)) = entries.iter().find(|(n, _)| is_entry && nested.name() == n) {
            for f in &mut nested.field {
                f.options
                    .get_or_insert_with(FieldOptions::default)
                    .uninterpreted_option
                    .extend(features.iter().cloned());
            }
        }
        map_entry_feature_options(nested);
    }
}

/// buf stores an enum default as the name of the FIRST value with that number (aliases
/// collapse). Only enums of this file can be looked up here.
fn canonical_enum_defaults(file: &mut FileDescriptorProto) {
    fn walk(messages: &mut [DescriptorProto], fix: &dyn Fn(&mut FieldDescriptorProto)) {
        for m in messages {
            m.field.iter_mut().chain(m.extension.iter_mut()).for_each(fix);
            walk(&mut m.nested_type, fix);
        }
    }
    let mut enums: Vec<(String, Vec<(String, i32)>)> = Vec::new();
    let package = file.package().to_owned();
    let prefix = if package.is_empty() { String::new() } else { format!(".{package}") };
    collect_enums(&prefix, &file.enum_type, &file.message_type, &mut enums);
    let fix = |field: &mut FieldDescriptorProto| {
        if field.r#type != Some(Type::Enum as i32) {
            return;
        }
        let (Some(default), Some(type_name)) = (&field.default_value, &field.type_name) else { return };
        let Some((_, values)) = enums.iter().find(|(n, _)| n == type_name) else { return };
        let Some(number) = values.iter().find(|(n, _)| n == default).map(|v| v.1) else { return };
        if let Some((first, _)) = values.iter().find(|v| v.1 == number) {
            field.default_value = Some(first.clone());
        }
    };
    file.extension.iter_mut().for_each(fix);
    walk(&mut file.message_type, &fix);
}

fn collect_enums(
    scope: &str,
    enums: &[EnumDescriptorProto],
    messages: &[DescriptorProto],
    out: &mut Vec<(String, Vec<(String, i32)>)>,
) {
    for e in enums {
        let values = e.value.iter().map(|v| (v.name().to_owned(), v.number())).collect();
        out.push((format!("{scope}.{}", e.name()), values));
    }
    for m in messages {
        collect_enums(&format!("{scope}.{}", m.name()), &m.enum_type, &m.nested_type, out);
    }
}
