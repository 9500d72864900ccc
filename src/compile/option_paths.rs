//! Linking without source info. prost-reflect rewrites the source path of every option it
//! interprets (`...options.uninterpreted_option[i]` → the option's field numbers) by scanning all
//! of the file's locations once per option: quadratic, and most of the link time on large files
//! (googleapis' compute.proto: 73,740 locations × 11,000 options). So source info is taken off the
//! parsed files before linking, and the same rewrite is done here with one map lookup per
//! location. The resolution follows prost-reflect's exactly (scopes, visibility, list indices);
//! where it could differ (`None`), the caller relinks that one file the slow way.

use foldhash::{HashMap, HashSet};

use crate::schema::{SourceInfo, elements::path_index, qualified_name};
use prost_reflect::{DescriptorPool, ExtensionDescriptor, FileDescriptor, Kind};
use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto};

/// `uninterpreted_option` in every `*Options` message.
const UNINTERPRETED: i32 = 999;

/// One element's options as parsed: where they sit and the names they set.
pub struct OptionSite {
    /// Path of the element's options message (`[4, 0, 2, 1, 8]`).
    path: Vec<i32>,
    /// Where relative extension names resolve from, as prost-reflect scopes it.
    scope: String,
    options_message: &'static str,
    /// Each uninterpreted option: its name parts (`(name, is_extension)`) and whether its value
    /// is an aggregate (`{ ... }`).
    options: Vec<(Vec<(String, bool)>, bool)>,
}

/// The option sites of a parsed file, in no particular order.
pub fn collect(file: &FileDescriptorProto) -> Vec<OptionSite> {
    let mut sites = Vec::new();
    let package = file.package();
    let mut add = |options: Option<&[prost_types::UninterpretedOption]>,
                   message: &'static str,
                   path_and_scope: &dyn Fn() -> (Vec<i32>, String)| {
        // Most elements set no options: their paths and scopes are never built.
        let Some(options) = options.filter(|o| !o.is_empty()) else { return };
        let options = options
            .iter()
            .map(|o| {
                (o.name.iter().map(|p| (p.name_part.clone(), p.is_extension)).collect(), o.aggregate_value.is_some())
            })
            .collect();
        let (path, scope) = path_and_scope();
        sites.push(OptionSite { path, scope, options_message: message, options });
    };
    add(file.options.as_ref().map(|o| &o.uninterpreted_option[..]), "google.protobuf.FileOptions", &|| {
        (vec![8], package.to_owned())
    });
    for (i, message) in file.message_type.iter().enumerate() {
        visit_message(message, &[4, path_index(i)], package, &mut add);
    }
    for (i, enumeration) in file.enum_type.iter().enumerate() {
        visit_enum(enumeration, &[5, path_index(i)], package, &mut add);
    }
    for (i, extension) in file.extension.iter().enumerate() {
        visit_field(extension, &[7, path_index(i)], package, &mut add);
    }
    for (i, service) in file.service.iter().enumerate() {
        let name = qualified_name(package, service.name());
        let options = service.options.as_ref().map(|o| &o.uninterpreted_option[..]);
        add(options, "google.protobuf.ServiceOptions", &|| (vec![6, path_index(i), 3], name.clone()));
        for (j, method) in service.method.iter().enumerate() {
            let options = method.options.as_ref().map(|o| &o.uninterpreted_option[..]);
            add(options, "google.protobuf.MethodOptions", &|| {
                (vec![6, path_index(i), 2, path_index(j), 4], qualified_name(&name, method.name()))
            });
        }
    }
    sites
}

