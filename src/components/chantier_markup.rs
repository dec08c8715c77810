//! A chantier's page as HTML text: title, badges, summary, themes, its "Calendrier",
//! description, who is concerned, who carries it, its sources. One rendering for the
//! page (`pages/chantier.rs`) and the editor's preview of it.
//!
//! Why not `view!`: nothing of it changes while it is shown, and its dozens of
//! elements as Leptos views cost about 14 kB of the agenda's gzipped wasm (README,
//! "Performance"). Every text from the dataset goes through [`escape_markup`]; links
//! go out only to `http(s)` addresses.

use agenda_core::export::escape_markup;
use agenda_core::{milestone_status, Chantier, Dataset, Milestone, Source, Status};
use chrono::NaiveDate;

use crate::components::badges::{nature_badge_html, status_badge_html, theme_tags_html};

/// Where the page stands in its document.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// The title's tag and class, and its id if something names the page by it.
    pub title: (&'static str, &'static str, Option<&'static str>),
    /// The sections' headings: tag and class.
    pub section: (&'static str, &'static str),
    /// Whether milestones get an id (`jalon-{id}`) a link can point to.
    pub anchors: bool,
    /// Whether the contact and the last update are shown (the editor's preview shows
    /// the contact being entered; the page, the day of its last update).
    pub preview: bool,
}

/// The page of its own: `h1`, then `h2` sections.
pub const PAGE: Placement = Placement {
    title: ("h1", "", None),
    section: ("h2", "fr-h4"),
    anchors: true,
    preview: false,
};

/// The editor's preview, under the editor's own `h3`.
pub const PREVIEW: Placement = Placement {
    title: ("h4", "fr-h3", Some("apercu-fiche-titre")),
    section: ("h5", "fr-h6"),
    anchors: false,
    preview: true,
};

