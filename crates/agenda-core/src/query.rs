//! Every view is a URL: the agenda's state as a URL query, parsed and printed.
//!
//! [`AgendaQuery::parse`] and [`AgendaQuery::to_query_string`] are inverses on every
//! value the app can produce (see the round-trip tests). Parsing never fails: an
//! unknown parameter or a malformed value is dropped and the rest kept, because a
//! mistyped shared link should still show the agenda.
//!
//! | parameter | value                                   | example                  |
//! |-----------|-----------------------------------------|--------------------------|
//! | `q`       | free text                               | `q=facture%20electronique` |
//! | `theme`   | theme codes, comma-separated            | `theme=finances,urbanisme` |
//! | `periode` | `6-mois`, `12-mois`, `annee`, `passe`   | `periode=12-mois`        |
//! | `du`,`au` | months `AAAA-MM` (when no `periode`)    | `du=2025-01&au=2026-12`  |
//! | `porteur` | carrier codes                           | `porteur=dgfip`          |
//! | `nature`  | nature codes                            | `nature=obligation`      |
//! | `public`  | kinds of authority                      | `public=commune,epci`    |
//! | `statut`  | `a-venir`, `en-cours`, `passe`          | `statut=a-venir`         |
//! | `vue`     | `liste` (default) or `frise`            | `vue=frise`              |
//! | `passes`  | `1` to show past milestones             | `passes=1`               |
//! | `nouveautes` | `1`: only what changed since the last visit | `nouveautes=1`       |
//! | `collectivite`, `epci`, `habitants`, `agents` | "ma collectivité" | `collectivite=commune&habitants=5200` |
//! | `zoom`    | frise zoom: `annee` (default), `trimestre`, `mois` | `zoom=trimestre` |
//! | `debut`   | frise's first month `AAAA-MM`           | `debut=2026-01`          |

use crate::filter::{Filter, Period, PeriodPreset, YearMonth};
use crate::frise::Zoom;
use crate::model::EpciKind;
use crate::model::{AuthorityKind, Dataset, Nature};
use crate::profile::Profile;
use crate::status::Status;
use crate::validate::is_slug;

/// How the agenda is displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// The chronological list (default, and the accessible equivalent of the frise).
    #[default]
    List,
    /// The horizontal overview.
    Frise,
}

/// The agenda's whole state, as carried by its URL.
///
/// ```
/// use agenda_core::AgendaQuery;
/// let q = AgendaQuery::parse("?q=d%C3%A9mat&theme=urbanisme,finances&periode=12-mois&oops=1");
/// assert_eq!(q.filter.text, "démat");
/// assert_eq!(q.filter.themes.len(), 2);
/// assert_eq!(q.to_query_string(), "q=d%C3%A9mat&theme=finances,urbanisme&periode=12-mois");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgendaQuery {
    /// The filters.
    pub filter: Filter,
    /// The display.
    pub view: View,
    /// Whether past milestones are expanded.
    pub show_past: bool,
    /// Only what changed since the user's last visit (the day is the browser's).
    pub only_new: bool,
    /// The frise's zoom level.
    pub zoom: Zoom,
    /// The frise's first visible month (`None`: around today).
    pub window_start: Option<YearMonth>,
}

/// A count written in plain digits (no sign, no separator), as `habitants=5200`.
fn number(value: &str) -> Option<u32> {
    (!value.is_empty() && value.len() <= 9 && value.bytes().all(|b| b.is_ascii_digit()))
        .then(|| value.parse().ok())
        .flatten()
}

fn codes(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').filter(|c| is_slug(c))
}

