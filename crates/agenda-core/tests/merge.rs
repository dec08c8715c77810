//! Contributions: reading the file, merging (new entries, updates, conflicts, invalid
//! entries, several at once) and the French change summary.

mod common;

use agenda_core::merge::{
    changes, describe, describe_new, merge, parse, parse_value, Action, Contribution, MergeError,
    MergeErrorKind, ParseError, Shape,
};
use agenda_core::{load, Chantier, Dataset, LoadError, ProblemKind};
use chrono::NaiveDate;
use common::{bytes, chantier, dataset};
use proptest::prelude::*;
use serde_json::{json, Value};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-12-01";

/// The fixture dataset with chantiers "a" and "b", both updated 2026-11-01.
fn base() -> Dataset {
    let loaded = load(&bytes(&dataset(vec![
        chantier("a", "2024-01-01"),
        chantier("b", "2025-T3"),
    ])))
    .unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.dataset
}

fn entry(value: Value) -> Chantier {
    serde_json::from_value(value).unwrap()
}

/// The fixture chantier `id` (as in [`base`]), changed by `mutate`.
fn chantier_with(id: &str, mutate: impl FnOnce(&mut Value)) -> Chantier {
    let first_date = if id == "b" { "2025-T3" } else { "2024-01-01" };
    let mut value = chantier(id, first_date);
    mutate(&mut value);
    entry(value)
}

fn new(id: &str, mutate: impl FnOnce(&mut Value)) -> Contribution {
    Contribution::new_chantier(chantier_with(id, mutate)).with_origin(format!("{id}.json"))
}

fn update(id: &str, base_updated: &str, mutate: impl FnOnce(&mut Value)) -> Contribution {
    Contribution::update(chantier_with(id, mutate), day(base_updated))
        .with_origin(format!("{id}.json"))
}

fn errors(dataset: &Dataset, contributions: &[Contribution]) -> Vec<MergeError> {
    merge(dataset, contributions, day(TODAY)).expect_err("the merge is refused")
}

