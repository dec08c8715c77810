//! `agenda export …`: calendars and feeds written into the served files.
//!
//! Every file is dated from the dataset's publication day (`DTSTAMP`, feed dates,
//! statuses), never from the clock, so two exports of the same dataset are identical
//! byte for byte. Each file is written beside its destination, then renamed over it,
//! so a web server never serves half a file.

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use agenda_core::export::{self, atom, ics};
use agenda_core::validate::{is_safe_url, is_slug};
use agenda_core::{load, LoadError, Loaded};

const USAGE: &str = "\
agenda export — écrit les calendriers et le flux des nouveautés de l'agenda

UTILISATION
  agenda export --site-url ADRESSE --out DOSSIER FICHIER

  ADRESSE   adresse absolue du site (https://…) ; DOSSIER doit être servi à sa racine
  DOSSIER   dossier où écrire (créé au besoin) :
              agenda.ics          tout l'agenda (un événement par jalon)
              themes/CODE.ics     un calendrier par thème
              nouveautes.atom     les chantiers les plus récemment mis à jour
  FICHIER   le jeu de données (JSON)

Les fichiers sont datés du jour de publication du jeu de données : deux exports du
même fichier donnent les mêmes octets.

CODES DE SORTIE
  0  fichiers écrits
  1  jeu de données avec erreurs (les entrées invalides sont écartées, le reste est écrit)
  2  fichier illisible, écriture impossible ou commande erronée
";

/// The command line, once understood.
#[derive(Debug, PartialEq, Eq)]
struct Args {
    site_url: String,
    out: PathBuf,
    dataset: String,
}

/// Runs `agenda export ARGS…`.
pub fn run(args: &[&str]) -> ExitCode {
    if matches!(args, ["help" | "--help" | "-h"]) {
        let _ = write!(std::io::stdout().lock(), "{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse(args) {
        Ok(args) => args,
        Err(message) => {
            err(format_args!("agenda export : {message}\n\n{USAGE}"));
            return ExitCode::from(2);
        }
    };
    let path = args.dataset.as_str();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            err(format_args!(
                "agenda export : impossible de lire « {path} » : {e}"
            ));
            return ExitCode::from(2);
        }
    };
    let loaded = match load(&bytes) {
        Ok(loaded) => loaded,
        Err(LoadError::InvalidHeader(problems)) => {
            for problem in &problems {
                err(format_args!("{path} : {problem}"));
            }
            err(format_args!(
                "agenda export : {path} : en-tête invalide, aucun chantier ne peut être lu ; aucun fichier écrit"
            ));
            return ExitCode::from(1);
        }
        Err(e) => {
            err(format_args!("agenda export : {path} : {e}"));
            return ExitCode::from(2);
        }
    };
    if loaded.has_errors() {
        let skipped = loaded.skipped().len();
        let errors = loaded.problems.iter().filter(|p| p.is_error()).count();
        err(format_args!(
            "agenda export : attention, {path} a {errors} erreur(s) ; {skipped} chantier(s) invalide(s) écarté(s) de l'export (détail : agenda validate {path})"
        ));
    }
    match write_all(&args, &loaded) {
        Ok(()) if loaded.has_errors() => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            err(format_args!("agenda export : {message}"));
            ExitCode::from(2)
        }
    }
}

fn parse(args: &[&str]) -> Result<Args, String> {
    let mut site_url = None;
    let mut out = None;
    let mut dataset = None;
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (arg, None),
        };
        let slot = match name {
            "--site-url" => &mut site_url,
            "--out" => &mut out,
            _ if arg.starts_with("--") => {
                return Err(format!("option non reconnue : « {arg} »"));
            }
            _ => {
                if dataset.replace(arg.to_string()).is_some() {
                    return Err(format!(
                        "un seul jeu de données à la fois (argument en trop : « {arg} »)"
                    ));
                }
                continue;
            }
        };
        let value = match inline {
            Some(value) => value,
            None => *rest
                .next()
                .ok_or_else(|| format!("l'option {name} attend une valeur"))?,
        };
        if value.is_empty() {
            return Err(format!("l'option {name} attend une valeur non vide"));
        }
        if slot.replace(value.to_string()).is_some() {
            return Err(format!("l'option {name} est donnée deux fois"));
        }
    }
    let site_url = site_url.ok_or("indiquez l'adresse du site : --site-url https://…")?;
    if !is_safe_url(&site_url) {
        return Err(format!(
            "« {site_url} » n'est pas une adresse absolue http(s) valide pour --site-url"
        ));
    }
    let out = out.ok_or("indiquez le dossier où écrire : --out DOSSIER")?;
    let dataset = dataset.ok_or("indiquez le jeu de données à exporter")?;
    Ok(Args {
        site_url: export::with_trailing_slash(&site_url),
        out: PathBuf::from(out),
        dataset,
    })
}

