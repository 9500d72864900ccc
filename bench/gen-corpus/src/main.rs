//! `protogate-gen-corpus OUT [--files N | --scale F] [--commits N] [--seed N] [--force]`

#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line tool reports on its streams

use std::path::PathBuf;
use std::process::ExitCode;

use protogate_gen_corpus::{DEFAULT_FILES, Options, generate};

const USAGE: &str = "usage: protogate-gen-corpus OUT [--files N | --scale F] [--commits N] [--seed N] [--force]
Writes a deterministic googleapis-shaped tree (about 7,000 .proto files and 75 MB by default),
a buf.yaml and a git history; the same arguments give a byte-identical tree.";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(options) => match generate(&options) {
            Ok(summary) => {
                println!(
                    "{}: {} .proto files, {:.1} MB, {} commits",
                    options.out.display(),
                    summary.files,
                    summary.bytes as f64 / 1e6,
                    summary.commits
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("protogate-gen-corpus: {error}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("protogate-gen-corpus: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options { out: PathBuf::new(), files: DEFAULT_FILES, commits: 20, seed: 8, force: false };
    let mut out = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--files" => options.files = number(&value("--files")?)?,
            "--scale" => {
                let scale: f64 = value("--scale")?.parse().map_err(|_| "--scale needs a number".to_owned())?;
                options.files = (DEFAULT_FILES as f64 * scale).round() as usize;
            }
            "--commits" => options.commits = number(&value("--commits")?)?,
            "--seed" => options.seed = number(&value("--seed")?)? as u64,
            "--force" => options.force = true,
            "-h" | "--help" => return Err("help".to_owned()),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    options.out = out.ok_or("missing OUT directory")?;
    Ok(options)
}

fn number(text: &str) -> Result<usize, String> {
    text.parse().map_err(|_| format!("{text:?} is not a number"))
}
