//! `protogate build`: compile an input into an image.

use std::path::Path;

use clap::Args;

use super::{InputArgs, output};
use crate::{
    Error, ExitCode,
    input::{ImageFile, ImageFormat, encode_image_file, write_image_files},
    report::Format,
    schema::SchemaFile,
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
    let schema = match super::load_input_with(&args.input, crate::compile::CompileOptions { keep_encodings: true }) {
        Ok(input) => input.schema,
        Err(error) if !error.compile_diagnostics().is_empty() => {
            output::write_compile_errors(&destinations, error.compile_diagnostics(), output::Stream::Stderr)?;
            return Ok(ExitCode::Findings);
        }
        Err(error) => return Err(error),
    };
    let parts = image_files(schema.files, args.exclude_imports, args.exclude_source_info);
    write_image_files(&parts, format, Path::new(&args.output))?;
    super::release_at_exit(parts);
    Ok(ExitCode::Clean)
}

/// The image files; each carries the linker's encoding (or the input image's), whose option
/// extensions the written image keeps. Encoded one file at a time, in parallel: a file's source
/// info is expanded to prost-types' form only while it is encoded.
fn image_files(files: Vec<SchemaFile>, exclude_imports: bool, exclude_source_info: bool) -> Vec<Vec<u8>> {
    use rayon::prelude::*;
    files
        .into_par_iter()
        .filter(|f| !(exclude_imports && f.is_import))
        .map(|f| {
            let encoded = f.encoding().cloned();
            let source_code_info = if exclude_source_info { None } else { f.source_code_info() };
            let mut descriptor = f.descriptor;
            descriptor.source_code_info = source_code_info;
            encode_image_file(&ImageFile { descriptor, is_import: f.is_import, edition: f.edition, encoded })
        })
        .collect()
}
