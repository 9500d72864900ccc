//! Serving one file as written and its dependencies without their options, to collect that
//! file's own compile errors. buf reports every file's errors, each file on its own; protox
//! stops at the first error it meets, which for a file whose dependency cannot resolve its
//! options (that dependency's import of `validate/validate.proto` missing, say) lies in the
//! dependency, before the file itself is linked. A dependency's option values never decide
//! whether the file itself compiles, so leaving them out keeps the file's errors and only those.

use std::{collections::HashMap, sync::Arc};

use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto};
use protox::file::{File, FileResolver};

/// Every file of a resolver with its uninterpreted options removed.
pub struct WithoutOptions {
    files: Arc<HashMap<String, File>>,
}

impl WithoutOptions {
    /// `available` says whether an import can be opened; a dependency's other imports are
    /// dropped, or protox would stop at them before reaching the file compiled.
    pub fn new(files: &HashMap<String, File>, available: impl Fn(&str) -> bool) -> Self {
        let files = files
            .iter()
            .map(|(name, file)| {
                let mut proto = file.file_descriptor_proto().clone();
                strip_file(&mut proto);
                keep_imports(&mut proto, |import| files.contains_key(import) || available(import));
                (name.clone(), File::from_file_descriptor_proto(proto))
            })
            .collect();
        Self { files: Arc::new(files) }
    }

    /// A resolver serving `target` from `written`, everything else without options.
    pub fn around<R: FileResolver>(&self, target: &str, written: R) -> OwnErrors<R> {
        OwnErrors {
            target: target.to_owned(),
            written,
            stripped: self.files.clone(),
            repaired: HashMap::new(),
            target_text: None,
        }
    }
}

#[derive(Clone)]
pub struct OwnErrors<R> {
    target: String,
    written: R,
    stripped: Arc<HashMap<String, File>>,
    /// Dependencies with the uses of a name they cannot resolve taken out.
    repaired: HashMap<String, File>,
    /// The target's text with the field types it cannot resolve replaced, once it has been.
    target_text: Option<String>,
}

impl<R> OwnErrors<R> {
    /// Takes out of the dependency `file` what refers to `name`, which it cannot resolve (its
    /// import is missing): fields of that type become `bytes`; methods taking or returning it
    /// and extensions of it go. False when there was nothing to take out.
    pub fn forget_type(&mut self, file: &str, name: &str) -> bool {
        if file == self.target {
            return false;
        }
        let Some(current) = self.repaired.get(file).or_else(|| self.stripped.get(file)) else { return false };
        let mut proto = current.file_descriptor_proto().clone();
        if !forget(&mut proto, name.trim_start_matches('.')) {
            return false;
        }
        self.repaired.insert(file.to_owned(), File::from_file_descriptor_proto(proto));
        true
    }
}

impl<R: FileResolver> OwnErrors<R> {
    /// Replaces, in the target's text, each field type in `unresolved` (`(line, column, name)`,
    /// 1-based) by a scalar type of at most its length, padded with spaces: every other position
    /// stays where it was, so the next compile reports the errors protox stopped short of (an
    /// option that cannot resolve, after the types that could not), where buf reports them too.
    pub fn forget_target_types(&mut self, unresolved: &[(u32, u32, String)]) -> bool {
        let written = || self.written.open_file(&self.target).ok()?.source().map(str::to_owned);
        let Some(mut text) = self.target_text.clone().or_else(written) else { return false };
        let zero_based = |n: u32| i32::try_from(n).ok()?.checked_sub(1);
        let mut changed = false;
        for (line, column, name) in unresolved {
            let Some(scalar) = ["bytes", "bool"].into_iter().find(|s| s.len() <= name.len()) else { continue };
            let Some(start) = zero_based(*line)
                .zip(zero_based(*column))
                .and_then(|(line, column)| crate::fix::offset_of(&text, line, column))
            else {
                continue;
            };
            let end = start + name.len();
            if text.get(start..end) != Some(name.as_str()) || !is_field_type(text.as_bytes(), start, name.len()) {
                continue;
            }
            text.replace_range(start..end, &format!("{scalar:<width$}", width = name.len()));
            changed = true;
        }
        if changed {
            self.target_text = Some(text);
        }
        changed
    }
}

