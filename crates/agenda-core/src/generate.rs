//! Synthetic datasets for benchmarks and load tests (feature `generate`).
//!
//! [`dataset`] builds a dataset of any size that passes every validation rule and
//! looks like the published one: the real vocabulary (16 themes, 22 carriers), every
//! nature, every date precision, periods, thresholds, 1 to 6 milestones per chantier
//! between 2017 and 2030, text lengths like the real entries' (titles of 30 to 100
//! characters, summaries of 100 to 350, one to three paragraphs of accented
//! French-looking words), one to three https sources.
//!
//! It is deterministic: the same `count` and `seed` give the same dataset on every
//! machine (a small [`SplitMix64`] generator, no dependency). Chantier `i` only
//! depends on `seed` and `i`, so a smaller dataset is the beginning of a larger one
//! with the same seed.
//!
//! ```
//! use agenda_core::generate;
//! let dataset = generate::dataset(50, 7);
//! assert_eq!(dataset.chantiers.len(), 50);
//! // Valid: loading its JSON reports no problem at all.
//! let json = serde_json::to_vec(&dataset).unwrap();
//! let loaded = agenda_core::load(&json).unwrap();
//! assert!(loaded.problems.is_empty());
//! assert_eq!(loaded.dataset, dataset);
//! ```

use chrono::{Days, NaiveDate};

use crate::date::{PartialDate, Precision};
use crate::model::{
    AudienceRule, AuthorityKind, Carrier, Chantier, Comparison, Concerned, ContributionChannel,
    Dataset, EpciKind, Measure, Milestone, Nature, Publisher, Source, SourceKind, Theme, Threshold,
    SCHEMA_VERSION,
};
use crate::search::fold;