type Add<'a> =
    dyn FnMut(Option<&[prost_types::UninterpretedOption]>, &'static str, &dyn Fn() -> (Vec<i32>, String)) + 'a;

fn visit_message(message: &DescriptorProto, path: &[i32], parent: &str, add: &mut Add<'_>) {
    let name = qualified_name(parent, message.name());
    let at = |tail: &[i32]| [path, tail].concat();
    let options = message.options.as_ref().map(|o| &o.uninterpreted_option[..]);
    add(options, "google.protobuf.MessageOptions", &|| (at(&[7]), name.clone()));
    for (i, range) in message.extension_range.iter().enumerate() {
        let options = range.options.as_ref().map(|o| &o.uninterpreted_option[..]);
        add(options, "google.protobuf.ExtensionRangeOptions", &|| (at(&[5, path_index(i), 3]), name.clone()));
    }
    for (i, oneof) in message.oneof_decl.iter().enumerate() {
        let options = oneof.options.as_ref().map(|o| &o.uninterpreted_option[..]);
        add(options, "google.protobuf.OneofOptions", &|| {
            (at(&[8, path_index(i), 2]), qualified_name(&name, oneof.name()))
        });
    }
    for (i, field) in message.field.iter().enumerate() {
        visit_field(field, &at(&[2, path_index(i)]), &name, add);
    }
    for (i, nested) in message.nested_type.iter().enumerate() {
        visit_message(nested, &at(&[3, path_index(i)]), &name, add);
    }
    for (i, enumeration) in message.enum_type.iter().enumerate() {
        visit_enum(enumeration, &at(&[4, path_index(i)]), &name, add);
    }
    for (i, extension) in message.extension.iter().enumerate() {
        visit_field(extension, &at(&[6, path_index(i)]), &name, add);
    }
}

fn visit_field(field: &FieldDescriptorProto, path: &[i32], parent: &str, add: &mut Add<'_>) {
    let options = field.options.as_ref().map(|o| &o.uninterpreted_option[..]);
    add(options, "google.protobuf.FieldOptions", &|| ([path, &[8]].concat(), qualified_name(parent, field.name())));
}

fn visit_enum(enumeration: &EnumDescriptorProto, path: &[i32], parent: &str, add: &mut Add<'_>) {
    let options = enumeration.options.as_ref().map(|o| &o.uninterpreted_option[..]);
    add(options, "google.protobuf.EnumOptions", &|| {
        ([path, &[3]].concat(), qualified_name(parent, enumeration.name()))
    });
    for (i, value) in enumeration.value.iter().enumerate() {
        // prost-reflect scopes a value beside its enum, as C++ scoping rules place it.
        let options = value.options.as_ref().map(|o| &o.uninterpreted_option[..]);
        add(options, "google.protobuf.EnumValueOptions", &|| {
            ([path, &[2, path_index(i), 3]].concat(), qualified_name(parent, value.name()))
        });
    }
}

/// Rewrites the option paths in `info` as prost-reflect would have, given the pool that linked
/// `file`. `None` when a resolution might differ from prost-reflect's; `info` is then untouched.
pub fn rewrite(pool: &PoolScopes, file: &str, sites: &[OptionSite], info: &mut SourceInfo) -> Option<()> {
    if sites.is_empty() {
        return Some(());
    }
    let resolver = Resolver::new(pool, &pool.pool.get_file_by_name(file)?);
    let mut rewrites: HashMap<Vec<i32>, Vec<i32>> = HashMap::default();
    for site in sites {
        resolver.site(site, &mut rewrites)?;
    }
    for i in 0..info.len() {
        let Some(path) = info.get(i).map(|l| l.path) else { continue };
        let found = (0..path.len().saturating_sub(1))
            .filter(|&k| path[k] == UNINTERPRETED)
            .find_map(|k| rewrites.get(&path[..k + 2]).map(|to| (k + 2, to)));
        if let Some((len, to)) = found {
            let rewritten: Vec<i32> = to.iter().chain(&path[len..]).copied().collect();
            info.set_path(i, &rewritten);
        }
    }
    Some(())
}

/// A linked pool and every name in it that can hold others (packages, messages, enums,
/// services), gathered once.
pub struct PoolScopes {
    pool: DescriptorPool,
    parents: HashSet<String>,
}

impl PoolScopes {
    pub fn new(pool: DescriptorPool) -> Self {
        let mut parents: HashSet<String> =
            pool.files().flat_map(|f| package_prefixes(f.package_name()).collect::<Vec<_>>()).collect();
        parents.extend(pool.all_messages().map(|m| m.full_name().to_owned()));
        parents.extend(pool.all_enums().map(|e| e.full_name().to_owned()));
        parents.extend(pool.services().map(|s| s.full_name().to_owned()));
        Self { pool, parents }
    }
}

struct Resolver<'p> {
    scopes: &'p PoolScopes,
    pool: &'p DescriptorPool,
    /// The file, its imports and what they import publicly: where names resolve.
    visible: HashSet<String>,
    visible_packages: HashSet<String>,
}

impl<'p> Resolver<'p> {
    fn new(scopes: &'p PoolScopes, file: &FileDescriptor) -> Self {
        let pool = &scopes.pool;
        let mut visible = HashSet::default();
        visible.insert(file.name().to_owned());
        let mut public: Vec<FileDescriptor> = file.dependencies().collect();
        while let Some(dependency) = public.pop() {
            if visible.insert(dependency.name().to_owned()) {
                public.extend(dependency.public_dependencies());
            }
        }
        let visible_packages = visible
            .iter()
            .filter_map(|name| pool.get_file_by_name(name))
            .flat_map(|f| package_prefixes(f.package_name()).collect::<Vec<_>>())
            .collect();
        Self { scopes, pool, visible, visible_packages }
    }

