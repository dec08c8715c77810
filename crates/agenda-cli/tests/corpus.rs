//! Every broken dataset of tests/corpus through `agenda validate`: the exit code the
//! corpus expects, a message that says what is wrong, and never a panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// A valid dataset of about `bytes` bytes: the same chantier under many ids.
fn large_dataset(bytes: usize) -> String {
    let chantier = |i: usize| {
        format!(
            r#"{{"id":"chantier-{i}","title":"Chantier numéro {i}","summary":"{}","carriers":["dgfip"],"themes":["finances"],"nature":"obligation","concerned":{{"rules":[{{"kind":"commune"}}]}},"milestones":[{{"id":"echeance","label":"Échéance","date":"2027-03"}}],"updated":"2026-11-01"}}"#,
            "Un résumé de longueur réaliste pour un chantier de l'agenda. ".repeat(4)
        )
    };
    let mut out = String::from(
        r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"Corpus"},"licence":"etalab-2.0","themes":[{"code":"finances","label":"Finances"}],"carriers":[{"code":"dgfip","label":"DGFiP"}],"chantiers":["#,
    );
    let mut i = 0;
    while out.len() < bytes {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&chantier(i));
        i += 1;
    }
    out.push_str("]}");
    out
}

#[test]
fn every_corpus_file_gets_the_expected_exit_code_and_message() {
    let dir = corpus_dir();
    let expectations: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expectations.json")).unwrap())
            .unwrap();
    let expectations = expectations.as_object().unwrap();
    assert!(
        expectations.len() >= 25,
        "the corpus has {} files",
        expectations.len()
    );
    let large =
        std::env::temp_dir().join(format!("agenda-corpus-large-{}.json", std::process::id()));
    std::fs::write(&large, large_dataset(20 * 1024 * 1024)).unwrap();

    let mut failures = Vec::new();
    for (name, expected) in expectations {
        let path = if expected.get("generated").is_some() {
            large.clone()
        } else {
            dir.join(name)
        };
        let output = Command::new(env!("CARGO_BIN_EXE_agenda"))
            .arg("validate")
            .arg(&path)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let code = output.status.code();
        let want = expected["cli"].as_i64().map(|c| c as i32);
        if code != want {
            failures.push(format!("{name}: exit {code:?}, expected {want:?}\n{text}"));
        }
        if text.contains("panicked") {
            failures.push(format!("{name}: panicked\n{text}"));
        }
        let message = expected["message"].as_str().unwrap_or_default();
        if !message.is_empty() && !message.split('|').any(|m| text.contains(m)) {
            failures.push(format!("{name}: output lacks « {message} »\n{text}"));
        }
        // Every problem line names where it is: "jeu de données" or a chantier.
        for line in text.lines().filter(|l| l.contains(": erreur :")) {
            if !(line.contains("chantier") || line.contains("jeu de données")) {
                failures.push(format!("{name}: a problem line names no entry: {line}"));
            }
        }
    }
    let _ = std::fs::remove_file(&large);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
