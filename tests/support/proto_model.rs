//! A random valid protobuf schema for property tests. proptest draws a *shape* (sizes, picks,
//! flags), which is built into a model whose type references are ids, so that renames and
//! package changes follow every reference, and printed as .proto text.
#![allow(dead_code)]

use proptest::prelude::*;

pub const SCALARS: [&str; 15] = [
    "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32",
    "sfixed64", "bool", "string", "bytes",
];
const MAP_KEYS: [&str; 7] = ["int32", "int64", "uint32", "string", "bool", "sint64", "fixed32"];

#[derive(Clone, Debug)]
pub struct Model {
    pub files: Vec<File>,
}

#[derive(Clone, Debug)]
pub struct File {
    pub path: String,
    pub package: String,
    pub proto3: bool,
    /// Indexes of earlier files only, so the last file is never imported.
    pub imports: Vec<usize>,
    pub options: Vec<(&'static str, String)>,
    pub messages: Vec<Message>,
    pub enums: Vec<Enum>,
    pub services: Vec<Service>,
    /// Print top-level declarations in reverse order (a change that must not matter).
    pub reversed: bool,
    pub deleted: bool,
}

#[derive(Clone, Debug)]
pub struct Message {
    pub name: String,
    pub fields: Vec<Field>,
    pub oneofs: Vec<String>,
    pub nested: Vec<Message>,
    pub enums: Vec<Enum>,
    pub reserved: Option<(u32, u32)>,
    pub reserved_names: Vec<String>,
    pub deprecated: bool,
    pub deleted: bool,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub number: u32,
    pub ty: FieldType,
    pub label: Label,
    pub oneof: Option<usize>,
    pub json_name: Option<String>,
    pub deprecated: bool,
    pub deleted: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// proto3 singular without `optional`, or a oneof member.
    Implicit,
    Optional,
    Required,
    Repeated,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    Scalar(&'static str),
    Message(MsgId),
    Enum(EnumId),
    Map(&'static str, Box<FieldType>),
}

/// A message by file and index path through nested messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MsgId {
    pub file: usize,
    pub path: Vec<usize>,
}

/// An enum by file, the message path it is nested in (empty: top level) and its index there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EnumId {
    pub file: usize,
    pub parent: Vec<usize>,
    pub index: usize,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub name: String,
    pub values: Vec<EnumValue>,
    pub reserved: Option<(i32, i32)>,
    pub deleted: bool,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub name: String,
    pub number: i32,
    pub deleted: bool,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub name: String,
    pub rpcs: Vec<Rpc>,
    pub deleted: bool,
}

#[derive(Clone, Debug)]
pub struct Rpc {
    pub name: String,
    pub request: MsgId,
    pub response: MsgId,
    pub client_streaming: bool,
    pub server_streaming: bool,
    pub deprecated: bool,
    pub deleted: bool,
}

// ---- shapes drawn by proptest ----

#[derive(Clone, Debug)]
pub struct FieldShape {
    kind: u8,
    pick: u16,
    label: u8,
    json_name: bool,
    deprecated: bool,
    gap: u8,
}

#[derive(Clone, Debug)]
pub struct MessageShape {
    fields: Vec<FieldShape>,
    oneofs: Vec<Vec<FieldShape>>,
    nested: Vec<MessageShape>,
    enums: Vec<u8>,
    reserved: bool,
    deprecated: bool,
}

#[derive(Clone, Debug)]
pub struct RpcShape {
    request: u16,
    response: u16,
    client_streaming: bool,
    server_streaming: bool,
    deprecated: bool,
}

#[derive(Clone, Debug)]
pub struct FileShape {
    proto3: bool,
    package: u8,
    imports: bool,
    options: u8,
    messages: Vec<MessageShape>,
    enums: Vec<u8>,
    services: Vec<Vec<RpcShape>>,
}

fn field_shape() -> impl Strategy<Value = FieldShape> {
    (any::<u8>(), any::<u16>(), any::<u8>(), prop::bool::weighted(0.2), prop::bool::weighted(0.1), any::<u8>())
        .prop_map(|(kind, pick, label, json_name, deprecated, gap)| FieldShape {
            kind,
            pick,
            label,
            json_name,
            deprecated,
            gap,
        })
}

fn message_shape(depth: u32) -> BoxedStrategy<MessageShape> {
    let nested = if depth == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec(message_shape(depth - 1), 0..2).boxed()
    };
    (
        prop::collection::vec(field_shape(), 0..6),
        prop::collection::vec(prop::collection::vec(field_shape(), 1..3), 0..2),
        nested,
        prop::collection::vec(1u8..5, 0..2),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(fields, oneofs, nested, enums, reserved, deprecated)| MessageShape {
            fields,
            oneofs,
            nested,
            enums,
            reserved,
            deprecated,
        })
        .boxed()
}

