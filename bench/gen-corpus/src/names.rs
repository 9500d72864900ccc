//! Vocabulary for names and comments: API-flavoured words so that the files read like real APIs
//! (and name lengths, hence byte counts, resemble googleapis').

use crate::rng::Rng;

pub const AREAS: [&str; 14] = [
    "cloud",
    "ads",
    "maps",
    "devtools",
    "storage",
    "ai",
    "identity",
    "analytics",
    "security",
    "commerce",
    "media",
    "iot",
    "networking",
    "workspace",
];

const PRODUCT_HEADS: [&str; 24] = [
    "data", "stream", "batch", "edge", "net", "vault", "log", "trace", "build", "deploy", "config", "secret", "asset",
    "policy", "bill", "search", "notebook", "vision", "speech", "route", "cache", "queue", "graph", "ledger",
];

const PRODUCT_TAILS: [&str; 16] = [
    "flow", "store", "hub", "ops", "manager", "catalog", "gate", "proc", "link", "scope", "works", "sync", "lens",
    "base", "mesh", "guard",
];

pub const RESOURCES: [&str; 40] = [
    "Widget",
    "Cluster",
    "Instance",
    "Dataset",
    "Job",
    "Pipeline",
    "Endpoint",
    "Policy",
    "Bucket",
    "Topic",
    "Subscription",
    "Snapshot",
    "Backup",
    "Volume",
    "NodePool",
    "Repository",
    "Trigger",
    "Workflow",
    "Model",
    "Table",
    "Index",
    "Queue",
    "Task",
    "Agent",
    "Session",
    "Report",
    "Campaign",
    "Account",
    "Budget",
    "Device",
    "Route",
    "Key",
    "Certificate",
    "Secret",
    "Tenant",
    "Domain",
    "Zone",
    "Channel",
    "Connector",
    "Deployment",
];

const ADJECTIVES: [&str; 24] = [
    "max",
    "min",
    "default",
    "primary",
    "secondary",
    "source",
    "target",
    "last",
    "next",
    "total",
    "active",
    "pending",
    "effective",
    "requested",
    "allowed",
    "custom",
    "initial",
    "current",
    "desired",
    "observed",
    "remote",
    "local",
    "public",
    "internal",
];

const NOUNS: [&str; 32] = [
    "retry_count",
    "size_bytes",
    "timeout",
    "region",
    "zone",
    "network",
    "subnet",
    "version",
    "revision",
    "owner",
    "schedule",
    "quota",
    "capacity",
    "priority",
    "endpoint",
    "address",
    "port",
    "protocol",
    "format",
    "encoding",
    "checksum",
    "uri",
    "location",
    "label",
    "tag",
    "policy",
    "window",
    "threshold",
    "ratio",
    "interval",
    "limit",
    "weight",
];

const SENTENCES: [&str; 20] = [
    "The resource name of the object, which uniquely identifies it within its parent collection.",
    "Output only. The time at which this object was created or last modified by the service.",
    "Optional. A user-provided description that is shown in the console and in list responses.",
    "If set, the server validates the request and previews the change without applying it.",
    "The value must be between 1 and 1000; values above 1000 are coerced to 1000.",
    "This field is populated by the service and ignored when sent in a create or update request.",
    "See [AIP-160](https://acme.dev/160) for the syntax of the filter expression.",
    "Changing this value triggers a rolling restart of every dependent instance.",
    "When unset, the service chooses a default based on the location of the parent resource.",
    "Deprecated values are still accepted but are mapped to their current equivalents.",
    "A token identifying a page of results the server should return.",
    "The maximum number of results to return; the service may return fewer than this value.",
    "Labels are key/value pairs used to organize and filter resources in billing reports.",
    "Used for optimistic concurrency control: the request fails if the etag does not match.",
    "The state transitions are documented in the product's lifecycle guide.",
    "Requests with an unknown value for this field are rejected with INVALID_ARGUMENT.",
    "The encryption key used to protect data at rest; defaults to an Acme-managed key.",
    "Indicates whether the object is currently being reconciled towards its desired state.",
    "The amount of time the service waits before it retries a failed operation.",
    "Only the fields listed in the mask are updated; the others keep their current values.",
];

/// A product name unique for every `index`, however many products a run asks for.
pub fn product(index: usize) -> String {
    let head = PRODUCT_HEADS[index % PRODUCT_HEADS.len()];
    let round = index / PRODUCT_HEADS.len();
    let tail = PRODUCT_TAILS[round % PRODUCT_TAILS.len()];
    let generation = round / PRODUCT_TAILS.len();
    if generation == 0 { format!("{head}{tail}") } else { format!("{head}{tail}{generation}") }
}

pub fn field_name(rng: &mut Rng) -> String {
    format!("{}_{}", rng.pick(&ADJECTIVES), rng.pick(&NOUNS))
}

pub fn sentence(rng: &mut Rng) -> String {
    (*rng.pick(&SENTENCES)).to_owned()
}

/// A comment of one to `max_lines` lines.
pub fn comment(rng: &mut Rng, max_lines: usize) -> Vec<String> {
    (0..rng.range(1, max_lines)).map(|_| sentence(rng)).collect()
}

pub fn snake(pascal: &str) -> String {
    let mut out = String::with_capacity(pascal.len() + 4);
    for (index, ch) in pascal.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if index > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

pub fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

pub fn plural(word: &str) -> String {
    if word.ends_with('y') && !word.ends_with("ey") {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with('s') || word.ends_with('x') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}
