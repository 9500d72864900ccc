//! buf's input syntax: `path[#key=value,...]`, with the format inferred from the path.

use std::collections::BTreeMap;

use crate::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSpec {
    Directory(String),
    Image { path: String, format: super::ImageFormat },
    Git { path: String, options: BTreeMap<String, String> },
}

/// Parses an input argument as buf does (reference §4.2).
pub fn parse_input(raw: &str) -> Result<InputSpec, Error> {
    let (path, options) = match raw.split_once('#') {
        Some((path, rest)) => (path, parse_options(raw, rest)?),
        None => (raw, BTreeMap::new()),
    };
    if path.is_empty() {
        return Err(Error::new(format!("invalid input {raw:?}: the path before '#' is empty")));
    }
    let format = options.get("format").map(String::as_str).map_or_else(|| infer_format(path), str::to_owned);
    match format.as_str() {
        "dir" => Ok(InputSpec::Directory(path.to_owned())),
        "binpb" | "bin" => Ok(InputSpec::Image { path: path.to_owned(), format: super::ImageFormat::Binary }),
        "json" => Ok(InputSpec::Image { path: path.to_owned(), format: super::ImageFormat::Json }),
        "git" => Ok(InputSpec::Git { path: path.to_owned(), options }),
        other => Err(Error::new(format!("invalid input {raw:?}: format {other:?} is not supported by protogate"))
            .with_help(
                "use a directory, a .git repository (#branch=, #tag=, #ref=), or an image file (.binpb, .json)",
            )),
    }
}

fn parse_options(raw: &str, rest: &str) -> Result<BTreeMap<String, String>, Error> {
    let mut options = BTreeMap::new();
    for pair in rest.split(',') {
        let Some((key, value)) = pair.split_once('=').filter(|(k, v)| !k.is_empty() && !v.is_empty()) else {
            return Err(Error::new(format!(
                "invalid input {raw:?}: options must be key=value pairs separated by ',', found {pair:?}"
            )));
        };
        if options.insert(key.to_owned(), value.to_owned()).is_some() {
            return Err(Error::new(format!("invalid input {raw:?}: duplicate option {key:?}")));
        }
    }
    Ok(options)
}

fn infer_format(path: &str) -> String {
    let stripped = path.trim_end_matches('/');
    let ext = |e: &str| stripped.ends_with(e);
    if path == "-" || path == "/dev/stdin" || ext(".bin") || ext(".binpb") {
        "binpb".to_owned()
    } else if ext(".json") {
        "json".to_owned()
    } else if ext(".git") {
        "git".to_owned()
    } else {
        "dir".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_formats() {
        assert_eq!(parse_input("proto").unwrap(), InputSpec::Directory("proto".into()));
        assert!(matches!(parse_input("x.binpb").unwrap(), InputSpec::Image { .. }));
        let InputSpec::Git { path, options } = parse_input(".git#branch=main,subdir=proto").unwrap() else { panic!() };
        assert_eq!(path, ".git");
        assert_eq!(options["subdir"], "proto");
        assert!(parse_input(".git#branch").is_err());
        assert!(parse_input(".git#a=1,a=2").is_err());
    }
}
