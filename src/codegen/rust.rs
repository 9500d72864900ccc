//! The built-in Rust generator: prost messages and, on request, tonic services, from a
//! `FileDescriptorSet` (no protoc), laid out as a module tree that mirrors the packages.

use std::collections::BTreeMap;

use prost::Message;
use prost_types::FileDescriptorSet;

use std::fmt::Write as _;

use crate::Error;

/// Options of the `protogate-rust` plugin (`opt:` in buf.gen.yaml).
#[derive(Debug, Clone, Default)]
pub struct RustOptions {
    pub server: bool,
    pub client: bool,
    /// Generate `google.protobuf` types instead of using `prost_types`.
    pub compile_well_known_types: bool,
    /// Proto paths whose `bytes` fields become `bytes::Bytes`.
    pub bytes: Vec<String>,
    /// Proto paths whose map fields become `BTreeMap`.
    pub btree_map: Vec<String>,
    /// (proto path, attribute) for messages, enums and oneofs.
    pub type_attributes: Vec<(String, String)>,
    /// Derive `serde::Serialize`/`Deserialize` on every type.
    pub serde: bool,
    /// Write `file_descriptor_set.bin` for server reflection.
    pub file_descriptor_set: bool,
    /// One `mod.rs` with nested `pub mod` blocks instead of a file per package.
    pub single_file: bool,
}

impl RustOptions {
    pub fn parse(options: &[String]) -> Result<Self, Error> {
        let mut out = Self::default();
        for option in options.iter().flat_map(|o| o.split(',')).map(str::trim).filter(|o| !o.is_empty()) {
            let (key, value) = option.split_once('=').map_or((option, None), |(k, v)| (k, Some(v)));
            match (key, value) {
                ("server", None) => out.server = true,
                ("client", None) => out.client = true,
                ("services", None) => (out.server, out.client) = (true, true),
                ("compile_well_known_types", None) => out.compile_well_known_types = true,
                ("serde", None) => out.serde = true,
                ("file_descriptor_set", None) => out.file_descriptor_set = true,
                ("layout", Some("single")) => out.single_file = true,
                ("layout", Some("tree")) => out.single_file = false,
                ("bytes", Some(path)) => out.bytes.push(path.to_owned()),
                ("btree_map", Some(path)) => out.btree_map.push(path.to_owned()),
                ("type_attribute", Some(rest)) => {
                    let (path, attribute) = rest
                        .split_once('=')
                        .ok_or_else(|| Error::new(format!("opt {option:?}: expected type_attribute=PATH=ATTRIBUTE")))?;
                    out.type_attributes.push((path.to_owned(), attribute.to_owned()));
                }
                _ => {
                    return Err(Error::new(format!("unknown option {option:?} for the {} plugin", crate::config::BUILTIN_RUST))
                        .with_help("options: server, client, services, compile_well_known_types, serde, file_descriptor_set, layout=tree|single, bytes=PATH, btree_map=PATH, type_attribute=PATH=ATTRIBUTE"));
                }
            }
        }
        Ok(out)
    }
}