fn rpc_shape() -> impl Strategy<Value = RpcShape> {
    (any::<u16>(), any::<u16>(), any::<bool>(), any::<bool>(), prop::bool::weighted(0.1)).prop_map(
        |(request, response, client_streaming, server_streaming, deprecated)| RpcShape {
            request,
            response,
            client_streaming,
            server_streaming,
            deprecated,
        },
    )
}

fn file_shape() -> impl Strategy<Value = FileShape> {
    (
        any::<bool>(),
        0u8..2,
        any::<bool>(),
        any::<u8>(),
        prop::collection::vec(message_shape(2), 1..4),
        prop::collection::vec(1u8..5, 0..2),
        prop::collection::vec(prop::collection::vec(rpc_shape(), 1..3), 0..2),
    )
        .prop_map(|(proto3, package, imports, options, messages, enums, services)| FileShape {
            proto3,
            package,
            imports,
            options,
            messages,
            enums,
            services,
        })
}

/// Random valid schemas of one to three files.
pub fn model() -> impl Strategy<Value = Model> {
    prop::collection::vec(file_shape(), 1..4).prop_map(|shapes| build(&shapes))
}

// ---- building ----

fn message_ids(file: usize, prefix: &[usize], shapes: &[MessageShape], out: &mut Vec<MsgId>) {
    for (i, shape) in shapes.iter().enumerate() {
        let mut path = prefix.to_vec();
        path.push(i);
        out.push(MsgId { file, path: path.clone() });
        message_ids(file, &path, &shape.nested, out);
    }
}

fn enum_ids(file: usize, prefix: &[usize], shapes: &[MessageShape], out: &mut Vec<EnumId>) {
    for (i, shape) in shapes.iter().enumerate() {
        let mut path = prefix.to_vec();
        path.push(i);
        out.extend((0..shape.enums.len()).map(|index| EnumId { file, parent: path.clone(), index }));
        enum_ids(file, &path, &shape.nested, out);
    }
}

struct Builder {
    file: usize,
    proto3: bool,
    messages: Vec<MsgId>,
    enums: Vec<EnumId>,
    next_message: usize,
    next_enum: usize,
}

fn build(shapes: &[FileShape]) -> Model {
    let own_messages: Vec<Vec<MsgId>> = shapes
        .iter()
        .enumerate()
        .map(|(f, shape)| {
            let mut ids = Vec::new();
            message_ids(f, &[], &shape.messages, &mut ids);
            ids
        })
        .collect();
    let mut files = Vec::new();
    for (f, shape) in shapes.iter().enumerate() {
        let imports: Vec<usize> = if shape.imports { (0..f).collect() } else { Vec::new() };
        let mut messages = own_messages[f].clone();
        for &i in &imports {
            messages.extend(own_messages[i].iter().cloned());
        }
        // Enums only from the file itself: a proto3 file may not use a proto2 (closed) enum.
        let mut enums: Vec<EnumId> =
            (0..shape.enums.len()).map(|index| EnumId { file: f, parent: Vec::new(), index }).collect();
        enum_ids(f, &[], &shape.messages, &mut enums);
        let mut builder = Builder { file: f, proto3: shape.proto3, messages, enums, next_message: 0, next_enum: 0 };
        let built_messages = shape.messages.iter().map(|m| builder.message(m)).collect();
        let built_enums = shape.enums.iter().map(|&n| builder.enumeration(n)).collect();
        let services = shape
            .services
            .iter()
            .enumerate()
            .map(|(s, rpcs)| Service {
                name: format!("F{f}S{s}"),
                rpcs: rpcs.iter().enumerate().map(|(r, shape)| builder.rpc(r, shape)).collect(),
                deleted: false,
            })
            .collect();
        files.push(File {
            path: format!("dir{}/file{f}.proto", shape.package),
            package: format!("pkg{}.v1", shape.package),
            proto3: shape.proto3,
            imports,
            options: file_options(f, shape.options),
            messages: built_messages,
            enums: built_enums,
            services,
            reversed: false,
            deleted: false,
        });
    }
    Model { files }
}

