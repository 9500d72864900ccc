//! The shared protos every API imports (googleapis' `google/api`, `google/rpc`, `google/type` and
//! `google/longrunning`): custom options as extensions of `google.protobuf.*Options`, one of them
//! message-typed and set with message literals (`acme.api.http`), which is what makes option
//! resolution expensive in a real tree.

use crate::model::LICENSE;

pub const ANNOTATIONS: &str = "acme/api/annotations.proto";
pub const CLIENT: &str = "acme/api/client.proto";
pub const FIELD_BEHAVIOR: &str = "acme/api/field_behavior.proto";
pub const RESOURCE: &str = "acme/api/resource.proto";
pub const OPERATIONS: &str = "acme/longrunning/operations.proto";
pub const STATUS: &str = "acme/rpc/status.proto";
pub const MONEY: &str = "acme/type/money.proto";
pub const DATE: &str = "acme/type/date.proto";
pub const LATLNG: &str = "acme/type/latlng.proto";
pub const INTERVAL: &str = "acme/type/interval.proto";

const FILES: [(&str, &str); 12] = [
    (
        "acme/api/http.proto",
        r#"package acme.api;

option go_package = "acme.com/genproto/acme/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "HttpProto";
option java_package = "com.acme.api";

// Defines the HTTP configuration for an API service. It contains a list of
// [HttpRule][acme.api.HttpRule], each specifying the mapping of an RPC method
// to one or more HTTP REST API methods.
message Http {
  // A list of HTTP configuration rules that apply to individual API methods.
  //
  // **NOTE:** All service configuration rules follow "last one wins" order.
  repeated HttpRule rules = 1;

  // When set to true, URL path parameters will be fully URI-decoded except in
  // cases of single segment matches in reserved expansion.
  bool fully_decode_reserved_expansion = 2;
}

// gRPC Transcoding is a feature for mapping between a gRPC method and one or
// more HTTP REST endpoints. It allows developers to build a single API service
// that supports both gRPC APIs and REST APIs.
message HttpRule {
  // Selects a method to which this rule applies.
  string selector = 1;

  // Determines the URL pattern is matched by this rules. This pattern can be
  // used with any of the {get|put|post|delete|patch} methods.
  oneof pattern {
    // Maps to HTTP GET. Used for listing and getting information about
    // resources.
    string get = 2;

    // Maps to HTTP PUT. Used for replacing a resource.
    string put = 3;

    // Maps to HTTP POST. Used for creating a resource or performing an action.
    string post = 4;

    // Maps to HTTP DELETE. Used for deleting a resource.
    string delete = 5;

    // Maps to HTTP PATCH. Used for updating a resource.
    string patch = 6;

    // The custom pattern is used for specifying an HTTP method that is not
    // included in the `pattern` field, such as HEAD, or "*" to leave the
    // HTTP method unspecified for this rule.
    CustomHttpPattern custom = 8;
  }

  // The name of the request field whose value is mapped to the HTTP request
  // body, or `*` for mapping all request fields not captured by the path
  // pattern to the HTTP body, or omitted for not having any HTTP request body.
  string body = 7;

  // Optional. The name of the response field whose value is mapped to the HTTP
  // response body. When omitted, the entire response message will be used
  // as the HTTP response body.
  string response_body = 12;

  // Additional HTTP bindings for the selector. Nested bindings must
  // not contain an `additional_bindings` field themselves (that is,
  // the nesting may only be one level deep).
  repeated HttpRule additional_bindings = 11;
}

// A custom pattern is used for defining custom HTTP verb.
message CustomHttpPattern {
  // The name of this custom HTTP verb.
  string kind = 1;

  // The path matched by this custom verb.
  string path = 2;
}
"#,
    ),
    (
        ANNOTATIONS,
        r#"package acme.api;

import "acme/api/http.proto";
import "google/protobuf/descriptor.proto";

option go_package = "acme.com/genproto/acme/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "AnnotationsProto";
option java_package = "com.acme.api";

extend google.protobuf.MethodOptions {
  // See `HttpRule`.
  HttpRule http = 72295728;
}
"#,
    ),
    (
        CLIENT,
        r#"package acme.api;

import "google/protobuf/descriptor.proto";

option go_package = "acme.com/genproto/acme/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "ClientProto";
option java_package = "com.acme.api";

extend google.protobuf.MethodOptions {
  // A definition of a client library method signature.
  //
  // In client libraries, each proto RPC corresponds to one or more methods
  // which the end user is able to call, and calls the underlying RPC.
  repeated string method_signature = 1051;
}

extend google.protobuf.ServiceOptions {
  // The hostname for this service.
  // This should be specified with no prefix or protocol.
  string default_host = 1049;

  // OAuth scopes needed for the client.
  string oauth_scopes = 1050;
}
"#,
    ),
    (
        FIELD_BEHAVIOR,
        r#"package acme.api;

import "google/protobuf/descriptor.proto";

option go_package = "acme.com/genproto/acme/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "FieldBehaviorProto";
option java_package = "com.acme.api";

extend google.protobuf.FieldOptions {
  // A designation of a specific field behavior (required, output only, etc.)
  // in protobuf messages.
  repeated acme.api.FieldBehavior field_behavior = 1052 [packed = false];
}

// An indicator of the behavior of a given field (for example, that a field
// is required in requests, or given as output but ignored as input).
enum FieldBehavior {
  // Conventional default for enums. Do not use this.
  FIELD_BEHAVIOR_UNSPECIFIED = 0;

  // Specifically denotes a field as optional.
  OPTIONAL = 1;

  // Denotes a field as required.
  REQUIRED = 2;

  // Denotes a field as output only.
  OUTPUT_ONLY = 3;

  // Denotes a field as input only.
  INPUT_ONLY = 4;

  // Denotes a field as immutable.
  IMMUTABLE = 5;

  // Denotes that a (repeated) field is an unordered list.
  UNORDERED_LIST = 6;

  // Denotes that this field returns a non-empty default value if not set.
  NON_EMPTY_DEFAULT = 7;

  // Denotes that the field in a resource (a message annotated with
  // acme.api.resource) is used in the resource name to uniquely identify the
  // resource.
  IDENTIFIER = 8;
}
"#,
    ),
    (
        RESOURCE,
        r#"package acme.api;

import "google/protobuf/descriptor.proto";

option go_package = "acme.com/genproto/acme/api/annotations;annotations";
option java_multiple_files = true;
option java_outer_classname = "ResourceProto";
option java_package = "com.acme.api";

extend google.protobuf.FieldOptions {
  // An annotation that describes a resource reference, see
  // [ResourceReference][].
  acme.api.ResourceReference resource_reference = 1055;
}

extend google.protobuf.FileOptions {
  // An annotation that describes a resource definition without a corresponding
  // message; see [ResourceDescriptor][].
  repeated acme.api.ResourceDescriptor resource_definition = 1053;
}

extend google.protobuf.MessageOptions {
  // An annotation that describes a resource definition, see
  // [ResourceDescriptor][].
  acme.api.ResourceDescriptor resource = 1053;
}

// A simple descriptor of a resource type.
message ResourceDescriptor {
  // A description of the historical or future-looking state of the
  // resource pattern.
  enum History {
    // The "unset" value.
    HISTORY_UNSPECIFIED = 0;

    // The resource originally had one pattern and launched as such.
    ORIGINALLY_SINGLE_PATTERN = 1;

    // The resource has one pattern, but the API owner expects to add more
    // later.
    FUTURE_MULTI_PATTERN = 2;
  }

  // The resource type. It must be in the format of
  // {service_name}/{resource_type_kind}.
  string type = 1;

  // Optional. The relative resource name pattern associated with this resource
  // type. The DNS prefix of the full resource name shouldn't be specified here.
  repeated string pattern = 2;

  // Optional. The field on the resource that designates the resource name
  // field. If omitted, this is assumed to be "name".
  string name_field = 3;

  // Optional. The historical or future-looking state of the resource pattern.
  History history = 4;

  // The plural name used in the resource name and permission names.
  string plural = 5;

  // The same concept of the `singular` field in k8s CRD spec.
  string singular = 6;
}

// Defines a proto annotation that describes a string field that refers to
// an API resource.
message ResourceReference {
  // The resource type that the annotated field references.
  string type = 1;

  // The resource type of a child collection that the annotated field
  // references. This is useful for annotating the `parent` field that
  // doesn't have a fixed resource type.
  string child_type = 2;
}
"#,
    ),
    (
        STATUS,
        r#"package acme.rpc;

import "google/protobuf/any.proto";

option cc_enable_arenas = true;
option go_package = "acme.com/genproto/acme/rpc/status;status";
option java_multiple_files = true;
option java_outer_classname = "StatusProto";
option java_package = "com.acme.rpc";
option objc_class_prefix = "RPC";

// The `Status` type defines a logical error model that is suitable for
// different programming environments, including REST APIs and RPC APIs.
message Status {
  // The status code, which should be an enum value of [acme.rpc.Code][].
  int32 code = 1;

  // A developer-facing error message, which should be in English.
  string message = 2;

  // A list of messages that carry the error details.
  repeated google.protobuf.Any details = 3;
}
"#,
    ),
    (
        MONEY,
        r#"package acme.type;

option cc_enable_arenas = true;
option go_package = "acme.com/genproto/acme/type/money;money";
option java_multiple_files = true;
option java_outer_classname = "MoneyProto";
option java_package = "com.acme.type";
option objc_class_prefix = "GTP";

// Represents an amount of money with its currency type.
message Money {
  // The three-letter currency code defined in ISO 4217.
  string currency_code = 1;

  // The whole units of the amount.
  int64 units = 2;

  // Number of nano (10^-9) units of the amount.
  int32 nanos = 3;
}
"#,
    ),
    (
        DATE,
        r#"package acme.type;

option cc_enable_arenas = true;
option go_package = "acme.com/genproto/acme/type/date;date";
option java_multiple_files = true;
option java_outer_classname = "DateProto";
option java_package = "com.acme.type";
option objc_class_prefix = "GTP";

// Represents a whole or partial calendar date, such as a birthday.
message Date {
  // Year of the date. Must be from 1 to 9999, or 0 to specify a date without
  // a year.
  int32 year = 1;

  // Month of a year. Must be from 1 to 12, or 0 to specify a year without a
  // month and day.
  int32 month = 2;

  // Day of a month. Must be from 1 to 31 and valid for the year and month.
  int32 day = 3;
}
"#,
    ),
    (
        LATLNG,
        r#"package acme.type;

option cc_enable_arenas = true;
option go_package = "acme.com/genproto/acme/type/latlng;latlng";
option java_multiple_files = true;
option java_outer_classname = "LatLngProto";
option java_package = "com.acme.type";
option objc_class_prefix = "GTP";

// An object that represents a latitude/longitude pair.
message LatLng {
  // The latitude in degrees. It must be in the range [-90.0, +90.0].
  double latitude = 1;

  // The longitude in degrees. It must be in the range [-180.0, +180.0].
  double longitude = 2;
}
"#,
    ),
    (
        INTERVAL,
        r#"package acme.type;

import "google/protobuf/timestamp.proto";

option cc_enable_arenas = true;
option go_package = "acme.com/genproto/acme/type/interval;interval";
option java_multiple_files = true;
option java_outer_classname = "IntervalProto";
option java_package = "com.acme.type";
option objc_class_prefix = "GTP";

// Represents a time interval, encoded as a Timestamp start (inclusive) and a
// Timestamp end (exclusive).
message Interval {
  // Optional. Inclusive start of the interval.
  google.protobuf.Timestamp start_time = 1;

  // Optional. Exclusive end of the interval.
  google.protobuf.Timestamp end_time = 2;
}
"#,
    ),
    (
        OPERATIONS,
        r#"package acme.longrunning;

import "acme/api/annotations.proto";
import "acme/api/client.proto";
import "acme/rpc/status.proto";
import "google/protobuf/any.proto";
import "google/protobuf/descriptor.proto";
import "google/protobuf/empty.proto";

option cc_enable_arenas = true;
option csharp_namespace = "Acme.LongRunning";
option go_package = "acme.com/genproto/acme/longrunning/longrunningpb;longrunningpb";
option java_multiple_files = true;
option java_outer_classname = "OperationsProto";
option java_package = "com.acme.longrunning";
option php_namespace = "Acme\\LongRunning";

extend google.protobuf.MethodOptions {
  // Additional information regarding long-running operations.
  acme.longrunning.OperationInfo operation_info = 1049;
}

// Manages long-running operations with an API service.
service Operations {
  option (acme.api.default_host) = "longrunning.acme.com";

  // Lists operations that match the specified filter in the request.
  rpc ListOperations(ListOperationsRequest) returns (ListOperationsResponse) {
    option (acme.api.http) = {
      get: "/v1/{name=operations}"
    };
    option (acme.api.method_signature) = "name,filter";
  }

  // Gets the latest state of a long-running operation.
  rpc GetOperation(GetOperationRequest) returns (Operation) {
    option (acme.api.http) = {
      get: "/v1/{name=operations/**}"
    };
    option (acme.api.method_signature) = "name";
  }

  // Deletes a long-running operation.
  rpc DeleteOperation(DeleteOperationRequest) returns (google.protobuf.Empty) {
    option (acme.api.http) = {
      delete: "/v1/{name=operations/**}"
    };
    option (acme.api.method_signature) = "name";
  }
}

// This resource represents a long-running operation that is the result of a
// network API call.
message Operation {
  // The server-assigned name.
  string name = 1;

  // Service-specific metadata associated with the operation.
  google.protobuf.Any metadata = 2;

  // If the value is `false`, it means the operation is still in progress.
  bool done = 3;

  // The operation result, which can be either an `error` or a valid `response`.
  oneof result {
    // The error result of the operation in case of failure or cancellation.
    acme.rpc.Status error = 4;

    // The normal, successful response of the operation.
    google.protobuf.Any response = 5;
  }
}

// The request message for [Operations.GetOperation][acme.longrunning.Operations.GetOperation].
message GetOperationRequest {
  // The name of the operation resource.
  string name = 1;
}

// The request message for [Operations.ListOperations][acme.longrunning.Operations.ListOperations].
message ListOperationsRequest {
  // The name of the operation's parent resource.
  string name = 4;

  // The standard list filter.
  string filter = 1;

  // The standard list page size.
  int32 page_size = 2;

  // The standard list page token.
  string page_token = 3;
}

// The response message for [Operations.ListOperations][acme.longrunning.Operations.ListOperations].
message ListOperationsResponse {
  // A list of operations that matches the specified filter in the request.
  repeated Operation operations = 1;

  // The standard List next-page token.
  string next_page_token = 2;
}

// The request message for [Operations.DeleteOperation][acme.longrunning.Operations.DeleteOperation].
message DeleteOperationRequest {
  // The name of the operation resource to be deleted.
  string name = 1;
}

// A message representing the message types used by a long-running operation.
message OperationInfo {
  // Required. The message name of the primary return type for this
  // long-running operation.
  string response_type = 1;

  // Required. The message name of the metadata type for this long-running
  // operation.
  string metadata_type = 2;
}
"#,
    ),
    (
        "acme/api/launch_stage.proto",
        r#"package acme.api;

option go_package = "acme.com/genproto/acme/api;api";
option java_multiple_files = true;
option java_outer_classname = "LaunchStageProto";
option java_package = "com.acme.api";
option objc_class_prefix = "GAPI";

// The launch stage as defined by [Acme Cloud Platform Launch
// Stages](https://cloud.acme.com/terms/launch-stages).
enum LaunchStage {
  // Do not use this default value.
  LAUNCH_STAGE_UNSPECIFIED = 0;

  // The feature is not yet implemented.
  UNIMPLEMENTED = 6;

  // Prelaunch features are hidden from users and are only visible internally.
  PRELAUNCH = 7;

  // Early Access features are limited to a closed group of testers.
  EARLY_ACCESS = 1;

  // Alpha is a limited availability test for releases before they are cleared
  // for widespread use.
  ALPHA = 2;

  // Beta is the point at which we are ready to open a release for any
  // customer to use.
  BETA = 3;

  // GA features are open to all developers and are considered stable and
  // fully qualified for production use.
  GA = 4;

  // Deprecated features are scheduled to be shut down and removed.
  DEPRECATED = 5;
}
"#,
    ),
];

