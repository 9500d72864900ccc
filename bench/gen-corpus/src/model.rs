//! The shape of one generated `.proto` file, kept as data so that the git history can edit it
//! (add, deprecate, delete, retype, rename, reserve) and render it again.

use std::fmt::Write;

#[derive(Clone)]
pub struct ProtoFile {
    pub path: String,
    pub package: String,
    pub imports: Vec<String>,
    /// `(name, literal)` pairs, rendered as `option name = literal;`.
    pub options: Vec<(String, String)>,
    pub items: Vec<Item>,
}

#[derive(Clone)]
pub enum Item {
    Message(Message),
    Enum(Enum),
    Service(Service),
}

#[derive(Clone, Default)]
pub struct Message {
    pub name: String,
    pub comment: Vec<String>,
    /// A comment separated from the message by a blank line (buf's "detached" comments).
    pub detached: Vec<String>,
    /// `(type, pattern)` of an `(acme.api.resource)` option.
    pub resource: Option<(String, String)>,
    pub deprecated: bool,
    pub fields: Vec<Field>,
    pub oneofs: Vec<Oneof>,
    pub messages: Vec<Message>,
    pub enums: Vec<Enum>,
    pub reserved_numbers: Vec<u32>,
    pub reserved_names: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Plain,
    Optional,
    Repeated,
}

#[derive(Clone)]
pub struct Field {
    pub label: Label,
    pub ty: String,
    pub name: String,
    pub number: u32,
    pub comment: Vec<String>,
    pub trailing: Option<String>,
    pub behaviors: Vec<&'static str>,
    pub reference: Option<String>,
    pub deprecated: bool,
}

#[derive(Clone)]
pub struct Oneof {
    pub name: String,
    pub comment: Vec<String>,
    pub fields: Vec<Field>,
}

#[derive(Clone)]
pub struct Enum {
    pub name: String,
    pub comment: Vec<String>,
    pub values: Vec<EnumValue>,
}

#[derive(Clone)]
pub struct EnumValue {
    pub name: String,
    pub number: i32,
    pub comment: Vec<String>,
    pub deprecated: bool,
}

#[derive(Clone)]
pub struct Service {
    pub name: String,
    pub comment: Vec<String>,
    pub default_host: String,
    pub rpcs: Vec<Rpc>,
}

#[derive(Clone)]
pub struct Rpc {
    pub name: String,
    pub request: String,
    pub response: String,
    pub server_streaming: bool,
    pub comment: Vec<String>,
    pub http: Option<Http>,
    pub signature: Option<String>,
    /// `(response_type, metadata_type)` of a long-running operation.
    pub operation: Option<(String, String)>,
    pub deprecated: bool,
}

#[derive(Clone)]
pub struct Http {
    pub verb: &'static str,
    pub path: String,
    pub body: Option<String>,
    pub additional: Option<(&'static str, String)>,
}

pub const LICENSE: &str = "// Copyright 2026 Acme LLC
//
// Licensed under the Apache License, Version 2.0 (the \"License\");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an \"AS IS\" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.
";

impl ProtoFile {
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(16 * 1024);
        out.push_str(LICENSE);
        out.push_str("\nsyntax = \"proto3\";\n\n");
        let _ = writeln!(out, "package {};\n", self.package);
        let mut imports = self.imports.clone();
        imports.sort();
        imports.dedup();
        for import in &imports {
            let _ = writeln!(out, "import \"{import}\";");
        }
        if !imports.is_empty() {
            out.push('\n');
        }
        for (name, value) in &self.options {
            let _ = writeln!(out, "option {name} = {value};");
        }
        for item in &self.items {
            out.push('\n');
            match item {
                Item::Message(message) => render_message(&mut out, message, 0),
                Item::Enum(enumeration) => render_enum(&mut out, enumeration, 0),
                Item::Service(service) => render_service(&mut out, service),
            }
        }
        out
    }

    pub fn messages_mut(&mut self) -> impl Iterator<Item = &mut Message> {
        self.items.iter_mut().filter_map(|item| match item {
            Item::Message(message) => Some(message),
            _ => None,
        })
    }

    pub fn services_mut(&mut self) -> impl Iterator<Item = &mut Service> {
        self.items.iter_mut().filter_map(|item| match item {
            Item::Service(service) => Some(service),
            _ => None,
        })
    }
}

