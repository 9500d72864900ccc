//! `protogate scaffold`: a server crate around the generated code. The services and their Rust
//! names come from prost-build itself (a `ServiceGenerator` that records what prost-build hands
//! to tonic), so the skeletons implement exactly the traits that tonic generates.

use std::{cell::RefCell, collections::BTreeMap, collections::BTreeSet, rc::Rc};

use minijinja::{Environment, value::Serde};
use prost_types::FileDescriptorSet;
use serde::Serialize;

use crate::Error;

/// The templates of the scaffolded crate (`templates/` at the repository root): output path
/// relative to the crate (`{service}` is one file per service) → template source.
pub const TEMPLATES: [(&str, &str); 8] = [
    ("Cargo.toml", include_str!("../../templates/Cargo.toml.j2")),
    (".gitignore", include_str!("../../templates/gitignore.j2")),
    ("buf.gen.yaml", include_str!("../../templates/buf.gen.yaml.j2")),
    ("src/lib.rs", include_str!("../../templates/lib.rs.j2")),
    ("src/main.rs", include_str!("../../templates/main.rs.j2")),
    ("src/interceptor.rs", include_str!("../../templates/interceptor.rs.j2")),
    ("src/services/mod.rs", include_str!("../../templates/services_mod.rs.j2")),
    ("src/services/{service}.rs", include_str!("../../templates/service.rs.j2")),
];

/// The directory, relative to the crate, that `protogate generate` owns.
pub const GENERATED_DIR: &str = "src/generated";

/// The options of the built-in generator for a scaffolded crate (also written to its buf.gen.yaml).
pub const RUST_OPTIONS: [&str; 3] = ["server", "client", "file_descriptor_set"];

/// One service of the schema as the scaffold names it in Rust.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceSpec {
    /// `package.Service`, as health checking and reflection name it.
    pub full_name: String,
    /// `crate::generated::a::b`: the module of the service's package.
    pub package_path: String,
    /// The trait tonic generates (prost-build's Rust name of the service).
    pub trait_name: String,
    /// The module holding the trait and the server type (`foo_service_server`).
    pub server_mod: String,
    /// `generated::…::xxx_server::XxxServer`: the server type, from the crate root.
    pub server_path: String,
    /// The module of the implementation under `src/services/`.
    pub module: String,
    /// The type implementing the trait.
    pub struct_name: String,
    pub methods: Vec<MethodSpec>,
    /// Whether some request or response type is in the service's own package (imported as `pb`).
    pub uses_pb: bool,
    pub any_client_streaming: bool,
    pub any_server_streaming: bool,
}

/// One RPC with the Rust types of the generated trait method.
#[derive(Debug, Clone, Serialize)]
pub struct MethodSpec {
    /// The trait method (prost-build's snake-case name).
    pub name: String,
    pub proto_name: String,
    /// `unary`, `server streaming`, `client streaming` or `bidirectional streaming`.
    pub kind: &'static str,
    pub client_streaming: bool,
    pub server_streaming: bool,
    /// The associated stream type of a server-streaming method (`XxxStream`).
    pub stream_type: String,
    /// The message type of the request and of the response, as written in the service file.
    pub input: String,
    pub output: String,
    /// `tonic::Request<…>` and `tonic::Response<…>` arguments of the trait method.
    pub request: String,
    pub response: String,
    /// Whether the method's signature fits on one line of 100 columns (as rustfmt writes it).
    pub one_line: bool,
    /// Whether the `Status::unimplemented(…)` call fits rustfmt's 60-column call width.
    pub short_status: bool,
}

/// A package of the target files, re-exported by `lib.rs`.
#[derive(Debug, Clone, Serialize)]
pub struct PackageSpec {
    pub name: String,
    /// The module path under `crate::generated`.
    pub path: String,
    pub alias: String,
}

/// What the templates are rendered with.
#[derive(Debug, Clone, Serialize)]
pub struct Scaffold {
    /// The crate (package) name.
    pub name: String,
    /// The library crate as Rust code names it (`-` → `_`).
    pub crate_ident: String,
    pub services: Vec<ServiceSpec>,
    pub packages: Vec<PackageSpec>,
    /// The `inputs:` entry of buf.gen.yaml (`directory: "…"`), if the input can be written there.
    pub template_input: Option<String>,
    pub generated_dir: &'static str,
    pub rust_options: [&'static str; 3],
}

impl Scaffold {
    /// Collects the services of `targets` (files of `set`) and names everything.
    pub fn new(
        name: &str,
        set: &FileDescriptorSet,
        targets: &[String],
        template_input: Option<String>,
    ) -> Result<Self, Error> {
        let services = services(set, targets)?;
        let mut packages: Vec<PackageSpec> = set
            .file
            .iter()
            .filter(|f| targets.iter().any(|t| t == f.name()) && !f.package().is_empty())
            .map(|f| f.package().to_owned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|name| {
                let parts = module_parts(&name);
                let alias = parts.iter().map(|p| p.trim_start_matches("r#")).collect::<Vec<_>>().join("_");
                PackageSpec { path: parts.join("::"), alias: rust_ident(&alias), name }
            })
            .collect();
        packages.retain(|p| !p.path.is_empty());
        Ok(Self {
            name: name.to_owned(),
            crate_ident: name.replace('-', "_"),
            services,
            packages,
            template_input,
            generated_dir: GENERATED_DIR,
            rust_options: RUST_OPTIONS,
        })
    }