fn paths(errors: &[MergeError]) -> Vec<String> {
    errors
        .iter()
        .map(|e| match &e.kind {
            MergeErrorKind::Invalid(p) => p.path.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Merging.

#[test]
fn a_new_chantier_is_appended_with_today_as_its_update_date() {
    let dataset = base();
    let outcome = merge(
        &dataset,
        &[new("c", |c| c["title"] = json!("Nouveau"))],
        day(TODAY),
    )
    .unwrap();
    let ids: Vec<&str> = outcome
        .dataset
        .chantiers
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let added = &outcome.dataset.chantiers[2];
    assert_eq!(added.updated, day(TODAY));
    assert_eq!(added.title, "Nouveau");
    // The rest of the dataset is untouched, header included.
    assert_eq!(outcome.dataset.chantiers[..2], dataset.chantiers[..]);
    assert_eq!(outcome.dataset.themes, dataset.themes);
    assert_eq!(outcome.dataset.published, dataset.published);

    let applied = &outcome.applied[0];
    assert_eq!(applied.action, Action::New);
    assert_eq!(applied.headline(), "nouveau chantier « c »");
    assert_eq!(applied.origin, "c.json");
    assert_eq!(applied.changes[0], "Titre : « Nouveau »");
    assert_eq!(applied.changes, describe_new(added));
}

#[test]
fn an_update_replaces_the_entry_in_place() {
    let dataset = base();
    let contribution = update("a", "2026-11-01", |c| {
        c["title"] = json!("Chantier a, renommé");
        c["milestones"][0]["date"] = json!("2024-T1");
    });
    let outcome = merge(&dataset, &[contribution], day(TODAY)).unwrap();
    let ids: Vec<&str> = outcome
        .dataset
        .chantiers
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let updated = &outcome.dataset.chantiers[0];
    assert_eq!(updated.title, "Chantier a, renommé");
    assert_eq!(updated.updated, day(TODAY));
    assert_eq!(outcome.dataset.chantiers[1], dataset.chantiers[1]);
    let applied = &outcome.applied[0];
    assert_eq!(
        applied.action,
        Action::Update {
            base_updated: day("2026-11-01")
        }
    );
    assert_eq!(applied.headline(), "mise à jour de « a »");
    assert_eq!(
        applied.changes,
        [
            "Titre : « Chantier a » → « Chantier a, renommé »",
            "Jalon « debut » : date 2024-01-01 → 2024-T1",
        ]
    );
}

#[test]
fn an_update_without_change_says_so_and_still_dates_the_entry() {
    let outcome = merge(&base(), &[update("b", "2026-11-01", |_| {})], day(TODAY)).unwrap();
    assert!(outcome.applied[0].changes.is_empty());
    assert_eq!(outcome.dataset.chantiers[1].updated, day(TODAY));
}

#[test]
fn the_merged_dataset_reads_back_without_any_problem() {
    let outcome = merge(
        &base(),
        &[
            new("c", |_| {}),
            update("b", "2026-11-01", |c| c["summary"] = json!("Autre résumé.")),
        ],
        day(TODAY),
    )
    .unwrap();
    let text = serde_json::to_vec_pretty(&outcome.dataset).unwrap();
    let loaded = load(&text).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.dataset, outcome.dataset);
}

#[test]
fn a_stale_update_is_refused_with_both_dates() {
    let mut dataset = base();
    dataset.chantiers[0].updated = day("2026-11-20");
    let errors = errors(
        &dataset,
        &[update("a", "2026-11-01", |c| c["title"] = json!("X"))],
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].kind,
        MergeErrorKind::Stale {
            published_updated: day("2026-11-20"),
            base_updated: day("2026-11-01")
        }
    );
    assert_eq!(errors[0].contribution, Some(0));
    assert_eq!(errors[0].id, "a");
    assert_eq!(
        errors[0].to_string(),
        "erreur : contribution « a.json », chantier « a » : le chantier a été modifié le 20 novembre 2026, \
         après la version sur laquelle porte la contribution (1er novembre 2026) : repartez de la version \
         publiée et reportez-y vos modifications"
    );
}

#[test]
fn an_update_from_the_published_version_or_a_later_one_is_accepted() {
    for base_updated in ["2026-11-01", "2026-11-15"] {
        let outcome = merge(
            &base(),
            &[update("a", base_updated, |c| c["title"] = json!("X"))],
            day(TODAY),
        );
        assert!(outcome.is_ok(), "{base_updated}: {outcome:?}");
    }
}

#[test]
fn a_new_chantier_with_a_published_id_is_refused() {
    let errors = errors(&base(), &[new("a", |_| {})]);
    assert_eq!(
        errors[0].kind,
        MergeErrorKind::AlreadyExists {
            published_updated: day("2026-11-01")
        }
    );
    let message = errors[0].to_string();
    assert!(
        message.contains(
            "l'identifiant « a » existe déjà : pour modifier ce chantier, proposez une mise à jour"
        ),
        "{message}"
    );
    assert!(
        message.contains("\"base_updated\": \"2026-11-01\""),
        "{message}"
    );
}

#[test]
fn an_update_of_an_unknown_id_is_refused() {
    let errors = errors(&base(), &[update("inconnu", "2026-11-01", |_| {})]);
    assert_eq!(errors[0].kind, MergeErrorKind::UnknownId);
    assert!(errors[0]
        .to_string()
        .contains("aucun chantier publié n'a l'identifiant « inconnu »"));
}

#[test]
fn every_problem_of_an_invalid_contribution_is_reported_with_its_path() {
    let contribution = new("c", |c| {
        c["title"] = json!(" ");
        c["themes"] = json!(["finances", "sport"]);
        c["carriers"] = json!(["inconnu"]);
        c["milestones"][1]["end"] = json!("2020");
        c["sources"][0]["url"] = json!("javascript:alert(1)");
        c["contact"] = json!("pas une adresse");
    });
    let errors = errors(&base(), &[contribution]);
    assert_eq!(
        paths(&errors),
        [
            "chantier.title",
            "chantier.carriers[0]",
            "chantier.themes[1]",
            "chantier.milestones[1].end",
            "chantier.sources[0].url",
            "chantier.contact",
        ]
    );
    assert!(errors.iter().all(|e| e.origin == "c.json" && e.id == "c"));
    let kinds: Vec<&ProblemKind> = errors
        .iter()
        .map(|e| match &e.kind {
            MergeErrorKind::Invalid(p) => &p.kind,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(kinds[1], &ProblemKind::UnknownCarrier("inconnu".into()));
    assert_eq!(kinds[2], &ProblemKind::UnknownTheme("sport".into()));
    assert_eq!(
        errors[2].to_string(),
        "erreur : contribution « c.json », chantier « c », champ chantier.themes[1] : thème « sport » inconnu \
         — utilisez un code de la liste « themes » du jeu de données, ou ajoutez-y ce thème"
    );
}

#[test]
fn an_invalid_update_reports_both_its_problems_and_its_conflict() {
    let mut dataset = base();
    dataset.chantiers[0].updated = day("2026-11-20");
    let errors = errors(
        &dataset,
        &[update("a", "2026-11-01", |c| c["summary"] = json!(""))],
    );
    assert_eq!(paths(&errors)[0], "chantier.summary");
    assert!(matches!(errors[1].kind, MergeErrorKind::Stale { .. }));
}

#[test]
fn one_bad_contribution_among_several_refuses_them_all() {
    let dataset = base();
    let result = merge(
        &dataset,
        &[
            new("c", |_| {}),
            update("a", "2026-11-01", |c| c["nature"] = json!("opportunity")),
            new("d", |c| c["themes"] = json!(["sport"])),
        ],
        day(TODAY),
    );
    let errors = result.expect_err("refused");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].contribution, Some(2));
    assert_eq!(errors[0].origin, "d.json");
    assert_eq!(paths(&errors), ["chantier.themes[0]"]);
}

#[test]
fn several_good_contributions_are_applied_in_order() {
    let outcome = merge(
        &base(),
        &[
            new("d", |_| {}),
            update("b", "2026-11-01", |c| c["nature"] = json!("opportunity")),
            new("c", |_| {}),
        ],
        day(TODAY),
    )
    .unwrap();
    let ids: Vec<&str> = outcome
        .dataset
        .chantiers
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "d", "c"]);
    let applied: Vec<(usize, String)> = outcome
        .applied
        .iter()
        .map(|a| (a.contribution, a.headline()))
        .collect();
    assert_eq!(
        applied,
        [
            (0, "nouveau chantier « d »".to_string()),
            (1, "mise à jour de « b »".to_string()),
            (2, "nouveau chantier « c »".to_string()),
        ]
    );
    assert_eq!(
        outcome.applied[1].changes,
        ["Nature : Obligation réglementaire → Opportunité"]
    );
    assert!(outcome
        .dataset
        .chantiers
        .iter()
        .skip(1)
        .all(|c| c.updated == day(TODAY)));
    assert_eq!(outcome.dataset.chantiers[0].updated, day("2026-11-01"));
}