/// The SplitMix64 pseudo-random generator: tiny, fast, and the same on every platform.
///
/// Not for cryptography; good enough to vary synthetic data.
///
/// ```
/// use agenda_core::generate::SplitMix64;
/// let mut a = SplitMix64::new(42);
/// let mut b = SplitMix64::new(42);
/// assert_eq!(a.next_u64(), b.next_u64());
/// let die = a.range(1, 6);
/// assert!((1..=6).contains(&die));
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), without modulo bias worth noticing.
    ///
    /// ```
    /// let mut rng = agenda_core::generate::SplitMix64::new(1);
    /// assert!((0..10).all(|_| rng.below(3) < 3));
    /// ```
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// `true` with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice, uniformly.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index in `0..n`, skewed towards small values (quadratic): with a word list
    /// ordered from common to rare, texts get a few frequent words and a long tail, as
    /// natural language does.
    pub fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n as u64);
        let b = self.below(n as u64);
        a.min(b) as usize
    }

    /// `k` distinct indices in `0..n` (`k` ≤ `n`), in drawing order.
    pub fn distinct(&mut self, k: usize, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.below(n as u64) as usize;
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

/// The day every generated dataset is published, and the latest `updated` day.
pub const PUBLISHED: (i32, u32, u32) = (2026, 11, 29);

/// First and last year of generated milestones.
pub const YEARS: (i32, i32) = (2017, 2030);

/// The themes of the published dataset.
pub const THEMES: [(&str, &str); 16] = [
    ("finances", "Finances et comptabilité"),
    ("commande-publique", "Commande publique"),
    ("urbanisme", "Urbanisme"),
    ("etat-civil-elections", "État civil et élections"),
    ("ressources-humaines", "Ressources humaines"),
    ("actes-legalite", "Actes et contrôle de légalité"),
    ("donnees", "Données et ouverture"),
    ("identite-numerique", "Identité numérique"),
    ("accessibilite", "Accessibilité numérique"),
    ("cybersecurite", "Cybersécurité"),
    ("reseaux-telecoms", "Réseaux et télécoms"),
    ("numerique-responsable", "Numérique responsable"),
    ("inclusion-numerique", "Inclusion numérique"),
    ("relation-usagers", "Relation aux usagers"),
    ("ia", "Intelligence artificielle"),
    ("conformite", "Conformité et RGPD"),
];

/// The carriers of the published dataset: code, label, full name.
pub const CARRIERS: [(&str, &str, &str); 22] = [
    ("dgfip", "DGFiP", "Direction générale des finances publiques"),
    ("aife", "AIFE", "Agence pour l'informatique financière de l'État"),
    ("dgcl", "DGCL", "Direction générale des collectivités locales"),
    ("dhup", "DHUP", "Direction de l'habitat, de l'urbanisme et des paysages"),
    ("daj", "DAJ", "Direction des affaires juridiques des ministères économiques et financiers"),
    ("dinum", "DINUM", "Direction interministérielle du numérique"),
    ("ditp", "DITP", "Direction interministérielle de la transformation publique"),
    ("anct", "ANCT", "Agence nationale de la cohésion des territoires"),
    ("ants", "France Titres (ANTS)", "Agence nationale des titres sécurisés"),
    ("interieur", "Intérieur", "Ministère de l'Intérieur"),
    ("justice", "Justice", "Ministère de la Justice"),
    ("insee", "Insee", "Institut national de la statistique et des études économiques"),
    ("ign", "IGN", "Institut national de l'information géographique et forestière"),
    ("dgafp", "DGAFP", "Direction générale de l'administration et de la fonction publique"),
    ("cnil", "CNIL", "Commission nationale de l'informatique et des libertés"),
    ("anssi", "ANSSI", "Agence nationale de la sécurité des systèmes d'information"),
    ("arcep", "Arcep", "Autorité de régulation des communications électroniques, des postes et de la distribution de la presse"),
    ("arcom", "Arcom", "Autorité de régulation de la communication audiovisuelle et numérique"),
    ("dge", "DGE", "Direction générale des entreprises"),
    ("transition-ecologique", "Transition écologique", "Ministère de la Transition écologique"),
    ("parlement", "Parlement", "Assemblée nationale et Sénat"),
    ("commission-europeenne", "Commission européenne", "Commission européenne (Union européenne)"),
];

/// Content words, from the most to the least frequent (see [`SplitMix64::skewed`]).
const WORDS: &[&str] = &[
    "collectivités",
    "numérique",
    "données",
    "service",
    "obligation",
    "communes",
    "électronique",
    "plateforme",
    "dématérialisation",
    "usagers",
    "agents",
    "publics",
    "déclaration",
    "téléservice",
    "transmission",
    "déploiement",
    "échéance",
    "État",
    "dispositif",
    "généralisation",
    "référentiel",
    "comptabilité",
    "marchés",
    "sécurité",
    "systèmes",
    "information",
    "démarches",
    "intercommunalités",
    "départements",
    "régions",
    "établissements",
    "portail",
    "expérimentation",
    "raccordement",
    "contrôle",
    "légalité",
    "actes",
    "budgétaires",
    "nomenclature",
    "archivage",
    "identité",
    "signature",
    "certificat",
    "hébergement",
    "souveraineté",
    "interopérabilité",
    "accessibilité",
    "conformité",
    "protection",
    "personnelles",
    "délégué",
    "ouverture",
    "publication",
    "subventions",
    "conventions",
    "autorisations",
    "urbanisme",
    "permis",
    "instruction",
    "guichet",
    "unique",
    "civil",
    "élections",
    "listes",
    "électorales",
    "répertoire",
    "recensement",
    "paiement",
    "recettes",
    "fiscalité",
    "dotations",
    "péréquation",
    "trésorerie",
    "ressources",
    "humaines",
    "carrière",
    "formation",
    "télétravail",
    "messagerie",
    "réseaux",
    "fibre",
    "débit",
    "couverture",
    "mobile",
    "inclusion",
    "médiation",
    "accompagnement",
    "financement",
    "appel",
    "projets",
    "lauréats",
    "programme",
    "stratégie",
    "nationale",
    "cybersécurité",
    "incidents",
    "vulnérabilités",
    "sauvegarde",
    "résilience",
    "sobriété",
    "énergétique",
    "matériels",
    "reconditionnés",
    "intelligence",
    "artificielle",
    "algorithmes",
    "transparence",
    "traçabilité",
    "qualité",
    "évaluation",
    "mutualisation",
    "opérateur",
    "prestataire",
    "éditeur",
    "logiciel",
    "version",
    "migration",
    "remplacement",
    "calendrier",
    "période",
    "transitoire",
    "décret",
    "arrêté",
    "ordonnance",
    "circulaire",
    "réglementaire",
    "européen",
    "directive",
    "règlement",
    "préfecture",
    "préfet",
    "comptable",
    "ordonnateur",
    "maire",
    "conseil",
    "municipal",
    "délibération",
    "assemblée",
    "élus",
    "citoyens",
    "entreprises",
    "fournisseurs",
    "acheteurs",
    "candidats",
    "offres",
    "consultation",
    "profil",
    "écoles",
    "collèges",
    "lycées",
    "bâtiments",
    "voirie",
    "déchets",
    "mobilités",
    "transports",
    "santé",
    "solidarités",
    "enfance",
    "famille",
    "habitat",
    "logement",
    "territoires",
    "ruraux",
    "quartiers",
    "prioritaires",
    "outre-mer",
    "cadastre",
    "géographique",
    "adresses",
    "bornes",
    "mairies",
    "titres",
    "passeports",
    "sépultures",
    "funéraires",
    "cimetières",
    "bibliothèques",
    "médiathèques",
    "musées",
    "patrimoine",
    "tourisme",
    "agriculture",
    "forêts",
    "littoral",
    "risques",
    "inondations",
    "sismiques",
    "météorologie",
    "vigilance",
    "alerte",
    "cellule",
    "crise",
    "astreinte",
    "téléphonie",
    "visioconférence",
    "parapheur",
    "coffre-fort",
    "horodatage",
    "scellement",
    "chiffrement",
    "authentification",
    "habilitations",
];

/// Small words that glue content words into French-looking phrases; an apostrophe
/// ending means elision (no space after).
const LINKS: &[&str] = &[
    "de", "des", "du", "la", "le", "les", "et", "pour", "aux", "par", "sur", "dans", "avec", "en",
    "au", "entre", "selon", "l'", "d'", "à", "sans", "après", "avant",
];

/// How milestone labels often start.
const MILESTONE_OPENINGS: &[&str] = &[
    "Entrée en vigueur",
    "Date limite",
    "Généralisation",
    "Fin",
    "Ouverture",
    "Publication",
    "Lancement",
    "Obligation",
    "Raccordement",
    "Arrêt",
    "Début de l'expérimentation",
    "Clôture de l'appel à projets",
    "Bascule",
];

/// Hosts of reference sources.
const SOURCE_HOSTS: &[&str] = &[
    "www.collectivites-locales.gouv.fr",
    "www.numerique.gouv.fr",
    "www.economie.gouv.fr",
    "cyber.gouv.fr",
    "www.cnil.fr",
    "agence-cohesion-territoires.gouv.fr",
    "www.vie-publique.fr",
    "www.senat.fr",
];

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Appends `word` to `out` (with a space unless after an elision).
fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() && !out.ends_with('\'') {
        out.push(' ');
    }
    out.push_str(word);
}