    /// Renders every template: crate-relative path → content.
    pub fn render(&self) -> Result<BTreeMap<String, Vec<u8>>, Error> {
        let mut env = Environment::new();
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| template_error("(syntax)", &e))?;
        env.set_syntax(syntax);
        for (path, source) in TEMPLATES {
            env.add_template(path, source).map_err(|e| template_error(path, &e))?;
        }
        let mut files = BTreeMap::new();
        for (path, _) in TEMPLATES {
            let template = env.get_template(path).map_err(|e| template_error(path, &e))?;
            if path.contains("{service}") {
                for service in &self.services {
                    let text = template
                        .render(minijinja::context! { scaffold => Serde(self), service => Serde(service) })
                        .map_err(|e| template_error(path, &e))?;
                    files.insert(path.replace("{service}", &service.module.replace("r#", "")), text.into_bytes());
                }
            } else {
                let text = template
                    .render(minijinja::context! { scaffold => Serde(self) })
                    .map_err(|e| template_error(path, &e))?;
                files.insert(path.to_owned(), text.into_bytes());
            }
        }
        Ok(files)
    }
}

fn template_error(path: &str, error: &minijinja::Error) -> Error {
    Error::new(format!("rendering the scaffold template for {path}: {error:#}"))
        .with_help("this is a bug in protogate's templates; please report it")
}

/// Records the services prost-build hands to its service generator.
struct Recorder(Rc<RefCell<Vec<prost_build::Service>>>);

impl prost_build::ServiceGenerator for Recorder {
    fn generate(&mut self, service: prost_build::Service, _buf: &mut String) {
        self.0.borrow_mut().push(service);
    }
}

/// The services declared in `targets`, in file order, named as prost-build and tonic name them.
pub fn services(set: &FileDescriptorSet, targets: &[String]) -> Result<Vec<ServiceSpec>, Error> {
    let recorded = Rc::new(RefCell::new(Vec::new()));
    let staging = tempfile::tempdir().map_err(|e| Error::new(format!("creating a temporary directory: {e}")))?;
    let mut config = prost_build::Config::new();
    config.service_generator(Box::new(Recorder(Rc::clone(&recorded)))).out_dir(staging.path());
    super::rust::run_quietly(|| config.compile_fds(set.clone()))?
        .map_err(|e| Error::new(format!("Rust code generation failed: {e}")))?;
    let recorded = recorded.take();
    let mut out = Vec::new();
    for file in set.file.iter().filter(|f| targets.iter().any(|t| t == f.name())) {
        for declared in &file.service {
            let found = recorded.iter().find(|s| s.package == file.package() && s.proto_name == declared.name());
            if let Some(service) = found {
                out.push(spec(service));
            }
        }
    }
    disambiguate(&mut out);
    Ok(out)
}

fn spec(service: &prost_build::Service) -> ServiceSpec {
    let parts = module_parts(&service.package);
    let package_path = std::iter::once("crate::generated".to_owned()).chain(parts.iter().cloned()).collect::<Vec<_>>();
    let mut uses_pb = false;
    let methods: Vec<MethodSpec> = service
        .methods
        .iter()
        .map(|m| {
            let (input, in_pb) = rust_type(&m.input_type, &parts);
            let (output, out_pb) = rust_type(&m.output_type, &parts);
            uses_pb |= in_pb || out_pb;
            let stream_type = format!("{}Stream", m.proto_name);
            let request = if m.client_streaming { format!("Streaming<{input}>") } else { input.clone() };
            let response = if m.server_streaming { format!("Self::{stream_type}") } else { output.clone() };
            let kind = match (m.client_streaming, m.server_streaming) {
                (false, false) => "unary",
                (false, true) => "server streaming",
                (true, false) => "client streaming",
                (true, true) => "bidirectional streaming",
            };
            let one_line = format!(
                "    async fn {}(&self, request: Request<{request}>) -> Result<Response<{response}>, Status> {{",
                m.name
            )
            .len()
                <= 100;
            let short_status =
                format!("Status::unimplemented(\"{} is not implemented yet\")", m.proto_name).len() <= 60;
            MethodSpec {
                one_line,
                short_status,
                name: m.name.clone(),
                proto_name: m.proto_name.clone(),
                kind,
                client_streaming: m.client_streaming,
                server_streaming: m.server_streaming,
                stream_type,
                input,
                output,
                request,
                response,
            }
        })
        .collect();
    let snake = naive_snake_case(&service.name);
    let full_name = if service.package.is_empty() {
        service.proto_name.clone()
    } else {
        format!("{}.{}", service.package, service.proto_name)
    };
    let server_path =
        format!("{}::{snake}_server::{}Server", package_path.join("::").trim_start_matches("crate::"), service.name);
    ServiceSpec {
        server_path,
        full_name,
        package_path: package_path.join("::"),
        trait_name: service.name.clone(),
        server_mod: format!("{snake}_server"),
        module: rust_ident(&snake),
        struct_name: format!("{}Impl", service.name.trim_end_matches('_')),
        any_client_streaming: methods.iter().any(|m| m.client_streaming),
        any_server_streaming: methods.iter().any(|m| m.server_streaming),
        methods,
        uses_pb,
    }
}