    fn site(&self, site: &OptionSite, resolved: &mut HashMap<Vec<i32>, Vec<i32>>) -> Option<()> {
        let options = self
            .pool
            .get_message_by_name(site.options_message)
            .or_else(|| DescriptorPool::global().get_message_by_name(site.options_message))?;
        let mut list_lengths: HashMap<Vec<i32>, i32> = HashMap::default();
        let mut aggregates: Vec<Vec<i32>> = Vec::new();
        for (i, (names, is_aggregate)) in site.options.iter().enumerate() {
            let mut path = site.path.clone();
            let mut message = options.clone();
            for (k, (name, is_extension)) in names.iter().enumerate() {
                let (number, kind, is_list) = if *is_extension {
                    let extension = self.extension(&site.scope, name)?;
                    if extension.containing_message() != message {
                        return None;
                    }
                    (extension.number(), extension.kind(), extension.is_list())
                } else {
                    let field = message.get_field_by_name(name)?;
                    (field.number(), field.kind(), field.is_list())
                };
                path.push(i32::try_from(number).ok()?);
                if k + 1 < names.len() {
                    let Kind::Message(inner) = kind else { return None };
                    message = inner;
                } else if is_list {
                    // An earlier aggregate may already hold elements of this list: its count is
                    // in the text-format value, which only prost-reflect reads.
                    if aggregates.iter().any(|a| path.len() > a.len() && path.starts_with(a)) {
                        return None;
                    }
                    let length = list_lengths.entry(path.clone()).or_insert(0);
                    path.push(*length);
                    *length += 1;
                }
            }
            if *is_aggregate {
                aggregates.push(path.clone());
            }
            let from = [&site.path[..], &[UNINTERPRETED, i32::try_from(i).ok()?]].concat();
            resolved.insert(from, path);
        }
        Some(())
    }

    /// prost-reflect's `resolve_name` for an extension: innermost scope first; a simple name skips
    /// candidates the file cannot see; a dotted name commits to the first scope where its first
    /// component names a package, message, enum or service.
    fn extension(&self, scope: &str, name: &str) -> Option<ExtensionDescriptor> {
        if let Some(full_name) = name.strip_prefix('.') {
            return self.visible_extension(full_name);
        }
        if scope.is_empty() {
            return self.visible_extension(name);
        }
        let first = name.split('.').next().unwrap_or_default();
        let parents = std::iter::once(scope).chain(scope.rmatch_indices('.').map(|(i, _)| &scope[..i])).chain([""]);
        // One buffer for every candidate: a name is tried at each enclosing scope.
        let mut candidate = String::with_capacity(scope.len() + 1 + name.len());
        for parent in parents {
            candidate.clear();
            if !parent.is_empty() {
                candidate.push_str(parent);
                candidate.push('.');
            }
            candidate.push_str(first);
            if first.len() == name.len() {
                if let Some(extension) = self.visible_extension(&candidate) {
                    return Some(extension);
                }
            } else if self.is_parent(&candidate, true) {
                return self.visible_extension(&qualified_name(parent, name));
            } else if self.is_parent(&candidate, false) {
                // A scope only a file this one cannot see declares: prost-reflect's answer
                // depends on the order files were linked in.
                return None;
            }
        }
        None
    }

    fn visible_extension(&self, full_name: &str) -> Option<ExtensionDescriptor> {
        self.pool.get_extension_by_name(full_name).filter(|e| self.visible.contains(e.parent_file().name()))
    }

    fn is_parent(&self, full_name: &str, visible_only: bool) -> bool {
        if !self.scopes.parents.contains(full_name) {
            return false;
        }
        let seen = |file: FileDescriptor| !visible_only || self.visible.contains(file.name());
        let declared = self.pool.get_message_by_name(full_name).is_some_and(|m| seen(m.parent_file()))
            || self.pool.get_enum_by_name(full_name).is_some_and(|e| seen(e.parent_file()))
            || self.pool.get_service_by_name(full_name).is_some_and(|s| seen(s.parent_file()));
        declared || !visible_only || self.visible_packages.contains(full_name)
    }
}

fn package_prefixes(package: &str) -> impl Iterator<Item = String> + '_ {
    let dots = package.match_indices('.').map(|(i, _)| i);
    dots.chain((!package.is_empty()).then_some(package.len())).map(|end| package[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::package_prefixes;

    #[test]
    fn every_prefix_of_a_package_is_a_scope() {
        assert_eq!(package_prefixes("a.b.c").collect::<Vec<_>>(), ["a", "a.b", "a.b.c"]);
        assert_eq!(package_prefixes("").count(), 0);
    }
}
