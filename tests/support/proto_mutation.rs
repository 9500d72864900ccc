//! Single mutations of a [`Model`], each with the buf breaking rule (FILE category, the default)
//! it must trigger, or none for changes that FILE allows.
#![allow(dead_code)]

use std::collections::HashSet;

use proptest::sample::Index;

use super::proto_model::{EnumValue, Field, FieldType, Label, Message, Model, MsgId, Rpc, SCALARS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutation {
    DeleteField,
    ChangeFieldNumber,
    ChangeFieldType,
    RenameField,
    ChangeJsonName,
    ChangeCardinality,
    MoveIntoOneof,
    RenameMessage,
    DeleteMessage,
    DeleteEnum,
    DeleteEnumValue,
    RenameEnumValue,
    ToggleClientStreaming,
    ToggleServerStreaming,
    ChangeRequestType,
    DeleteRpc,
    DeleteService,
    ChangePackage,
    ChangeJavaPackage,
    DeleteFile,
    AddField,
    AddMessage,
    AddEnumValue,
    AddRpc,
    ReorderDeclarations,
}

pub const ALL: [Mutation; 25] = {
    use Mutation::*;
    [
        DeleteField,
        ChangeFieldNumber,
        ChangeFieldType,
        RenameField,
        ChangeJsonName,
        ChangeCardinality,
        MoveIntoOneof,
        RenameMessage,
        DeleteMessage,
        DeleteEnum,
        DeleteEnumValue,
        RenameEnumValue,
        ToggleClientStreaming,
        ToggleServerStreaming,
        ChangeRequestType,
        DeleteRpc,
        DeleteService,
        ChangePackage,
        ChangeJavaPackage,
        DeleteFile,
        AddField,
        AddMessage,
        AddEnumValue,
        AddRpc,
        ReorderDeclarations,
    ]
};

impl Mutation {
    /// The rule that must report this change; `None` for changes the FILE category allows.
    pub fn expected_rule(self) -> Option<&'static str> {
        use Mutation::*;
        Some(match self {
            DeleteField | ChangeFieldNumber => "FIELD_NO_DELETE",
            ChangeFieldType => "FIELD_SAME_TYPE",
            RenameField => "FIELD_SAME_NAME",
            ChangeJsonName => "FIELD_SAME_JSON_NAME",
            ChangeCardinality => "FIELD_SAME_CARDINALITY",
            MoveIntoOneof => "FIELD_SAME_ONEOF",
            RenameMessage | DeleteMessage => "MESSAGE_NO_DELETE",
            DeleteEnum => "ENUM_NO_DELETE",
            DeleteEnumValue => "ENUM_VALUE_NO_DELETE",
            RenameEnumValue => "ENUM_VALUE_SAME_NAME",
            ToggleClientStreaming => "RPC_SAME_CLIENT_STREAMING",
            ToggleServerStreaming => "RPC_SAME_SERVER_STREAMING",
            ChangeRequestType => "RPC_SAME_REQUEST_TYPE",
            DeleteRpc => "RPC_NO_DELETE",
            DeleteService => "SERVICE_NO_DELETE",
            ChangePackage => "FILE_SAME_PACKAGE",
            ChangeJavaPackage => "FILE_SAME_JAVA_PACKAGE",
            DeleteFile => "FILE_NO_DELETE",
            AddField | AddMessage | AddEnumValue | AddRpc | ReorderDeclarations => return None,
        })
    }

    /// Applies the first applicable mutation, starting at `self` in [`ALL`] order, at the site
    /// chosen by `site`. `ChangePackage` always applies, so one always does.
    pub fn apply_first(self, model: &mut Model, site: Index) -> Mutation {
        let start = ALL.iter().position(|m| *m == self).unwrap_or(0);
        for offset in 0..ALL.len() {
            let mutation = ALL[(start + offset) % ALL.len()];
            if mutation.apply(model, site) {
                return mutation;
            }
        }
        unreachable!("ChangePackage always applies")
    }

    fn apply(self, model: &mut Model, site: Index) -> bool {
        self.apply_to_field(model, site)
            || self.apply_to_declaration(model, site)
            || self.apply_to_file(model, site)
            || self.apply_addition(model, site)
    }

    fn apply_to_field(self, model: &mut Model, site: Index) -> bool {
        use Mutation::*;
        match self {
            DeleteField => with_field(model, site, |_| true, |f, _| f.deleted = true),
            ChangeFieldNumber => {
                let Some((id, i)) = pick(site, &field_sites(model, |_| true)) else { return false };
                let message = model.message_mut(&id);
                message.fields[i].number = next_number(message);
                true
            }
            ChangeFieldType => with_field(
                model,
                site,
                |f| matches!(f.ty, FieldType::Scalar(_)),
                |f, _| {
                    let FieldType::Scalar(old) = f.ty else { return };
                    let at = SCALARS.iter().position(|s| *s == old).unwrap_or(0);
                    f.ty = FieldType::Scalar(SCALARS[(at + 1) % SCALARS.len()]);
                },
            ),
            RenameField => with_field(model, site, |_| true, |f, _| f.name.push_str("_renamed")),
            ChangeJsonName => with_field(model, site, |_| true, |f, _| f.json_name = Some(format!("k{}", f.name))),
            ChangeCardinality => with_field(
                model,
                site,
                |f| f.oneof.is_none() && !matches!(f.ty, FieldType::Map(..)) && f.label != Label::Required,
                |f, proto3| {
                    f.label = match f.label {
                        Label::Repeated if proto3 => Label::Implicit,
                        Label::Repeated => Label::Optional,
                        _ => Label::Repeated,
                    };
                },
            ),
            MoveIntoOneof => {
                let movable = |f: &Field, proto3: bool| {
                    let label = if proto3 { Label::Implicit } else { Label::Optional };
                    f.oneof.is_none() && !matches!(f.ty, FieldType::Map(..)) && f.label == label
                };
                let sites: Vec<(MsgId, usize)> = field_sites(model, |_| true)
                    .into_iter()
                    .filter(|(id, i)| movable(&model.message(id).fields[*i], model.files[id.file].proto3))
                    .collect();
                let Some((id, i)) = pick(site, &sites) else { return false };
                let message = model.message_mut(&id);
                message.oneofs.push("moved".to_owned());
                message.fields[i].oneof = Some(message.oneofs.len() - 1);
                message.fields[i].label = Label::Implicit;
                true
            }
            _ => false,
        }
    }

    fn apply_to_declaration(self, model: &mut Model, site: Index) -> bool {
        use Mutation::*;
        match self {
            RenameMessage => {
                let Some(id) = pick(site, &model.live_messages()) else { return false };
                model.message_mut(&id).name.push_str("Renamed");
                true
            }
            DeleteMessage => {
                let used = referenced_messages(model);
                let enums = referenced_enums(model);
                let sites: Vec<MsgId> = model
                    .live_messages()
                    .into_iter()
                    .filter(|id| !used.iter().any(|u| u.file == id.file && u.path.starts_with(&id.path)))
                    .filter(|id| !enums.iter().any(|u| u.file == id.file && u.parent.starts_with(&id.path)))
                    .collect();
                let Some(id) = pick(site, &sites) else { return false };
                model.message_mut(&id).deleted = true;
                true
            }
            DeleteEnum => {
                let used = referenced_enums(model);
                let sites: Vec<_> = model.live_enums().into_iter().filter(|id| !used.contains(id)).collect();
                let Some(id) = pick(site, &sites) else { return false };
                model.enumeration_mut(&id).deleted = true;
                true
            }
            DeleteEnumValue | RenameEnumValue => {
                let sites: Vec<_> = model
                    .live_enums()
                    .into_iter()
                    .flat_map(|id| (1..model.enumeration(&id).values.len()).map(move |v| (id.clone(), v)))
                    .collect();
                let Some((id, v)) = pick(site, &sites) else { return false };
                let value = &mut model.enumeration_mut(&id).values[v];
                if self == DeleteEnumValue {
                    value.deleted = true;
                } else {
                    value.name.push_str("_RENAMED");
                }
                true
            }
            ToggleClientStreaming => with_rpc(model, site, |r, _| {
                r.client_streaming = !r.client_streaming;
                true
            }),
            ToggleServerStreaming => with_rpc(model, site, |r, _| {
                r.server_streaming = !r.server_streaming;
                true
            }),
            ChangeRequestType => {
                let live = model.live_messages();
                with_rpc(model, site, |r, file| {
                    let Some(other) = live.iter().find(|m| m.file == file && **m != r.request) else { return false };
                    r.request = other.clone();
                    true
                })
            }
            DeleteRpc => with_rpc(model, site, |r, _| {
                r.deleted = true;
                true
            }),
            DeleteService => {
                let sites: Vec<(usize, usize)> = live_services(model);
                let Some((f, s)) = pick(site, &sites) else { return false };
                model.files[f].services[s].deleted = true;
                true
            }
            _ => false,
        }
    }

    fn apply_to_file(self, model: &mut Model, site: Index) -> bool {
        use Mutation::*;
        match self {
            ChangePackage => {
                let f = site.index(model.files.len());
                model.files[f].package = format!("{}.changed", model.files[f].package);
                true
            }
            ChangeJavaPackage => {
                let f = site.index(model.files.len());
                model.files[f].options.retain(|(name, _)| *name != "java_package");
                model.files[f].options.push(("java_package", "\"com.changed\"".to_owned()));
                true
            }
            DeleteFile => {
                let last = model.files.len() - 1;
                if last == 0 {
                    return false;
                }
                model.files[last].deleted = true;
                true
            }
            ReorderDeclarations => {
                let f = site.index(model.files.len());
                model.files[f].reversed = true;
                true
            }
            _ => false,
        }
    }

    fn apply_addition(self, model: &mut Model, site: Index) -> bool {
        use Mutation::*;
        match self {
            AddField => {
                let Some(id) = pick(site, &model.live_messages()) else { return false };
                let message = model.message_mut(&id);
                let number = next_number(message);
                message.fields.push(Field {
                    name: "added".to_owned(),
                    number,
                    ty: FieldType::Scalar("string"),
                    label: Label::Repeated,
                    oneof: None,
                    json_name: None,
                    deprecated: false,
                    deleted: false,
                });
                true
            }
            AddMessage => {
                let f = site.index(model.files.len());
                let name = format!("F{f}Added");
                model.files[f].messages.push(Message {
                    name,
                    fields: Vec::new(),
                    oneofs: Vec::new(),
                    nested: Vec::new(),
                    enums: Vec::new(),
                    reserved: None,
                    reserved_names: Vec::new(),
                    deprecated: false,
                    deleted: false,
                });
                true
            }
            AddEnumValue => {
                let Some(id) = pick(site, &model.live_enums()) else { return false };
                let enumeration = model.enumeration_mut(&id);
                let number = enumeration.values.iter().map(|v| v.number).max().unwrap_or(0) + 1;
                let name = format!("{}_ADDED", enumeration.name.to_uppercase());
                enumeration.values.push(EnumValue { name, number, deleted: false });
                true
            }
            AddRpc => {
                let sites = live_services(model);
                let Some((f, s)) = pick(site, &sites) else { return false };
                let Some(message) = model.live_messages().into_iter().find(|m| m.file == f) else { return false };
                model.files[f].services[s].rpcs.push(Rpc {
                    name: "Added".to_owned(),
                    request: message.clone(),
                    response: message,
                    client_streaming: false,
                    server_streaming: true,
                    deprecated: false,
                    deleted: false,
                });
                true
            }
            _ => false,
        }
    }
}

