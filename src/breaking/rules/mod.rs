//! The breaking rule registry: one line per rule, sorted by file name.

use super::BreakingRule;

mod ranges;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every breaking rule, sorted by id.
        pub static ALL: &[&dyn BreakingRule] = &[$(&$module::$rule),*];
    };
}

registry! {
    enum_no_delete::EnumNoDelete,
    enum_value_no_delete::EnumValueNoDelete,
    enum_value_no_delete_unless_name_reserved::EnumValueNoDeleteUnlessNameReserved,
    enum_value_no_delete_unless_number_reserved::EnumValueNoDeleteUnlessNumberReserved,
    extension_message_no_delete::ExtensionMessageNoDelete,
    extension_no_delete::ExtensionNoDelete,
    field_no_delete::FieldNoDelete,
    field_no_delete_unless_name_reserved::FieldNoDeleteUnlessNameReserved,
    field_no_delete_unless_number_reserved::FieldNoDeleteUnlessNumberReserved,
    file_no_delete::FileNoDelete,
    message_no_delete::MessageNoDelete,
    oneof_no_delete::OneofNoDelete,
    package_enum_no_delete::PackageEnumNoDelete,
    package_extension_no_delete::PackageExtensionNoDelete,
    package_message_no_delete::PackageMessageNoDelete,
    package_no_delete::PackageNoDelete,
    package_service_no_delete::PackageServiceNoDelete,
    reserved_enum_no_delete::ReservedEnumNoDelete,
    reserved_message_no_delete::ReservedMessageNoDelete,
    rpc_no_delete::RpcNoDelete,
    service_no_delete::ServiceNoDelete,
}
