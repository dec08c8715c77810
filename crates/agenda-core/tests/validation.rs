//! One failing fixture per validation rule, plus the shipped dataset.

mod common;

use agenda_core::{load, LoadError, ProblemKind, Severity};
use common::{bytes, chantier, dataset};
use serde_json::{json, Value};

/// Loads a dataset whose only chantier is the base one changed by `mutate`, and
/// returns the (path, kind) of every problem.
fn problems_after(mutate: impl FnOnce(&mut Value)) -> Vec<(String, ProblemKind)> {
    let mut c = chantier("base", "2024-01-01");
    mutate(&mut c);
    let loaded = load(&bytes(&dataset(vec![c]))).expect("the header is valid");
    loaded
        .problems
        .into_iter()
        .map(|p| (p.path, p.kind))
        .collect()
}

fn single(mutate: impl FnOnce(&mut Value)) -> (String, ProblemKind) {
    let mut problems = problems_after(mutate);
    assert_eq!(problems.len(), 1, "expected one problem, got {problems:?}");
    problems.remove(0)
}

#[test]
fn the_base_fixture_is_valid() {
    assert_eq!(problems_after(|_| {}), vec![]);
}

#[test]
fn id_must_be_a_slug() {
    for bad in ["Démat ADS", "a_b", "-a", "a-", "a--b", "", "UPPER"] {
        let (path, kind) = single(|c| c["id"] = json!(bad));
        assert_eq!(path, "id");
        assert_eq!(kind, ProblemKind::InvalidSlug(bad.into()));
    }
}

#[test]
fn ids_must_be_unique_and_the_first_is_kept() {
    let loaded = load(&bytes(&dataset(vec![
        chantier("same", "2024-01-01"),
        chantier("other", "2024-01-01"),
        chantier("same", "2025-01-01"),
    ])))
    .unwrap();
    assert_eq!(loaded.dataset.chantiers.len(), 2);
    assert_eq!(loaded.problems.len(), 1);
    let p = &loaded.problems[0];
    assert_eq!(p.entry.as_ref().unwrap().index, 2);
    assert_eq!(
        p.kind,
        ProblemKind::DuplicateId {
            id: "same".into(),
            first_index: 0
        }
    );
    assert!(p.to_string().contains("déjà celui du chantier n° 1"), "{p}");
}

#[test]
fn themes_must_be_known_and_present() {
    let (path, kind) = single(|c| c["themes"] = json!(["finances", "inconnu"]));
    assert_eq!(
        (path.as_str(), kind),
        ("themes[1]", ProblemKind::UnknownTheme("inconnu".into()))
    );
    let (path, kind) = single(|c| c["themes"] = json!([]));
    assert_eq!((path.as_str(), kind), ("themes", ProblemKind::EmptyList));
    let (path, kind) = single(|c| c["themes"] = json!(["finances", "finances"]));
    assert_eq!(
        (path.as_str(), kind),
        ("themes[1]", ProblemKind::DuplicateCode("finances".into()))
    );
}

#[test]
fn carriers_must_be_known_and_present() {
    let (path, kind) = single(|c| c["carriers"] = json!(["ministere-imaginaire"]));
    assert_eq!(
        (path.as_str(), kind),
        (
            "carriers[0]",
            ProblemKind::UnknownCarrier("ministere-imaginaire".into())
        )
    );
    let (path, kind) = single(|c| c["carriers"] = json!([]));
    assert_eq!((path.as_str(), kind), ("carriers", ProblemKind::EmptyList));
}

#[test]
fn dates_must_exist_in_the_calendar() {
    let (path, kind) = single(|c| c["milestones"][0]["date"] = json!("2024-02-30"));
    assert_eq!(path, "milestones[0].date");
    let ProblemKind::Unreadable(detail) = kind else {
        panic!("{kind:?}")
    };
    assert!(
        detail.contains("2024-02-30") && detail.contains("n'existe pas"),
        "{detail}"
    );
}

#[test]
fn at_least_one_milestone() {
    let (path, kind) = single(|c| c["milestones"] = json!([]));
    assert_eq!(
        (path.as_str(), kind),
        ("milestones", ProblemKind::EmptyList)
    );
}

#[test]
fn titles_are_not_empty_nor_too_long() {
    let (path, kind) = single(|c| c["title"] = json!("   "));
    assert_eq!((path.as_str(), kind), ("title", ProblemKind::EmptyText));
    let (path, kind) = single(|c| c["title"] = json!("é".repeat(121)));
    assert_eq!(
        (path.as_str(), kind),
        (
            "title",
            ProblemKind::TooLong {
                length: 121,
                max: 120
            }
        )
    );
    // 120 characters of two bytes each is still within bounds: lengths count characters.
    assert_eq!(
        problems_after(|c| c["title"] = json!("é".repeat(120))),
        vec![]
    );
}