#[test]
fn two_contributions_touching_the_same_chantier_are_a_conflict() {
    let errors = errors(
        &base(),
        &[
            update("a", "2026-11-01", |c| c["title"] = json!("Un")),
            update("a", "2026-11-01", |c| c["title"] = json!("Deux")),
            new("c", |_| {}),
            new("c", |_| {}),
        ],
    );
    assert_eq!(errors.len(), 2);
    assert_eq!(
        errors[0].kind,
        MergeErrorKind::SameChantierTwice {
            first: 0,
            first_origin: "a.json".into()
        }
    );
    assert_eq!(errors[0].contribution, Some(1));
    assert_eq!(errors[1].contribution, Some(3));
    assert!(errors[0]
        .to_string()
        .contains("la contribution « a.json » porte déjà sur ce chantier : regroupez"));
}

#[test]
fn milestones_given_out_of_order_are_stored_sorted_with_a_warning() {
    let contribution = new("c", |c| {
        let milestones = c["milestones"].as_array_mut().unwrap();
        milestones.reverse();
    });
    let outcome = merge(&base(), &[contribution], day(TODAY)).unwrap();
    let dates: Vec<String> = outcome.dataset.chantiers[2]
        .milestones
        .iter()
        .map(|m| m.date.to_string())
        .collect();
    assert_eq!(dates, ["2024-01-01", "2028"]);
    let warning = &outcome.applied[0].warnings[0];
    assert_eq!(warning.kind, ProblemKind::MilestonesOutOfOrder);
    assert_eq!(warning.path, "chantier.milestones");
}

#[test]
fn the_merge_rechecks_the_whole_result() {
    // A dataset built by hand with a duplicate id, which load would have refused.
    let mut dataset = base();
    let duplicate = dataset.chantiers[0].clone();
    dataset.chantiers.push(duplicate);
    let errors = errors(&dataset, &[new("c", |_| {})]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].contribution, None);
    assert!(matches!(
        &errors[0].kind,
        MergeErrorKind::Invalid(p) if matches!(p.kind, ProblemKind::DuplicateId { .. })
    ));
    assert!(errors[0]
        .to_string()
        .starts_with("erreur : chantier « a », champ id :"));
}

