//! The published JSON Schema of the output (`planparse schema`).

pub const SCHEMA: &str = include_str!("plans.schema.json");