/// Services of the same name in different packages get the package in their module and type.
fn disambiguate(services: &mut [ServiceSpec]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for service in services.iter() {
        *seen.entry(service.module.clone()).or_default() += 1;
    }
    for service in services.iter_mut().filter(|s| seen[&s.module] > 1) {
        let parts: Vec<&str> = service
            .package_path
            .split("::")
            .skip(2)
            .map(|p| p.trim_start_matches("r#").trim_end_matches('_'))
            .collect();
        let prefix = parts.join("_");
        let camel: String = parts.iter().flat_map(|p| p.split('_')).map(upper_first).collect();
        service.module = rust_ident(&format!("{prefix}_{}", service.module.trim_start_matches("r#")));
        service.struct_name = format!("{camel}{}", service.struct_name);
    }
}

fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The module path of a package under `generated` (prost-build's snake-case, sanitized parts).
fn module_parts(package: &str) -> Vec<String> {
    prost_build::Module::from_protobuf_package_name(package).parts().map(str::to_owned).collect()
}

/// A request or response type as prost-build resolved it relative to the package module, as
/// the service file writes it (`pb::X` for the service's own package), and whether it is there.
/// tonic-prost-build writes the same type as `super::{type}` from inside `xxx_server`.
fn rust_type(resolved: &str, package: &[String]) -> (String, bool) {
    if resolved.starts_with("::") || resolved.starts_with("crate::") || resolved == "()" {
        return (resolved.to_owned(), false);
    }
    let resolved = resolved.replace('.', "::");
    let mut rest = resolved.trim_start_matches("::");
    let mut base: Vec<&str> = package.iter().map(String::as_str).collect();
    let mut relative = false;
    while let Some(tail) = rest.strip_prefix("super::") {
        base.pop();
        rest = tail;
        relative = true;
    }
    if relative {
        let path: Vec<&str> = std::iter::once("crate::generated").chain(base).chain(std::iter::once(rest)).collect();
        (path.join("::"), false)
    } else {
        (format!("pb::{rest}"), true)
    }
}

/// tonic-build's `naive_snake_case`, which names the `xxx_server` module.
fn naive_snake_case(name: &str) -> String {
    let mut s = String::new();
    let mut it = name.chars().peekable();
    while let Some(x) = it.next() {
        s.push(x.to_ascii_lowercase());
        if let Some(y) = it.peek()
            && y.is_uppercase()
        {
            s.push('_');
        }
    }
    s
}

fn rust_ident(name: &str) -> String {
    super::rust::rust_ident(name)
}

/// A crate name from a directory name: lowercase ASCII letters, digits, `-` and `_`.
pub fn crate_name(raw: &str) -> Option<String> {
    let name: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let name = name.trim_matches('-').to_owned();
    (!name.is_empty() && name.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_resolve_against_the_package_module() {
        let package = vec!["shop".to_owned(), "v1".to_owned()];
        assert_eq!(rust_type("GetRequest", &package), ("pb::GetRequest".to_owned(), true));
        assert_eq!(rust_type("outer::Inner", &package), ("pb::outer::Inner".to_owned(), true));
        assert_eq!(
            rust_type("super::super::common::v1::Money", &package),
            ("crate::generated::common::v1::Money".to_owned(), false)
        );
        assert_eq!(rust_type("()", &package), ("()".to_owned(), false));
        assert_eq!(rust_type("::prost_types::Timestamp", &package), ("::prost_types::Timestamp".to_owned(), false));
    }

    #[test]
    fn snake_case_is_tonics() {
        assert_eq!(naive_snake_case("ProductService"), "product_service");
        assert_eq!(naive_snake_case("HTTPService"), "h_t_t_p_service");
    }

    #[test]
    fn crate_names_are_valid() {
        assert_eq!(crate_name("My Server").as_deref(), Some("my-server"));
        assert_eq!(crate_name("shop_api").as_deref(), Some("shop_api"));
        assert_eq!(crate_name("42"), None);
    }
}