#[test]
fn merge_errors_name_the_contribution_by_number_without_a_file_name() {
    let contribution = Contribution::new_chantier(chantier_with("a", |_| {}));
    let errors = errors(&base(), &[new("c", |_| {}), contribution]);
    assert!(errors[0].to_string().starts_with(
        "erreur : contribution n° 2, chantier « a » : l'identifiant « a » existe déjà"
    ));
}

// ---------------------------------------------------------------------------
// Bare chantiers.

fn bare(id: &str, updated: &str, mutate: impl FnOnce(&mut Value)) -> Contribution {
    let mut value = chantier(id, "2024-01-01");
    value["updated"] = json!(updated);
    mutate(&mut value);
    let parsed = parse(&bytes(&value), "bare.json").unwrap();
    assert_eq!(parsed.contribution.shape, Shape::Bare);
    assert_eq!(parsed.contribution.base_updated, None);
    parsed.contribution
}

#[test]
fn a_bare_chantier_is_new_when_its_id_is_unknown_and_an_update_otherwise() {
    let outcome = merge(&base(), &[bare("c", "2026-11-01", |_| {})], day(TODAY)).unwrap();
    assert_eq!(outcome.applied[0].action, Action::New);

    let outcome = merge(
        &base(),
        &[bare("a", "2026-11-01", |c| c["title"] = json!("X"))],
        day(TODAY),
    )
    .unwrap();
    assert_eq!(
        outcome.applied[0].action,
        Action::Update {
            base_updated: day("2026-11-01")
        }
    );
    assert_eq!(
        outcome.applied[0].changes,
        ["Titre : « Chantier a » → « X »"]
    );

    let errors = errors(&base(), &[bare("a", "2026-10-01", |_| {})]);
    assert!(matches!(errors[0].kind, MergeErrorKind::Stale { .. }));
}

#[test]
fn problems_of_a_bare_chantier_have_paths_without_prefix() {
    let errors = errors(
        &base(),
        &[bare("c", "2026-11-01", |c| c["title"] = json!(""))],
    );
    assert_eq!(paths(&errors), ["title"]);
}

// ---------------------------------------------------------------------------
// Reading the file.

fn contribution_file(mutate: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value = json!({
        "contribution_version": "1.0",
        "base_updated": "2026-11-01",
        "chantier": chantier("a", "2024-01-01"),
    });
    mutate(&mut value);
    bytes(&value)
}

