//! Atom (RFC 4287): the chantiers most recently updated, for feed readers.
//!
//! One entry per chantier, newest `updated` first (ties by identifier), at most
//! [`FeedOptions::limit`]. An entry's `id` is its chantier's page address, so an
//! updated chantier is the same entry with a newer `updated`. Dates are days, written
//! as midnight UTC (`2026-11-29T00:00:00Z`). Its content is plain text: the summary,
//! the milestones still to come (upcoming or ongoing on [`FeedOptions::today`]) and the
//! page's address.
//!
//! All text is XML-escaped (`&`, `<`, `>`, `"`, `'`), and characters XML 1.0 forbids
//! (control characters but tab and line breaks, U+FFFE, U+FFFF) are dropped, so any
//! dataset gives a well-formed document.
//!
//! ```
//! use agenda_core::export::atom::{feed, FeedOptions};
//! let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
//! let dataset = agenda_core::load(&bytes).unwrap().dataset;
//! let options = FeedOptions::new("https://agenda.example.gouv.fr/",
//!     "https://agenda.example.gouv.fr/nouveautes.atom", dataset.published);
//! let xml = feed(&dataset, &options);
//! assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
//! assert_eq!(xml.matches("<entry>").count(), dataset.chantiers.len().min(50));
//! ```

use chrono::NaiveDate;

use crate::join::join;
use crate::model::{Chantier, Dataset};
use crate::status::{milestone_status, Status};

use super::{chantier_url, escape_markup, theme_labels, with_trailing_slash};

/// The feed's title.
///
/// ```
/// assert!(agenda_core::export::atom::FEED_TITLE.ends_with("— nouveautés"));
/// ```
pub const FEED_TITLE: &str = "Agenda numérique des collectivités — nouveautés";

/// How many entries a feed holds unless told otherwise.
///
/// ```
/// assert_eq!(agenda_core::export::atom::DEFAULT_LIMIT, 50);
/// ```
pub const DEFAULT_LIMIT: usize = 50;

/// What a feed needs besides the dataset.
///
/// ```
/// use agenda_core::export::atom::FeedOptions;
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
/// let options = FeedOptions { limit: 10, ..FeedOptions::new("https://a.fr/", "https://a.fr/nouveautes.atom", today) };
/// assert_eq!(options.limit, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOptions {
    /// The site's absolute address: the feed's `id` and `alternate` link, and the base
    /// of chantier pages.
    pub site_url: String,
    /// Where the feed itself is served (`rel="self"`).
    pub feed_url: String,
    /// The day "milestones to come" are reckoned from (the domain has no clock).
    pub today: NaiveDate,
    /// The most entries to include.
    pub limit: usize,
}

