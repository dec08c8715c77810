//! `agenda merge` and `agenda validate` on contributions, run as the operator runs
//! them: exit codes, French messages, nothing written on refusal or with --dry-run,
//! an atomic write.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/agenda.json");
const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const TODAY: &str = "2026-12-01";

/// A fresh directory in the temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "agenda-merge-cli-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).expect("the temporary directory is writable");
        TempDir(path)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().expect("a UTF-8 path").to_string()
    }

    fn write_json(&self, name: &str, value: &Value) -> String {
        self.write(name, &serde_json::to_vec_pretty(value).unwrap())
    }

    /// The names of the files in the directory, sorted.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

fn run(mut command: Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("the agenda binary runs");
    let run = Run {
        code: status.code().expect("the process exited, not killed"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.text().contains("panicked"),
        "agenda panicked:\n{}",
        run.text()
    );
    run
}

fn agenda(args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agenda"));
    command.args(args);
    run(command)
}

/// `agenda` run from `dir` (for the default dataset path).
fn agenda_in(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agenda"));
    command.args(args).current_dir(dir);
    run(command)
}

fn shipped() -> Value {
    serde_json::from_slice(&std::fs::read(SHIPPED).unwrap()).unwrap()
}

/// A published chantier of the shipped dataset.
fn published(id: &str) -> Value {
    shipped()["chantiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("« {id} » is in the shipped dataset"))
        .clone()
}

/// An update of the published chantier `id`, from its published version.
fn update_of(id: &str, mutate: impl FnOnce(&mut Value)) -> Value {
    let mut chantier = published(id);
    let base = chantier["updated"].clone();
    mutate(&mut chantier);
    json!({"contribution_version": "1.0", "base_updated": base, "chantier": chantier})
}

/// A new chantier made from the published `referentiel-m57` under another id.
fn new_entry(id: &str, mutate: impl FnOnce(&mut Value)) -> Value {
    let mut chantier = published("referentiel-m57");
    chantier["id"] = json!(id);
    chantier["title"] = json!(format!("Nouveau chantier {id}"));
    mutate(&mut chantier);
    json!({"contribution_version": "1.0", "chantier": chantier})
}

/// A copy of the shipped dataset in `dir`.
fn dataset_in(dir: &TempDir) -> String {
    dir.write("agenda.json", &std::fs::read(SHIPPED).unwrap())
}

#[test]
fn a_new_entry_and_an_update_are_merged_and_written() {
    let dir = TempDir::new();
    let dataset = dataset_in(&dir);
    let new = dir.write_json("nouveau.json", &new_entry("essai-nouveau", |_| {}));
    let update = dir.write_json(
        "maj.json",
        &update_of("referentiel-m57", |c| {
            c["title"] = json!("Référentiel budgétaire et comptable M57");
            c["milestones"][0]["date"] = json!("2024-T1");
        }),
    );
    let run = agenda(&["merge", "--today", TODAY, &dataset, &new, &update]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains(&format!("{new} : nouveau chantier « essai-nouveau »\n  Titre : « Nouveau chantier essai-nouveau »\n")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "{update} : mise à jour de « referentiel-m57 »\n  Titre : « "
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  Titre : « Référentiel budgétaire et comptable M57 »")
            || run
                .stdout
                .contains("→ « Référentiel budgétaire et comptable M57 »"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  Jalon « "), "{}", run.stdout);
    assert!(
        run.stdout.ends_with(&format!(
            "{dataset} : 2 contribution(s) intégrée(s), jeu de données enregistré\n"
        )),
        "{}",
        run.stdout
    );

    // Pretty JSON, 2-space indent, final newline; the merged file is valid.
    let text = std::fs::read_to_string(&dataset).unwrap();
    assert!(text.starts_with("{\n  \"schema_version\": \"1.0\",\n"));
    assert!(text.ends_with("}\n") && !text.ends_with("}\n\n"));
    let merged: Value = serde_json::from_str(&text).unwrap();
    let chantiers = merged["chantiers"].as_array().unwrap();
    assert_eq!(
        chantiers.len(),
        shipped()["chantiers"].as_array().unwrap().len() + 1
    );
    let last = chantiers.last().unwrap();
    assert_eq!(last["id"], "essai-nouveau");
    assert_eq!(last["updated"], TODAY);
    let m57 = chantiers
        .iter()
        .find(|c| c["id"] == "referentiel-m57")
        .unwrap();
    assert_eq!(m57["updated"], TODAY);
    assert_eq!(m57["title"], "Référentiel budgétaire et comptable M57");

    let validate = agenda(&["validate", &dataset]);
    assert_eq!(validate.code, 0, "{}", validate.text());
    assert!(
        validate.stdout.contains(" 0 erreur(s), 0 avertissement(s)"),
        "{}",
        validate.stdout
    );
    // No temporary file left beside it.
    let mut names = dir.names();
    names.retain(|n| n.starts_with('.'));
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn merging_the_shipped_dataset_with_an_empty_change_rewrites_it_identically() {
    // The writer's format is the shipped file's: an update without change only moves
    // the entry's date.
    let dir = TempDir::new();
    let dataset = dataset_in(&dir);
    let chantier = published("referentiel-m57");
    let update = dir.write_json("maj.json", &update_of("referentiel-m57", |_| {}));
    let run = agenda(&[
        "merge",
        "--today",
        chantier["updated"].as_str().unwrap(),
        &dataset,
        &update,
    ]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains("  aucune modification du contenu\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read(&dataset).unwrap(),
        std::fs::read(SHIPPED).unwrap()
    );
}

#[test]
fn dry_run_writes_nothing() {
    let dir = TempDir::new();
    let dataset = dataset_in(&dir);
    let before = std::fs::read(&dataset).unwrap();
    let update = dir.write_json(
        "maj.json",
        &update_of("referentiel-m57", |c| c["summary"] = json!("Résumé revu.")),
    );
    let run = agenda(&["merge", "--dry-run", "--today", TODAY, &dataset, &update]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout
            .contains("mise à jour de « referentiel-m57 »\n  Résumé : « "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("aucune modification écrite (--dry-run)"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&dataset).unwrap(), before);
    assert_eq!(dir.names(), ["agenda.json", "maj.json"]);
}

/// Runs a merge that must be refused: exit 1, the messages, the dataset unchanged.
fn refused(contributions: &[(&str, Value)], messages: &[&str]) -> Run {
    let dir = TempDir::new();
    let dataset = dataset_in(&dir);
    let before = std::fs::read(&dataset).unwrap();
    let paths: Vec<String> = contributions
        .iter()
        .map(|(name, value)| dir.write_json(name, value))
        .collect();
    let mut args = vec!["merge", "--today", TODAY, dataset.as_str()];
    args.extend(paths.iter().map(String::as_str));
    let run = agenda(&args);
    assert_eq!(run.code, 1, "{}", run.text());
    for message in messages {
        assert!(
            run.stdout.contains(message),
            "{message:?} missing from:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("fusion refusée"), "{}", run.stdout);
    assert!(
        run.stdout.contains("aucune modification écrite"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read(&dataset).unwrap(),
        before,
        "the dataset is unchanged"
    );
    run
}

#[test]
fn a_stale_update_is_refused() {
    let mut stale = update_of("referentiel-m57", |c| c["title"] = json!("Autre titre"));
    stale["base_updated"] = json!("2025-01-15");
    refused(
        &[("ancienne.json", stale)],
        &["erreur : contribution « ", "ancienne.json », chantier « referentiel-m57 » : le chantier a été modifié le ", "après la version sur laquelle porte la contribution (15 janvier 2025) : repartez de la version publiée"],
    );
}

#[test]
fn a_new_entry_with_a_published_id_is_refused() {
    let mut exists = update_of("referentiel-m57", |_| {});
    exists.as_object_mut().unwrap().remove("base_updated");
    refused(
        &[("doublon.json", exists)],
        &["l'identifiant « referentiel-m57 » existe déjà : pour modifier ce chantier, proposez une mise à jour"],
    );
}

#[test]
fn an_update_of_an_unknown_id_is_refused() {
    let unknown = update_of("referentiel-m57", |c| c["id"] = json!("referentiel-m58"));
    refused(
        &[("inconnu.json", unknown)],
        &["aucun chantier publié n'a l'identifiant « referentiel-m58 »"],
    );
}

#[test]
fn an_invalid_contribution_is_refused_with_every_problem_and_its_path() {
    let invalid = new_entry("essai", |c| {
        c["themes"] = json!(["sport"]);
        c["milestones"][0]["label"] = json!("");
    });
    let run = refused(
        &[("invalide.json", invalid)],
        &[
            "chantier « essai », champ chantier.themes[0] : thème « sport » inconnu",
            "chantier « essai », champ chantier.milestones[0].label : le texte est vide — saisissez un texte",
            "fusion refusée (2 problème(s))",
        ],
    );
    assert_eq!(run.stdout.matches("erreur : ").count(), 2, "{}", run.stdout);

    let unreadable_date = new_entry("essai", |c| {
        c["milestones"][0]["date"] = json!("2024-02-30")
    });
    refused(
        &[("date.json", unreadable_date)],
        &["champ chantier.milestones[0].date : valeur illisible : « 2024-02-30 » : cette date n'existe pas dans le calendrier"],
    );
}

#[test]
fn one_bad_contribution_among_several_refuses_them_all() {
    let run = refused(
        &[
            ("bonne.json", new_entry("essai-a", |_| {})),
            ("mauvaise.json", new_entry("essai-b", |c| c["carriers"] = json!(["inconnu"]))),
            ("autre.json", update_of("referentiel-m57", |c| c["summary"] = json!("Revu."))),
        ],
        &["mauvaise.json », chantier « essai-b », champ chantier.carriers[0] : porteur « inconnu » inconnu"],
    );
    assert_eq!(run.stdout.matches("erreur : ").count(), 1, "{}", run.stdout);
}

#[test]
fn two_contributions_for_the_same_chantier_are_refused() {
    refused(
        &[
            (
                "un.json",
                update_of("referentiel-m57", |c| c["title"] = json!("Un")),
            ),
            (
                "deux.json",
                update_of("referentiel-m57", |c| c["title"] = json!("Deux")),
            ),
        ],
        &[
            "deux.json », chantier « referentiel-m57 » : la contribution « ",
            "un.json » porte déjà sur ce chantier",
        ],
    );
}

#[test]
fn a_dataset_with_errors_is_not_merged_into() {
    let dir = TempDir::new();
    let mut broken = shipped();
    broken["chantiers"][0]["themes"] = json!(["sport"]);
    let dataset = dir.write_json("agenda.json", &broken);
    let before = std::fs::read(&dataset).unwrap();
    let new = dir.write_json("nouveau.json", &new_entry("essai", |_| {}));
    let run = agenda(&["merge", "--today", TODAY, &dataset, &new]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert!(
        run.stdout.contains("thème « sport » inconnu"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("contient déjà des erreurs : corrigez-les"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&dataset).unwrap(), before);
}

#[test]
fn a_dataset_with_fields_this_tool_would_lose_is_not_merged_into() {
    let dir = TempDir::new();
    let mut extended = shipped();
    extended["chantiers"][0]["priorite"] = json!("haute");
    let dataset = dir.write_json("agenda.json", &extended);
    let before = std::fs::read(&dataset).unwrap();
    let new = dir.write_json("nouveau.json", &new_entry("essai", |_| {}));
    let run = agenda(&["merge", "--today", TODAY, &dataset, &new]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert!(
        run.stdout.contains("seraient perdus à l'écriture"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&dataset).unwrap(), before);
}

#[test]
fn unreadable_inputs_exit_2_and_write_nothing() {
    let dir = TempDir::new();
    let dataset = dataset_in(&dir);
    let before = std::fs::read(&dataset).unwrap();
    let good = dir.write_json("bonne.json", &new_entry("essai", |_| {}));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("vide.json", Vec::new(), "le fichier est vide"),
        (
            "syntaxe.json",
            b"{\"chantier\": ".to_vec(),
            "le fichier n'est pas du JSON valide",
        ),
        (
            "liste.json",
            b"[]".to_vec(),
            "la racine est une liste au lieu d'un objet",
        ),
        (
            "version.json",
            br#"{"contribution_version": "2.0", "chantier": {}}"#.to_vec(),
            "version de contribution « 2.0 » non prise en charge",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.write(name, &bytes);
        let run = agenda(&["merge", "--today", TODAY, &dataset, &good, &path]);
        assert_eq!(run.code, 2, "{name}: {}", run.text());
        assert!(
            run.stderr.contains(message),
            "{name}: {message:?} missing from:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("aucune modification écrite"),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(std::fs::read(&dataset).unwrap(), before, "{name}");
    }
    let missing = dir.0.join("absente.json");
    let run = agenda(&["merge", &dataset, missing.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        run.stderr.contains("impossible de lire la contribution « "),
        "{}",
        run.stderr
    );

    let run = agenda(&["merge", missing.to_str().unwrap(), &good]);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        run.stderr
            .contains("impossible de lire le jeu de données « "),
        "{}",
        run.stderr
    );

    let not_a_dataset = dir.write("pas-un-jeu.json", b"[]");
    let run = agenda(&["merge", &not_a_dataset, &good]);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        run.stderr.contains("n'a pas la forme d'un jeu de données"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&not_a_dataset).unwrap(), b"[]");

    // A dataset whose header is invalid is a dataset with errors: refused (1).
    let no_header = dir.write("sans-en-tete.json", b"{\"chantiers\": []}");
    let run = agenda(&["merge", &no_header, &good]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert!(
        run.stdout
            .contains("champ schema_version : valeur illisible : champ obligatoire manquant"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("l'en-tête du jeu de données « "),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&no_header).unwrap(), b"{\"chantiers\": []}");
    assert_eq!(std::fs::read(&dataset).unwrap(), before);
}

#[test]
fn wrong_usage_of_merge_exits_2() {
    for (args, message) in [
        (
            vec!["merge"],
            "indiquez le jeu de données puis au moins une contribution",
        ),
        (
            vec!["merge", "agenda.json"],
            "indiquez au moins une contribution après le jeu de données",
        ),
        (
            vec!["merge", "--today", "01/12/2026", "a.json", "b.json"],
            "date « 01/12/2026 » invalide pour --today : attendu AAAA-MM-JJ",
        ),
        (
            vec!["merge", "a.json", "b.json", "--today"],
            "--today attend une date AAAA-MM-JJ",
        ),
        (
            vec!["merge", "--force", "a.json", "b.json"],
            "option « --force » inconnue pour merge",
        ),
    ] {
        let run = agenda(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.text());
        assert!(
            run.stderr.contains(message),
            "{args:?}: {message:?} missing from:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("UTILISATION"),
            "{args:?}: the usage follows"
        );
    }
}

/// A write that fails half-way (the file size limit is hit while the temporary file
/// is written): the original is intact byte for byte, no temporary file is left.
#[cfg(target_os = "linux")]
#[test]
fn a_write_failing_half_way_leaves_the_original_intact() {
    let dir = TempDir::new();
    let dataset = dataset_in(&dir);
    let before = std::fs::read(&dataset).unwrap();
    assert!(before.len() > 100_000);
    let new = dir.write_json("nouveau.json", &new_entry("essai", |_| {}));
    let mut command = Command::new("sh");
    // Ignore SIGXFSZ so the write fails with EFBIG instead of killing the process;
    // limit written files to 64 blocks (at most 64 KiB), half the dataset.
    command.args([
        "-c",
        "trap '' XFSZ; ulimit -f 64 && exec \"$0\" \"$@\"",
        env!("CARGO_BIN_EXE_agenda"),
        "merge",
        "--today",
        TODAY,
        &dataset,
        &new,
    ]);
    let run = run(command);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        run.stderr.contains("impossible d'écrire « "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("le fichier d'origine est intact"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&dataset).unwrap(),
        before,
        "the original is intact"
    );
    assert_eq!(
        dir.names(),
        ["agenda.json", "nouveau.json"],
        "no temporary file left"
    );
}

// ---------------------------------------------------------------------------
// agenda validate on a single entry.

#[test]
fn validate_checks_a_contribution_against_the_given_dataset() {
    let dir = TempDir::new();
    let update = dir.write_json(
        "maj.json",
        &update_of("referentiel-m57", |c| c["title"] = json!("M57")),
    );
    let run = agenda(&["validate", "--dataset", SHIPPED, &update]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains(&format!(
            "{update} : mise à jour de « referentiel-m57 » :\n  Titre : « "
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(&format!(
            "{update} : contribution valide, 0 erreur(s), 0 avertissement(s)\n"
        )),
        "{}",
        run.stdout
    );

    let new = dir.write_json("nouveau.json", &new_entry("essai", |_| {}));
    let run = agenda(&["validate", &format!("--dataset={SHIPPED}"), &new]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains("nouveau chantier « essai » :"),
        "{}",
        run.stdout
    );
}

#[test]
fn validate_reports_every_problem_of_a_contribution_on_one_line_each() {
    let dir = TempDir::new();
    let invalid = dir.write_json(
        "invalide.json",
        &new_entry("essai", |c| {
            c["themes"] = json!(["sport"]);
            c["sources"] = json!([{"label": "Lien", "url": "ftp://exemple.fr"}]);
        }),
    );
    let run = agenda(&["validate", "--dataset", SHIPPED, &invalid]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert_eq!(
        run.stdout,
        format!(
            "{invalid} : erreur : chantier « essai », champ chantier.themes[0] : thème « sport » inconnu — utilisez un code de la liste « themes » du jeu de données, ou ajoutez-y ce thème\n\
             {invalid} : erreur : chantier « essai », champ chantier.sources[0].url : adresse « ftp://exemple.fr » refusée — donnez une adresse complète commençant par https:// (ou http://)\n\
             {invalid} : contribution invalide, 2 erreur(s), 0 avertissement(s)\n"
        )
    );

    let unreadable = dir.write_json(
        "date.json",
        &new_entry("essai", |c| c["milestones"][0]["date"] = json!("2025-T5")),
    );
    let run = agenda(&["validate", "--dataset", SHIPPED, &unreadable]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert!(
        run.stdout
            .contains("champ chantier.milestones[0].date : valeur illisible"),
        "{}",
        run.stdout
    );

    let mut stale = update_of("referentiel-m57", |_| {});
    stale["base_updated"] = json!("2020-01-01");
    let stale = dir.write_json("ancienne.json", &stale);
    let run = agenda(&["validate", "--dataset", SHIPPED, &stale]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert!(
        run.stdout.contains(&format!(
            "{stale} : erreur : chantier « referentiel-m57 » : le chantier a été modifié le "
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn validate_accepts_a_bare_chantier() {
    let dir = TempDir::new();
    let mut chantier = published("referentiel-m57");
    chantier["id"] = json!("essai-seul");
    let bare = dir.write_json("seul.json", &chantier);
    let run = agenda(&["validate", "--dataset", SHIPPED, &bare]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains("nouveau chantier « essai-seul »"),
        "{}",
        run.stdout
    );

    chantier["title"] = json!("");
    let bare = dir.write_json("seul-invalide.json", &chantier);
    let run = agenda(&["validate", "--dataset", SHIPPED, &bare]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert!(
        run.stdout
            .contains("chantier « essai-seul », champ title : le texte est vide"),
        "{}",
        run.stdout
    );
}

#[test]
fn validate_uses_the_shipped_dataset_by_default_from_the_repository_root() {
    let dir = TempDir::new();
    let update = dir.write_json("maj.json", &update_of("referentiel-m57", |_| {}));
    let run = agenda_in(Path::new(WORKSPACE), &["validate", &update]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains("aucune modification du contenu"),
        "{}",
        run.stdout
    );

    // Elsewhere, it asks for --dataset.
    let run = agenda_in(&dir.0, &["validate", "maj.json"]);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        run.stderr.contains("« maj.json » est une contribution (un chantier seul) : indiquez avec --dataset le jeu de données"),
        "{}",
        run.stderr
    );
}

#[test]
fn validate_of_a_contribution_with_unusable_inputs_exits_2() {
    let dir = TempDir::new();
    let update = dir.write_json("maj.json", &update_of("referentiel-m57", |_| {}));
    let missing = dir.0.join("absent.json");
    let run = agenda(&["validate", "--dataset", missing.to_str().unwrap(), &update]);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        run.stderr
            .contains("impossible de lire le jeu de données « "),
        "{}",
        run.stderr
    );

    let version = dir.write(
        "version.json",
        br#"{"contribution_version": "3.1", "chantier": {}}"#,
    );
    let run = agenda(&["validate", "--dataset", SHIPPED, &version]);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        run.stderr
            .contains("version de contribution « 3.1 » non prise en charge"),
        "{}",
        run.stderr
    );

    for (args, message) in [
        (
            vec!["validate", "--dataset"],
            "--dataset attend le chemin du jeu de données",
        ),
        (
            vec!["validate", "--jeu", "a.json"],
            "option « --jeu » inconnue pour validate",
        ),
        (
            vec!["validate", "--dataset", SHIPPED],
            "indiquez le fichier à vérifier",
        ),
        (
            vec!["validate", "a.json", "b.json"],
            "commande ou arguments non reconnus : « validate »",
        ),
    ] {
        let run = agenda(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.text());
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn validate_still_reads_a_dataset_as_a_dataset() {
    let run = agenda(&["validate", "--dataset", SHIPPED, SHIPPED]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains(" valide(s), 0 écarté(s), 0 erreur(s)"),
        "{}",
        run.stdout
    );
}

#[test]
fn schema_contribution_prints_the_contribution_schema() {
    let run = agenda(&["schema", "--contribution"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schema: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let properties = schema["properties"].as_object().expect("properties");
    for field in ["contribution_version", "base_updated", "chantier"] {
        assert!(properties.contains_key(field), "{field} in {schema:#}");
    }
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(required, ["contribution_version", "chantier"]);
    assert!(
        schema["$defs"]["Milestone"].is_object(),
        "the chantier's types are defined"
    );
}

#[test]
fn help_documents_merge_and_contributions() {
    let help = agenda(&["help"]);
    assert_eq!(help.code, 0);
    for text in [
        "agenda validate FICHIER",
        "agenda validate [--dataset JEU] CONTRIBUTION",
        "agenda merge [--dry-run] [--today AAAA-MM-JJ] JEU CONTRIBUTION…",
        "agenda schema [--chantier | --contribution]",
    ] {
        assert!(
            help.stdout.contains(text),
            "{text:?} missing from:\n{}",
            help.stdout
        );
    }
}

/// The complete example of CONTRIBUER.md stays a valid update of a published chantier
/// (its base date is moved to the published one, so a later edit of the dataset does
/// not break this test; the content must still pass every rule).
#[test]
fn the_example_of_the_contribution_guide_is_valid() {
    let guide = std::fs::read_to_string(Path::new(WORKSPACE).join("CONTRIBUER.md")).unwrap();
    let (_, after) = guide
        .split_once("<!-- exemple-contribution -->\n```json\n")
        .expect("the guide marks its example");
    let (example, _) = after.split_once("\n```").expect("the example's block ends");
    let mut example: Value = serde_json::from_str(example).expect("the example is JSON");
    let id = example["chantier"]["id"].as_str().unwrap().to_string();
    example["base_updated"] = published(&id)["updated"].clone();

    let dir = TempDir::new();
    let file = dir.write_json("contribution-exemple.json", &example);
    let run = agenda(&["validate", "--dataset", SHIPPED, &file]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains(&format!("mise à jour de « {id} »")),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("aucune modification du contenu"),
        "{}",
        run.stdout
    );
}