/// `(path, contents)` of every shared file.
pub fn files() -> impl Iterator<Item = (&'static str, String)> {
    FILES.iter().map(|(path, body)| (*path, format!("{LICENSE}\nsyntax = \"proto3\";\n\n{body}")))
}

/// The file that defines a type used outside its own package, if it is not package-local.
pub fn import_for(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "google.protobuf.Timestamp" => "google/protobuf/timestamp.proto",
        "google.protobuf.Duration" => "google/protobuf/duration.proto",
        "google.protobuf.FieldMask" => "google/protobuf/field_mask.proto",
        "google.protobuf.Empty" => "google/protobuf/empty.proto",
        "google.protobuf.Struct" => "google/protobuf/struct.proto",
        "google.protobuf.Any" => "google/protobuf/any.proto",
        "google.protobuf.Int64Value" | "google.protobuf.BoolValue" | "google.protobuf.StringValue" => {
            "google/protobuf/wrappers.proto"
        }
        "acme.longrunning.Operation" => OPERATIONS,
        "acme.rpc.Status" => STATUS,
        "acme.type.Money" => MONEY,
        "acme.type.Date" => DATE,
        "acme.type.LatLng" => LATLNG,
        "acme.type.Interval" => INTERVAL,
        _ => return None,
    })
}