fn write_all(args: &Args, loaded: &Loaded) -> Result<(), String> {
    let dataset = &loaded.dataset;
    let stamp = dataset
        .published
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or_default();
    let site = &args.site_url;
    let themes_dir = args.out.join("themes");
    std::fs::create_dir_all(&themes_dir).map_err(|e| {
        format!(
            "impossible de créer le dossier « {} » : {e}",
            themes_dir.display()
        )
    })?;

    let options = ics::CalendarOptions::new(site.as_str(), ics::CALENDAR_NAME, stamp);
    let all = ics::calendar(dataset, &export::chronological(dataset), &options);
    write_file(&args.out.join("agenda.ics"), &all, events(&all))?;

    for theme in &dataset.themes {
        if !is_slug(&theme.code) {
            err(format_args!(
                "agenda export : thème « {} » ignoré : son code ne peut pas servir de nom de fichier",
                theme.code
            ));
            continue;
        }
        let options =
            ics::CalendarOptions::new(site.as_str(), ics::theme_calendar_name(&theme.label), stamp);
        let text = ics::calendar(dataset, &export::of_theme(dataset, &theme.code), &options);
        let path = themes_dir.join(format!("{}.ics", theme.code));
        write_file(&path, &text, events(&text))?;
    }

    let options = atom::FeedOptions::new(
        site.as_str(),
        format!("{site}nouveautes.atom"),
        dataset.published,
    );
    let feed = atom::feed(dataset, &options);
    let entries = feed.matches("<entry>").count();
    write_file(
        &args.out.join("nouveautes.atom"),
        &feed,
        agenda_core::french::count(entries, "entrée", "entrées"),
    )
}

fn events(calendar: &str) -> String {
    let n = calendar.matches("\r\nBEGIN:VEVENT\r\n").count();
    agenda_core::french::count(n, "événement", "événements")
}

/// Writes `text` beside `path`, then renames it over `path`; prints one line.
fn write_file(path: &Path, text: &str, count: String) -> Result<(), String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(format!("impossible d'écrire « {} » : {e}", path.display()));
    }
    let _ = writeln!(
        std::io::stdout().lock(),
        "{} écrit : {count}",
        path.display()
    );
    Ok(())
}

/// A line on standard error; a closed stream is not worth a panic.
fn err(message: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_option_forms_in_any_order() {
        let expected = Args {
            site_url: "https://a.fr/".into(),
            out: PathBuf::from("dist"),
            dataset: "agenda.json".into(),
        };
        assert_eq!(
            parse(&["--site-url", "https://a.fr", "--out", "dist", "agenda.json"]),
            Ok(expected)
        );
        let parsed = parse(&["agenda.json", "--out=dist", "--site-url=https://a.fr/"]).unwrap();
        assert_eq!(parsed.site_url, "https://a.fr/");
    }

    #[test]
    fn rejects_wrong_usage_in_french() {
        for (args, words) in [
            (&["--out", "d", "f"][..], "--site-url"),
            (&["--site-url", "https://a.fr", "f"][..], "--out"),
            (
                &["--site-url", "https://a.fr", "--out", "d"][..],
                "jeu de données",
            ),
            (
                &["--site-url", "javascript:alert(1)", "--out", "d", "f"][..],
                "http(s)",
            ),
            (&["--site-url"][..], "attend une valeur"),
            (&["--verbose"][..], "non reconnue"),
            (&["--out", "a", "--out", "b"][..], "deux fois"),
            (&["a", "b"][..], "argument en trop"),
        ] {
            let message = parse(args).unwrap_err();
            assert!(message.contains(words), "{args:?}: {message}");
        }
    }
}
