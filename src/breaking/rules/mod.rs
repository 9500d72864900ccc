//! The breaking rule registry: one line per rule, sorted by file name.

use super::BreakingRule;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every breaking rule, sorted by id.
        pub static ALL: &[&dyn BreakingRule] = &[$(&$module::$rule),*];
    };
}

registry! {
    enum_no_delete::EnumNoDelete,
    extension_no_delete::ExtensionNoDelete,
    field_no_delete::FieldNoDelete,
    file_no_delete::FileNoDelete,
    message_no_delete::MessageNoDelete,
    package_enum_no_delete::PackageEnumNoDelete,
    package_extension_no_delete::PackageExtensionNoDelete,
    package_message_no_delete::PackageMessageNoDelete,
    package_no_delete::PackageNoDelete,
    package_service_no_delete::PackageServiceNoDelete,
    service_no_delete::ServiceNoDelete,
}