fn invalid(bytes: &[u8]) -> Vec<(String, ProblemKind)> {
    match parse(bytes, "c.json") {
        Err(ParseError::Invalid(problems)) => {
            problems.into_iter().map(|p| (p.path, p.kind)).collect()
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn a_contribution_file_is_read_with_its_envelope() {
    let parsed = parse(&contribution_file(|_| {}), "c.json").unwrap();
    let c = parsed.contribution;
    assert_eq!(c.base_updated, Some(day("2026-11-01")));
    assert_eq!(c.contribution_version, "1.0");
    assert_eq!(c.origin, "c.json");
    assert_eq!(c.shape, Shape::Envelope);
    assert_eq!(c.chantier.id, "a");
    assert!(parsed.warnings.is_empty());

    let new = parse(
        &contribution_file(|v| {
            v.as_object_mut().unwrap().remove("base_updated");
        }),
        "",
    )
    .unwrap();
    assert_eq!(new.contribution.base_updated, None);
}

#[test]
fn problems_in_the_file_have_the_path_of_the_field() {
    let problems = invalid(&contribution_file(|v| {
        v["chantier"]["milestones"][0]["date"] = json!("2024-02-30")
    }));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "chantier.milestones[0].date");
    assert!(
        matches!(&problems[0].1, ProblemKind::Unreadable(d) if d.contains("n'existe pas dans le calendrier"))
    );

    let problems = invalid(&contribution_file(|v| {
        v["chantier"].as_object_mut().unwrap().remove("summary");
    }));
    assert_eq!(problems[0].0, "chantier.summary");
    assert_eq!(
        problems[0].1,
        ProblemKind::Unreadable("champ obligatoire manquant".into())
    );

    let problems = invalid(&contribution_file(|v| {
        v["chantier"]["nature"] = json!("obligatoire")
    }));
    assert_eq!(problems[0].0, "chantier.nature");

    let problems = invalid(&contribution_file(|v| v["chantier"] = json!([])));
    assert_eq!(problems[0].0, "chantier");
}

#[test]
fn problems_of_the_envelope_and_of_the_chantier_are_all_reported() {
    let problems = invalid(&contribution_file(|v| {
        v["base_updated"] = json!("29/11/2026");
        v["chantier"]["milestones"][0]["date"] = json!("demain");
        v["chantier"]["sous_titre"] = json!("?");
    }));
    let paths: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["base_updated", "chantier.milestones[0].date"]);
    assert!(matches!(&problems[0].1, ProblemKind::Unreadable(d) if d.contains("AAAA-MM-JJ")));

    let problems = invalid(br#"{"contribution_version": "1.0"}"#);
    assert_eq!(
        problems,
        [(
            "chantier".to_string(),
            ProblemKind::Unreadable("champ obligatoire manquant".into())
        )]
    );

    let problems = invalid(&contribution_file(|v| {
        v.as_object_mut().unwrap().remove("contribution_version");
    }));
    assert_eq!(problems[0].0, "contribution_version");
}

#[test]
fn unknown_fields_are_warnings_with_their_path() {
    let parsed = parse(
        &contribution_file(|v| {
            v["commentaire"] = json!("merci");
            v["chantier"]["sous_titre"] = json!("?");
        }),
        "c.json",
    )
    .unwrap();
    let paths: Vec<&str> = parsed.warnings.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["commentaire", "chantier.sous_titre"]);
    assert!(parsed
        .warnings
        .iter()
        .all(|p| p.kind == ProblemKind::UnknownField));
    assert_eq!(
        describe("c.json", &parsed.warnings[0]),
        "avertissement : contribution « c.json », chantier « a », champ commentaire : champ inconnu de cette version, \
         ignoré — vérifiez l'orthographe du champ, ou retirez-le"
    );
}

#[test]
fn versions_of_the_format() {
    let parsed = parse(
        &contribution_file(|v| v["contribution_version"] = json!("1.4")),
        "",
    )
    .unwrap();
    assert!(matches!(
        parsed.warnings[0].kind,
        ProblemKind::NewerMinorVersion(_)
    ));
    for version in ["2.0", "1", "un"] {
        let error = parse(
            &contribution_file(|v| v["contribution_version"] = json!(version)),
            "",
        )
        .unwrap_err();
        assert_eq!(error, ParseError::UnsupportedVersion(version.into()));
        assert!(error.to_string().contains("non prise en charge"), "{error}");
    }
}

#[test]
fn unusable_files_say_why_in_french() {
    assert_eq!(
        parse(b"", "").unwrap_err(),
        ParseError::Unusable(LoadError::Empty)
    );
    assert!(matches!(
        parse(b"{\"a\":", "").unwrap_err(),
        ParseError::Unusable(LoadError::Syntax { .. })
    ));
    assert!(matches!(
        parse(b"\xff", "").unwrap_err(),
        ParseError::Unusable(LoadError::NotUtf8 { offset: 0 })
    ));
    let error = parse(b"\"texte\"", "").unwrap_err();
    assert_eq!(
        error.to_string(),
        "le fichier n'a pas la forme d'une contribution (la racine est un texte au lieu d'un objet) ; \
         comparez-le au schéma (agenda schema --contribution)"
    );
    // A BOM is ignored, as in the dataset.
    let mut with_bom = "\u{FEFF}".as_bytes().to_vec();
    with_bom.extend(contribution_file(|_| {}));
    assert!(parse(&with_bom, "").is_ok());
}

#[test]
fn the_file_text_round_trips() {
    let c = update("a", "2026-11-01", |_| {});
    let text = c.to_json();
    assert!(text.ends_with("}\n"));
    assert!(!text.contains("origin"));
    let back = parse(text.as_bytes(), "a.json").unwrap().contribution;
    assert_eq!(back, c);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parse_value(value, "a.json").unwrap().contribution, c);
}

#[test]
fn the_schema_describes_the_file() {
    let schema: Value = serde_json::from_str(&agenda_core::merge::contribution_schema()).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["contribution_version", "chantier"]);
    let properties = schema["properties"].as_object().unwrap();
    let mut keys: Vec<&String> = properties.keys().collect();
    keys.sort();
    assert_eq!(keys, ["base_updated", "chantier", "contribution_version"]);
}