/// Short content words that complete a phrase that came out too short.
const FILLERS: &[&str] = &["élus", "actes", "données", "agents", "usagers", "communes"];

/// One word of a phrase.
struct Token {
    word: &'static str,
    link: bool,
    comma: bool,
}

fn render(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        push_word(&mut out, t.word);
        if t.comma && i + 1 < tokens.len() {
            out.push(',');
        }
    }
    out
}

fn starts_with_vowel(word: &str) -> bool {
    fold(word).starts_with(['a', 'e', 'i', 'o', 'u', 'h'])
}

/// French-looking words of `min..=max` characters in total (at least one word; no
/// capital, no final punctuation, never ending on a link word).
fn phrase(rng: &mut SplitMix64, min: usize, max: usize) -> String {
    let target = rng.range(min as u64, max as u64) as usize;
    let mut tokens: Vec<Token> = Vec::new();
    let mut length = 0;
    while length < target {
        let previous = tokens.last();
        let link = previous.is_some_and(|t| !t.link) && rng.percent(35);
        let word = if link {
            *rng.pick(LINKS)
        } else if previous.is_some_and(|t| t.word.ends_with('\'')) {
            // After an elision ("l'", "d'"), a word starting with a vowel.
            loop {
                let w = WORDS[rng.skewed(WORDS.len())];
                if starts_with_vowel(w) {
                    break w;
                }
            }
        } else {
            WORDS[rng.skewed(WORDS.len())]
        };
        let comma = !link && rng.percent(6);
        let separator = previous.is_some_and(|t| !t.word.ends_with('\''));
        length += usize::from(separator) + word.chars().count() + usize::from(comma);
        tokens.push(Token { word, link, comma });
    }
    loop {
        let text = render(&tokens);
        let length = text.chars().count();
        if tokens.len() > 1 && (length > max || tokens.last().is_some_and(|t| t.link)) {
            tokens.pop();
            continue;
        }
        if length < min {
            // Room for a space, the word, and the comma the previous word may regain.
            let room = max.saturating_sub(length + 2);
            let fitting: Vec<&'static str> = FILLERS
                .iter()
                .copied()
                .filter(|w| w.chars().count() <= room)
                .collect();
            if !fitting.is_empty() {
                let word = *rng.pick(&fitting);
                tokens.push(Token {
                    word,
                    link: false,
                    comma: false,
                });
                continue;
            }
        }
        return text;
    }
}

