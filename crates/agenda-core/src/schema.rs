//! The JSON Schema of the dataset, generated from the Rust types.

/// The JSON Schema of a published dataset, pretty-printed.
///
/// ```
/// let schema = agenda_core::schema::dataset_schema();
/// assert!(schema.contains("\"chantiers\""));
/// ```
pub fn dataset_schema() -> String {
    let schema = schemars::schema_for!(crate::model::Dataset);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The JSON Schema of a single chantier (a contribution file).
///
/// ```
/// assert!(agenda_core::schema::chantier_schema().contains("\"milestones\""));
/// ```
pub fn chantier_schema() -> String {
    let schema = schemars::schema_for!(crate::model::Chantier);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
