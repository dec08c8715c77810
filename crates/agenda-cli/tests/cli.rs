//! The `agenda` binary, run as the operator runs it: exit codes, messages, schema.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/agenda.json");

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "agenda-cli-test-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, bytes).expect("the temporary directory is writable");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn agenda(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_agenda"))
        .args(args)
        .output()
        .expect("the agenda binary runs");
    let run = Run {
        code: status.code().expect("the process exited, not killed"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "agenda {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

fn validate(bytes: &[u8], name: &str) -> (Run, TempFile) {
    let file = TempFile::new(name, bytes);
    (agenda(&["validate", file.path()]), file)
}

fn shipped() -> Value {
    serde_json::from_slice(&std::fs::read(SHIPPED).expect("the shipped dataset")).unwrap()
}

#[test]
fn the_shipped_dataset_is_valid() {
    assert!(Path::new(SHIPPED).exists(), "{SHIPPED}");
    let run = agenda(&["validate", SHIPPED]);
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let chantiers = shipped()["chantiers"].as_array().unwrap().len();
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "only the summary line:\n{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "{chantiers} valide(s), 0 écarté(s), 0 erreur(s), 0 avertissement(s)"
        )),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn an_invalid_entry_exits_1_with_one_line_per_problem() {
    let mut dataset = shipped();
    let second = &mut dataset["chantiers"][1];
    let id = second["id"].as_str().unwrap().to_string();
    second["title"] = json!("   ");
    second["themes"] = json!(["theme-inconnu"]);
    second["milestones"][0]["date"] = json!("2024-02-30");
    let (run, file) = validate(
        &serde_json::to_vec_pretty(&dataset).unwrap(),
        "invalid.json",
    );
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );

    let problems: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("erreur :"))
        .collect();
    // The date cannot be read, so the entry stops there: one line for it. Fix the
    // date and the two other problems are reported, one line each.
    assert_eq!(problems.len(), 1, "{}", run.stdout);
    let line = problems[0];
    for part in [
        file.path(),
        &format!("chantier « {id} » (n° 2)"),
        "champ milestones[0].date",
        "« 2024-02-30 » : cette date n'existe pas dans le calendrier",
        "— corrigez la valeur selon le schéma (agenda schema)",
    ] {
        assert!(line.contains(part), "{part:?} missing from:\n{line}");
    }

    dataset["chantiers"][1]["milestones"][0]["date"] = json!("2024-02-29");
    let (run, file) = validate(&serde_json::to_vec(&dataset).unwrap(), "invalid.json");
    assert_eq!(run.code, 1, "stdout:\n{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let entry = format!("chantier « {id} » (n° 2)");
    assert_eq!(
        lines[..2],
        [
            format!(
                "{} : erreur : {entry}, champ title : le texte est vide — saisissez un texte",
                file.path()
            ),
            format!(
                "{} : erreur : {entry}, champ themes[0] : thème « theme-inconnu » inconnu — \
                 utilisez un code de la liste « themes » du jeu de données, ou ajoutez-y ce thème",
                file.path()
            ),
        ],
        "stdout:\n{}",
        run.stdout
    );
    let total = dataset["chantiers"].as_array().unwrap().len();
    assert_eq!(
        lines.len(),
        3,
        "two problems and the summary:\n{}",
        run.stdout
    );
    assert!(
        lines[2].ends_with(&format!(
            "{} valide(s), 1 écarté(s), 2 erreur(s), 0 avertissement(s)",
            total - 1
        )),
        "{}",
        lines[2]
    );
}