impl AgendaQuery {
    /// Reads a URL query (with or without the leading `?`). Never fails.
    pub fn parse(query: &str) -> AgendaQuery {
        let mut q = AgendaQuery::default();
        let (mut preset, mut from, mut to) = (None, None, None);
        let (mut kind, mut epci_kind, mut population, mut staff) = (None, None, None, None);
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            let f = &mut q.filter;
            match decode(key).as_str() {
                "q" => f.text = value,
                "theme" => f.themes.extend(codes(&value).map(str::to_string)),
                "porteur" => f.carriers.extend(codes(&value).map(str::to_string)),
                "nature" => f
                    .natures
                    .extend(value.split(',').filter_map(Nature::from_code)),
                "public" => f
                    .kinds
                    .extend(value.split(',').filter_map(AuthorityKind::from_code)),
                "statut" => f
                    .statuses
                    .extend(value.split(',').filter_map(Status::from_code)),
                "periode" => preset = PeriodPreset::from_code(&value).or(preset),
                "du" => from = value.parse().ok().or(from),
                "au" => to = value.parse().ok().or(to),
                "vue" if value == "frise" => q.view = View::Frise,
                "vue" if value == "liste" => q.view = View::List,
                "passes" if value == "1" => q.show_past = true,
                "nouveautes" if value == "1" => q.only_new = true,
                "zoom" => q.zoom = Zoom::from_code(&value).unwrap_or(q.zoom),
                "debut" => q.window_start = value.parse().ok().or(q.window_start),
                "collectivite" => kind = AuthorityKind::from_code(&value).or(kind),
                "epci" => epci_kind = EpciKind::from_code(&value).or(epci_kind),
                "habitants" => population = number(&value).or(population),
                "agents" => staff = number(&value).or(staff),
                _ => {}
            }
        }
        q.filter.profile = kind.map(|kind| Profile {
            kind,
            epci_kind: epci_kind.filter(|_| kind == AuthorityKind::Epci),
            population,
            staff,
        });
        q.filter.period = match (preset, from, to) {
            (Some(p), _, _) => Period::Preset(p),
            (None, from, to) => Period::months(from, to),
        };
        q
    }

    /// Prints the query, without `?`, in a canonical order; empty for the default.
    pub fn to_query_string(&self) -> String {
        let mut query = String::new();
        let f = &self.filter;
        let mut list = |key: &str, values: Vec<&str>| {
            if values.is_empty() {
                return;
            }
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(key);
            query.push('=');
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    query.push(',');
                }
                push_encoded(&mut query, value, b"");
            }
        };
        if !f.text.is_empty() {
            list("q", vec![&f.text]);
        }
        list("theme", f.themes.iter().map(String::as_str).collect());
        match f.period {
            Period::Any => {}
            Period::Preset(p) => list("periode", vec![p.code()]),
            Period::Months { from, to } => {
                let (from, to) = (from.map(|m| m.to_string()), to.map(|m| m.to_string()));
                list("du", from.as_deref().into_iter().collect());
                list("au", to.as_deref().into_iter().collect());
            }
        }
        list("porteur", f.carriers.iter().map(String::as_str).collect());
        list("nature", f.natures.iter().map(|n| n.code()).collect());
        list("public", f.kinds.iter().map(|k| k.code()).collect());
        list("statut", f.statuses.iter().map(|s| s.code()).collect());
        if self.view == View::Frise {
            list("vue", vec!["frise"]);
        }
        if self.show_past {
            list("passes", vec!["1"]);
        }
        if self.only_new {
            list("nouveautes", vec!["1"]);
        }
        if let Some(p) = &f.profile {
            list("collectivite", vec![p.kind.code()]);
            list("epci", p.epci_kind.iter().map(|k| k.code()).collect());
            let (population, staff) = (
                p.population.map(|n| n.to_string()),
                p.staff.map(|n| n.to_string()),
            );
            list("habitants", population.as_deref().into_iter().collect());
            list("agents", staff.as_deref().into_iter().collect());
        }
        if self.zoom != Zoom::default() {
            list("zoom", vec![self.zoom.code()]);
        }
        let start = self.window_start.map(|m| m.to_string());
        list("debut", start.as_deref().into_iter().collect());
        query
    }

    /// Drops theme and carrier codes the dataset does not know, so a stale link
    /// does not silently show nothing.
    ///
    /// ```
    /// use agenda_core::AgendaQuery;
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let mut q = AgendaQuery::parse("theme=finances,nimporte-quoi");
    /// q.retain_known(&dataset);
    /// assert_eq!(q.to_query_string(), "theme=finances");
    /// ```
    pub fn retain_known(&mut self, dataset: &Dataset) {
        self.filter
            .themes
            .retain(|t| dataset.themes.iter().any(|x| &x.code == t));
        self.filter
            .carriers
            .retain(|c| dataset.carriers.iter().any(|x| &x.code == c));
    }
}

/// Percent-encodes a query value: unreserved characters stay, the rest is UTF-8
/// bytes as `%XX` (so `,` and `&` inside free text survive).
///
/// ```
/// assert_eq!(agenda_core::query::encode("é, b&c"), "%C3%A9%2C%20b%26c");
/// ```
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_encoded(&mut out, value, b"");
    out
}