#[test]
fn a_real_chantier_of_the_shipped_dataset_can_be_updated() {
    let text = std::fs::read("../../public/data/agenda.json").unwrap();
    let dataset = load(&text).unwrap().dataset;
    let mut chantier = dataset
        .chantiers
        .iter()
        .find(|c| c.id == "referentiel-m57")
        .unwrap()
        .clone();
    let base_updated = chantier.updated;
    chantier.summary.push_str(" Précision ajoutée.");
    let outcome = merge(
        &dataset,
        &[Contribution::update(chantier, base_updated)],
        day(TODAY),
    )
    .unwrap();
    assert_eq!(outcome.dataset.chantiers.len(), dataset.chantiers.len());
    assert_eq!(outcome.applied[0].changes.len(), 1);
    assert!(
        outcome.applied[0].changes[0].starts_with("Résumé : « "),
        "{:?}",
        outcome.applied[0].changes
    );
}

// ---------------------------------------------------------------------------
// changes(): one test per kind of change.

fn old() -> Chantier {
    entry(json!({
        "id": "pes",
        "title": "Protocole d'échange standard",
        "summary": "Les flux comptables passent au PES V2.",
        "description": ["Premier.", "Deuxième.", "Troisième."],
        "carriers": ["dgfip", "dinum"],
        "themes": ["finances"],
        "nature": "obligation",
        "concerned": {
            "rules": [
                {"kind": "commune", "thresholds": [{"measure": "population", "comparison": "more_than", "value": 3500}]},
                {"kind": "region"}
            ],
            "note": "Budgets principaux et annexes."
        },
        "milestones": [
            {"id": "ouverture", "label": "Ouverture", "date": "2025-T3"},
            {"id": "periode", "label": "Période de transition", "date": "2025", "end": "2027", "details": "Double envoi possible."},
            {"id": "fin", "label": "Fin de l'ancien protocole", "date": "2028"}
        ],
        "sources": [
            {"label": "Décret", "url": "https://www.legifrance.gouv.fr/a", "kind": "legal"},
            {"label": "Guide", "url": "https://www.collectivites-locales.gouv.fr/guide"}
        ],
        "contact": "pes@dgfip.finances.gouv.fr",
        "updated": "2026-11-01"
    }))
}

fn changed(mutate: impl FnOnce(&mut Chantier)) -> Vec<String> {
    let old = old();
    let mut new = old.clone();
    mutate(&mut new);
    changes(&old, &new)
}

#[test]
fn nothing_changed_or_only_the_update_date() {
    assert!(changed(|_| {}).is_empty());
    assert!(changed(|c| c.updated = day("2027-01-01")).is_empty());
}

#[test]
fn changes_of_texts() {
    assert_eq!(
        changed(|c| c.title = "PES V2".into()),
        ["Titre : « Protocole d'échange standard » → « PES V2 »"]
    );
    assert_eq!(
        changed(|c| c.summary = "Les flux passent au PES V2.".into()),
        ["Résumé : « Les flux comptables passent au PES V2. » → « Les flux passent au PES V2. »"]
    );
    assert_eq!(
        changed(|c| c.id = "pes-v2".into()),
        ["Identifiant : « pes » → « pes-v2 »"]
    );
}

#[test]
fn changes_of_the_description() {
    assert_eq!(
        changed(|c| c.description[1] = "Deuxième, corrigé.".into()),
        ["Description, paragraphe 2 : « Deuxième. » → « Deuxième, corrigé. »"]
    );
    assert_eq!(
        changed(|c| c.description.insert(0, "Introduction.".into())),
        ["Description, paragraphe 1 ajouté : « Introduction. »"]
    );
    assert_eq!(
        changed(|c| {
            c.description.remove(1);
        }),
        ["Description, paragraphe 2 supprimé : « Deuxième. »"]
    );
    assert_eq!(
        changed(|c| c.description.clear()),
        [
            "Description, paragraphe 1 supprimé : « Premier. »",
            "Description, paragraphe 2 supprimé : « Deuxième. »",
            "Description, paragraphe 3 supprimé : « Troisième. »",
        ]
    );
}

#[test]
fn changes_of_carriers_and_themes() {
    assert_eq!(
        changed(|c| {
            c.carriers = vec!["dgfip".into(), "aife".into()];
            c.themes.push("commande-publique".into());
        }),
        [
            "Porteur ajouté : aife",
            "Porteur retiré : dinum",
            "Thème ajouté : commande-publique",
        ]
    );
    assert_eq!(
        changed(|c| c.carriers.reverse()),
        ["Porteurs : ordre modifié (dgfip, dinum → dinum, dgfip)"]
    );
}

