//! One API package, googleapis style (AIP resource-oriented design): `acme/<area>/<product>/<version>/`
//! with a `common.proto`, one file per resource and service files with CRUD RPCs annotated with
//! `acme.api.http`, method signatures and long-running operation info.

use std::collections::BTreeMap;

use crate::model::{Enum, EnumValue, Field, Http, Item, Label, Message, Oneof, ProtoFile, Rpc, Service};
use crate::names::{self, pascal, plural, snake};
use crate::rng::Rng;
use crate::shared;

const COMMON_MESSAGES: [&str; 10] = [
    "EncryptionConfig",
    "NetworkConfig",
    "MaintenanceWindow",
    "RetryPolicy",
    "ScalingConfig",
    "LoggingConfig",
    "AccessConfig",
    "UsageStats",
    "QuotaLimit",
    "Schedule",
];
const COMMON_ENUMS: [&str; 5] = ["Tier", "Edition", "Severity", "ReleaseChannel", "Protocol"];
const AUX_SUFFIXES: [&str; 6] = ["Spec", "Status", "Stats", "Settings", "Info", "Summary"];
const SCALARS: [&str; 7] = ["string", "int32", "int64", "bool", "double", "bytes", "uint64"];

/// What the git history may edit later.
pub struct PackageFiles {
    pub files: Vec<ProtoFile>,
    /// Indexes into `files` of the per-resource files and of the service files.
    pub resource_files: Vec<usize>,
    pub service_files: Vec<usize>,
}

struct Context<'a> {
    area: &'a str,
    product: &'a str,
    version: &'a str,
    dir: String,
    /// Package-local type name -> the file defining it.
    local: BTreeMap<String, String>,
}

impl Context<'_> {
    fn package(&self) -> String {
        format!("acme.{}.{}.{}", self.area, self.product, self.version)
    }

    fn resource_type(&self, resource: &str) -> String {
        format!("{}.acme.com/{resource}", self.product)
    }

    fn new_file(&self, stem: &str) -> ProtoFile {
        let (area, product, version) = (pascal(self.area), pascal(self.product), pascal(self.version));
        let options = vec![
            ("csharp_namespace".to_owned(), format!("\"Acme.{area}.{product}.{version}\"")),
            (
                "go_package".to_owned(),
                format!("\"acme.com/genproto/acme/{}/{}/{}/{1}pb;{1}pb\"", self.area, self.product, self.version),
            ),
            ("java_multiple_files".to_owned(), "true".to_owned()),
            ("java_outer_classname".to_owned(), format!("\"{}Proto\"", pascal(stem))),
            ("java_package".to_owned(), format!("\"com.acme.{}.{}.{}\"", self.area, self.product, self.version)),
            ("php_namespace".to_owned(), format!("\"Acme\\\\{area}\\\\{product}\\\\{version}\"")),
            ("ruby_package".to_owned(), format!("\"Acme::{area}::{product}::{version}\"")),
        ];
        ProtoFile {
            path: format!("{}/{stem}.proto", self.dir),
            package: self.package(),
            imports: Vec::new(),
            options,
            items: Vec::new(),
        }
    }

    /// Records the import a field of type `ty` needs in `file`.
    fn uses(&self, file: &mut ProtoFile, ty: &str) {
        let ty = ty.strip_prefix("map<string, ").and_then(|t| t.strip_suffix('>')).unwrap_or(ty);
        if let Some(import) = shared::import_for(ty) {
            file.imports.push(import.to_owned());
        } else if let Some(path) = self.local.get(ty)
            && *path != file.path
        {
            file.imports.push(path.clone());
        }
    }
}