#[test]
fn summaries_and_labels_have_bounds() {
    let (path, _) = single(|c| c["summary"] = json!("x".repeat(401)));
    assert_eq!(path, "summary");
    let (path, kind) = single(|c| c["milestones"][1]["label"] = json!(""));
    assert_eq!(
        (path.as_str(), kind),
        ("milestones[1].label", ProblemKind::EmptyText)
    );
    let (path, _) = single(|c| c["description"][1] = json!(""));
    assert_eq!(path, "description[1]");
}

#[test]
fn only_http_links() {
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "//evil.example/x",
        "ftp://x.fr",
        "https://",
        "https://exa mple.fr",
    ] {
        let (path, kind) = single(|c| c["sources"][0]["url"] = json!(bad));
        assert_eq!(
            (path.as_str(), kind),
            ("sources[0].url", ProblemKind::UnsafeUrl(bad.into()))
        );
    }
    assert_eq!(
        problems_after(
            |c| c["sources"][0]["url"] = json!("HTTP://www.insee.fr/fr/information/6435138")
        ),
        vec![]
    );
}

#[test]
fn periods_end_after_they_start() {
    let (path, kind) = single(|c| c["milestones"][0]["end"] = json!("2023"));
    assert_eq!(
        (path.as_str(), kind),
        ("milestones[0].end", ProblemKind::EndBeforeStart)
    );
    // The same coarse period as start and end is fine.
    assert_eq!(
        problems_after(|c| c["milestones"][0]["end"] = json!("2024")),
        vec![]
    );
}

#[test]
fn milestone_ids_are_unique_slugs() {
    let (path, kind) = single(|c| c["milestones"][1]["id"] = json!("debut"));
    assert_eq!(
        (path.as_str(), kind),
        (
            "milestones[1].id",
            ProblemKind::DuplicateCode("debut".into())
        )
    );
    let (path, _) = single(|c| c["milestones"][1]["id"] = json!("Fin !"));
    assert_eq!(path, "milestones[1].id");
}

#[test]
fn out_of_order_milestones_warn_and_are_sorted() {
    let mut c = chantier("base", "2024-01-01");
    c["milestones"] = json!([
        {"id": "b", "label": "Après", "date": "2027"},
        {"id": "a", "label": "Avant", "date": "2024-01-01"}
    ]);
    let loaded = load(&bytes(&dataset(vec![c]))).unwrap();
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].kind, ProblemKind::MilestonesOutOfOrder);
    assert_eq!(loaded.problems[0].severity(), Severity::Warning);
    assert_eq!(loaded.dataset.chantiers[0].milestones[0].id, "a");
}

#[test]
fn audience_needs_a_rule_and_epci_kinds_only_on_epci() {
    let (path, kind) = single(|c| c["concerned"]["rules"] = json!([]));
    assert_eq!(
        (path.as_str(), kind),
        ("concerned.rules", ProblemKind::EmptyList)
    );
    let (path, kind) = single(|c| c["concerned"]["rules"][0]["epci_kinds"] = json!(["ca"]));
    assert_eq!(
        (path.as_str(), kind),
        (
            "concerned.rules[0].epci_kinds",
            ProblemKind::EpciKindsOnNonEpci
        )
    );
}

#[test]
fn contact_must_be_an_email() {
    let (path, kind) = single(|c| c["contact"] = json!("pas une adresse"));
    assert_eq!(
        (path.as_str(), kind),
        (
            "contact",
            ProblemKind::InvalidEmail("pas une adresse".into())
        )
    );
}

#[test]
fn wrong_types_name_the_field() {
    let (path, kind) = single(|c| c["milestones"][1]["date"] = json!(2024));
    assert_eq!(path, "milestones[1].date");
    assert!(matches!(kind, ProblemKind::Unreadable(_)));
    let (path, _) = single(|c| c["nature"] = json!("obligatoire"));
    assert_eq!(path, "nature");
    let (path, kind) = single(|c| {
        c.as_object_mut().unwrap().remove("title");
    });
    assert_eq!(
        (path.as_str(), kind),
        (
            "title",
            ProblemKind::Unreadable("champ obligatoire manquant".into())
        )
    );
    let (path, kind) = single(|c| {
        c["milestones"][1].as_object_mut().unwrap().remove("date");
    });
    assert_eq!(
        (path.as_str(), kind),
        (
            "milestones[1].date",
            ProblemKind::Unreadable("champ obligatoire manquant".into())
        )
    );
    let (_, kind) = single(|c| c["themes"] = json!("finances"));
    assert_eq!(
        kind,
        ProblemKind::Unreadable(
            "type incorrect (attendu : une liste ; trouvé : texte « finances »)".into()
        )
    );
    // A day (`updated`) says in French what it expects, and what a wrong one is.
    assert_eq!(
        single(|c| c["updated"] = json!(2024)),
        (
            "updated".into(),
            ProblemKind::Unreadable(
                "type incorrect (attendu : une date AAAA-MM-JJ ; trouvé : nombre entier 2024)"
                    .into()
            )
        )
    );
    for (day, message) in [
        ("2024-1-5", "date au format AAAA-MM-JJ attendue"),
        ("2024-02-30", "cette date n'existe pas dans le calendrier"),
    ] {
        assert_eq!(
            single(|c| c["updated"] = json!(day)),
            ("updated".into(), ProblemKind::Unreadable(message.into())),
            "{day}"
        );
    }
}

