//! `agenda`: the operator's tool for the dataset of the Agenda numérique des collectivités.
//!
//! Exit codes: 0 valid, 1 problems found, 2 unusable input or wrong usage.

use std::io::Write;
use std::process::ExitCode;

use agenda_core::{load, LoadError};

const USAGE: &str = "\
agenda — outil de l'opérateur de l'Agenda numérique des collectivités

UTILISATION
  agenda validate FICHIER   vérifie un jeu de données ; une ligne par problème
  agenda schema [--chantier]
                            affiche le schéma JSON du jeu de données
                            (ou d'un chantier seul avec --chantier)
  agenda help               affiche cette aide

CODES DE SORTIE
  0  valide    1  problèmes trouvés    2  fichier illisible ou commande erronée
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["validate", file] => validate(file),
        ["schema"] => print(&agenda_core::schema::dataset_schema()),
        ["schema", "--chantier"] => print(&agenda_core::schema::chantier_schema()),
        ["help" | "--help" | "-h"] => print(USAGE),
        [] => usage_error("aucune commande donnée"),
        ["validate"] => usage_error("indiquez le fichier à vérifier : agenda validate FICHIER"),
        [command, ..] => usage_error(&format!(
            "commande ou arguments non reconnus : « {} »",
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
    eprintln!("agenda : {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn validate(path: &str) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("agenda : impossible de lire « {path} » : {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    match load(&bytes) {
        Ok(loaded) => {
            for problem in &loaded.problems {
                let _ = writeln!(out, "{path} : {problem}");
            }
            let errors = loaded.problems.iter().filter(|p| p.is_error()).count();
            let warnings = loaded.problems.len() - errors;
            let kept = loaded.dataset.chantiers.len();
            let skipped = loaded.skipped().len();
            let _ = writeln!(
                out,
                "{path} : {} valide(s), {} écarté(s), {errors} erreur(s), {warnings} avertissement(s)",
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
                let _ = writeln!(out, "{path} : {problem}");
            }
            let _ = writeln!(
                out,
                "{path} : en-tête invalide, aucun chantier ne peut être lu"
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("agenda : {path} : {e}");
            ExitCode::from(2)
        }
    }
}