/// Appends `value` percent-encoded to `out`, as [`encode`] does, leaving the bytes of
/// `keep` as they are too (`@` in a `mailto:` address).
pub(crate) fn push_encoded(out: &mut String, value: &str, keep: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

/// Decodes a query value: `%XX` sequences and `+` as space. Malformed escapes are
/// kept literally, and so are all the escapes of a value they would not make UTF-8.
///
/// ```
/// assert_eq!(agenda_core::query::decode("d%C3%A9mat+ads"), "démat ads");
/// assert_eq!(agenda_core::query::decode("100%"), "100%");
/// assert_eq!(agenda_core::query::decode("d%E9mat+ads"), "d%E9mat ads");
/// ```
pub fn decode(value: &str) -> String {
    percent_decode(value, true)
}

/// `%XX` sequences decoded, and `+` as a space where `plus_is_space` (a query, not a
/// path).
pub(crate) fn percent_decode(value: &str, plus_is_space: bool) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| {
        // Escapes that are not UTF-8 (`%E9`, Latin-1 in an old link) stay as written,
        // where the user sees them and can correct them.
        value
            .chars()
            .map(|c| if plus_is_space && c == '+' { ' ' } else { c })
            .collect()
    })
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// An active filter as the user sees it, and the query without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveFilter {
    /// French label: "Thème : Finances", "Recherche : « démat »".
    pub label: String,
    /// The same query with this filter removed.
    pub without: AgendaQuery,
}

impl AgendaQuery {
    /// The query with every filter removed, the display kept.
    ///
    /// ```
    /// use agenda_core::{AgendaQuery, View};
    /// let q = AgendaQuery::parse("q=x&vue=frise");
    /// assert_eq!(q.cleared().to_query_string(), "vue=frise");
    /// ```
    pub fn cleared(&self) -> AgendaQuery {
        AgendaQuery {
            // "Ma collectivité" is described once and kept; it has its own tag.
            filter: Filter {
                profile: self.filter.profile,
                ..Filter::default()
            },
            only_new: false,
            ..self.clone()
        }
    }

    /// Every active filter, each with the query that removes it, in display order.
    ///
    /// ```
    /// use agenda_core::AgendaQuery;
    /// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
    /// let dataset = agenda_core::load(&bytes).unwrap().dataset;
    /// let q = AgendaQuery::parse("q=demat&nature=obligation&periode=12-mois");
    /// let labels: Vec<String> = q.active_filters(&dataset).into_iter().map(|f| f.label).collect();
    /// assert_eq!(labels, ["Recherche : « demat »", "Période : 12 prochains mois", "Nature : Obligation réglementaire"]);
    /// ```
    pub fn active_filters(&self, dataset: &Dataset) -> Vec<ActiveFilter> {
        let mut out = Vec::new();
        let f = &self.filter;
        if self.only_new {
            let mut without = self.clone();
            without.only_new = false;
            out.push(ActiveFilter {
                label: "Nouveautés depuis votre dernière visite".into(),
                without,
            });
        }
        let mut push = |label: String, change: &dyn Fn(&mut Filter)| {
            let mut without = self.clone();
            change(&mut without.filter);
            out.push(ActiveFilter { label, without });
        };
        if !f.text.trim().is_empty() {
            push(format!("Recherche : « {} »", f.text.trim()), &|f| {
                f.text.clear()
            });
        }
        match f.period {
            Period::Any => {}
            Period::Preset(p) => push(format!("Période : {}", p.label_fr()), &|f| {
                f.period = Period::Any
            }),
            Period::Months { from, to } => {
                if let Some(from) = from {
                    push(format!("Depuis : {}", from.label_fr()), &|f| {
                        f.period = Period::months(None, to);
                    });
                }
                if let Some(to) = to {
                    push(format!("Jusqu'à : {}", to.label_fr()), &|f| {
                        f.period = Period::months(from, None);
                    });
                }
            }
        }
        if let Some(p) = &f.profile {
            push(format!("Ma collectivité : {}", p.describe_fr()), &|f| {
                f.profile = None
            });
        }
        for code in &f.themes {
            let label = dataset
                .themes
                .iter()
                .find(|t| &t.code == code)
                .map_or(code.as_str(), |t| t.label.as_str());
            push(format!("Thème : {label}"), &|f| {
                f.themes.remove(code);
            });
        }
        for code in &f.carriers {
            let label = dataset
                .carriers
                .iter()
                .find(|c| &c.code == code)
                .map_or(code.as_str(), |c| c.label.as_str());
            push(format!("Porteur : {label}"), &|f| {
                f.carriers.remove(code);
            });
        }
        for nature in &f.natures {
            push(format!("Nature : {}", nature.label_fr()), &|f| {
                f.natures.remove(nature);
            });
        }
        for kind in &f.kinds {
            push(format!("Public : {}", kind.label_fr()), &|f| {
                f.kinds.remove(kind);
            });
        }
        for status in &f.statuses {
            push(format!("Statut : {}", status.label_fr()), &|f| {
                f.statuses.remove(status);
            });
        }
        out
    }
}