fn file_options(file: usize, bits: u8) -> Vec<(&'static str, String)> {
    let mut options = Vec::new();
    if bits & 1 != 0 {
        options.push(("java_package", format!("\"com.example.file{file}\"")));
    }
    if bits & 2 != 0 {
        options.push(("go_package", format!("\"example.com/file{file}\"")));
    }
    if bits & 4 != 0 {
        options.push(("optimize_for", if bits & 8 != 0 { "CODE_SIZE" } else { "SPEED" }.to_owned()));
    }
    if bits & 16 != 0 {
        options.push(("java_multiple_files", "true".to_owned()));
    }
    if bits & 32 != 0 {
        options.push(("deprecated", "true".to_owned()));
    }
    options
}

impl Builder {
    fn message(&mut self, shape: &MessageShape) -> Message {
        let name = format!("F{}M{}", self.file, self.next_message);
        self.next_message += 1;
        let mut fields = Vec::new();
        let mut number = 0;
        for field in &shape.fields {
            number += 1 + u32::from(field.gap % 3);
            let index = fields.len();
            fields.push(self.field(field, index, number, None));
        }
        for (o, members) in shape.oneofs.iter().enumerate() {
            for field in members {
                number += 1 + u32::from(field.gap % 3);
                let index = fields.len();
                fields.push(self.field(field, index, number, Some(o)));
            }
        }
        let (reserved, reserved_names) = if shape.reserved {
            (Some((number + 10, number + 20)), vec![format!("gone{number}")])
        } else {
            (None, Vec::new())
        };
        Message {
            name,
            fields,
            oneofs: (0..shape.oneofs.len()).map(|o| format!("o{o}")).collect(),
            nested: shape.nested.iter().map(|m| self.message(m)).collect(),
            enums: shape.enums.iter().map(|&n| self.enumeration(n)).collect(),
            reserved,
            reserved_names,
            deprecated: shape.deprecated,
            deleted: false,
        }
    }

    fn field(&self, shape: &FieldShape, index: usize, number: u32, oneof: Option<usize>) -> Field {
        let pick = usize::from(shape.pick);
        let scalar = FieldType::Scalar(SCALARS[pick % SCALARS.len()]);
        let ty = match shape.kind % 10 {
            5 | 6 => FieldType::Message(self.messages[pick % self.messages.len()].clone()),
            7 if !self.enums.is_empty() => FieldType::Enum(self.enums[pick % self.enums.len()].clone()),
            8 if oneof.is_none() => {
                let value = match (pick / 7) % 3 {
                    0 => FieldType::Message(self.messages[pick % self.messages.len()].clone()),
                    1 if !self.enums.is_empty() => FieldType::Enum(self.enums[pick % self.enums.len()].clone()),
                    _ => FieldType::Scalar(SCALARS[(pick / 3) % SCALARS.len()]),
                };
                FieldType::Map(MAP_KEYS[pick % MAP_KEYS.len()], Box::new(value))
            }
            _ => scalar,
        };
        let label = match (oneof, &ty, self.proto3, shape.label % 4) {
            (Some(_), ..) | (None, FieldType::Map(..), ..) | (None, _, true, 0 | 1) => Label::Implicit,
            (None, _, true, 2) | (None, _, false, 0 | 1) => Label::Optional,
            (None, _, false, 2) => Label::Required,
            _ => Label::Repeated,
        };
        Field {
            name: format!("f{index}"),
            number,
            ty,
            label,
            oneof,
            json_name: shape.json_name.then(|| format!("j{index}")),
            deprecated: shape.deprecated,
            deleted: false,
        }
    }

