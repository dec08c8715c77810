//! `agenda merge [--dry-run] [--today AAAA-MM-JJ] DATASET CONTRIBUTION…`: applies
//! contributions safely.
//!
//! Nothing is written unless every contribution is accepted and the result is valid;
//! the dataset is then replaced atomically (temporary file in the same directory,
//! fsync, rename), so an interrupted write never leaves a half-written dataset.
//!
//! Exit codes: 0 merged (or would be, with `--dry-run`), 1 refused (nothing written),
//! 2 unreadable input, impossible write or wrong usage.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use agenda_core::merge::{self, Contribution, MergeError, MergeErrorKind, ParseError};
use agenda_core::{load, LoadError, ProblemKind};
use chrono::NaiveDate;

const MERGE_USAGE: &str =
    "agenda merge [--dry-run] [--today AAAA-MM-JJ] JEU_DE_DONNEES CONTRIBUTION…";

/// What the command line asked for.
#[derive(Debug)]
struct Args<'a> {
    dry_run: bool,
    today: NaiveDate,
    dataset: &'a str,
    contributions: Vec<&'a str>,
}

/// Reads the command line; `Err` is the French reason for a usage error.
fn parse_args<'a>(args: &[&'a str]) -> Result<Args<'a>, String> {
    let mut dry_run = false;
    let mut today = None;
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        match arg {
            "--dry-run" => dry_run = true,
            "--today" => {
                let value = rest.next().ok_or_else(|| {
                    "--today attend une date AAAA-MM-JJ (par exemple --today 2026-12-01)"
                        .to_string()
                })?;
                today = Some(parse_today(value)?);
            }
            _ if arg.starts_with("--today=") => {
                today = Some(parse_today(&arg["--today=".len()..])?);
            }
            _ if arg.starts_with("--") => {
                return Err(format!(
                    "option « {arg} » inconnue pour merge ; utilisation : {MERGE_USAGE}"
                ))
            }
            _ => files.push(arg),
        }
    }
    let Some((&dataset, contributions)) = files.split_first() else {
        return Err(format!(
            "indiquez le jeu de données puis au moins une contribution : {MERGE_USAGE}"
        ));
    };
    if contributions.is_empty() {
        return Err(format!(
            "indiquez au moins une contribution après le jeu de données : {MERGE_USAGE}"
        ));
    }
    Ok(Args {
        dry_run,
        today: today.unwrap_or_else(|| chrono::Local::now().date_naive()),
        dataset,
        contributions: contributions.to_vec(),
    })
}

fn parse_today(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        format!(
            "date « {value} » invalide pour --today : attendu AAAA-MM-JJ (par exemple 2026-12-01)"
        )
    })
}

