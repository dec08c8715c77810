//! `agenda`: the operator's tool for the dataset of the Agenda numérique des collectivités.
//!
//! Exit codes: 0 valid, 1 problems found, 2 unusable input or wrong usage.

mod export;
mod generate;
mod merge;

use std::io::Write;
use std::process::ExitCode;

use agenda_core::{load, LoadError};

const USAGE: &str = "\
agenda — outil de l'opérateur de l'Agenda numérique des collectivités

UTILISATION
  agenda validate FICHIER   vérifie un jeu de données ; une ligne par problème
  agenda validate [--dataset JEU] CONTRIBUTION
                            vérifie une contribution (ou un chantier seul) avec
                            les thèmes et porteurs du jeu de données JEU
                            (par défaut public/data/agenda.json) et dit ce
                            qu'elle change
  agenda merge [--dry-run] [--today AAAA-MM-JJ] JEU CONTRIBUTION…
                            intègre des contributions au jeu de données JEU ;
                            rien n'est écrit si l'une d'elles est refusée ;
                            --dry-run montre le résultat sans rien écrire
  agenda schema [--chantier | --contribution]
                            affiche le schéma JSON du jeu de données
                            (ou d'un chantier seul avec --chantier,
                            ou d'une contribution avec --contribution)
  agenda generate --count N [--seed S] [--out FICHIER]
                            écrit un jeu de données synthétique valide de N chantiers (benchmarks)
  agenda help               affiche cette aide

CODES DE SORTIE
  0  valide (ou fusionné)    1  problèmes trouvés (ou fusion refusée)
  2  fichier illisible, écriture impossible ou commande erronée
";

/// The dataset a single entry is checked against when `--dataset` is not given.
const DEFAULT_DATASET: &str = "public/data/agenda.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["export", rest @ ..] => export::run(rest),
        ["merge", rest @ ..] => merge::run(rest),
        ["generate", rest @ ..] => generate::run(rest),
        ["validate", rest @ ..] => validate(rest),
        ["schema"] => print(&agenda_core::schema::dataset_schema()),
        ["schema", "--chantier"] => print(&agenda_core::schema::chantier_schema()),
        ["schema", "--contribution"] => print(&agenda_core::merge::contribution_schema()),
        ["help" | "--help" | "-h"] => print(USAGE),
        [] => usage_error("aucune commande donnée"),
        [command, ..] => usage_error(&format!(
            "commande ou arguments non reconnus : « {} »",
            command
        )),
    }
}

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`agenda schema | head`) is not an error worth a panic.
    let _ = writeln!(out, "{}", text.trim_end());
    ExitCode::SUCCESS
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("agenda : {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// `agenda validate [--dataset JEU] FICHIER`: a dataset, or a single entry (a
/// contribution or a bare chantier) checked against a dataset's vocabulary.
fn validate(args: &[&str]) -> ExitCode {
    let mut dataset = None;
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        match arg {
            "--dataset" => match rest.next() {
                Some(&path) => dataset = Some(path),
                None => {
                    return usage_error(
                        "--dataset attend le chemin du jeu de données : agenda validate --dataset public/data/agenda.json CONTRIBUTION",
                    )
                }
            },
            _ if arg.starts_with("--dataset=") => dataset = Some(&arg["--dataset=".len()..]),
            _ if arg.starts_with("--") => {
                return usage_error(&format!(
                    "option « {arg} » inconnue pour validate ; utilisation : agenda validate [--dataset JEU] FICHIER"
                ))
            }
            _ => files.push(arg),
        }
    }
    let path = match files.as_slice() {
        [] => return usage_error("indiquez le fichier à vérifier : agenda validate FICHIER"),
        [path] => *path,
        _ => return usage_error("commande ou arguments non reconnus : « validate »"),
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("agenda : impossible de lire « {path} » : {e}");
            return ExitCode::from(2);
        }
    };
    // A single entry has "chantier" (a contribution) or "milestones" (a bare
    // chantier) at the top, and no "chantiers"; anything else is read as a dataset.
    if let Ok(serde_json::Value::Object(object)) = agenda_core::load::parse_json(&bytes) {
        if !object.contains_key("chantiers")
            && (object.contains_key("chantier") || object.contains_key("milestones"))
        {
            return validate_entry(path, serde_json::Value::Object(object), dataset);
        }
    }
    validate_dataset(path, &bytes)
}

