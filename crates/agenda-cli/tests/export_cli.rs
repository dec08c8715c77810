//! `agenda export`, run as the publication pipeline runs it: files written, counts
//! printed, reproducibility, exit codes and French messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/agenda.json");
const SITE: &str = "https://agenda.example.gouv.fr/";

/// A fresh directory in the temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "agenda-export-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("the temporary directory is writable");
        TempDir(path)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn str(&self, name: &str) -> String {
        self.join(name).to_str().expect("a UTF-8 path").to_string()
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
        !run.stderr.contains("panicked"),
        "agenda {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

fn export(dataset: &str, out: &str) -> Run {
    agenda(&["export", "--site-url", SITE, "--out", out, dataset])
}

fn shipped() -> Value {
    serde_json::from_slice(&std::fs::read(SHIPPED).unwrap()).unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            names.extend(files_under(&path));
        } else {
            names.push(path.to_string_lossy().into_owned());
        }
    }
    names.sort();
    names
}

#[test]
fn exports_the_shipped_dataset() {
    let dir = TempDir::new();
    let out = dir.str("site");
    let run = export(SHIPPED, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");

    let data = shipped();
    let chantiers = data["chantiers"].as_array().unwrap();
    let themes = data["themes"].as_array().unwrap();
    let milestones: usize = chantiers
        .iter()
        .map(|c| c["milestones"].as_array().unwrap().len())
        .sum();

    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2 + themes.len());
    assert_eq!(
        lines[0],
        format!("{out}/agenda.ics écrit : {milestones} événements")
    );
    assert_eq!(
        lines.last().copied(),
        Some(format!("{out}/nouveautes.atom écrit : {} entrées", chantiers.len()).as_str())
    );

    let all = read(&dir.join("site/agenda.ics"));
    assert_eq!(all.matches("\r\nBEGIN:VEVENT\r\n").count(), milestones);
    assert!(all.contains("\r\nX-WR-CALNAME:Agenda numérique des collectivités\r\n"));
    assert!(all.contains(&format!(
        "\r\nDTSTAMP:{}T000000Z\r\n",
        data["published"].as_str().unwrap().replace('-', "")
    )));

    for theme in themes {
        let code = theme["code"].as_str().unwrap();
        let label = theme["label"].as_str().unwrap();
        let expected: usize = chantiers
            .iter()
            .filter(|c| c["themes"].as_array().unwrap().iter().any(|t| t == code))
            .map(|c| c["milestones"].as_array().unwrap().len())
            .sum();
        let path = dir.join(&format!("site/themes/{code}.ics"));
        let text = read(&path);
        assert_eq!(
            text.matches("\r\nBEGIN:VEVENT\r\n").count(),
            expected,
            "{code}"
        );
        let noun = if expected <= 1 {
            "événement"
        } else {
            "événements"
        };
        assert!(
            lines.contains(&format!("{} écrit : {expected} {noun}", path.display()).as_str()),
            "{code}"
        );
        // Compare logical lines: long names are folded.
        assert!(text.replace("\r\n ", "").contains(&format!(
            "\r\nX-WR-CALNAME:Agenda numérique des collectivités — {label}\r\n"
        )));
    }

    let feed = read(&dir.join("site/nouveautes.atom"));
    assert_eq!(feed.matches("<entry>").count(), chantiers.len().min(50));
    assert!(feed.contains(
        r#"<link rel="self" type="application/atom+xml" href="https://agenda.example.gouv.fr/nouveautes.atom"/>"#
    ));

    // Only the announced files, no temporary left behind.
    let mut expected: Vec<String> = themes
        .iter()
        .map(|t| format!("{out}/themes/{}.ics", t["code"].as_str().unwrap()))
        .collect();
    expected.push(format!("{out}/agenda.ics"));
    expected.push(format!("{out}/nouveautes.atom"));
    expected.sort();
    assert_eq!(files_under(&dir.join("site")), expected);
}

#[test]
fn two_exports_are_identical() {
    let dir = TempDir::new();
    assert_eq!(export(SHIPPED, &dir.str("a")).code, 0);
    // The second run overwrites an existing output.
    assert_eq!(export(SHIPPED, &dir.str("a")).code, 0);
    assert_eq!(
        agenda(&[
            "export",
            &format!("--out={}", dir.str("b")),
            "--site-url=https://agenda.example.gouv.fr",
            SHIPPED
        ])
        .code,
        0
    );
    let a = files_under(&dir.join("a"));
    assert_eq!(a.len(), files_under(&dir.join("b")).len());
    for file in a {
        let twin = file.replacen(&dir.str("a"), &dir.str("b"), 1);
        assert_eq!(
            std::fs::read(&file).unwrap(),
            std::fs::read(&twin).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn invalid_entries_are_skipped_and_reported() {
    let dir = TempDir::new();
    let mut data = shipped();
    let chantiers = data["chantiers"].as_array_mut().unwrap();
    let total = chantiers.len();
    chantiers[0]["nature"] = json!("inconnue");
    let id = chantiers[0]["id"].as_str().unwrap().to_string();
    let path = dir.str("agenda.json");
    std::fs::write(&path, serde_json::to_vec(&data).unwrap()).unwrap();

    let run = export(&path, &dir.str("site"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 chantier(s) invalide(s) écarté(s) de l'export"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("agenda validate"), "{}", run.stderr);
    assert!(run
        .stdout
        .contains(&format!("nouveautes.atom écrit : {} entrées", total - 1)));
    let all = read(&dir.join("site/agenda.ics"));
    assert!(!all.contains(&format!("UID:{id}.")));
}

#[test]
fn an_invalid_header_writes_nothing() {
    let dir = TempDir::new();
    let mut data = shipped();
    data["publisher"] = json!({"url": "https://x.example"});
    let path = dir.str("agenda.json");
    std::fs::write(&path, serde_json::to_vec(&data).unwrap()).unwrap();
    let run = export(&path, &dir.str("site"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("aucun fichier écrit"), "{}", run.stderr);
    assert!(!dir.join("site").exists());
}

#[test]
fn unreadable_input_exits_2() {
    let dir = TempDir::new();
    let run = export(&dir.str("absent.json"), &dir.str("site"));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("impossible de lire"), "{}", run.stderr);

    let path = dir.str("casse.json");
    std::fs::write(&path, b"{ pas du json").unwrap();
    let run = export(&path, &dir.str("site"));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("JSON"), "{}", run.stderr);
    assert!(!dir.join("site").exists());
}

#[test]
fn an_unwritable_destination_exits_2() {
    let dir = TempDir::new();
    let blocker = dir.str("fichier");
    std::fs::write(&blocker, b"occupe la place").unwrap();
    let run = export(SHIPPED, &blocker);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("impossible de créer le dossier"),
        "{}",
        run.stderr
    );
}

#[test]
fn wrong_usage_exits_2_with_a_french_message() {
    for (args, words) in [
        (&["export"][..], "--site-url"),
        (&["export", "--site-url", SITE, SHIPPED][..], "--out"),
        (
            &["export", "--site-url", SITE, "--out", "x"][..],
            "jeu de données",
        ),
        (
            &["export", "--site-url", "ftp://x", "--out", "x", SHIPPED][..],
            "http(s)",
        ),
        (&["export", "--format", "ics"][..], "option non reconnue"),
        (&["export", "--out"][..], "attend une valeur"),
    ] {
        let run = agenda(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("UTILISATION"), "{args:?}");
        assert_eq!(run.stdout, "");
    }
    let help = agenda(&["export", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help
        .stdout
        .contains("agenda export --site-url ADRESSE --out DOSSIER FICHIER"));
}
