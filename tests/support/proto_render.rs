//! Printing a [`Model`] as .proto text, with every type reference fully qualified.
#![allow(dead_code)]

use std::fmt::Write;

use super::proto_model::{Enum, EnumId, Field, FieldType, File, Label, Message, Model, MsgId, Service};

impl Model {
    fn message_full_name(&self, id: &MsgId) -> String {
        let mut name = format!(".{}", self.files[id.file].package);
        let mut message = &self.files[id.file].messages[id.path[0]];
        name = format!("{name}.{}", message.name);
        for &i in &id.path[1..] {
            message = &message.nested[i];
            name = format!("{name}.{}", message.name);
        }
        name
    }

    fn enum_full_name(&self, id: &EnumId) -> String {
        if id.parent.is_empty() {
            return format!(".{}.{}", self.files[id.file].package, self.files[id.file].enums[id.index].name);
        }
        let parent = MsgId { file: id.file, path: id.parent.clone() };
        format!("{}.{}", self.message_full_name(&parent), self.message(&parent).enums[id.index].name)
    }

    /// The live files, as (path, .proto text).
    pub fn render(&self) -> Vec<(String, String)> {
        self.files.iter().filter(|f| !f.deleted).map(|file| (file.path.clone(), self.render_file(file))).collect()
    }

    fn render_file(&self, file: &File) -> String {
        let mut out = String::new();
        let syntax = if file.proto3 { "proto3" } else { "proto2" };
        let _ = writeln!(out, "syntax = \"{syntax}\";\n\npackage {};\n", file.package);
        for &i in &file.imports {
            let _ = writeln!(out, "import \"{}\";", self.files[i].path);
        }
        for (name, value) in &file.options {
            let _ = writeln!(out, "option {name} = {value};");
        }
        let mut blocks: Vec<String> = Vec::new();
        blocks.extend(file.messages.iter().filter(|m| !m.deleted).map(|m| self.render_message(m, file.proto3, "")));
        blocks.extend(file.enums.iter().filter(|e| !e.deleted).map(|e| render_enum(e, "")));
        blocks.extend(file.services.iter().filter(|s| !s.deleted).map(|s| self.render_service(s)));
        if file.reversed {
            blocks.reverse();
        }
        for block in blocks {
            out.push('\n');
            out.push_str(&block);
        }
        out
    }

    fn render_message(&self, message: &Message, proto3: bool, indent: &str) -> String {
        let inner = format!("{indent}  ");
        let mut out = format!("{indent}message {} {{\n", message.name);
        if message.deprecated {
            let _ = writeln!(out, "{inner}option deprecated = true;");
        }
        if let Some((start, end)) = message.reserved {
            let _ = writeln!(out, "{inner}reserved {start} to {end};");
        }
        for name in &message.reserved_names {
            // proto2 and proto3 both accept quoted reserved names.
            let _ = writeln!(out, "{inner}reserved \"{name}\";");
        }
        for field in message.fields.iter().filter(|f| !f.deleted && f.oneof.is_none()) {
            out.push_str(&self.render_field(field, proto3, &inner));
        }
        for (o, name) in message.oneofs.iter().enumerate() {
            let members: Vec<&Field> = message.fields.iter().filter(|f| !f.deleted && f.oneof == Some(o)).collect();
            if members.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{inner}oneof {name} {{");
            for field in members {
                out.push_str(&self.render_field(field, proto3, &format!("{inner}  ")));
            }
            let _ = writeln!(out, "{inner}}}");
        }
        for nested in message.nested.iter().filter(|m| !m.deleted) {
            out.push_str(&self.render_message(nested, proto3, &inner));
        }
        for enumeration in message.enums.iter().filter(|e| !e.deleted) {
            out.push_str(&render_enum(enumeration, &inner));
        }
        let _ = writeln!(out, "{indent}}}");
        out
    }

    fn type_name(&self, ty: &FieldType) -> String {
        match ty {
            FieldType::Scalar(name) => (*name).to_owned(),
            FieldType::Message(id) => self.message_full_name(id),
            FieldType::Enum(id) => self.enum_full_name(id),
            FieldType::Map(key, value) => format!("map<{key}, {}>", self.type_name(value)),
        }
    }

    fn render_field(&self, field: &Field, proto3: bool, indent: &str) -> String {
        let label = match field.label {
            Label::Implicit => "",
            Label::Optional => "optional ",
            Label::Required => "required ",
            Label::Repeated => "repeated ",
        };
        // proto2 needs a label outside oneofs and maps.
        let label = if !proto3
            && field.label == Label::Implicit
            && field.oneof.is_none()
            && !matches!(field.ty, FieldType::Map(..))
        {
            "optional "
        } else {
            label
        };
        let mut options = Vec::new();
        if let Some(json) = &field.json_name {
            options.push(format!("json_name = \"{json}\""));
        }
        if field.deprecated {
            options.push("deprecated = true".to_owned());
        }
        let options = if options.is_empty() { String::new() } else { format!(" [{}]", options.join(", ")) };
        format!("{indent}{label}{} {} = {}{options};\n", self.type_name(&field.ty), field.name, field.number)
    }

    fn render_service(&self, service: &Service) -> String {
        let mut out = format!("service {} {{\n", service.name);
        for rpc in service.rpcs.iter().filter(|r| !r.deleted) {
            let stream = |on: bool| if on { "stream " } else { "" };
            let _ = write!(
                out,
                "  rpc {}({}{}) returns ({}{})",
                rpc.name,
                stream(rpc.client_streaming),
                self.message_full_name(&rpc.request),
                stream(rpc.server_streaming),
                self.message_full_name(&rpc.response)
            );
            out.push_str(if rpc.deprecated { " {\n    option deprecated = true;\n  }\n" } else { ";\n" });
        }
        out.push_str("}\n");
        out
    }
}

fn render_enum(enumeration: &Enum, indent: &str) -> String {
    let mut out = format!("{indent}enum {} {{\n", enumeration.name);
    if let Some((start, end)) = enumeration.reserved {
        let _ = writeln!(out, "{indent}  reserved {start} to {end};");
    }
    for value in enumeration.values.iter().filter(|v| !v.deleted) {
        let _ = writeln!(out, "{indent}  {} = {};", value.name, value.number);
    }
    let _ = writeln!(out, "{indent}}}");
    out
}
