//! The very large files: googleapis' `compute/v1/compute.proto` is 4 MB with ~73,000 source
//! locations and dominates the link stage, so the corpus has two of its kind (a `v1` and a
//! `v1beta1`). Compute style: every field `optional` with a large field number, thousands of
//! messages, enums whose zero value is `UNDEFINED_*`, services with many RPCs.

use crate::model::{Enum, EnumValue, Field, Http, Item, Label, Message, ProtoFile, Rpc, Service};
use crate::names::{self, RESOURCES, plural, snake};
use crate::product::field;
use crate::rng::Rng;
use crate::shared;

const VERBS: [&str; 8] = ["Get", "Insert", "List", "Delete", "Patch", "SetLabels", "Resize", "AggregatedList"];
const SCALARS: [&str; 5] = ["string", "int32", "int64", "bool", "double"];

/// `messages` scales the file: 1,400 gives about 4 MB.
pub fn build(rng: &mut Rng, version: &str, messages: usize) -> ProtoFile {
    let package = format!("acme.cloud.compute.{version}");
    let mut file = ProtoFile {
        path: format!("acme/cloud/compute/{version}/compute.proto"),
        package: package.clone(),
        imports: [shared::ANNOTATIONS, shared::CLIENT, shared::FIELD_BEHAVIOR, shared::OPERATIONS]
            .map(str::to_owned)
            .to_vec(),
        options: vec![
            ("csharp_namespace".to_owned(), format!("\"Acme.Cloud.Compute.{}\"", names::pascal(version))),
            ("go_package".to_owned(), format!("\"acme.com/cloud/compute/api{version}/computepb;computepb\"")),
            ("java_multiple_files".to_owned(), "true".to_owned()),
            ("java_package".to_owned(), format!("\"com.acme.cloud.compute.{version}\"")),
        ],
        items: Vec::new(),
    };
    let mut kinds: Vec<String> = Vec::new();
    for index in 0..messages {
        let kind = format!("{}{}", RESOURCES[index % RESOURCES.len()], index / RESOURCES.len());
        let mut message = Message { name: kind.clone(), comment: names::comment(rng, 2), ..Message::default() };
        if rng.chance(25) {
            let prefix = "UNDEFINED_STATUS";
            let mut values = vec![EnumValue { name: prefix.to_owned(), number: 0, comment: vec![], deprecated: false }];
            for (offset, value) in ["PROVISIONING", "RUNNING", "STOPPING", "TERMINATED", "REPAIRING"].iter().enumerate()
            {
                values.push(EnumValue {
                    name: (*value).to_owned(),
                    number: 100_000 + (offset as i32) * 7919 + rng.range(0, 7000) as i32,
                    comment: names::comment(rng, 1),
                    deprecated: false,
                });
            }
            message.enums.push(Enum { name: "Status".to_owned(), comment: names::comment(rng, 1), values });
        }
        let mut numbers = Vec::new();
        for _ in 0..rng.range(6, 16) {
            let name = names::field_name(rng);
            let json = |n: &str| n.replace('_', "").to_lowercase();
            if message.fields.iter().any(|f: &Field| json(&f.name) == json(&name)) {
                continue;
            }
            let mut number = rng.range(1000, 500_000_000) as u32;
            while numbers.contains(&number) || (19_000..20_000).contains(&number) {
                number += 1;
            }
            numbers.push(number);
            let ty = if !message.enums.is_empty() && rng.chance(10) {
                "Status".to_owned()
            } else if !kinds.is_empty() && rng.chance(15) {
                (*rng.pick(&kinds)).clone()
            } else {
                (*rng.pick(&SCALARS)).to_owned()
            };
            let mut new = field(rng, &ty, &name, number, &[]);
            new.comment.truncate(1);
            new.label = if rng.chance(10) { Label::Repeated } else { Label::Optional };
            message.fields.push(new);
        }
        file.items.push(Item::Message(message));
        kinds.push(kind);
    }
    add_services(rng, &mut file, version, &kinds);
    file
}

fn add_services(rng: &mut Rng, file: &mut ProtoFile, version: &str, kinds: &[String]) {
    for kind in kinds.iter().step_by(12) {
        let resource = snake(kind);
        let collection = plural(&resource).replace('_', "");
        let mut service = Service {
            name: format!("{kind}s"),
            comment: names::comment(rng, 2),
            default_host: "compute.acme.com".to_owned(),
            rpcs: Vec::new(),
        };
        for verb in VERBS {
            let request = format!("{verb}{kind}Request");
            let mut message = Message { name: request.clone(), comment: names::comment(rng, 1), ..Message::default() };
            message.fields.push(field(rng, "string", "project", 227_560_217, &["REQUIRED"]));
            message.fields.push(field(rng, "string", "zone", 3_744_684, &["REQUIRED"]));
            message.fields.push(field(rng, "string", &resource, 111_570_105, &["REQUIRED"]));
            let mut request_id = field(rng, "string", "request_id", 37_109_963, &[]);
            request_id.label = Label::Optional;
            message.fields.push(request_id);
            file.items.push(Item::Message(message));
            let (http_verb, body) = match verb {
                "Get" | "List" | "AggregatedList" => ("get", None),
                "Delete" => ("delete", None),
                "Patch" => ("patch", Some(format!("{resource}_resource"))),
                _ => ("post", Some(format!("{resource}_resource"))),
            };
            let path = format!("/compute/{version}/projects/{{project}}/zones/{{zone}}/{collection}/{{{resource}}}");
            let response = if http_verb == "get" { kind.clone() } else { "acme.longrunning.Operation".to_owned() };
            service.rpcs.push(Rpc {
                name: format!("{verb}{kind}"),
                request,
                operation: None,
                response,
                server_streaming: false,
                comment: names::comment(rng, 2),
                http: Some(Http { verb: http_verb, path, body, additional: None }),
                signature: Some(format!("project,zone,{resource}")),
                deprecated: false,
            });
        }
        file.items.push(Item::Service(service));
    }
}