/// The chantier's page, its status on `today` being `status`.
pub fn detail_html(
    dataset: &Dataset,
    chantier: &Chantier,
    status: Status,
    today: NaiveDate,
    at: Placement,
) -> String {
    let mut out = String::with_capacity(4096);
    let (tag, class, id) = at.title;
    let id = id.map(|id| format!(r#" id="{id}""#)).unwrap_or_default();
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(r#" class="{class}""#)
    };
    out.push_str(&format!(
        "<{tag}{class}{id}>{}</{tag}>",
        escape_markup(&chantier.title)
    ));
    out.push_str(r#"<div class="agenda-detail__badges">"#);
    nature_badge_html(&mut out, chantier.nature);
    status_badge_html(&mut out, status, false);
    out.push_str(&format!(
        r#"</div><p class="fr-text--lead">{}</p>"#,
        escape_markup(&chantier.summary)
    ));
    theme_tags_html(&mut out, &dataset.theme_labels(&chantier.themes));

    let heading = |out: &mut String, text: &str| {
        let (tag, class) = at.section;
        out.push_str(&format!(r#"<{tag} class="{class}">{text}</{tag}>"#));
    };
    out.push_str(r#"<div class="fr-grid-row fr-grid-row--gutters fr-mt-2w"><div class="fr-col-12 fr-col-md-7">"#);
    heading(&mut out, "Calendrier");
    out.push_str(r#"<ol class="agenda-detail__milestones">"#);
    for milestone in &chantier.milestones {
        milestone_html(&mut out, milestone, today, at.anchors);
    }
    out.push_str("</ol>");
    if !chantier.description.is_empty() {
        heading(&mut out, "Description");
        for paragraph in &chantier.description {
            out.push_str(&format!("<p>{}</p>", escape_markup(paragraph)));
        }
    }
    out.push_str(r#"</div><div class="fr-col-12 fr-col-md-5">"#);
    heading(&mut out, "Qui est concerné ?");
    list_html(&mut out, &chantier.audience_fr());
    if let Some(note) = &chantier.concerned.note {
        out.push_str(&format!(
            r#"<p class="fr-text--sm">{}</p>"#,
            escape_markup(note)
        ));
    }
    heading(&mut out, "Porté par");
    let carriers: Vec<String> = dataset
        .carriers_of(&chantier.carriers)
        .into_iter()
        .map(|c| c.full_name())
        .collect();
    list_html(&mut out, &carriers);
    if !chantier.sources.is_empty() {
        heading(&mut out, "Sources et textes de référence");
        sources_html(&mut out, &chantier.sources);
    }
    if at.preview {
        if let Some(contact) = &chantier.contact {
            out.push_str(&format!(
                r#"<p class="fr-text--sm">Contact : {}</p>"#,
                escape_markup(contact)
            ));
        }
    } else {
        out.push_str(&format!(
            r#"<p class="fr-text--sm">Dernière mise à jour : <time datetime="{}">{}</time></p>"#,
            chantier.updated,
            escape_markup(&agenda_core::french::day(chantier.updated)),
        ));
    }
    out.push_str("</div></div>");
    out
}

fn list_html(out: &mut String, items: &[String]) {
    out.push_str("<ul>");
    for item in items {
        out.push_str(&format!("<li>{}</li>", escape_markup(item)));
    }
    out.push_str("</ul>");
}

/// One milestone of the "Calendrier": date at its precision, status, label, details.
fn milestone_html(out: &mut String, milestone: &Milestone, today: NaiveDate, anchor: bool) {
    let status = milestone_status(milestone, today);
    let id = if anchor {
        format!(r#" id="jalon-{}""#, escape_markup(&milestone.id))
    } else {
        String::new()
    };
    out.push_str(&format!(
        r#"<li class="agenda-detail__milestone agenda-item--{}"{id}><p class="agenda-item__date"><time datetime="{}">{}</time> "#,
        status.code(),
        escape_markup(&milestone.date.html_datetime()),
        escape_markup(&milestone.when_fr()),
    ));
    status_badge_html(out, status, true);
    out.push_str(&format!(
        r#"</p><p class="agenda-detail__milestone-label">{}</p>"#,
        escape_markup(&milestone.label)
    ));
    if let Some(details) = &milestone.details {
        out.push_str(&format!(
            r#"<p class="fr-text--sm">{}</p>"#,
            escape_markup(details)
        ));
    }
    out.push_str("</li>");
}

/// "Texte juridique : Décret n° …", one item per source, each an external link.
fn sources_html(out: &mut String, sources: &[Source]) {
    out.push_str(r#"<ul class="agenda-detail__sources">"#);
    for source in sources {
        out.push_str(&format!(
            r#"<li><span class="agenda-detail__source-kind">{} : </span>"#,
            source.kind.label_fr()
        ));
        external_link_html(out, &source.url, &source.label);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// A link to another site: only http(s) (validated at load), new tab, no referrer
/// leak, and announced as opening a new window; plain text for any other address.
pub fn external_link_html(out: &mut String, url: &str, label: &str) {
    let label = escape_markup(label);
    if agenda_core::validate::is_safe_url(url) {
        out.push_str(&format!(
            r#"<a href="{}" target="_blank" rel="noopener noreferrer" title="{label} — nouvelle fenêtre">{label}</a>"#,
            escape_markup(url)
        ));
    } else {
        out.push_str(&format!("<span>{label}</span>"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Dataset {
        let bytes = std::fs::read("public/data/agenda.json").expect("the shipped dataset");
        agenda_core::load(&bytes).expect("valid").dataset
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn the_page_has_its_sections_at_its_heading_levels() {
        let dataset = shipped();
        let chantier = dataset
            .chantiers
            .iter()
            .find(|c| !c.sources.is_empty() && !c.description.is_empty())
            .expect("a chantier with sources");
        let status = agenda_core::chantier_status(chantier, today());
        let page = detail_html(&dataset, chantier, status, today(), PAGE);
        assert!(page.starts_with(&format!("<h1>{}</h1>", escape_markup(&chantier.title))));
        for section in [
            "Calendrier",
            "Description",
            "Qui est concerné ?",
            "Porté par",
            "Sources et textes de référence",
        ] {
            assert!(
                page.contains(&format!(r#"<h2 class="fr-h4">{section}</h2>"#)),
                "{section}"
            );
        }
        assert_eq!(
            page.matches("<li class=\"agenda-detail__milestone").count(),
            chantier.milestones.len()
        );
        assert!(page.contains(&format!(r#" id="jalon-{}""#, chantier.milestones[0].id)));
        assert!(page.contains("Dernière mise à jour : <time datetime="));
        // The date line is one paragraph: a paragraph inside it would be split by the
        // HTML parser, and the badge would leave the line.
        for line in page.split(r#"<p class="agenda-item__date">"#).skip(1) {
            let line = &line[..line.find("</p>").unwrap()];
            assert!(!line.contains("<p"), "{line}");
            assert!(line.contains(r#"<span class="fr-badge"#), "{line}");
        }
        assert_eq!(
            page.matches(r#"target="_blank" rel="noopener noreferrer""#)
                .count(),
            chantier.sources.len()
        );

        let preview = detail_html(&dataset, chantier, status, today(), PREVIEW);
        assert!(preview.starts_with(r#"<h4 class="fr-h3" id="apercu-fiche-titre">"#));
        assert!(
            preview.contains(r#"<h5 class="fr-h6">Calendrier</h5>"#) && !preview.contains("<h2")
        );
        assert!(!preview.contains("jalon-") && !preview.contains("Dernière mise à jour"));
    }

    #[test]
    fn empty_sections_have_no_heading() {
        let dataset = shipped();
        let mut chantier = dataset.chantiers[0].clone();
        chantier.description.clear();
        chantier.sources.clear();
        let page = detail_html(&dataset, &chantier, Status::Upcoming, today(), PAGE);
        assert!(!page.contains("Description") && !page.contains("Sources et textes"));
    }

    #[test]
    fn no_markup_from_the_dataset_survives_and_no_unsafe_link_is_made() {
        let dataset = shipped();
        let evil = r#"<img src=x onerror="alert(1)"> & 'quotes'"#;
        let mut chantier = dataset.chantiers[0].clone();
        chantier.title = evil.into();
        chantier.summary = evil.into();
        chantier.description = vec![evil.into()];
        chantier.milestones[0].label = evil.into();
        chantier.milestones[0].details = Some(evil.into());
        chantier.concerned.note = Some(evil.into());
        chantier.contact = Some(evil.into());
        chantier.sources = vec![Source {
            url: "javascript:alert(1)".into(),
            label: evil.into(),
            kind: Default::default(),
        }];
        for at in [PAGE, PREVIEW] {
            let html = detail_html(&dataset, &chantier, Status::Past, today(), at);
            assert!(
                !html.contains("<img") && !html.contains("javascript:"),
                "{html}"
            );
            assert!(html.contains(
                "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &apos;quotes&apos;"
            ));
            assert_eq!(html.matches('"').count() % 2, 0);
        }
    }
}
