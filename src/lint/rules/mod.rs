//! The lint rule registry: one line per rule, sorted by id.

use super::LintRule;

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every lint rule, sorted by id.
        pub static ALL: &[&dyn LintRule] = &[$(&$module::$rule),*];
    };
}

registry! {
    comment_enum::CommentEnum,
    comment_enum_value::CommentEnumValue,
    comment_field::CommentField,
    comment_message::CommentMessage,
    comment_oneof::CommentOneof,
    comment_rpc::CommentRpc,
    comment_service::CommentService,
    enum_first_value_zero::EnumFirstValueZero,
    enum_no_allow_alias::EnumNoAllowAlias,
    enum_pascal_case::EnumPascalCase,
    enum_value_prefix::EnumValuePrefix,
    enum_value_upper_snake_case::EnumValueUpperSnakeCase,
    enum_zero_value_suffix::EnumZeroValueSuffix,
    field_lower_snake_case::FieldLowerSnakeCase,
    field_not_required::FieldNotRequired,
    field_no_descriptor::FieldNoDescriptor,
    file_lower_snake_case::FileLowerSnakeCase,
    import_no_public::ImportNoPublic,
    import_no_weak::ImportNoWeak,
    message_pascal_case::MessagePascalCase,
    oneof_lower_snake_case::OneofLowerSnakeCase,
    package_defined::PackageDefined,
    package_lower_snake_case::PackageLowerSnakeCase,
    rpc_no_client_streaming::RpcNoClientStreaming,
    rpc_no_server_streaming::RpcNoServerStreaming,
    rpc_pascal_case::RpcPascalCase,
    service_pascal_case::ServicePascalCase,
    service_suffix::ServiceSuffix,
    syntax_specified::SyntaxSpecified,
}