fn pick<T: Clone>(site: Index, sites: &[T]) -> Option<T> {
    (!sites.is_empty()).then(|| sites[site.index(sites.len())].clone())
}

/// One above the message's highest field number, which stays below its reserved range.
fn next_number(message: &Message) -> u32 {
    message.fields.iter().map(|f| f.number).max().unwrap_or(0) + 1
}

fn field_sites(model: &Model, keep: impl Fn(&Field) -> bool) -> Vec<(MsgId, usize)> {
    let mut sites = Vec::new();
    for id in model.live_messages() {
        let message = model.message(&id);
        for (i, field) in message.fields.iter().enumerate() {
            if !field.deleted && keep(field) {
                sites.push((id.clone(), i));
            }
        }
    }
    sites
}

fn with_field(
    model: &mut Model,
    site: Index,
    keep: impl Fn(&Field) -> bool,
    change: impl FnOnce(&mut Field, bool),
) -> bool {
    let Some((id, i)) = pick(site, &field_sites(model, keep)) else { return false };
    let proto3 = model.files[id.file].proto3;
    change(&mut model.message_mut(&id).fields[i], proto3);
    true
}

fn live_services(model: &Model) -> Vec<(usize, usize)> {
    let mut sites = Vec::new();
    for (f, file) in model.files.iter().enumerate().filter(|(_, f)| !f.deleted) {
        sites.extend(file.services.iter().enumerate().filter(|(_, s)| !s.deleted).map(|(s, _)| (f, s)));
    }
    sites
}

