//! `--error-format FORMAT[=PATH]`: which reports to write where.

use std::{
    io::{IsTerminal, Write},
    path::PathBuf,
};

use crate::{Error, diagnostic::Diagnostic, lint::quote::go_quote, report::Format};

/// Where reports without a file go: stdout for lint and breaking findings, stderr for the
/// compile errors of `build` (as buf does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One requested report: a format, and a file (`None` = the command's stream).
pub struct Destination {
    pub format: Format,
    pub path: Option<PathBuf>,
}

/// Parses the `--error-format` values; none means `pretty` when stdout is a terminal, else
/// buf's default, `text` (so scripts and CI see buf's bytes).
pub fn destinations(values: &[String], allowed: &[Format]) -> Result<Vec<Destination>, Error> {
    if values.is_empty() {
        let format = if std::io::stdout().is_terminal() { Format::Pretty } else { Format::Text };
        return Ok(vec![Destination { format, path: None }]);
    }
    values
        .iter()
        .map(|value| {
            let (name, path) = match value.split_once('=') {
                Some((name, path)) => (name, Some(PathBuf::from(path))),
                None => (value.as_str(), None),
            };
            match Format::from_name(name).filter(|f| allowed.contains(f)) {
                Some(format) => Ok(Destination { format, path }),
                None => Err(Error::new(format!("--error-format: invalid format: {}", go_quote(name))).with_help(
                    format!("valid formats: {}", allowed.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")),
                )),
            }
        })
        .collect()
}

/// Writes every report; files are written atomically. Like buf, nothing is printed on stdout
/// when there is nothing to report; a file still gets the format's empty document, so a CI
/// step reading it finds valid XML or JSON.
pub fn write_reports(destinations: &[Destination], diagnostics: &[Diagnostic]) -> Result<(), Error> {
    write(destinations, diagnostics, |format| format, Stream::Stdout)
}

/// Writes compile errors as findings: in the requested formats, except that buf prints them as
/// `text` where `config-ignore-yaml` was asked for.
pub fn write_compile_errors(
    destinations: &[Destination],
    diagnostics: &[Diagnostic],
    stream: Stream,
) -> Result<(), Error> {
    write(destinations, diagnostics, Format::for_compile_errors, stream)
}

fn write(
    destinations: &[Destination],
    diagnostics: &[Diagnostic],
    format_for: impl Fn(Format) -> Format,
    stream: Stream,
) -> Result<(), Error> {
    for destination in destinations {
        let color = destination.path.is_none() && wants_color(stream);
        let rendered = format_for(destination.format).render_styled(diagnostics, color);
        match &destination.path {
            None if diagnostics.is_empty() => {}
            None if stream == Stream::Stderr => {
                let mut stderr = std::io::stderr().lock();
                stderr.write_all(rendered.as_bytes()).map_err(|e| Error::new(format!("writing to stderr: {e}")))?;
            }
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(rendered.as_bytes()).map_err(|e| Error::new(format!("writing to stdout: {e}")))?;
            }
            Some(path) => {
                let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
                let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
                temp.write_all(rendered.as_bytes()).map_err(|e| Error::io(path, &e))?;
                temp.persist(path).map_err(|e| Error::io(path, &e.error))?;
            }
        }
    }
    Ok(())
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything non-empty
/// (<https://no-color.org>).
fn wants_color(stream: Stream) -> bool {
    let terminal = match stream {
        Stream::Stdout => std::io::stdout().is_terminal(),
        Stream::Stderr => std::io::stderr().is_terminal(),
    };
    terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}
