//! The one library error type. Opaque on purpose (as protox does): callers get a message, an
//! optional help text and an exit code, never a half-typed enum to match on.

use std::{fmt, io, path::Path};

use crate::diagnostic::Diagnostic;

/// What the process reports to its caller; a contract documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Nothing to report.
    Clean = 0,
    /// Anything else: bad flag, bad config, I/O, git failure, internal error.
    Failure = 1,
    /// Findings were printed (lint/breaking findings, compile errors, stale generated code).
    Findings = 100,
}

/// A failure that stops a command. Display gives the message; [`Error::help`] what to do.
#[derive(Debug)]
pub struct Error(Box<Inner>);

#[derive(Debug)]
struct Inner {
    message: String,
    help: Option<String>,
    compile: Vec<Diagnostic>,
    code: ExitCode,
}

impl Error {
    /// A failure with a message saying what went wrong and where.
    pub fn new(message: impl Into<String>) -> Self {
        Self(Box::new(Inner { message: message.into(), help: None, compile: Vec::new(), code: ExitCode::Failure }))
    }

    /// Adds a sentence saying what the user can do about it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// An I/O failure on `path`.
    pub fn io(path: &Path, source: &io::Error) -> Self {
        Self::new(format!("{}: {}", path.display(), describe_io(source)))
    }

    /// The schema did not compile; the diagnostics carry buf's `COMPILE` findings.
    pub fn compile(diagnostics: Vec<Diagnostic>) -> Self {
        Self(Box::new(Inner {
            message: format!("{} compile error(s)", diagnostics.len()),
            help: None,
            compile: diagnostics,
            code: ExitCode::Findings,
        }))
    }

    /// A command whose issue has not landed yet; says so rather than pretending to work.
    pub fn not_implemented(what: &str) -> Self {
        Self::new(format!("{what} is not implemented yet"))
            .with_help("track the corresponding protogate issue; nothing was done")
    }

    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// The compile errors, when this error is a failed compile.
    pub fn compile_diagnostics(&self) -> &[Diagnostic] {
        &self.0.compile
    }

    pub fn exit_code(&self) -> ExitCode {
        self.0.code
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}

fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}
