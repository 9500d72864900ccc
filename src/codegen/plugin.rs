//! Running a protoc plugin executable over the standard `CodeGeneratorRequest` /
//! `CodeGeneratorResponse` protocol, so non-Rust generators work without protoc.

use std::{
    collections::BTreeMap,
    io::Write,
    process::{Command, Stdio},
};

use prost::Message;
use prost_types::{
    FileDescriptorSet,
    compiler::{CodeGeneratorRequest, CodeGeneratorResponse, Version},
};

use crate::Error;

/// Runs `command` (program and arguments) as a protoc plugin for `targets` (file names in
/// `set`) and returns the files it produced.
pub fn run(
    command: &[String],
    set: &FileDescriptorSet,
    targets: &[String],
    parameter: &str,
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let Some((program, args)) = command.split_first() else {
        return Err(Error::new("a plugin entry names no program"));
    };
    let request = CodeGeneratorRequest {
        file_to_generate: targets.to_vec(),
        parameter: (!parameter.is_empty()).then(|| parameter.to_owned()),
        proto_file: set.file.clone(),
        compiler_version: Some(Version {
            major: Some(5),
            minor: Some(29),
            patch: Some(0),
            suffix: Some(String::new()),
        }),
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::new(format!("plugin {program:?} could not be started: {e}")).with_help(format!(
                "install it on PATH, give its path in `local:`, or use `local: {}` for Rust",
                crate::config::BUILTIN_RUST
            ))
        })?;
    let encoded = request.encode_to_vec();
    let writer = child.stdin.take().map(|mut stdin| std::thread::spawn(move || stdin.write_all(&encoded)));
    let output = child.wait_with_output().map_err(|e| Error::new(format!("plugin {program:?}: {e}")))?;
    if let Some(writer) = writer {
        // A plugin that exits without reading its input is reported by its exit status below.
        let _ = writer.join();
    }
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::new(format!("plugin {program:?} failed ({}): {}", output.status, stderr.trim())));
    }
    let response = CodeGeneratorResponse::decode(output.stdout.as_slice())
        .map_err(|e| Error::new(format!("plugin {program:?} wrote an invalid CodeGeneratorResponse: {e}")))?;
    if let Some(error) = response.error.filter(|e| !e.is_empty()) {
        return Err(Error::new(format!("plugin {program:?} reported an error: {error}")));
    }
    let mut files = BTreeMap::new();
    for file in response.file {
        if file.insertion_point.as_deref().is_some_and(|p| !p.is_empty()) {
            return Err(Error::new(format!(
                "plugin {program:?} uses insertion points, which protogate does not support yet"
            )));
        }
        let name = file.name.unwrap_or_default();
        super::output::confine(&name)?;
        files.insert(name, file.content.unwrap_or_default().into_bytes());
    }
    Ok(files)
}