#[test]
fn warnings_alone_exit_0() {
    let mut dataset = shipped();
    dataset["chantiers"][0]["champ_futur"] = json!(true);
    let (run, _file) = validate(&serde_json::to_vec(&dataset).unwrap(), "warning.json");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("avertissement : chantier « ")
            && run.stdout.contains("champ champ_futur : champ inconnu"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_invalid_header_exits_1() {
    let mut dataset = shipped();
    dataset["themes"][0]["code"] = json!("Pas Un Code");
    let (run, _file) = validate(&serde_json::to_vec(&dataset).unwrap(), "header.json");
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("jeu de données, champ themes[0].code")
            && run.stdout.contains("en-tête invalide"),
        "{}",
        run.stdout
    );
}

#[test]
fn unusable_files_exit_2_with_a_french_message() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "le fichier est vide"),
        ("blank", b" \n\t ".to_vec(), "le fichier est vide"),
        (
            "not JSON",
            b"{\"schema_version\": \"1.0\",".to_vec(),
            "le fichier n'est pas du JSON valide (ligne 1",
        ),
        (
            "not UTF-8",
            b"{\"a\": \"\xff\xfe\"}".to_vec(),
            "le fichier n'est pas du texte UTF-8 (octet invalide à la position 7)",
        ),
        (
            "an array",
            b"[]".to_vec(),
            "la racine est une liste au lieu d'un objet",
        ),
        (
            "nested 100000 deep",
            deep.into_bytes(),
            "le fichier n'est pas du JSON valide",
        ),
        (
            "a newer major version",
            br#"{"schema_version": "2.0"}"#.to_vec(),
            "version de format « 2.0 » non prise en charge",
        ),
        (
            "chantiers not a list",
            br#"{"schema_version": "1.0", "chantiers": {}}"#.to_vec(),
            "« chantiers » est un objet au lieu d'une liste",
        ),
    ];
    for (what, bytes, message) in cases {
        let (run, file) = validate(&bytes, "unusable.json");
        assert_eq!(run.code, 2, "{what}: stderr:\n{}", run.stderr);
        assert!(
            run.stderr
                .starts_with(&format!("agenda : {} : ", file.path())),
            "{what}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(message),
            "{what}: {message:?} missing from:\n{}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "{what}: nothing on stdout");
    }
}

#[test]
fn a_missing_file_exits_2() {
    let path = std::env::temp_dir().join(format!(
        "agenda-cli-test-{}-absent.json",
        std::process::id()
    ));
    let path = path.to_str().unwrap();
    let run = agenda(&["validate", path]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with(&format!("agenda : impossible de lire « {path} » : ")),
        "{}",
        run.stderr
    );
    // A directory is not a readable file either.
    let dir = std::env::temp_dir();
    let run = agenda(&["validate", dir.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("impossible de lire"), "{}", run.stderr);
}

#[test]
fn wrong_usage_exits_2_with_the_usage() {
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![], "aucune commande donnée"),
        (vec!["validate"], "indiquez le fichier à vérifier"),
        (
            vec!["valider", "x.json"],
            "commande ou arguments non reconnus : « valider »",
        ),
        (
            vec!["validate", "a.json", "b.json"],
            "commande ou arguments non reconnus : « validate »",
        ),
        (
            vec!["schema", "--chantiers"],
            "commande ou arguments non reconnus : « schema »",
        ),
    ];
    for (args, message) in cases {
        let run = agenda(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains(message) && run.stderr.contains("UTILISATION"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "{args:?}");
    }
    let help = agenda(&["help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout.contains("agenda validate FICHIER"),
        "{}",
        help.stdout
    );
}

fn schema(args: &[&str]) -> Value {
    let run = agenda(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("agenda {args:?} prints JSON: {e}\n{}", run.stdout))
}

#[test]
fn schema_prints_the_dataset_schema() {
    let schema = schema(&["schema"]);
    let properties = schema["properties"]
        .as_object()
        .expect("the schema has properties");
    assert!(properties.contains_key("chantiers"), "{schema:#}");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("the schema lists required fields")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["schema_version", "themes", "carriers", "chantiers"] {
        assert!(
            required.contains(&field),
            "{field} is required: {required:?}"
        );
    }
    // The shipped dataset has every required top-level field, and only known ones.
    let dataset = shipped();
    let object = dataset.as_object().unwrap();
    for field in &required {
        assert!(object.contains_key(*field), "the dataset lacks {field}");
    }
    for field in object.keys() {
        assert!(
            properties.contains_key(field),
            "the dataset's {field} is not in the schema"
        );
    }
}

#[test]
fn schema_chantier_prints_the_chantier_schema() {
    let schema = schema(&["schema", "--chantier"]);
    let properties = schema["properties"].as_object().expect("properties");
    assert!(properties.contains_key("milestones"), "{schema:#}");
    assert!(
        !properties.contains_key("chantiers"),
        "a chantier schema, not the dataset's"
    );
    let required = schema["required"].as_array().expect("required fields");
    assert!(required.contains(&json!("id")) && required.contains(&json!("milestones")));
    // Every chantier of the shipped dataset has the required fields.
    for chantier in shipped()["chantiers"].as_array().unwrap() {
        for field in required {
            let field = field.as_str().unwrap();
            assert!(
                chantier.get(field).is_some(),
                "chantier {} lacks {field}",
                chantier["id"]
            );
        }
    }
}
