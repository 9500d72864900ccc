//! Statuses with google.rpc rich error details (the `grpc-status-details-bin` trailer), built with
//! `tonic-types`. Clients decode them with `tonic_types::StatusExt::get_error_details`.

use std::collections::HashMap;
use std::fmt::Write as _;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation, PreconditionViolation, QuotaViolation, StatusExt};

/// The `domain` of every `ErrorInfo` this server sends.
pub const DOMAIN: &str = "ecommerce.example.com";

/// INVALID_ARGUMENT listing every field violation in a `google.rpc.BadRequest`.
pub fn bad_request(message: &str, violations: Vec<FieldViolation>) -> Status {
    Status::with_error_details(Code::InvalidArgument, message, ErrorDetails::with_bad_request(violations))
}

/// INVALID_ARGUMENT for a single bad field.
pub fn invalid_field(field: &str, description: impl Into<String>) -> Status {
    let description = description.into();
    bad_request(&format!("invalid {field}: {description}"), vec![FieldViolation::new(field, description)])
}

/// NOT_FOUND with an `ErrorInfo` (reason `<TYPE>_NOT_FOUND`) and a `ResourceInfo`.
pub fn not_found(resource_type: &str, name: &str) -> Status {
    let reason = format!("{}_NOT_FOUND", resource_type.to_ascii_uppercase());
    let mut details = ErrorDetails::new();
    details
        .set_error_info(reason, DOMAIN, HashMap::from([(resource_type.to_ascii_lowercase(), name.to_string())]))
        .set_resource_info(resource_type, name, "", format!("no {resource_type} has ID {name:?}"));
    Status::with_error_details(Code::NotFound, format!("{resource_type} {name} not found"), details)
}

/// ALREADY_EXISTS with a `ResourceInfo` naming the conflicting resource and an `ErrorInfo`.
pub fn already_exists(resource_type: &str, name: &str, description: &str) -> Status {
    let reason = format!("{}_ALREADY_EXISTS", resource_type.to_ascii_uppercase());
    let mut details = ErrorDetails::new();
    details
        .set_error_info(reason, DOMAIN, HashMap::from([(resource_type.to_ascii_lowercase(), name.to_string())]))
        .set_resource_info(resource_type, name, "", description);
    Status::with_error_details(Code::AlreadyExists, description, details)
}

/// FAILED_PRECONDITION with a `PreconditionFailure`.
pub fn failed_precondition(kind: &str, subject: &str, description: &str) -> Status {
    let violation = PreconditionViolation::new(kind, subject, description);
    Status::with_error_details(
        Code::FailedPrecondition,
        description,
        ErrorDetails::with_precondition_failure(vec![violation]),
    )
}

/// RESOURCE_EXHAUSTED with a `QuotaFailure`.
pub fn quota_exceeded(subject: &str, description: &str) -> Status {
    let violation = QuotaViolation::new(subject, description);
    Status::with_error_details(Code::ResourceExhausted, description, ErrorDetails::with_quota_failure(vec![violation]))
}

/// A status with an `ErrorInfo` only.
pub fn with_reason(code: Code, message: &str, reason: &str, metadata: &[(&str, &str)]) -> Status {
    let metadata: HashMap<String, String> =
        metadata.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
    Status::with_error_details(code, message, ErrorDetails::with_error_info(reason, DOMAIN, metadata))
}

/// A one-line description of a status and its rich error details, for logs and the example client.
pub fn describe(status: &Status) -> String {
    let mut out = format!("{:?}: {}", status.code(), status.message());
    let details = status.get_error_details();
    if let Some(info) = details.error_info() {
        let _ = write!(out, " [ErrorInfo reason={} domain={}]", info.reason, info.domain);
    }
    if let Some(resource) = details.resource_info() {
        let _ = write!(out, " [ResourceInfo {} {}]", resource.resource_type, resource.resource_name);
    }
    if let Some(bad) = details.bad_request() {
        for v in &bad.field_violations {
            let _ = write!(out, " [BadRequest {}: {}]", v.field, v.description);
        }
    }
    if let Some(quota) = details.quota_failure() {
        for v in &quota.violations {
            let _ = write!(out, " [QuotaFailure {}: {}]", v.subject, v.description);
        }
    }
    if let Some(precondition) = details.precondition_failure() {
        for v in &precondition.violations {
            let _ = write!(out, " [PreconditionFailure {} {}: {}]", v.r#type, v.subject, v.description);
        }
    }
    out
}