impl FeedOptions {
    /// Options with the default limit ([`DEFAULT_LIMIT`]).
    ///
    /// ```
    /// use agenda_core::export::atom::FeedOptions;
    /// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    /// let o = FeedOptions::new("https://a.fr/", "https://a.fr/nouveautes.atom", today);
    /// assert_eq!(o.limit, 50);
    /// ```
    pub fn new(site_url: impl Into<String>, feed_url: impl Into<String>, today: NaiveDate) -> Self {
        FeedOptions {
            site_url: site_url.into(),
            feed_url: feed_url.into(),
            today,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// The indexes of the chantiers a feed lists, newest update first (ties by
/// identifier, then dataset order), at most `limit`.
///
/// ```
/// let bytes = std::fs::read("../../public/data/agenda.json").unwrap();
/// let dataset = agenda_core::load(&bytes).unwrap().dataset;
/// let order = agenda_core::export::atom::newest_first(&dataset, 3);
/// assert_eq!(order.len(), 3);
/// let updated = |i: usize| dataset.chantiers[i].updated;
/// assert!(updated(order[0]) >= updated(order[1]) && updated(order[1]) >= updated(order[2]));
/// ```
pub fn newest_first(dataset: &Dataset, limit: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..dataset.chantiers.len()).collect();
    let chantiers = &dataset.chantiers;
    order.sort_by(|&a, &b| {
        chantiers[b]
            .updated
            .cmp(&chantiers[a].updated)
            .then_with(|| chantiers[a].id.cmp(&chantiers[b].id))
            .then_with(|| a.cmp(&b))
    });
    order.truncate(limit);
    order
}

/// The Atom document of the dataset's most recently updated chantiers.
///
/// ```
/// use agenda_core::export::atom::{feed, FeedOptions};
/// let json = r#"{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"ANCT"},
///   "licence":"etalab-2.0","themes":[],"carriers":[],"chantiers":[{"id":"budget",
///   "title":"Budget <b> & co","summary":"Le « budget ».","carriers":[],"themes":[],
///   "nature":"obligation","concerned":{"rules":[]},"updated":"2026-10-15",
///   "milestones":[{"id":"vote","label":"Vote","date":"2027"}]}]}"#;
/// let dataset: agenda_core::Dataset = serde_json::from_str(json).unwrap();
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
/// let xml = feed(&dataset, &FeedOptions::new("https://a.fr/", "https://a.fr/nouveautes.atom", today));
/// assert!(xml.contains("<title>Budget &lt;b&gt; &amp; co</title>"));
/// assert!(xml.contains("<updated>2026-10-15T00:00:00Z</updated>"));
/// assert!(xml.contains(r#"<link rel="alternate" type="text/html" href="https://a.fr/chantiers/budget"/>"#));
/// assert!(xml.contains("- 2027 : Vote"));
/// ```
pub fn feed(dataset: &Dataset, options: &FeedOptions) -> String {
    let site = with_trailing_slash(&options.site_url);
    let order = newest_first(dataset, options.limit);
    let updated = order
        .first()
        .map_or(dataset.published, |&i| dataset.chantiers[i].updated);

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n");
    element(&mut out, 1, "id", &site);
    element(&mut out, 1, "title", FEED_TITLE);
    element(
        &mut out,
        1,
        "subtitle",
        "Les chantiers de dématérialisation de l'État pour les collectivités, du plus récemment mis à jour au plus ancien",
    );
    element(&mut out, 1, "updated", &rfc3339(updated));
    link(
        &mut out,
        1,
        "self",
        "application/atom+xml",
        &options.feed_url,
    );
    link(&mut out, 1, "alternate", "text/html", &site);
    out.push_str("  <author>\n");
    element(&mut out, 2, "name", &dataset.publisher.name);
    if let Some(url) = &dataset.publisher.url {
        element(&mut out, 2, "uri", url);
    }
    out.push_str("  </author>\n");
    element(
        &mut out,
        1,
        "rights",
        &format!("Licence : {}", dataset.licence),
    );
    for i in order {
        entry(
            &mut out,
            dataset,
            &dataset.chantiers[i],
            &site,
            options.today,
        );
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, dataset: &Dataset, chantier: &Chantier, site: &str, today: NaiveDate) {
    let url = chantier_url(site, &chantier.id);
    out.push_str("  <entry>\n");
    element(out, 2, "id", &url);
    element(out, 2, "title", &chantier.title);
    element(out, 2, "updated", &rfc3339(chantier.updated));
    link(out, 2, "alternate", "text/html", &url);
    for (code, label) in chantier.themes.iter().zip(theme_labels(dataset, chantier)) {
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            escape_markup(code),
            escape_markup(label)
        ));
    }
    element(out, 2, "summary", &chantier.summary);
    out.push_str("    <content type=\"text\">");
    out.push_str(&escape_markup(&content(chantier, &url, today)));
    out.push_str("</content>\n");
    out.push_str("  </entry>\n");
}

/// The entry's plain-text content: summary, nature, milestones to come, page.
fn content(chantier: &Chantier, url: &str, today: NaiveDate) -> String {
    let mut text = format!(
        "{}\n\nNature : {}\n\n",
        chantier.summary.trim(),
        chantier.nature.label_fr()
    );
    let to_come: Vec<String> = chantier
        .milestones
        .iter()
        .filter(|m| milestone_status(m, today) != Status::Past)
        .map(|m| format!("- {} : {}", m.when_fr(), m.label.trim()))
        .collect();
    if to_come.is_empty() {
        text.push_str(&format!(
            "Aucun jalon à venir au {}.",
            crate::french::day(today)
        ));
    } else {
        text.push_str("Prochains jalons :\n");
        text.push_str(&join(&to_come, "\n"));
    }
    text.push_str(&format!("\n\nFiche du chantier : {url}"));
    text
}

fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(&format!("<{name}>{}</{name}>\n", escape_markup(text)));
}

fn link(out: &mut String, depth: usize, rel: &str, kind: &str, href: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(&format!(
        "<link rel=\"{rel}\" type=\"{kind}\" href=\"{}\"/>\n",
        escape_markup(href)
    ));
}

/// A day as an RFC 3339 instant, midnight UTC.
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
/// assert_eq!(agenda_core::export::atom::rfc3339(d), "2026-11-29T00:00:00Z");
/// ```
pub fn rfc3339(day: NaiveDate) -> String {
    format!("{day}T00:00:00Z")
}