pub fn field(rng: &mut Rng, ty: &str, name: &str, number: u32, behaviors: &[&'static str]) -> Field {
    Field {
        label: Label::Plain,
        ty: ty.to_owned(),
        name: name.to_owned(),
        number,
        comment: names::comment(rng, 2),
        trailing: rng.chance(8).then(|| "Next tag after this one is reserved.".to_owned()),
        behaviors: behaviors.to_vec(),
        reference: None,
        deprecated: false,
    }
}

pub fn build(rng: &mut Rng, area: &str, product: &str, version: &str, resources: &[&str]) -> PackageFiles {
    let mut cx =
        Context { area, product, version, dir: format!("acme/{area}/{product}/{version}"), local: BTreeMap::new() };
    let mut files = vec![common_file(rng, &mut cx)];
    let mut resource_files = Vec::new();
    for resource in resources {
        cx.local.insert((*resource).to_owned(), format!("{}/{}.proto", cx.dir, snake(resource)));
    }
    for resource in resources {
        resource_files.push(files.len());
        files.push(resource_file(rng, &cx, resource));
    }
    let mut service_files = Vec::new();
    for (index, group) in resources.chunks(3).enumerate() {
        let stem = if index == 0 { format!("{product}_service") } else { format!("{product}_service_{index}") };
        service_files.push(files.len());
        files.push(service_file(rng, &cx, &stem, group));
    }
    PackageFiles { files, resource_files, service_files }
}

fn common_file(rng: &mut Rng, cx: &mut Context<'_>) -> ProtoFile {
    let mut file = cx.new_file("common");
    file.imports.push(shared::FIELD_BEHAVIOR.to_owned());
    let path = file.path.clone();
    let enum_count = rng.range(1, 2);
    for name in COMMON_ENUMS.iter().skip(rng.range(0, 3)).take(enum_count) {
        let prefix = snake(name).to_uppercase();
        // A few packages break ENUM_ZERO_VALUE_SUFFIX, as real trees do.
        let zero = if rng.chance(4) { format!("{prefix}_DEFAULT") } else { format!("{prefix}_UNSPECIFIED") };
        let mut values = vec![enum_value(rng, &zero, 0)];
        for number in 1..=rng.range(2, 6) as i32 {
            values.push(enum_value(rng, &format!("{prefix}_LEVEL_{number}"), number));
        }
        file.items.push(Item::Enum(Enum { name: (*name).to_owned(), comment: names::comment(rng, 2), values }));
        cx.local.insert((*name).to_owned(), path.clone());
    }
    let mut metadata = Message {
        name: "OperationMetadata".to_owned(),
        comment: vec!["Represents the metadata of a long-running operation.".to_owned()],
        ..Message::default()
    };
    for (number, (ty, name)) in [
        ("google.protobuf.Timestamp", "create_time"),
        ("google.protobuf.Timestamp", "end_time"),
        ("string", "target"),
        ("string", "verb"),
        ("string", "status_message"),
        ("bool", "requested_cancellation"),
        ("string", "api_version"),
    ]
    .into_iter()
    .enumerate()
    {
        metadata.fields.push(field(rng, ty, name, number as u32 + 1, &["OUTPUT_ONLY"]));
        cx.uses(&mut file, ty);
    }
    file.items.push(Item::Message(metadata));
    cx.local.insert("OperationMetadata".to_owned(), path.clone());
    for name in COMMON_MESSAGES.iter().skip(rng.range(0, 6)).take(rng.range(2, 4)) {
        let mut message = Message { name: (*name).to_owned(), comment: names::comment(rng, 3), ..Message::default() };
        add_random_fields(rng, cx, &mut file, &mut message, (3, 8), false);
        file.items.push(Item::Message(message));
        cx.local.insert((*name).to_owned(), path.clone());
    }
    file
}

fn enum_value(rng: &mut Rng, name: &str, number: i32) -> EnumValue {
    EnumValue { name: name.to_owned(), number, comment: names::comment(rng, 2), deprecated: false }
}

/// A random field type, with the import it needs recorded in `file`.
fn random_type(rng: &mut Rng, cx: &Context<'_>, file: &mut ProtoFile, nested: Option<&str>) -> (Label, String) {
    let roll = rng.range(0, 99);
    let commons: Vec<&String> =
        cx.local.iter().filter(|(_, path)| path.ends_with("/common.proto")).map(|(n, _)| n).collect();
    let (label, ty) = match roll {
        0..=54 => (Label::Plain, (*rng.pick(&SCALARS)).to_owned()),
        55..=62 => (Label::Plain, "google.protobuf.Timestamp".to_owned()),
        63..=66 => (Label::Plain, "google.protobuf.Duration".to_owned()),
        67..=78 if !commons.is_empty() => (Label::Plain, (*rng.pick(&commons)).clone()),
        79..=82 => (Label::Plain, (*rng.pick(&["acme.type.Money", "acme.type.Date", "acme.type.Interval"])).to_owned()),
        83..=88 => (Label::Repeated, "string".to_owned()),
        89..=91 => (Label::Plain, "map<string, int64>".to_owned()),
        92..=94 => (Label::Plain, "google.protobuf.Struct".to_owned()),
        _ => match nested {
            Some(name) => (Label::Repeated, name.to_owned()),
            None => (Label::Optional, "int64".to_owned()),
        },
    };
    cx.uses(file, &ty);
    (label, ty)
}

fn add_random_fields(
    rng: &mut Rng,
    cx: &Context<'_>,
    file: &mut ProtoFile,
    message: &mut Message,
    (fewest, most): (usize, usize),
    may_violate: bool,
) {
    let count = rng.range(fewest, most);
    let nested = message.messages.first().map(|m| m.name.clone());
    let mut number = message.fields.iter().map(|f| f.number).max().unwrap_or(0);
    for _ in 0..count {
        let mut name = names::field_name(rng);
        if may_violate && rng.chance(3) {
            // FIELD_LOWER_SNAKE_CASE, as real trees have a few.
            name = name.replace("_c", "C").replace("_t", "T").replace("_s", "S");
        }
        // proto3 rejects two fields with the same JSON name.
        let json = |n: &str| n.replace('_', "").to_lowercase();
        if message.fields.iter().any(|f| json(&f.name) == json(&name)) {
            continue;
        }
        let (label, ty) = random_type(rng, cx, file, nested.as_deref());
        number += if rng.chance(5) { 2 } else { 1 };
        let behaviors: &[&'static str] = match rng.range(0, 9) {
            0 => &["OPTIONAL"],
            1 => &["OUTPUT_ONLY"],
            2 => &["REQUIRED", "IMMUTABLE"],
            _ => &[],
        };
        let mut new = field(rng, &ty, &name, number, behaviors);
        new.label = label;
        message.fields.push(new);
    }
}

fn resource_file(rng: &mut Rng, cx: &Context<'_>, resource: &str) -> ProtoFile {
    let stem = snake(resource);
    let mut file = cx.new_file(&stem);
    file.imports.extend([shared::FIELD_BEHAVIOR.to_owned(), shared::RESOURCE.to_owned()]);
    let collection = plural(&stem).replace('_', "");
    let mut message = Message {
        name: resource.to_owned(),
        comment: names::comment(rng, 3),
        resource: Some((
            cx.resource_type(resource),
            format!("projects/{{project}}/locations/{{location}}/{collection}/{{{stem}}}"),
        )),
        ..Message::default()
    };
    if rng.chance(15) {
        message.detached = vec![format!("Next ID: {}", rng.range(20, 40))];
    }
    message.enums.push(Enum {
        name: "State".to_owned(),
        comment: vec![format!("The lifecycle state of the {stem}.")],
        values: ["STATE_UNSPECIFIED", "CREATING", "ACTIVE", "UPDATING", "DELETING", "FAILED"]
            .iter()
            .enumerate()
            .map(|(number, name)| enum_value(rng, name, number as i32))
            .collect(),
    });
    for suffix in AUX_SUFFIXES.iter().take(rng.range(0, 2)) {
        let mut nested =
            Message { name: format!("{resource}{suffix}"), comment: names::comment(rng, 2), ..Message::default() };
        add_random_fields(rng, cx, &mut file, &mut nested, (2, 5), false);
        message.messages.push(nested);
    }
    let standard: [(&str, &str, &[&'static str]); 7] = [
        ("string", "name", &["IDENTIFIER"]),
        ("string", "display_name", &["OPTIONAL"]),
        ("google.protobuf.Timestamp", "create_time", &["OUTPUT_ONLY"]),
        ("google.protobuf.Timestamp", "update_time", &["OUTPUT_ONLY"]),
        ("map<string, string>", "labels", &["OPTIONAL"]),
        ("State", "state", &["OUTPUT_ONLY"]),
        ("string", "etag", &[]),
    ];
    for (number, (ty, name, behaviors)) in standard.into_iter().enumerate() {
        message.fields.push(field(rng, ty, name, number as u32 + 1, behaviors));
        cx.uses(&mut file, ty);
    }
    add_random_fields(rng, cx, &mut file, &mut message, (2, 8), true);
    if rng.chance(30) {
        let first = message.fields.iter().map(|f| f.number).max().unwrap_or(0) + 1;
        let fields = vec![
            field(rng, "string", "gcs_source_uri", first, &[]),
            field(rng, "bytes", "inline_source_bytes", first + 1, &[]),
        ];
        message.oneofs.push(Oneof { name: "source".to_owned(), comment: names::comment(rng, 2), fields });
    }
    file.items.push(Item::Message(message));
    for suffix in AUX_SUFFIXES.iter().skip(2).take(rng.range(1, 2)) {
        let mut aux =
            Message { name: format!("{resource}{suffix}"), comment: names::comment(rng, 3), ..Message::default() };
        add_random_fields(rng, cx, &mut file, &mut aux, (3, 7), true);
        file.items.push(Item::Message(aux));
    }
    if rng.chance(2) {
        // An unused import, as a real tree has a few.
        file.imports.push(shared::LATLNG.to_owned());
    }
    file
}

fn service_file(rng: &mut Rng, cx: &Context<'_>, stem: &str, resources: &[&str]) -> ProtoFile {
    let mut file = cx.new_file(stem);
    file.imports
        .extend([shared::ANNOTATIONS, shared::CLIENT, shared::FIELD_BEHAVIOR, shared::RESOURCE].map(str::to_owned));
    let base = pascal(stem);
    // A few services miss the `Service` suffix (SERVICE_SUFFIX), as real trees do.
    let name = if rng.chance(6) { base.trim_end_matches("Service").to_owned() + "Admin" } else { base };
    let mut service = Service {
        name,
        comment: names::comment(rng, 2),
        default_host: format!("{}.acme.com", cx.product),
        rpcs: Vec::new(),
    };
    let mut messages = Vec::new();
    for resource in resources {
        crud(rng, cx, &mut file, resource, &mut service.rpcs, &mut messages);
    }
    file.items.push(Item::Service(service));
    file.items.extend(messages.into_iter().map(Item::Message));
    file
}

fn crud(
    rng: &mut Rng,
    cx: &Context<'_>,
    file: &mut ProtoFile,
    resource: &str,
    rpcs: &mut Vec<Rpc>,
    messages: &mut Vec<Message>,
) {
    let stem = snake(resource);
    let plural_pascal = plural(resource);
    let collection = plural(&stem).replace('_', "");
    let resource_type = cx.resource_type(resource);
    let parent_path = format!("/{}/{{parent=projects/*/locations/*}}/{collection}", cx.version);
    let name_path = format!("/{}/{{name=projects/*/locations/*/{collection}/*}}", cx.version);
    cx.uses(file, resource);
    let long_running = rng.chance(50);
    let operation = || (resource.to_owned(), "OperationMetadata".to_owned());
    if long_running {
        cx.uses(file, "acme.longrunning.Operation");
        cx.uses(file, "OperationMetadata");
    }
    let mutation_response = if long_running { "acme.longrunning.Operation".to_owned() } else { resource.to_owned() };
    let rpc = |rng: &mut Rng, name: String, request: String, response: String, http: Http, signature: &str| Rpc {
        comment: names::comment(rng, 2),
        operation: (long_running && response.contains("Operation")).then(operation),
        name,
        request,
        response,
        server_streaming: false,
        http: Some(http),
        signature: Some(signature.to_owned()),
        deprecated: false,
    };
    let get = |verb, path: &String, body: Option<&str>| Http {
        verb,
        path: path.clone(),
        body: body.map(str::to_owned),
        additional: None,
    };
    rpcs.push(rpc(
        rng,
        format!("Get{resource}"),
        format!("Get{resource}Request"),
        resource.to_owned(),
        get("get", &name_path, None),
        "name",
    ));
    rpcs.push(rpc(
        rng,
        format!("List{plural_pascal}"),
        format!("List{plural_pascal}Request"),
        format!("List{plural_pascal}Response"),
        get("get", &parent_path, None),
        "parent",
    ));
    let mut create = get("post", &parent_path, Some(&stem));
    if rng.chance(20) {
        create.additional = Some(("post", format!("/{}/{{parent=projects/*}}/{collection}", cx.version)));
    }
    rpcs.push(rpc(
        rng,
        format!("Create{resource}"),
        format!("Create{resource}Request"),
        mutation_response.clone(),
        create,
        &format!("parent,{stem},{stem}_id"),
    ));
    let update_path = format!("/{}/{{{stem}.name=projects/*/locations/*/{collection}/*}}", cx.version);
    rpcs.push(rpc(
        rng,
        format!("Update{resource}"),
        format!("Update{resource}Request"),
        mutation_response.clone(),
        get("patch", &update_path, Some(&stem)),
        &format!("{stem},update_mask"),
    ));
    let delete_response = if long_running { mutation_response } else { "google.protobuf.Empty".to_owned() };
    cx.uses(file, &delete_response);
    rpcs.push(rpc(
        rng,
        format!("Delete{resource}"),
        format!("Delete{resource}Request"),
        delete_response,
        get("delete", &name_path, None),
        "name",
    ));
    if rng.chance(30) {
        rpcs.push(Rpc {
            name: format!("Watch{plural_pascal}"),
            request: format!("Watch{plural_pascal}Request"),
            response: format!("Watch{plural_pascal}Response"),
            server_streaming: true,
            comment: names::comment(rng, 2),
            http: None,
            signature: None,
            operation: None,
            deprecated: false,
        });
        let mut request = Message {
            name: format!("Watch{plural_pascal}Request"),
            comment: names::comment(rng, 1),
            ..Message::default()
        };
        request.fields.push(field(rng, "string", "parent", 1, &["REQUIRED"]));
        let mut response = Message {
            name: format!("Watch{plural_pascal}Response"),
            comment: names::comment(rng, 1),
            ..Message::default()
        };
        let mut changed = field(rng, resource, &snake(&plural_pascal), 1, &[]);
        changed.label = Label::Repeated;
        response.fields.push(changed);
        messages.extend([request, response]);
    }
    let reference = |mut f: Field| {
        f.reference = Some(resource_type.clone());
        f
    };
    let message = |rng: &mut Rng, name: String, mut fields: Vec<Field>| {
        // Request fields get one-line comments, as in googleapis.
        for field in &mut fields {
            field.comment.truncate(1);
        }
        Message { name, comment: names::comment(rng, 2), fields, ..Message::default() }
    };
    let fields = vec![reference(field(rng, "string", "name", 1, &["REQUIRED"]))];
    messages.push(message(rng, format!("Get{resource}Request"), fields));
    let fields = vec![
        reference(field(rng, "string", "parent", 1, &["REQUIRED"])),
        field(rng, "int32", "page_size", 2, &["OPTIONAL"]),
        field(rng, "string", "page_token", 3, &["OPTIONAL"]),
        field(rng, "string", "filter", 4, &["OPTIONAL"]),
        field(rng, "string", "order_by", 5, &["OPTIONAL"]),
    ];
    messages.push(message(rng, format!("List{plural_pascal}Request"), fields));
    let mut items = field(rng, resource, &snake(&plural_pascal), 1, &[]);
    items.label = Label::Repeated;
    let mut unreachable = field(rng, "string", "unreachable", 3, &[]);
    unreachable.label = Label::Repeated;
    let fields = vec![items, field(rng, "string", "next_page_token", 2, &[]), unreachable];
    messages.push(message(rng, format!("List{plural_pascal}Response"), fields));
    let fields = vec![
        reference(field(rng, "string", "parent", 1, &["REQUIRED"])),
        field(rng, "string", &format!("{stem}_id"), 2, &["REQUIRED"]),
        field(rng, resource, &stem, 3, &["REQUIRED"]),
        field(rng, "string", "request_id", 4, &["OPTIONAL"]),
        field(rng, "bool", "validate_only", 5, &["OPTIONAL"]),
    ];
    messages.push(message(rng, format!("Create{resource}Request"), fields));
    cx.uses(file, "google.protobuf.FieldMask");
    let fields = vec![
        field(rng, "google.protobuf.FieldMask", "update_mask", 1, &["OPTIONAL"]),
        field(rng, resource, &stem, 2, &["REQUIRED"]),
        field(rng, "string", "request_id", 3, &["OPTIONAL"]),
        field(rng, "bool", "allow_missing", 4, &["OPTIONAL"]),
    ];
    messages.push(message(rng, format!("Update{resource}Request"), fields));
    let fields = vec![
        reference(field(rng, "string", "name", 1, &["REQUIRED"])),
        field(rng, "string", "etag", 2, &["OPTIONAL"]),
        field(rng, "bool", "force", 3, &["OPTIONAL"]),
    ];
    messages.push(message(rng, format!("Delete{resource}Request"), fields));
}
