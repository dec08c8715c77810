//! `agenda generate --count N [--seed S] [--out FICHIER]`: a valid synthetic dataset
//! of N chantiers, the same for the same seed (see `agenda_core::generate`), for
//! benchmarks and load tests.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use agenda_core::generate;

const HOW: &str = "utilisation : agenda generate --count N [--seed S] [--out FICHIER]";

/// What `agenda generate` was asked for.
#[derive(Debug, PartialEq, Eq)]
struct Request<'a> {
    count: usize,
    seed: u64,
    out: Option<&'a str>,
}

/// Reads `--count N`, `--seed S`, `--out FICHIER` (also as `--option=valeur`).
fn parse<'a>(args: &[&'a str]) -> Result<Request<'a>, String> {
    let (mut count, mut seed, mut out) = (None, 1, None);
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (arg, None),
        };
        let mut value = || {
            inline
                .or_else(|| rest.next().copied())
                .ok_or_else(|| format!("{name} attend une valeur ; {HOW}"))
        };
        match name {
            "--count" => {
                let v = value()?;
                count = Some(v.parse::<usize>().map_err(|_| {
                    format!(
                        "--count attend un nombre entier positif de chantiers, pas « {v} » ; {HOW}"
                    )
                })?);
            }
            "--seed" => {
                let v = value()?;
                seed = v.parse::<u64>().map_err(|_| {
                    format!("--seed attend un nombre entier positif, pas « {v} » ; {HOW}")
                })?;
            }
            "--out" => out = Some(value()?),
            _ => return Err(format!("argument « {arg} » inconnu pour generate ; {HOW}")),
        }
    }
    let count = count.ok_or_else(|| format!("indiquez le nombre de chantiers ; {HOW}"))?;
    Ok(Request { count, seed, out })
}

/// Writes the dataset as compact JSON, one chantier at a time (memory stays small
/// whatever the count).
fn write_dataset(out: &mut impl Write, count: usize, seed: u64) -> std::io::Result<()> {
    // The header is the dataset without chantiers, whose JSON ends with `[]}`.
    let header = serde_json::to_string(&generate::dataset(0, seed))?;
    let open = header
        .strip_suffix("]}")
        .ok_or_else(|| std::io::Error::other("en-tête JSON inattendu"))?;
    out.write_all(open.as_bytes())?;
    for i in 0..count {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &generate::chantier(i, seed))?;
    }
    out.write_all(b"]}\n")?;
    out.flush()
}

/// `agenda generate …`: 0 written, 2 wrong usage or writing impossible.
pub fn run(args: &[&str]) -> ExitCode {
    let request = match parse(args) {
        Ok(request) => request,
        Err(message) => return crate::usage_error(&message),
    };
    let written = match request.out {
        Some(path) => std::fs::File::create(path)
            .and_then(|file| write_dataset(&mut BufWriter::new(file), request.count, request.seed)),
        None => write_dataset(
            &mut BufWriter::new(std::io::stdout().lock()),
            request.count,
            request.seed,
        ),
    };
    match (written, request.out) {
        (Ok(()), Some(path)) => {
            eprintln!(
                "agenda : {} chantier(s) synthétique(s) (graine {}) écrits dans « {path} »",
                request.count, request.seed
            );
            ExitCode::SUCCESS
        }
        (Ok(()), None) => ExitCode::SUCCESS,
        // A closed pipe (`agenda generate … | head`) is not worth a message.
        (Err(e), None) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Err(e), path) => {
            let place = path.map_or("la sortie standard".to_string(), |p| format!("« {p} »"));
            eprintln!("agenda : impossible d'écrire dans {place} : {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_in_both_forms() {
        assert_eq!(
            parse(&["--count", "10", "--seed=7", "--out", "a.json"]),
            Ok(Request {
                count: 10,
                seed: 7,
                out: Some("a.json")
            })
        );
        assert_eq!(
            parse(&["--count=3"]),
            Ok(Request {
                count: 3,
                seed: 1,
                out: None
            })
        );
        assert!(parse(&[]).unwrap_err().contains("nombre de chantiers"));
        assert!(parse(&["--count", "dix"]).unwrap_err().contains("« dix »"));
        assert!(parse(&["--count", "1", "--seed"])
            .unwrap_err()
            .contains("--seed attend une valeur"));
        assert!(parse(&["--count", "1", "--vite"])
            .unwrap_err()
            .contains("« --vite »"));
    }

    #[test]
    fn the_streamed_file_is_the_generated_dataset_and_is_valid() {
        for (count, seed) in [(0, 1), (1, 5), (250, 42)] {
            let mut bytes = Vec::new();
            write_dataset(&mut bytes, count, seed).unwrap();
            let loaded = agenda_core::load(&bytes).unwrap();
            assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            assert_eq!(loaded.dataset, generate::dataset(count, seed));
        }
    }
}
