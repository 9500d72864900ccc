//! `protogate build`: compile an input into an image.

use std::path::Path;

use clap::Args;

use super::{InputArgs, output};
use crate::{
    Error, ExitCode,
    input::{ImageFile, ImageFormat, write_image},
    report::Format,
    schema::{Schema, SchemaFile},
};

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output image: FILE.binpb or FILE.json (default: compile only).
    #[arg(short, long, default_value = "/dev/null")]
    output: String,
    /// Leave imported files out of the image.
    #[arg(long)]
    exclude_imports: bool,
    /// Leave `SourceCodeInfo` out of the image.
    #[arg(long)]
    exclude_source_info: bool,
}

pub fn run(args: &BuildArgs) -> Result<ExitCode, Error> {
    // buf build takes breaking's formats (no config-ignore-yaml) and prints compile errors on
    // stderr in the chosen one.
    let destinations = output::destinations(&args.input.error_format, &Format::BREAKING)?;
    let format = ImageFormat::from_path(&args.output)?;
    let schema = match super::load_input_with_pools(&args.input) {
        Ok(input) => input.schema,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            output::write_compile_errors(&destinations, error.compile_diagnostics(), output::Stream::Stderr)?;
            return Ok(ExitCode::Findings);
        }
        Err(error) => return Err(error),
    };
    let Schema { files, linked } = schema;
    let linked_encodings = crate::compile::encoded_files(&linked);
    let files = image_files(files, &linked_encodings, args.exclude_imports, args.exclude_source_info);
    write_image(&files, format, Path::new(&args.output))?;
    super::release_at_exit((files, linked));
    Ok(ExitCode::Clean)
}

/// The image files; each carries the linker's encoding (or the input image's), whose option
/// extensions the written image keeps.
fn image_files(
    files: Vec<SchemaFile>,
    linked: &std::collections::HashMap<String, std::sync::Arc<[u8]>>,
    exclude_imports: bool,
    exclude_source_info: bool,
) -> Vec<ImageFile> {
    files
        .into_iter()
        .filter(|f| !(exclude_imports && f.is_import))
        .map(|f| {
            let encoded = linked.get(f.descriptor.name()).or(f.encoding()).cloned();
            let source_code_info = if exclude_source_info { None } else { f.source_code_info() };
            let mut descriptor = f.descriptor;
            descriptor.source_code_info = source_code_info;
            ImageFile { descriptor, is_import: f.is_import, edition: f.edition, encoded }
        })
        .collect()
}
