//! A small valid dataset the tests mutate, one rule at a time.
#![allow(dead_code)]

use serde_json::{json, Value};

pub fn chantier(id: &str, first_date: &str) -> Value {
    json!({
        "id": id,
        "title": format!("Chantier {id}"),
        "summary": "Un résumé d'une phrase.",
        "description": ["Premier paragraphe.", "Second paragraphe."],
        "carriers": ["dgfip"],
        "themes": ["finances"],
        "nature": "obligation",
        "concerned": {"rules": [{"kind": "commune", "thresholds": [
            {"measure": "population", "comparison": "more_than", "value": 3500}]}]},
        "milestones": [
            {"id": "debut", "label": "Début", "date": first_date},
            {"id": "fin", "label": "Fin", "date": "2028"}
        ],
        "sources": [{"label": "Texte", "url": "https://www.legifrance.gouv.fr/", "kind": "legal"}],
        "updated": "2026-11-01"
    })
}

pub fn dataset(chantiers: Vec<Value>) -> Value {
    json!({
        "schema_version": "1.0",
        "published": "2026-11-01",
        "publisher": {"name": "ANCT"},
        "licence": "etalab-2.0",
        "themes": [
            {"code": "finances", "label": "Finances"},
            {"code": "urbanisme", "label": "Urbanisme"},
            {"code": "etat-civil", "label": "État civil"}
        ],
        "carriers": [
            {"code": "dgfip", "label": "DGFiP"},
            {"code": "dinum", "label": "DINUM", "name": "Direction interministérielle du numérique"}
        ],
        "chantiers": chantiers
    })
}

pub fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap()
}
