//! The lint rule registry: one line per rule, sorted by id.

use super::LintRule;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every lint rule, sorted by id.
        pub static ALL: &[&dyn LintRule] = &[$(&$module::$rule),*];
    };
}

mod package_affinity;
mod package_version;

registry! {
    directory_same_package::DirectorySamePackage,
    enum_zero_value_suffix::EnumZeroValueSuffix,
    field_lower_snake_case::FieldLowerSnakeCase,
    import_used::ImportUsed,
    package_defined::PackageDefined,
    package_directory_match::PackageDirectoryMatch,
    package_no_import_cycle::PackageNoImportCycle,
    package_same_csharp_namespace::PackageSameCsharpNamespace,
    package_same_directory::PackageSameDirectory,
    package_same_go_package::PackageSameGoPackage,
    package_same_java_multiple_files::PackageSameJavaMultipleFiles,
    package_same_java_package::PackageSameJavaPackage,
    package_same_php_namespace::PackageSamePhpNamespace,
    package_same_ruby_package::PackageSameRubyPackage,
    package_same_swift_prefix::PackageSameSwiftPrefix,
    package_version_suffix::PackageVersionSuffix,
    rpc_request_response_unique::RpcRequestResponseUnique,
    rpc_request_standard_name::RpcRequestStandardName,
    rpc_response_standard_name::RpcResponseStandardName,
    stable_package_no_import_unstable::StablePackageNoImportUnstable,
}