#[test]
fn changes_of_nature_and_audience() {
    assert_eq!(
        changed(|c| c.nature = agenda_core::Nature::EndOfService),
        ["Nature : Obligation réglementaire → Fin de service"]
    );
    assert_eq!(
        changed(|c| c.concerned.rules[0].thresholds[0].value = 10_000),
        [
            "Public concerné ajouté : Communes de plus de 10\u{202F}000 habitants",
            "Public concerné retiré : Communes de plus de 3\u{202F}500 habitants",
        ]
    );
    assert_eq!(
        changed(|c| c.concerned.rules.push(
            serde_json::from_value(json!({"kind": "epci", "epci_kinds": ["metropole"]})).unwrap()
        )),
        ["Public concerné ajouté : EPCI (métropoles)"]
    );
    assert_eq!(
        changed(|c| c.concerned.note = Some("Budgets principaux.".into())),
        ["Précision sur le public concerné : « Budgets principaux et annexes. » → « Budgets principaux. »"]
    );
    assert_eq!(
        changed(|c| c.concerned.note = None),
        ["Précision sur le public concerné supprimée : « Budgets principaux et annexes. »"]
    );
    let mut without_note = old();
    without_note.concerned.note = None;
    assert_eq!(
        changes(&without_note, &old()),
        ["Précision sur le public concerné ajoutée : « Budgets principaux et annexes. »"]
    );
}

#[test]
fn changes_of_milestones() {
    assert_eq!(
        changed(|c| c.milestones[0].date = "2025-10-01".parse().unwrap()),
        ["Jalon « ouverture » : date 2025-T3 → 2025-10-01"]
    );
    assert_eq!(
        changed(|c| c.milestones[0].label = "Ouverture du service".into()),
        ["Jalon « ouverture » : libellé « Ouverture » → « Ouverture du service »"]
    );
    assert_eq!(
        changed(|c| {
            c.milestones[1].end = Some("2028-S1".parse().unwrap());
            c.milestones[0].end = Some("2025-T4".parse().unwrap());
        }),
        [
            "Jalon « ouverture » : fin 2025-T4 ajoutée",
            "Jalon « periode » : fin 2027 → 2028-S1",
        ]
    );
    assert_eq!(
        changed(|c| c.milestones[1].end = None),
        ["Jalon « periode » : fin 2027 supprimée"]
    );
    assert_eq!(
        changed(|c| c.milestones[1].details = Some("Double envoi obligatoire.".into())),
        ["Jalon « periode » : détails « Double envoi possible. » → « Double envoi obligatoire. »"]
    );
    assert_eq!(
        changed(|c| c.milestones[1].details = None),
        ["Jalon « periode » : détails supprimés : « Double envoi possible. »"]
    );
    assert_eq!(
        changed(|c| c.milestones[0].details = Some("Pour tous.".into())),
        ["Jalon « ouverture » : détails ajoutés : « Pour tous. »"]
    );
    assert_eq!(
        changed(|c| {
            c.milestones.remove(2);
            c.milestones.push(
                serde_json::from_value(json!({"id": "bilan", "label": "Bilan", "date": "2029-S2"}))
                    .unwrap(),
            );
            c.milestones.push(
                serde_json::from_value(
                    json!({"id": "suite", "label": "Suite", "date": "2030", "end": "2032"}),
                )
                .unwrap(),
            );
        }),
        [
            "Jalon « bilan » ajouté : 2029-S2 — Bilan",
            "Jalon « suite » ajouté : 2030 à 2032 — Suite",
            "Jalon « fin » supprimé : 2028 — Fin de l'ancien protocole",
        ]
    );
    assert_eq!(
        changed(|c| c.milestones.swap(0, 1)),
        ["Jalons : ordre modifié (ouverture, periode, fin → periode, ouverture, fin)"]
    );
}