fn comment(out: &mut String, lines: &[String], depth: usize) {
    for line in lines {
        indent(out, depth);
        if line.is_empty() {
            out.push_str("//\n");
        } else {
            let _ = writeln!(out, "// {line}");
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn render_message(out: &mut String, message: &Message, depth: usize) {
    if !message.detached.is_empty() {
        comment(out, &message.detached, depth);
        out.push('\n');
    }
    comment(out, &message.comment, depth);
    indent(out, depth);
    let _ = writeln!(out, "message {} {{", message.name);
    let inner = depth + 1;
    if let Some((ty, pattern)) = &message.resource {
        indent(out, inner);
        out.push_str("option (acme.api.resource) = {\n");
        indent(out, inner + 1);
        let _ = writeln!(out, "type: \"{ty}\"");
        indent(out, inner + 1);
        let _ = writeln!(out, "pattern: \"{pattern}\"");
        indent(out, inner);
        out.push_str("};\n");
    }
    if message.deprecated {
        indent(out, inner);
        out.push_str("option deprecated = true;\n");
    }
    if message.resource.is_some() || message.deprecated {
        out.push('\n');
    }
    for nested in &message.enums {
        render_enum(out, nested, inner);
        out.push('\n');
    }
    for nested in &message.messages {
        render_message(out, nested, inner);
        out.push('\n');
    }
    if !message.reserved_numbers.is_empty() {
        let numbers: Vec<String> = message.reserved_numbers.iter().map(u32::to_string).collect();
        indent(out, inner);
        let _ = writeln!(out, "reserved {};", numbers.join(", "));
    }
    if !message.reserved_names.is_empty() {
        let names: Vec<String> = message.reserved_names.iter().map(|n| format!("\"{n}\"")).collect();
        indent(out, inner);
        let _ = writeln!(out, "reserved {};", names.join(", "));
    }
    for (index, field) in message.fields.iter().enumerate() {
        if index > 0 && !field.comment.is_empty() {
            out.push('\n');
        }
        render_field(out, field, inner);
    }
    for oneof in &message.oneofs {
        out.push('\n');
        comment(out, &oneof.comment, inner);
        indent(out, inner);
        let _ = writeln!(out, "oneof {} {{", oneof.name);
        for field in &oneof.fields {
            render_field(out, field, inner + 1);
        }
        indent(out, inner);
        out.push_str("}\n");
    }
    indent(out, depth);
    out.push_str("}\n");
}

fn render_field(out: &mut String, field: &Field, depth: usize) {
    comment(out, &field.comment, depth);
    indent(out, depth);
    match field.label {
        Label::Plain => {}
        Label::Optional => out.push_str("optional "),
        Label::Repeated => out.push_str("repeated "),
    }
    let _ = write!(out, "{} {} = {}", field.ty, field.name, field.number);
    let mut options: Vec<String> =
        field.behaviors.iter().map(|behavior| format!("(acme.api.field_behavior) = {behavior}")).collect();
    if let Some(reference) = &field.reference {
        options.push(format!("(acme.api.resource_reference) = {{ type: \"{reference}\" }}"));
    }
    if field.deprecated {
        options.push("deprecated = true".to_owned());
    }
    if options.len() > 2 {
        out.push_str(" [\n");
        for (index, option) in options.iter().enumerate() {
            indent(out, depth + 2);
            out.push_str(option);
            out.push_str(if index + 1 < options.len() { ",\n" } else { "\n" });
        }
        indent(out, depth);
        out.push(']');
    } else if !options.is_empty() {
        let _ = write!(out, " [{}]", options.join(", "));
    }
    out.push(';');
    if let Some(trailing) = &field.trailing {
        let _ = write!(out, " // {trailing}");
    }
    out.push('\n');
}

fn render_enum(out: &mut String, enumeration: &Enum, depth: usize) {
    comment(out, &enumeration.comment, depth);
    indent(out, depth);
    let _ = writeln!(out, "enum {} {{", enumeration.name);
    for (index, value) in enumeration.values.iter().enumerate() {
        if index > 0 && !value.comment.is_empty() {
            out.push('\n');
        }
        comment(out, &value.comment, depth + 1);
        indent(out, depth + 1);
        let deprecated = if value.deprecated { " [deprecated = true]" } else { "" };
        let _ = writeln!(out, "{} = {}{deprecated};", value.name, value.number);
    }
    indent(out, depth);
    out.push_str("}\n");
}

fn render_service(out: &mut String, service: &Service) {
    comment(out, &service.comment, 0);
    let _ = writeln!(out, "service {} {{", service.name);
    let _ = writeln!(out, "  option (acme.api.default_host) = \"{}\";", service.default_host);
    out.push_str("  option (acme.api.oauth_scopes) = \"https://www.acme.com/auth/cloud-platform\";\n");
    for rpc in &service.rpcs {
        out.push('\n');
        comment(out, &rpc.comment, 1);
        let stream = if rpc.server_streaming { "stream " } else { "" };
        let _ = write!(out, "  rpc {}({}) returns ({stream}{})", rpc.name, rpc.request, rpc.response);
        if rpc.http.is_none() && rpc.signature.is_none() && rpc.operation.is_none() && !rpc.deprecated {
            out.push_str(" {}\n");
            continue;
        }
        out.push_str(" {\n");
        if let Some(http) = &rpc.http {
            let _ = writeln!(out, "    option (acme.api.http) = {{\n      {}: \"{}\"", http.verb, http.path);
            if let Some(body) = &http.body {
                let _ = writeln!(out, "      body: \"{body}\"");
            }
            if let Some((verb, path)) = &http.additional {
                let _ = writeln!(out, "      additional_bindings {{ {verb}: \"{path}\" }}");
            }
            out.push_str("    };\n");
        }
        if let Some(signature) = &rpc.signature {
            let _ = writeln!(out, "    option (acme.api.method_signature) = \"{signature}\";");
        }
        if let Some((response, metadata)) = &rpc.operation {
            let _ = writeln!(
                out,
                "    option (acme.longrunning.operation_info) = {{\n      response_type: \"{response}\"\n      metadata_type: \"{metadata}\"\n    }};"
            );
        }
        if rpc.deprecated {
            out.push_str("    option deprecated = true;\n");
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
}