/// Sentences of `min..=max` characters in total (`max` - `min` ≥ 50), each
/// capitalised and ending with a full stop.
fn sentences(rng: &mut SplitMix64, min: usize, max: usize) -> String {
    let target = rng.range(min as u64, max as u64) as usize;
    let mut out = String::new();
    let mut length = 0;
    while length < target {
        let separator = usize::from(length > 0);
        // Characters left for the next phrase (its full stop aside).
        let room = max.saturating_sub(length + separator + 1);
        if room < 20 {
            break;
        }
        let wanted = target
            .saturating_sub(length + separator + 1)
            .clamp(20, room);
        let size = if wanted > 200 {
            rng.range(60, 180) as usize
        } else {
            wanted
        };
        let text = capitalise(&phrase(
            rng,
            size.saturating_sub(20).max(20).min(size),
            size,
        ));
        if separator == 1 {
            out.push(' ');
        }
        out.push_str(&text);
        out.push('.');
        length += separator + text.chars().count() + 1;
    }
    out
}

/// Lowercase ASCII words joined by hyphens, at most `max` characters.
fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in fold(text).split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if out.len() + word.len() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

fn day_between(rng: &mut SplitMix64, first: NaiveDate, last: NaiveDate) -> NaiveDate {
    let span = (last - first).num_days().max(0) as u64;
    first + Days::new(rng.below(span + 1))
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn precision(rng: &mut SplitMix64) -> Precision {
    match rng.below(100) {
        0..=54 => Precision::Day,
        55..=72 => Precision::Month,
        73..=84 => Precision::Quarter,
        85..=92 => Precision::Semester,
        _ => Precision::Year,
    }
}

fn nature(rng: &mut SplitMix64) -> Nature {
    match rng.below(100) {
        0..=51 => Nature::Obligation,
        52..=69 => Nature::Opportunity,
        70..=80 => Nature::EndOfService,
        _ => Nature::Information,
    }
}

fn threshold(rng: &mut SplitMix64) -> Threshold {
    if rng.percent(60) {
        Threshold {
            measure: Measure::Population,
            comparison: *rng.pick(&[
                Comparison::MoreThan,
                Comparison::AtLeast,
                Comparison::LessThan,
            ]),
            value: *rng.pick(&[1_000, 2_000, 3_500, 10_000, 20_000, 50_000, 100_000]),
        }
    } else {
        Threshold {
            measure: Measure::Staff,
            comparison: *rng.pick(&[
                Comparison::AtLeast,
                Comparison::MoreThan,
                Comparison::AtMost,
            ]),
            value: *rng.pick(&[20, 50, 350, 1_000]),
        }
    }
}

fn concerned(rng: &mut SplitMix64) -> Concerned {
    let count = rng.range(1, 5) as usize;
    let mut kinds: Vec<AuthorityKind> = rng
        .distinct(count, AuthorityKind::ALL.len())
        .into_iter()
        .map(|i| AuthorityKind::ALL[i])
        .collect();
    kinds.sort();
    let rules = kinds
        .into_iter()
        .map(|kind| {
            let epci_kinds = if kind == AuthorityKind::Epci && rng.percent(30) {
                let all = [
                    EpciKind::Cc,
                    EpciKind::Ca,
                    EpciKind::Cu,
                    EpciKind::Metropole,
                    EpciKind::Syndicat,
                ];
                let k = rng.range(1, 3) as usize;
                let mut picked: Vec<usize> = rng.distinct(k, all.len());
                picked.sort_unstable();
                picked.into_iter().map(|i| all[i]).collect()
            } else {
                Vec::new()
            };
            let thresholds = if kind != AuthorityKind::Other && rng.percent(20) {
                let first = threshold(rng);
                let mut list = vec![first];
                if rng.percent(25) {
                    let second = threshold(rng);
                    if second.measure != first.measure {
                        list.push(second);
                    }
                }
                list
            } else {
                Vec::new()
            };
            AudienceRule {
                kind,
                epci_kinds,
                thresholds,
            }
        })
        .collect();
    Concerned {
        rules,
        note: rng
            .percent(70)
            .then(|| capitalise(&phrase(rng, 25, 110)) + "."),
    }
}

fn milestones(rng: &mut SplitMix64, index: usize) -> Vec<Milestone> {
    let count = rng.range(1, 6) as usize;
    let (first_year, last_year) = YEARS;
    let (first, last) = (ymd(first_year, 1, 1), ymd(last_year, 12, 31));
    let mut list: Vec<Milestone> = (0..count)
        .map(|k| {
            // The first chantiers show every precision, whatever the draw.
            let precision = match (index, k) {
                (i, 0) if i < Precision::ALL.len() => Precision::ALL[i],
                _ => precision(rng),
            };
            let date = PartialDate::containing(day_between(rng, first, last), precision);
            let end = (rng.percent(12) || (index == 0 && k == 0)).then(|| {
                let from = date.last_day().max(date.first_day() + Days::new(30));
                let until = (from + Days::new(1500)).min(last);
                let day = day_between(rng, from.min(last), until);
                let end = PartialDate::containing(day, precision_for_end(rng));
                // The end reads after the start ("de mars 2024 à 2026"), else a day.
                if end.first_day() > date.first_day() {
                    end
                } else {
                    PartialDate::day(day)
                }
            });
            let opening = *rng.pick(MILESTONE_OPENINGS);
            let label = format!("{opening} {}", phrase(rng, 20, 120));
            Milestone {
                id: String::new(),
                label,
                date,
                end,
                details: rng.percent(10).then(|| sentences(rng, 80, 300)),
            }
        })
        .collect();
    list.sort_by_key(|m| m.date);
    for (k, m) in list.iter_mut().enumerate() {
        m.id = format!("{}-{}", slug(&m.label, 40), k + 1);
    }
    list
}

fn precision_for_end(rng: &mut SplitMix64) -> Precision {
    *rng.pick(&[
        Precision::Day,
        Precision::Month,
        Precision::Quarter,
        Precision::Semester,
        Precision::Year,
    ])
}

fn sources(rng: &mut SplitMix64, title: &str) -> Vec<Source> {
    (0..rng.range(1, 3))
        .map(|_| {
            if rng.percent(45) {
                let number = rng.range(10_000_000, 49_999_999);
                Source {
                    label: format!(
                        "{} n° {}-{} relatif {}",
                        rng.pick(&["Décret", "Arrêté", "Ordonnance", "Loi"]),
                        rng.range(2014, 2026),
                        rng.range(100, 1999),
                        phrase(rng, 20, 90)
                    ),
                    url: format!("https://www.legifrance.gouv.fr/jorf/id/JORFTEXT0000{number}"),
                    kind: SourceKind::Legal,
                }
            } else {
                Source {
                    label: capitalise(&phrase(rng, 30, 110)),
                    url: format!("https://{}/{}", rng.pick(SOURCE_HOSTS), slug(title, 60)),
                    kind: SourceKind::Reference,
                }
            }
        })
        .collect()
}

/// Chantier number `index` of the dataset generated from `seed`.
///
/// ```
/// use agenda_core::generate::chantier;
/// let c = chantier(3, 42);
/// assert_eq!(c, chantier(3, 42));
/// assert!(c.title.chars().count() >= 30 && c.title.chars().count() <= 100);
/// assert!((1..=6).contains(&c.milestones.len()));
/// ```
pub fn chantier(index: usize, seed: u64) -> Chantier {
    // One stream per chantier: entry `index` does not depend on the dataset's size.
    let mut rng = SplitMix64::new(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();

    let title = capitalise(&phrase(&mut rng, 30, 100));
    let id = format!("{}-{}", slug(&title, 50), index + 1);
    let summary = sentences(&mut rng, 100, 350);
    let description = (0..rng.range(1, 3))
        .map(|_| sentences(&mut rng, 120, 480))
        .collect();

    let carrier_count = rng_count(&mut rng, &[70, 25, 5]);
    let carriers = rng
        .distinct(carrier_count, CARRIERS.len())
        .into_iter()
        .map(|i| CARRIERS[i].0.to_string())
        .collect();
    let theme_count = rng_count(&mut rng, &[65, 28, 7]);
    let themes = rng
        .distinct(theme_count, THEMES.len())
        .into_iter()
        .map(|i| THEMES[i].0.to_string())
        .collect();
    let nature = match index {
        i if i < Nature::ALL.len() => Nature::ALL[i],
        _ => nature(&mut rng),
    };
    let concerned = concerned(&mut rng);
    let milestones = milestones(&mut rng, index);
    let sources = sources(&mut rng, &title);
    let contact = rng.percent(15).then(|| {
        format!(
            "contact-{}@{}.gouv.fr",
            slug(&title, 20),
            rng.pick(&["anct", "dinum", "dgfip", "interieur"])
        )
    });
    let (year, month, day) = PUBLISHED;
    let updated = day_between(&mut rng, ymd(2024, 1, 1), ymd(year, month, day));
    Chantier {
        id,
        title,
        summary,
        description,
        carriers,
        themes,
        nature,
        concerned,
        milestones,
        sources,
        contact,
        updated,
    }
}

/// 1, 2 or 3, with the given percentages.
fn rng_count(rng: &mut SplitMix64, weights: &[u64; 3]) -> usize {
    let draw = rng.below(weights.iter().sum());
    if draw < weights[0] {
        1
    } else if draw < weights[0] + weights[1] {
        2
    } else {
        3
    }
}

/// A valid dataset of `count` chantiers, the same for the same `seed`.
///
/// ```
/// use agenda_core::generate::dataset;
/// let a = dataset(20, 1);
/// assert_eq!(a, dataset(20, 1));
/// assert_ne!(a, dataset(20, 2));
/// // A smaller dataset is the beginning of a larger one.
/// assert_eq!(a.chantiers[..], dataset(30, 1).chantiers[..20]);
/// assert_eq!((a.themes.len(), a.carriers.len()), (16, 22));
/// ```
pub fn dataset(count: usize, seed: u64) -> Dataset {
    let (year, month, day) = PUBLISHED;
    Dataset {
        schema_version: SCHEMA_VERSION.to_string(),
        published: ymd(year, month, day),
        publisher: Publisher {
            name: "Jeu de données synthétique (agenda generate)".to_string(),
            url: None,
        },
        licence: "etalab-2.0".to_string(),
        contributions: Some(ContributionChannel {
            email: Some("agenda-numerique@anct.gouv.fr".to_string()),
            repository_url: None,
        }),
        themes: THEMES
            .iter()
            .map(|(code, label)| Theme {
                code: code.to_string(),
                label: label.to_string(),
            })
            .collect(),
        carriers: CARRIERS
            .iter()
            .map(|(code, label, name)| Carrier {
                code: code.to_string(),
                label: label.to_string(),
                name: Some(name.to_string()),
            })
            .collect(),
        chantiers: (0..count).map(|i| chantier(i, seed)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn generated_datasets_are_valid_for_several_seeds_and_sizes() {
        for (count, seed) in [(0, 1), (1, 1), (7, 2), (300, 3), (1_000, 42), (2_000, 2026)] {
            let dataset = dataset(count, seed);
            let json = serde_json::to_vec(&dataset).unwrap();
            let loaded = crate::load(&json).unwrap();
            let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
            assert_eq!(problems, Vec::<String>::new(), "count {count}, seed {seed}");
            assert_eq!(loaded.dataset, dataset, "count {count}, seed {seed}");
        }
    }

    #[test]
    fn generated_datasets_are_varied_and_within_the_real_ranges() {
        let dataset = dataset(2_000, 9);
        let chantiers = &dataset.chantiers;
        let natures: HashSet<_> = chantiers.iter().map(|c| c.nature).collect();
        assert_eq!(natures.len(), Nature::ALL.len());
        let milestones = || chantiers.iter().flat_map(|c| &c.milestones);
        let precisions: HashSet<_> = milestones().map(|m| m.date.precision()).collect();
        assert_eq!(precisions.len(), Precision::ALL.len());
        assert!(milestones().filter(|m| m.end.is_some()).count() > 100);
        let themes: HashSet<_> = chantiers.iter().flat_map(|c| &c.themes).collect();
        let carriers: HashSet<_> = chantiers.iter().flat_map(|c| &c.carriers).collect();
        assert_eq!((themes.len(), carriers.len()), (16, 22));
        let rules = || chantiers.iter().flat_map(|c| &c.concerned.rules);
        let measures: HashSet<_> = rules()
            .flat_map(|r| &r.thresholds)
            .map(|t| t.measure)
            .collect();
        assert_eq!(measures.len(), 2);
        assert!(rules().any(|r| !r.epci_kinds.is_empty()));
        for c in chantiers {
            let title = c.title.chars().count();
            let summary = c.summary.chars().count();
            assert!((30..=100).contains(&title), "{title}: {}", c.title);
            assert!((100..=350).contains(&summary), "{summary}: {}", c.summary);
            assert!((1..=3).contains(&c.description.len()));
            assert!((1..=6).contains(&c.milestones.len()));
            assert!((1..=3).contains(&c.sources.len()));
            assert!(c.sources.iter().all(|s| s.url.starts_with("https://")));
            for m in &c.milestones {
                let last = m.end.unwrap_or(m.date).last_day();
                assert!(m.date.year() >= YEARS.0 && last <= ymd(YEARS.1, 12, 31));
            }
        }
        let text: String = chantiers.iter().map(|c| c.summary.as_str()).collect();
        assert!(text.contains('é') && text.contains('è') && text.contains('\''));
    }

    #[test]
    fn phrases_respect_their_bounds() {
        let mut rng = SplitMix64::new(5);
        for _ in 0..5_000 {
            let p = phrase(&mut rng, 30, 100);
            let n = p.chars().count();
            assert!((30..=100).contains(&n), "{n}: {p}");
            assert!(
                !p.ends_with(',') && !p.ends_with('\'') && !p.starts_with(' '),
                "{p}"
            );
            let s = sentences(&mut rng, 100, 350);
            let n = s.chars().count();
            assert!((100..=350).contains(&n), "{n}: {s}");
        }
    }
}
