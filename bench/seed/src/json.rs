//! A serde mirror of `ecommerce.v1.Product` that writes and reads the canonical proto3 JSON
//! mapping: lowerCamelCase names, enums by name, int64 as a string, Timestamp as RFC 3339, and
//! default values left out.
//!
//! Why a mirror: the generated types have no serde derives. protogate's `protogate-rust` plugin
//! has a `serde` option, but it would mean editing `buf.gen.yaml` and regenerating the checked-in
//! code, and plain derives would not be proto3 JSON anyway (enums as numbers, `Timestamp` as
//! `{seconds, nanos}`, and no `Serialize` for `prost_types` at all). The seed's Go benchmark
//! marshals a plain struct with `encoding/json`; this is the Rust equivalent, and a test checks
//! that its output equals prost-reflect's canonical JSON for the same message.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::pb::{Money, Product, product};

/// `ecommerce.v1.Product` as proto3 JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductJson {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<MoneyJson>,
    #[serde(with = "category", skip_serializing_if = "is_zero")]
    pub category: i32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    pub metadata: HashMap<String, String>,
    #[serde(with = "rfc3339", skip_serializing_if = "Option::is_none")]
    pub created_at: Option<prost_types::Timestamp>,
    #[serde(with = "product_status", skip_serializing_if = "is_zero")]
    pub status: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<DimensionJson>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sku: String,
}

/// `ecommerce.v1.Money` as proto3 JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct MoneyJson {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency_code: String,
    #[serde(with = "int64_string", skip_serializing_if = "is_zero")]
    pub units: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub nanos: i32,
}

/// `ecommerce.v1.Product.Dimension` as proto3 JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct DimensionJson {
    #[serde(skip_serializing_if = "is_zero")]
    pub width: f64,
    #[serde(skip_serializing_if = "is_zero")]
    pub height: f64,
    #[serde(skip_serializing_if = "is_zero")]
    pub depth: f64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

fn is_zero<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl From<&Product> for ProductJson {
    fn from(p: &Product) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            price: p.price.as_ref().map(|m| MoneyJson {
                currency_code: m.currency_code.clone(),
                units: m.units,
                nanos: m.nanos,
            }),
            category: p.category,
            tags: p.tags.clone(),
            metadata: p.metadata.clone(),
            created_at: p.created_at,
            status: p.status,
            dimension: p.dimension.as_ref().map(|d| DimensionJson {
                width: d.width,
                height: d.height,
                depth: d.depth,
                unit: d.unit.clone(),
            }),
            sku: p.sku.clone(),
        }
    }
}

impl From<ProductJson> for Product {
    fn from(p: ProductJson) -> Self {
        Self {
            id: p.id,
            name: p.name,
            description: p.description,
            price: p.price.map(|m| Money { currency_code: m.currency_code, units: m.units, nanos: m.nanos }),
            category: p.category,
            tags: p.tags,
            metadata: p.metadata,
            created_at: p.created_at,
            status: p.status,
            dimension: p.dimension.map(|d| product::Dimension {
                width: d.width,
                height: d.height,
                depth: d.depth,
                unit: d.unit,
            }),
            sku: p.sku,
        }
    }
}

/// Enum fields by value name, as the generated `as_str_name`/`from_str_name` spell them.
macro_rules! enum_by_name {
    ($module:ident, $enum:ty) => {
        mod $module {
            use super::{Deserialize, Deserializer, Serializer};

            #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` passes the field by reference.
            pub fn serialize<S: Serializer>(value: &i32, serializer: S) -> Result<S::Ok, S::Error> {
                match <$enum>::try_from(*value) {
                    Ok(known) => serializer.serialize_str(known.as_str_name()),
                    // proto3 JSON writes values the schema does not know as numbers.
                    Err(_) => serializer.serialize_i32(*value),
                }
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i32, D::Error> {
                let name = <&str>::deserialize(deserializer)?;
                <$enum>::from_str_name(name)
                    .map(Into::into)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown {} value {name:?}", stringify!($enum))))
            }
        }
    };
}

enum_by_name!(category, crate::pb::Category);
enum_by_name!(product_status, crate::pb::ProductStatus);

mod int64_string {
    use super::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` passes the field by reference.
    pub fn serialize<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        <&str>::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

mod rfc3339 {
    use super::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::ref_option)] // serde's `with` passes the field by reference.
    pub fn serialize<S: Serializer>(value: &Option<prost_types::Timestamp>, serializer: S) -> Result<S::Ok, S::Error> {
        // Written straight into the output, as Go's time.Time.MarshalJSON does: no String.
        match value {
            Some(timestamp) => serializer.collect_str(timestamp),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<prost_types::Timestamp>, D::Error> {
        let text = <&str>::deserialize(deserializer)?;
        text.parse().map(Some).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn the_mirror_round_trips_the_sample() {
        let product = sample::product();
        let text = serde_json::to_vec(&ProductJson::from(&product)).unwrap();
        let back: ProductJson = serde_json::from_slice(&text).unwrap();
        assert_eq!(Product::from(back), product);
    }

    #[test]
    fn unknown_enum_names_are_errors() {
        let error = serde_json::from_str::<ProductJson>(r#"{"category": "CATEGORY_TOYS"}"#).unwrap_err();
        assert!(error.to_string().contains("CATEGORY_TOYS"), "{error}");
    }
}