fn validate_dataset(path: &str, bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match load(bytes) {
        Ok(loaded) => {
            for problem in &loaded.problems {
                let _ = writeln!(out, "{path} : {problem}");
            }
            let errors = loaded.problems.iter().filter(|p| p.is_error()).count();
            let warnings = loaded.problems.len() - errors;
            let kept = loaded.dataset.chantiers.len();
            let skipped = loaded.skipped().len();
            let _ = writeln!(
                out,
                "{path} : {} valide(s), {} écarté(s), {errors} erreur(s), {warnings} avertissement(s)",
                kept, skipped
            );
            if errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(LoadError::InvalidHeader(problems)) => {
            for problem in &problems {
                let _ = writeln!(out, "{path} : {problem}");
            }
            let _ = writeln!(
                out,
                "{path} : en-tête invalide, aucun chantier ne peut être lu"
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("agenda : {path} : {e}");
            ExitCode::from(2)
        }
    }
}

/// A contribution or a bare chantier, checked as `agenda merge` would check it
/// against the dataset at `dataset` (vocabulary, every rule, conflicts).
fn validate_entry(path: &str, value: serde_json::Value, dataset: Option<&str>) -> ExitCode {
    use agenda_core::merge::{self, ParseError};

    let dataset_path = match dataset {
        Some(dataset) => dataset,
        None if std::path::Path::new(DEFAULT_DATASET).is_file() => DEFAULT_DATASET,
        None => {
            eprintln!(
                "agenda : « {path} » est une contribution (un chantier seul) : indiquez avec --dataset le jeu de données dont elle utilise les thèmes et les porteurs, par exemple : agenda validate --dataset public/data/agenda.json {path}"
            );
            return ExitCode::from(2);
        }
    };
    let loaded = match std::fs::read(dataset_path) {
        Ok(bytes) => match load(&bytes) {
            Ok(loaded) => loaded,
            Err(e) => {
                eprintln!("agenda : jeu de données « {dataset_path} » : {e}");
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            eprintln!("agenda : impossible de lire le jeu de données « {dataset_path} » : {e}");
            return ExitCode::from(2);
        }
    };

    let mut out = std::io::stdout().lock();
    let summary = |out: &mut std::io::StdoutLock<'_>, errors: usize, warnings: usize| {
        let verdict = if errors == 0 { "valide" } else { "invalide" };
        let _ = writeln!(
            out,
            "{path} : contribution {verdict}, {errors} erreur(s), {warnings} avertissement(s)"
        );
    };
    let parsed = match merge::parse_value(value, "") {
        Ok(parsed) => parsed,
        Err(ParseError::Invalid(problems)) => {
            for problem in &problems {
                let _ = writeln!(out, "{path} : {}", merge::describe("", problem));
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            summary(&mut out, errors, problems.len() - errors);
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("agenda : {path} : {e}");
            return ExitCode::from(2);
        }
    };
    for warning in &parsed.warnings {
        let _ = writeln!(out, "{path} : {}", merge::describe("", warning));
    }
    let today = chrono::Local::now().date_naive();
    match merge::merge(&loaded.dataset, &[parsed.contribution], today) {
        Ok(outcome) => {
            let mut warnings = parsed.warnings.len();
            for applied in &outcome.applied {
                for warning in &applied.warnings {
                    let _ = writeln!(out, "{path} : {}", merge::describe("", warning));
                }
                warnings += applied.warnings.len();
                let _ = writeln!(out, "{path} : {} :", applied.headline());
                if applied.changes.is_empty() {
                    let _ = writeln!(out, "  aucune modification du contenu");
                }
                for line in &applied.changes {
                    let _ = writeln!(out, "  {line}");
                }
            }
            summary(&mut out, 0, warnings);
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for mut error in errors.iter().cloned() {
                // The file is named at the start of the line already.
                error.origin.clear();
                error.contribution = None;
                let _ = writeln!(out, "{path} : {error}");
            }
            summary(&mut out, errors.len(), parsed.warnings.len());
            ExitCode::from(1)
        }
    }
}
