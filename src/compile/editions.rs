//! Placeholder until the editions front-end lands: every editions file is rejected clearly.
use std::ops::Range;

pub struct EditionsFixup;

#[derive(Debug, Clone)]
pub struct EditionsError {
    pub message: String,
    pub span: Range<usize>,
}

pub fn prepare(
    _name: &str,
    source: &str,
) -> Result<Option<(prost_types::FileDescriptorProto, EditionsFixup)>, EditionsError> {
    match source.find("edition") {
        Some(start) if source.trim_start().starts_with("edition") => {
            Err(EditionsError { message: "editions are not supported yet".into(), span: start..start + 7 })
        }
        _ => Ok(None),
    }
}

pub fn finish(_file: &mut prost_types::FileDescriptorProto, _fixup: &EditionsFixup) {}