#[test]
fn changes_of_sources() {
    assert_eq!(
        changed(|c| {
            c.sources.push(serde_json::from_value(json!({"label": "Arrêté", "url": "https://www.legifrance.gouv.fr/b", "kind": "legal"})).unwrap())
        }),
        ["Texte juridique ajouté : « Arrêté », https://www.legifrance.gouv.fr/b"]
    );
    assert_eq!(
        changed(|c| {
            c.sources.remove(1);
        }),
        ["Source supprimée : « Guide », https://www.collectivites-locales.gouv.fr/guide"]
    );
    assert_eq!(
        changed(|c| c.sources[1].label = "Guide pratique".into()),
        ["Source https://www.collectivites-locales.gouv.fr/guide : libellé « Guide » → « Guide pratique »"]
    );
    assert_eq!(
        changed(|c| c.sources[1].url = "https://www.collectivites-locales.gouv.fr/guide-2026".into()),
        ["Source « Guide » : adresse https://www.collectivites-locales.gouv.fr/guide → https://www.collectivites-locales.gouv.fr/guide-2026"]
    );
    assert_eq!(
        changed(|c| c.sources[1].kind = agenda_core::SourceKind::Legal),
        ["Source « Guide » : autre référence → texte juridique"]
    );
    assert_eq!(
        changed(|c| c.sources.reverse()),
        ["Sources : ordre modifié (https://www.legifrance.gouv.fr/a, https://www.collectivites-locales.gouv.fr/guide → https://www.collectivites-locales.gouv.fr/guide, https://www.legifrance.gouv.fr/a)"]
    );
}

#[test]
fn changes_of_contact() {
    assert_eq!(
        changed(|c| c.contact = Some("pes-v2@dgfip.finances.gouv.fr".into())),
        ["Contact : pes@dgfip.finances.gouv.fr → pes-v2@dgfip.finances.gouv.fr"]
    );
    assert_eq!(
        changed(|c| c.contact = None),
        ["Contact supprimé : pes@dgfip.finances.gouv.fr"]
    );
    let mut without = old();
    without.contact = None;
    assert_eq!(
        changes(&without, &old()),
        ["Contact ajouté : pes@dgfip.finances.gouv.fr"]
    );
}

#[test]
fn changes_come_in_the_order_of_the_fields() {
    let lines = changed(|c| {
        c.contact = None;
        c.milestones[0].label = "Début".into();
        c.title = "PES".into();
        c.nature = agenda_core::Nature::Information;
    });
    let heads: Vec<&str> = lines
        .iter()
        .map(|l| l.split(char::is_whitespace).next().unwrap())
        .collect();
    assert_eq!(heads, ["Titre", "Nature", "Jalon", "Contact"]);
}

#[test]
fn a_long_paragraph_is_quoted_around_its_change() {
    let long = format!(
        "{} fin de phrase.",
        "Un texte assez long pour être coupé. ".repeat(20)
    );
    let lines = changed(|c| {
        c.description[0] = long.clone();
    });
    let mut old = old();
    old.description[0] = long.clone();
    let mut new = old.clone();
    new.description[0] = long.replace("fin de phrase", "fin de la phrase");
    let lines2 = changes(&old, &new);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines2.len(), 1);
    assert!(lines2[0].contains("fin de la phrase"), "{}", lines2[0]);
    assert!(lines2[0].contains("« …"), "{}", lines2[0]);
    assert!(lines2[0].chars().count() < 300, "{}", lines2[0]);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Reading never panics, whatever the bytes.
    #[test]
    fn parsing_any_bytes_never_panics(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse(&data, "x.json");
    }

    /// Reading never panics on JSON close to a contribution.
    #[test]
    fn parsing_mutated_contributions_never_panics(
        in_chantier in any::<bool>(),
        key in "(contribution_version|base_updated|chantier|id|title|milestones|date)",
        value in prop_oneof![
            Just(json!(null)), Just(json!(1)), Just(json!("")), Just(json!([])), Just(json!({})),
            "[ -~é]{0,12}".prop_map(Value::from),
        ],
    ) {
        let mut file = json!({"contribution_version": "1.0", "chantier": chantier("a", "2024")});
        if in_chantier {
            file["chantier"][&key] = value;
        } else {
            file[&key] = value;
        }
        let _ = parse(&bytes(&file), "x.json");
    }

    /// changes() never panics and is empty exactly when nothing but `updated` differs.
    #[test]
    fn changes_never_panic(
        title in "\\PC{0,300}",
        summary in "\\PC{0,500}",
        paragraphs in proptest::collection::vec("\\PC{0,50}", 0..6),
        label in "\\PC{0,40}",
    ) {
        let old = old();
        let mut new = old.clone();
        new.title = title;
        new.summary = summary;
        new.description = paragraphs;
        new.milestones[0].label = label;
        let lines = changes(&old, &new);
        let same_content = Chantier { updated: old.updated, ..new.clone() } == old;
        prop_assert_eq!(lines.is_empty(), same_content);
        let _ = describe_new(&new);
    }
}