#[test]
fn unknown_fields_are_warnings_and_the_entry_kept() {
    let loaded = load(&bytes(&dataset(vec![{
        let mut c = chantier("base", "2024-01-01");
        c["couleur"] = json!("rouge");
        c["milestones"][0]["heure"] = json!("10h");
        c
    }])))
    .unwrap();
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["couleur", "milestones[0].heure"]);
    assert!(loaded
        .problems
        .iter()
        .all(|p| p.severity() == Severity::Warning));
    assert_eq!(loaded.dataset.chantiers.len(), 1);
}

#[test]
fn invalid_entries_are_skipped_and_valid_ones_kept() {
    let mut broken = chantier("cassee", "2024-01-01");
    broken["milestones"][0]["date"] = json!("2024-13-01");
    let loaded = load(&bytes(&dataset(vec![
        chantier("a", "2024-01-01"),
        broken,
        json!(42),
        chantier("b", "2025"),
    ])))
    .unwrap();
    let ids: Vec<&str> = loaded
        .dataset
        .chantiers
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let skipped = loaded.skipped();
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped[0].0.to_string(), "chantier « cassee » (n° 2)");
    assert_eq!(skipped[1].0.to_string(), "chantier n° 3");
}

#[test]
fn whole_file_failures_are_load_errors() {
    assert_eq!(load(b""), Err(LoadError::Empty));
    assert_eq!(load(b"  \n"), Err(LoadError::Empty));
    assert!(matches!(
        load(b"{\"schema_version\": "),
        Err(LoadError::Syntax { line: 1, .. })
    ));
    assert!(matches!(load(b"[]"), Err(LoadError::NotADataset(_))));
    assert!(matches!(
        load(&[0xff, 0xfe, b'{']),
        Err(LoadError::NotUtf8 { offset: 0 })
    ));
    let mut d = dataset(vec![]);
    d["schema_version"] = json!("2.0");
    assert_eq!(
        load(&bytes(&d)),
        Err(LoadError::UnsupportedVersion("2.0".into()))
    );
    let mut d = dataset(vec![]);
    d["chantiers"] = json!({});
    assert!(matches!(load(&bytes(&d)), Err(LoadError::NotADataset(_))));
    let mut d = dataset(vec![]);
    d["themes"][1]["code"] = json!("finances");
    let Err(LoadError::InvalidHeader(problems)) = load(&bytes(&d)) else {
        panic!()
    };
    assert_eq!(problems[0].path, "themes[1].code");
}

#[test]
fn a_bom_and_a_newer_minor_version_are_tolerated() {
    let mut d = dataset(vec![chantier("a", "2024")]);
    d["schema_version"] = json!("1.4");
    let mut text = "\u{FEFF}".as_bytes().to_vec();
    text.extend(bytes(&d));
    let loaded = load(&text).unwrap();
    assert_eq!(loaded.dataset.chantiers.len(), 1);
    assert_eq!(
        loaded.problems[0].kind,
        ProblemKind::NewerMinorVersion("1.4".into())
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    assert!(matches!(
        load(deep.as_bytes()),
        Err(LoadError::Syntax { .. })
    ));
}

#[test]
fn every_problem_line_says_where_what_and_how() {
    let mut c = chantier("x", "2024");
    c["sources"][0]["url"] = json!("javascript:alert(1)");
    let loaded = load(&bytes(&dataset(vec![c]))).unwrap();
    assert_eq!(
        loaded.problems[0].to_string(),
        "erreur : chantier « x » (n° 1), champ sources[0].url : adresse « javascript:alert(1) » refusée — donnez une adresse complète commençant par https:// (ou http://)"
    );
}

#[test]
fn the_shipped_dataset_has_no_problem() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/agenda.json"
    ))
    .unwrap();
    let loaded = load(&text).unwrap();
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems, Vec::<String>::new());
    assert!(
        loaded.dataset.chantiers.len() >= 30,
        "{} chantiers",
        loaded.dataset.chantiers.len()
    );
    for c in &loaded.dataset.chantiers {
        assert!(!c.sources.is_empty(), "{} has no source", c.id);
    }
    // Every theme and carrier listed is used.
    for t in &loaded.dataset.themes {
        assert!(
            loaded
                .dataset
                .chantiers
                .iter()
                .any(|c| c.themes.contains(&t.code)),
            "theme {} unused",
            t.code
        );
    }
}