/// Generates the files (path relative to `out` → content) for the packages of `targets`;
/// `set` holds every file they need (prost-build resolves types across the whole set).
pub fn generate(
    set: &FileDescriptorSet,
    targets: &[String],
    options: &RustOptions,
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let staging = tempfile::tempdir().map_err(|e| Error::new(format!("creating a temporary directory: {e}")))?;
    let mut builder = tonic_prost_build::configure()
        .build_server(options.server)
        .build_client(options.client)
        .out_dir(staging.path())
        .emit_rerun_if_changed(false)
        .compile_well_known_types(options.compile_well_known_types);
    for path in &options.bytes {
        builder = builder.bytes(path);
    }
    for path in &options.btree_map {
        builder = builder.btree_map(path);
    }
    if options.serde {
        builder = builder.type_attribute(".", "#[derive(serde::Serialize, serde::Deserialize)]");
    }
    for (path, attribute) in &options.type_attributes {
        builder = builder.type_attribute(path, attribute);
    }
    check_file_names(set, targets)?;
    run_quietly(|| builder.compile_fds(set.clone()))?
        .map_err(|e| Error::new(format!("Rust code generation failed: {e}")))?;
    let wanted: std::collections::BTreeSet<String> = set
        .file
        .iter()
        .filter(|f| targets.iter().any(|t| t == f.name()))
        .map(|f| prost_build::Module::from_protobuf_package_name(f.package()).to_file_name_or("_"))
        .collect();
    let mut packages: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(staging.path()).map_err(|e| Error::io(staging.path(), &e))? {
        let entry = entry.map_err(|e| Error::io(staging.path(), &e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(package) = name.strip_suffix(".rs").filter(|_| wanted.contains(&name)) else { continue };
        let text = std::fs::read_to_string(entry.path()).map_err(|e| Error::io(&entry.path(), &e))?;
        packages.insert(package.to_owned(), text);
    }
    let mut files = if options.single_file { single_file(&packages) } else { module_tree(&packages) };
    if options.file_descriptor_set {
        // Reflection needs the descriptors, not the source locations and comments.
        let mut lean = set.clone();
        for file in &mut lean.file {
            file.source_code_info = None;
        }
        files.insert("file_descriptor_set.bin".to_owned(), lean.encode_to_vec());
    }
    Ok(files)
}

/// prost-build writes one `<package>.rs` per package; a package whose file name the file
/// system cannot hold would fail with a bare "File name too long" (os error 36).
fn check_file_names(set: &FileDescriptorSet, targets: &[String]) -> Result<(), Error> {
    const NAME_MAX: usize = 255;
    for file in set.file.iter().filter(|f| targets.iter().any(|t| t == f.name())) {
        let name = prost_build::Module::from_protobuf_package_name(file.package()).to_file_name_or("_");
        if name.len() > NAME_MAX {
            let shown: String = file.package().chars().take(40).collect();
            return Err(Error::new(format!(
                "{}: package `{shown}...` is too long to generate Rust for: its module file name is {} bytes, over \
                 the file system's {NAME_MAX}",
                file.name(),
                name.len()
            ))
            .with_help("shorten the package name"));
        }
    }
    Ok(())
}

/// prost-build panics on descriptor sets it does not expect; turn that into an error.
pub(crate) fn run_quietly<T>(work: impl FnOnce() -> T) -> Result<T, Error> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    std::panic::set_hook(previous);
    result.map_err(|panic| {
        let reason =
            panic.downcast_ref::<&str>().map(|s| (*s).to_owned()).or_else(|| panic.downcast_ref::<String>().cloned());
        Error::new(format!(
            "Rust code generation failed inside prost-build: {}",
            reason.unwrap_or_else(|| "unknown error".to_owned())
        ))
        .with_help("this is a bug in protogate or prost-build; please report it with the .proto files")
    })
}

const HEADER: &str = "// @generated by protogate generate. Do not edit.\n";

/// Package segments as a trie: each node may hold a package's code and children.
#[derive(Default)]
struct Node {
    code: Option<String>,
    children: BTreeMap<String, Node>,
}

fn trie(packages: &BTreeMap<String, String>) -> Node {
    let mut root = Node::default();
    for (package, code) in packages {
        let mut node = &mut root;
        // prost names the file of the empty package `_.rs`.
        if package != "_" {
            for segment in package.split('.') {
                node = node.children.entry(segment.to_owned()).or_default();
            }
        }
        node.code = Some(code.clone());
    }
    root
}

/// `mod.rs` at the root, then `a.rs` + `a/b.rs` per package segment.
fn module_tree(packages: &BTreeMap<String, String>) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    emit_tree(&trie(packages), "", &mut files);
    files
}

fn emit_tree(node: &Node, path: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    let mut text = String::from(HEADER);
    for name in node.children.keys() {
        let _ = writeln!(text, "pub mod {};", rust_ident(name));
    }
    if let Some(code) = &node.code {
        if !node.children.is_empty() {
            text.push('\n');
        }
        text.push_str(code);
    }
    let file = if path.is_empty() { "mod.rs".to_owned() } else { format!("{path}.rs") };
    files.insert(file, text.into_bytes());
    for (name, child) in &node.children {
        let name = name.trim_start_matches("r#");
        let child_path = if path.is_empty() { name.to_owned() } else { format!("{path}/{name}") };
        emit_tree(child, &child_path, files);
    }
}

/// One `mod.rs` with nested `pub mod` blocks.
fn single_file(packages: &BTreeMap<String, String>) -> BTreeMap<String, Vec<u8>> {
    fn emit(node: &Node, depth: usize, out: &mut String) {
        if let Some(code) = &node.code {
            for line in code.lines() {
                if !line.is_empty() {
                    out.push_str(&"    ".repeat(depth));
                }
                out.push_str(line);
                out.push('\n');
            }
        }
        for (name, child) in &node.children {
            let _ = writeln!(out, "{}pub mod {} {{", "    ".repeat(depth), rust_ident(name));
            emit(child, depth + 1, out);
            let _ = writeln!(out, "{}}}", "    ".repeat(depth));
        }
    }
    let mut text = String::from(HEADER);
    emit(&trie(packages), 0, &mut text);
    BTreeMap::from([("mod.rs".to_owned(), text.into_bytes())])
}

/// A package segment as a Rust module name (raw identifier for keywords, as prost does).
pub(crate) fn rust_ident(segment: &str) -> String {
    const KEYWORDS: [&str; 38] = [
        "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for",
        "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
        "struct", "trait", "true", "try", "type", "unsafe", "use", "where", "while", "abstract", "box",
    ];
    if segment.starts_with("r#") || !KEYWORDS.contains(&segment) { segment.to_owned() } else { format!("r#{segment}") }
}
