//! Placeholder until buf's compile-error wording lands: protox's own text and location.
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileMessage {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

pub fn translate(error: &protox::Error, source: &dyn Fn(&str) -> Option<Arc<str>>) -> Vec<CompileMessage> {
    use miette::Diagnostic;
    let file = error.file().unwrap_or_default().to_owned();
    let offset = error.labels().and_then(|mut l| l.next()).map_or(0, |l| l.offset());
    let (line, column) = source(&file).map_or((1, 1), |text| {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        (line as u32, column as u32)
    });
    vec![CompileMessage { file, line, column, message: error.to_string() }]
}