fn with_rpc(model: &mut Model, site: Index, change: impl FnOnce(&mut Rpc, usize) -> bool) -> bool {
    let mut sites = Vec::new();
    for (f, s) in live_services(model) {
        let rpcs = &model.files[f].services[s].rpcs;
        sites.extend(rpcs.iter().enumerate().filter(|(_, r)| !r.deleted).map(|(r, _)| (f, s, r)));
    }
    let Some((f, s, r)) = pick(site, &sites) else { return false };
    change(&mut model.files[f].services[s].rpcs[r], f)
}

fn live_fields(model: &Model) -> Vec<&Field> {
    let mut fields = Vec::new();
    for id in model.live_messages() {
        let message = model.message(&id);
        fields.extend(message.fields.iter().filter(|f| !f.deleted));
    }
    fields
}

fn referenced_messages(model: &Model) -> Vec<MsgId> {
    let mut used = Vec::new();
    for field in live_fields(model) {
        match &field.ty {
            FieldType::Message(id) => used.push(id.clone()),
            FieldType::Map(_, value) => {
                if let FieldType::Message(id) = value.as_ref() {
                    used.push(id.clone());
                }
            }
            _ => {}
        }
    }
    for (f, s) in live_services(model) {
        for rpc in model.files[f].services[s].rpcs.iter().filter(|r| !r.deleted) {
            used.push(rpc.request.clone());
            used.push(rpc.response.clone());
        }
    }
    used
}

fn referenced_enums(model: &Model) -> HashSet<super::proto_model::EnumId> {
    let mut used = HashSet::new();
    for field in live_fields(model) {
        match &field.ty {
            FieldType::Enum(id) => {
                used.insert(id.clone());
            }
            FieldType::Map(_, value) => {
                if let FieldType::Enum(id) = value.as_ref() {
                    used.insert(id.clone());
                }
            }
            _ => {}
        }
    }
    used
}