/// Whether the `len` bytes at `start` are a field's type: a field name follows (`Type name = 1`),
/// or they close a map's value type (`map<K, Type>`). Option names and RPC types are left alone.
fn is_field_type(text: &[u8], start: usize, len: usize) -> bool {
    let before = text[..start].iter().rev().take_while(|b| **b != b'\n').find(|b| !b.is_ascii_whitespace());
    let after = text[start + len..].iter().find(|b| !b.is_ascii_whitespace());
    let separated = text.get(start + len).is_some_and(u8::is_ascii_whitespace);
    !matches!(before, Some(b'(' | b'.'))
        && match after {
            Some(b'>') => true,
            Some(b) => separated && (b.is_ascii_alphabetic() || *b == b'_'),
            None => false,
        }
}

impl<R: FileResolver> FileResolver for OwnErrors<R> {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        if name == self.target {
            return match &self.target_text {
                Some(text) => File::from_source(name, text),
                None => self.written.open_file(name),
            };
        }
        match self.repaired.get(name).or_else(|| self.stripped.get(name)) {
            Some(file) => Ok(file.clone()),
            None => self.written.open_file(name),
        }
    }
}

fn forget(file: &mut FileDescriptorProto, name: &str) -> bool {
    let names = |written: &str| written.trim_start_matches('.') == name;
    let mut changed = false;
    let before = file.extension.len();
    file.extension.retain(|e| !names(e.extendee()));
    changed |= file.extension.len() != before;
    for service in &mut file.service {
        let before = service.method.len();
        service.method.retain(|m| !names(m.input_type()) && !names(m.output_type()));
        changed |= service.method.len() != before;
    }
    let mut messages: Vec<&mut DescriptorProto> = file.message_type.iter_mut().collect();
    let mut fields: Vec<&mut FieldDescriptorProto> = Vec::new();
    while let Some(message) = messages.pop() {
        let before = message.extension.len();
        message.extension.retain(|e| !names(e.extendee()));
        changed |= message.extension.len() != before;
        fields.extend(message.field.iter_mut().chain(message.extension.iter_mut()));
        messages.extend(message.nested_type.iter_mut());
    }
    for field in fields.into_iter().chain(file.extension.iter_mut()) {
        if names(field.type_name()) {
            field.type_name = None;
            field.set_type(prost_types::field_descriptor_proto::Type::Bytes);
            changed = true;
        }
    }
    changed
}

/// Keeps the imports `keep` accepts, with the public and weak import indexes renumbered.
fn keep_imports(file: &mut FileDescriptorProto, keep: impl Fn(&str) -> bool) {
    let kept: Vec<bool> = file.dependency.iter().map(|import| keep(import)).collect();
    if kept.iter().all(|&k| k) {
        return;
    }
    let new_index: Vec<Option<i32>> = kept
        .iter()
        .scan(0, |next, &k| {
            let index = k.then_some(*next);
            *next += i32::from(k);
            Some(index)
        })
        .collect();
    let renumber = |indexes: &mut Vec<i32>| {
        *indexes = indexes
            .iter()
            .filter_map(|&i| usize::try_from(i).ok().and_then(|i| new_index.get(i).copied().flatten()))
            .collect();
    };
    renumber(&mut file.public_dependency);
    renumber(&mut file.weak_dependency);
    let mut kept = kept.into_iter();
    file.dependency.retain(|_| kept.next().unwrap_or(false));
}

macro_rules! clear {
    ($options:expr) => {
        if let Some(options) = $options.as_mut() {
            options.uninterpreted_option.clear();
        }
    };
}

fn strip_file(file: &mut FileDescriptorProto) {
    clear!(file.options);
    file.message_type.iter_mut().for_each(strip_message);
    file.enum_type.iter_mut().for_each(strip_enum);
    file.extension.iter_mut().for_each(strip_field);
    for service in &mut file.service {
        clear!(service.options);
        for method in &mut service.method {
            clear!(method.options);
        }
    }
}

fn strip_message(message: &mut DescriptorProto) {
    clear!(message.options);
    message.field.iter_mut().chain(&mut message.extension).for_each(strip_field);
    message.nested_type.iter_mut().for_each(strip_message);
    message.enum_type.iter_mut().for_each(strip_enum);
    for oneof in &mut message.oneof_decl {
        clear!(oneof.options);
    }
    for range in &mut message.extension_range {
        clear!(range.options);
    }
}

fn strip_field(field: &mut FieldDescriptorProto) {
    clear!(field.options);
}

fn strip_enum(enumeration: &mut EnumDescriptorProto) {
    clear!(enumeration.options);
    for value in &mut enumeration.value {
        clear!(value.options);
    }
}