/// Runs `agenda merge ARGS…`.
pub fn run(args: &[&str]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(message) => return crate::usage_error(&message),
    };
    let mut out = io::stdout().lock();
    let path = args.dataset;

    // The dataset: readable, and without errors (a merge never hides older ones).
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("agenda : impossible de lire le jeu de données « {path} » : {e}");
            return ExitCode::from(2);
        }
    };
    let loaded = match load(&bytes) {
        Ok(loaded) => loaded,
        Err(LoadError::InvalidHeader(problems)) => {
            for problem in &problems {
                let _ = writeln!(out, "{path} : {problem}");
            }
            let _ = writeln!(
                out,
                "agenda : l'en-tête du jeu de données « {path} » est invalide : corrigez-le (agenda validate {path}) avant d'y intégrer des contributions ; aucune modification écrite"
            );
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("agenda : {path} : {e}");
            return ExitCode::from(2);
        }
    };
    if loaded.has_errors() {
        for problem in loaded.problems.iter().filter(|p| p.is_error()) {
            let _ = writeln!(out, "{path} : {problem}");
        }
        let _ = writeln!(
            out,
            "agenda : le jeu de données « {path} » contient déjà des erreurs : corrigez-les (agenda validate {path}) avant d'y intégrer des contributions ; aucune modification écrite"
        );
        return ExitCode::from(1);
    }
    // Fields this build does not know would be lost when the dataset is written back.
    let would_lose: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                ProblemKind::UnknownField | ProblemKind::NewerMinorVersion(_)
            )
        })
        .collect();
    if !would_lose.is_empty() {
        for problem in &would_lose {
            let _ = writeln!(out, "{path} : {problem}");
        }
        let _ = writeln!(
            out,
            "agenda : le jeu de données « {path} » contient des champs que cet outil ne connaît pas et qui seraient perdus à l'écriture : mettez l'outil à jour ou retirez ces champs ; aucune modification écrite"
        );
        return ExitCode::from(1);
    }

    // The contributions: every file read, every problem reported before deciding.
    let mut contributions: Vec<Contribution> = Vec::new();
    let mut unreadable = false;
    let mut refused = 0usize;
    for &file in &args.contributions {
        let bytes = match fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("agenda : impossible de lire la contribution « {file} » : {e}");
                unreadable = true;
                continue;
            }
        };
        match merge::parse(&bytes, file) {
            Ok(parsed) => {
                for warning in &parsed.warnings {
                    let _ = writeln!(out, "{}", merge::describe(file, warning));
                }
                contributions.push(parsed.contribution);
            }
            Err(ParseError::Invalid(problems)) => {
                for problem in &problems {
                    if problem.is_error() {
                        refused += 1;
                        let error = MergeError {
                            contribution: None,
                            origin: file.to_string(),
                            id: problem
                                .entry
                                .as_ref()
                                .and_then(|e| e.id.clone())
                                .unwrap_or_default(),
                            kind: MergeErrorKind::Invalid(problem.clone()),
                        };
                        let _ = writeln!(out, "{error}");
                    } else {
                        let _ = writeln!(out, "{}", merge::describe(file, problem));
                    }
                }
            }
            Err(e) => {
                eprintln!("agenda : contribution « {file} » : {e}");
                unreadable = true;
            }
        }
    }
    if unreadable {
        eprintln!("agenda : fusion impossible : une contribution est illisible ; aucune modification écrite");
        return ExitCode::from(2);
    }

    let outcome = match merge::merge(&loaded.dataset, &contributions, args.today) {
        Ok(outcome) if refused == 0 => outcome,
        Ok(_) => {
            let _ = writeln!(
                out,
                "agenda : fusion refusée ({refused} problème(s)) : aucune modification écrite"
            );
            return ExitCode::from(1);
        }
        Err(errors) => {
            for error in &errors {
                let _ = writeln!(out, "{error}");
            }
            let _ = writeln!(
                out,
                "agenda : fusion refusée ({} problème(s)) : aucune modification écrite",
                refused + errors.len()
            );
            return ExitCode::from(1);
        }
    };

    for applied in &outcome.applied {
        let _ = writeln!(out, "{} : {}", applied.origin, applied.headline());
        for warning in &applied.warnings {
            let _ = writeln!(out, "  {}", merge::describe("", warning));
        }
        if applied.changes.is_empty() {
            let _ = writeln!(out, "  aucune modification du contenu");
        }
        for line in &applied.changes {
            let _ = writeln!(out, "  {line}");
        }
    }

    let mut text = match serde_json::to_string_pretty(&outcome.dataset) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("agenda : impossible de préparer le jeu de données fusionné : {e} ; aucune modification écrite");
            return ExitCode::from(2);
        }
    };
    text.push('\n');
    // What is written is exactly what was checked: read it back as the app will.
    match load(text.as_bytes()) {
        Ok(again) if !again.has_errors() => {}
        _ => {
            let _ = writeln!(
                out,
                "agenda : le jeu de données fusionné ne passe pas la validation ; fusion refusée, aucune modification écrite"
            );
            return ExitCode::from(1);
        }
    }

    let count = outcome.applied.len();
    if args.dry_run {
        let _ = writeln!(
            out,
            "{path} : {count} contribution(s) acceptée(s) ; aucune modification écrite (--dry-run)"
        );
        return ExitCode::SUCCESS;
    }
    match write_atomically(Path::new(path), text.as_bytes(), None) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "{path} : {count} contribution(s) intégrée(s), jeu de données enregistré"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "agenda : impossible d'écrire « {path} » : {e} ; le fichier d'origine est intact"
            );
            ExitCode::from(2)
        }
    }
}