    fn enumeration(&mut self, count: u8) -> Enum {
        let name = format!("F{}E{}", self.file, self.next_enum);
        self.next_enum += 1;
        let values = (0..i32::from(count))
            .map(|k| EnumValue { name: format!("{}_V{k}", name.to_uppercase()), number: k * 2, deleted: false })
            .collect();
        Enum { name, values, reserved: count.is_multiple_of(2).then_some((100, 110)), deleted: false }
    }

    fn rpc(&self, index: usize, shape: &RpcShape) -> Rpc {
        Rpc {
            name: format!("R{index}"),
            request: self.messages[usize::from(shape.request) % self.messages.len()].clone(),
            response: self.messages[usize::from(shape.response) % self.messages.len()].clone(),
            client_streaming: shape.client_streaming,
            server_streaming: shape.server_streaming,
            deprecated: shape.deprecated,
            deleted: false,
        }
    }
}

// ---- lookups ----

impl Model {
    pub fn message(&self, id: &MsgId) -> &Message {
        let mut message = &self.files[id.file].messages[id.path[0]];
        for &i in &id.path[1..] {
            message = &message.nested[i];
        }
        message
    }

    pub fn message_mut(&mut self, id: &MsgId) -> &mut Message {
        let mut message = &mut self.files[id.file].messages[id.path[0]];
        for &i in &id.path[1..] {
            message = &mut message.nested[i];
        }
        message
    }

    pub fn enumeration(&self, id: &EnumId) -> &Enum {
        if id.parent.is_empty() {
            return &self.files[id.file].enums[id.index];
        }
        &self.message(&MsgId { file: id.file, path: id.parent.clone() }).enums[id.index]
    }

    pub fn enumeration_mut(&mut self, id: &EnumId) -> &mut Enum {
        if id.parent.is_empty() {
            return &mut self.files[id.file].enums[id.index];
        }
        let parent = MsgId { file: id.file, path: id.parent.clone() };
        &mut self.message_mut(&parent).enums[id.index]
    }

    /// Every live message, depth first.
    pub fn live_messages(&self) -> Vec<MsgId> {
        fn walk(file: usize, prefix: &[usize], messages: &[Message], out: &mut Vec<MsgId>) {
            for (i, message) in messages.iter().enumerate().filter(|(_, m)| !m.deleted) {
                let mut path = prefix.to_vec();
                path.push(i);
                out.push(MsgId { file, path: path.clone() });
                walk(file, &path, &message.nested, out);
            }
        }
        let mut out = Vec::new();
        for (f, file) in self.files.iter().enumerate().filter(|(_, f)| !f.deleted) {
            walk(f, &[], &file.messages, &mut out);
        }
        out
    }

    /// Every live enum.
    pub fn live_enums(&self) -> Vec<EnumId> {
        let mut out = Vec::new();
        for (f, file) in self.files.iter().enumerate().filter(|(_, f)| !f.deleted) {
            out.extend(file.enums.iter().enumerate().filter(|(_, e)| !e.deleted).map(|(index, _)| EnumId {
                file: f,
                parent: Vec::new(),
                index,
            }));
        }
        for id in self.live_messages() {
            let message = self.message(&id);
            out.extend(message.enums.iter().enumerate().filter(|(_, e)| !e.deleted).map(|(index, _)| EnumId {
                file: id.file,
                parent: id.path.clone(),
                index,
            }));
        }
        out
    }
}