/// Where [`write_atomically`] stops, to test that a failure leaves no trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
pub enum FailPoint {
    /// After writing half of the bytes to the temporary file.
    MidWrite,
    /// After the temporary file is complete and synced, before the rename.
    BeforeRename,
}

/// Replaces the file at `path` with `bytes`, atomically: the bytes go to a new
/// temporary file in the same directory, which is synced to disk then renamed over
/// `path`. On any failure the temporary file is removed and `path` is untouched.
/// `fail` simulates a failure at that point (tests only; `None` in use).
pub fn write_atomically(path: &Path, bytes: &[u8], fail: Option<FailPoint>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "chemin sans nom de fichier"))?;
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let temp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    // create_new: never reuse (nor later remove) a file that is not ours.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let simulated = |point| {
        if fail == Some(point) {
            Err(io::Error::other("échec simulé"))
        } else {
            Ok(())
        }
    };
    let result = (|| {
        if fail == Some(FailPoint::MidWrite) {
            file.write_all(&bytes[..bytes.len() / 2])?;
            simulated(FailPoint::MidWrite)?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        // Keep the original's permissions (the served file must stay readable).
        if let Ok(metadata) = fs::metadata(path) {
            fs::set_permissions(&temp, metadata.permissions())?;
        }
        simulated(FailPoint::BeforeRename)?;
        fs::rename(&temp, path)
    })();
    drop(file);
    match result {
        Ok(()) => {
            // Make the rename itself durable; a failure here leaves a complete file.
            if let Ok(dir) = File::open(&dir) {
                let _ = dir.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory under the system's temporary directory, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "agenda-merge-unit-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_successful_write_replaces_the_file_and_leaves_nothing_else() {
        let dir = TempDir::new();
        let path = dir.0.join("agenda.json");
        fs::write(&path, b"{\"ancien\": true}\n").unwrap();
        write_atomically(&path, b"{\"nouveau\": true}\n", None).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{\"nouveau\": true}\n");
        assert_eq!(entries(&dir.0), ["agenda.json"]);
    }

    #[test]
    fn a_failure_at_any_point_leaves_the_original_intact_and_no_temporary_file() {
        for point in [FailPoint::MidWrite, FailPoint::BeforeRename] {
            let dir = TempDir::new();
            let path = dir.0.join("agenda.json");
            let original = b"{\"ancien\": true}\n".repeat(1000);
            fs::write(&path, &original).unwrap();
            let error = write_atomically(&path, &b"x".repeat(100_000), Some(point)).unwrap_err();
            assert_eq!(error.to_string(), "échec simulé");
            assert_eq!(fs::read(&path).unwrap(), original, "{point:?}");
            assert_eq!(entries(&dir.0), ["agenda.json"], "{point:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_original_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new();
        let path = dir.0.join("agenda.json");
        fs::write(&path, b"{}").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&path, b"{\"a\": 1}", None).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn a_missing_directory_fails_without_touching_anything() {
        let dir = TempDir::new();
        let path = dir.0.join("absent").join("agenda.json");
        assert!(write_atomically(&path, b"{}", None).is_err());
        assert_eq!(entries(&dir.0), Vec::<String>::new());
    }

    #[test]
    fn arguments() {
        let args = parse_args(&["--dry-run", "--today", "2026-12-01", "a.json", "b.json"]).unwrap();
        assert!(args.dry_run);
        assert_eq!(args.today.to_string(), "2026-12-01");
        assert_eq!(
            (args.dataset, args.contributions),
            ("a.json", vec!["b.json"])
        );
        assert!(parse_args(&["a.json"])
            .unwrap_err()
            .contains("au moins une contribution"));
        assert!(parse_args(&["--today", "demain", "a", "b"])
            .unwrap_err()
            .contains("AAAA-MM-JJ"));
        assert!(parse_args(&["--today"])
            .unwrap_err()
            .contains("--today attend une date"));
        assert!(parse_args(&["--force", "a", "b"])
            .unwrap_err()
            .contains("« --force » inconnue"));
        assert!(parse_args(&[])
            .unwrap_err()
            .contains("indiquez le jeu de données"));
    }
}
