//! The timeline's parts as HTML text: year headings, the "Aujourd'hui" marker, period
//! groups and their milestones.
//!
//! Why not `view!`: a filter change replaces most of the 30 milestones on screen and
//! their period groups, and building them node by node from the wasm (elements,
//! attributes, text nodes, Leptos' owners and markers: about 45 DOM calls a
//! milestone) was most of an interaction's script time. The browser's HTML parser
//! builds the same nodes from text in a fraction of that (README, "Performance");
//! `components/list_patch.rs` inserts them where they go.
//!
//! Every text from the dataset goes through [`escape_markup`]; the tests below check
//! that no markup in a dataset's text survives.

use agenda_core::export::escape_markup;
use agenda_core::index::MilestoneRef;
use agenda_core::timeline::TimelineGroup;
use agenda_core::{Chantier, Dataset, Milestone, Status};

use crate::components::badges::{nature_badge_html, theme_tags_html};
use agenda_core::join::join;

/// The attribute that marks an item's "Ajouter à mon agenda" button with the milestone
/// it adds (`{chantier}-{milestone}`, positions in the dataset): one click listener on
/// the timeline serves every item (`components/timeline.rs`).
pub const CALENDAR_ATTRIBUTE: &str = "data-calendrier";

/// A year's heading.
pub fn year_html(year: i32) -> String {
    format!(r#"<h2 class="agenda-year__title" id="annee-{year}">{year}</h2>"#)
}

/// The "Aujourd'hui" marker, between the past and the future.
pub fn today_html(today: chrono::NaiveDate) -> String {
    format!(
        r#"<p class="agenda-today" id="aujourdhui"><span class="agenda-today__label">Aujourd'hui</span> <time datetime="{today}">{}</time></p>"#,
        escape_markup(&agenda_core::french::day(today)),
    )
}

/// A period group ("Juillet 2022", "3e trimestre 2025"), its milestones being `items`
/// (each from [`item_html`]).
pub fn group_html(group: &TimelineGroup, items: &str) -> String {
    let key = escape_markup(&group.key());
    format!(
        r#"<section class="agenda-group" aria-labelledby="periode-{key}"><h3 class="agenda-group__title" id="periode-{key}">{}</h3><ul class="agenda-group__list">{items}</ul></section>"#,
        escape_markup(&group.heading_fr()),
    )
}

/// A timeline item, `<li>` included: date, title linking to `href`, the rest
/// ([`body_html`]), and why the chantier concerns "ma collectivité" when `applies`
/// says so. Every part of it is fixed while it is shown but the link's query, which
/// `nav::ChantierLinks::rewrite` updates in place.
pub fn item_html(
    dataset: &Dataset,
    at: MilestoneRef,
    status: Status,
    is_new: bool,
    href: &str,
    applies: Option<&str>,
) -> String {
    let chantier = &dataset.chantiers[at.chantier];
    let milestone = &chantier.milestones[at.milestone];
    let mut out = format!(r#"<li class="agenda-item agenda-item--{}">"#, status.code());
    out.push_str(&date_html(milestone, status));
    out.push_str(&format!(
        r#"<h4 class="agenda-item__title"><a href="{}">{}</a></h4>"#,
        escape_markup(href),
        escape_markup(&chantier.title),
    ));
    out.push_str(&body_html(dataset, chantier, milestone, is_new, Some(at)));
    if let Some(reason) = applies {
        out.push_str(&format!(
            r#"<p class="agenda-item__applies fr-text--sm">{}</p>"#,
            escape_markup(reason)
        ));
    }
    out.push_str("</li>");
    out
}

/// The date line: the date at its precision, and "passé" for screen readers when the
/// colour says so.
pub fn date_html(milestone: &Milestone, status: Status) -> String {
    let past = if status == Status::Past {
        r#"<span class="fr-sr-only"> — passé</span>"#
    } else {
        ""
    };
    format!(
        r#"<p class="agenda-item__date"><time datetime="{}">{}</time>{past}</p>"#,
        escape_markup(&milestone.date.html_datetime()),
        escape_markup(&milestone.when_fr()),
    )
}

/// What follows the title: the milestone, the badges and themes, the "Ajouter à mon
/// agenda" button when `calendar` names the milestone's place in the dataset (the
/// editor's preview has none), who carries it and who is concerned.
pub fn body_html(
    dataset: &Dataset,
    chantier: &Chantier,
    milestone: &Milestone,
    is_new: bool,
    calendar: Option<MilestoneRef>,
) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(&format!(
        r#"<p class="agenda-item__milestone">{}</p><div class="agenda-item__meta">"#,
        escape_markup(&milestone.label)
    ));
    if is_new {
        out.push_str(r#"<p class="fr-badge fr-badge--sm fr-badge--new agenda-new" title="Ajouté ou modifié depuis votre dernière visite">Nouveauté</p>"#);
    }
    nature_badge_html(&mut out, chantier.nature);
    theme_tags_html(&mut out, &dataset.theme_labels(&chantier.themes));
    out.push_str("</div>");
    if let Some(at) = calendar {
        out.push_str(&format!(
            r#"<button type="button" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm agenda-add-calendar" aria-label="Ajouter à mon agenda : {} — {}" {CALENDAR_ATTRIBUTE}="{}-{}">Ajouter à mon agenda</button>"#,
            escape_markup(&chantier.title),
            escape_markup(&milestone.label),
            at.chantier,
            at.milestone,
        ));
    }
    who_html(&mut out, dataset, chantier);
    out
}

/// The milestone an "Ajouter à mon agenda" button adds, from its
/// [`CALENDAR_ATTRIBUTE`]; `None` when it names no milestone of `dataset`.
pub fn calendar_target(dataset: &Dataset, value: &str) -> Option<MilestoneRef> {
    let (chantier, milestone) = value.split_once('-')?;
    let at = MilestoneRef {
        chantier: chantier.parse().ok()?,
        milestone: milestone.parse().ok()?,
    };
    let exists = dataset
        .chantiers
        .get(at.chantier)
        .is_some_and(|c| at.milestone < c.milestones.len());
    exists.then_some(at)
}

/// "Porté par : DGFiP / Concerne : communes ; EPCI".
fn who_html(out: &mut String, dataset: &Dataset, chantier: &Chantier) {
    let carriers: Vec<&str> = dataset
        .carriers_of(&chantier.carriers)
        .into_iter()
        .map(|c| c.label.as_str())
        .collect();
    out.push_str(&format!(
        r#"<p class="agenda-item__who fr-text--sm"><span class="agenda-item__key">Porté par : </span>{}<br><span class="agenda-item__key">Concerne : </span>{}</p>"#,
        escape_markup(&join(&carriers, ", ")),
        escape_markup(&join(&chantier.audience_fr(), " ; ")),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Dataset {
        let bytes = std::fs::read("public/data/agenda.json").expect("the shipped dataset");
        agenda_core::load(&bytes).expect("valid").dataset
    }

    const FIRST: MilestoneRef = MilestoneRef {
        chantier: 0,
        milestone: 0,
    };

    #[test]
    fn an_item_says_its_date_milestone_badges_and_who() {
        let dataset = shipped();
        let at = FIRST;
        let chantier = &dataset.chantiers[at.chantier];
        let milestone = &chantier.milestones[at.milestone];
        let date = date_html(milestone, Status::Past);
        assert!(date.contains(&format!(r#"datetime="{}""#, milestone.date.html_datetime())));
        assert!(date.contains(" — passé</span>"));
        assert!(!date_html(milestone, Status::Upcoming).contains("passé"));

        let body = body_html(&dataset, chantier, milestone, true, Some(at));
        assert!(body.contains(&escape_markup(&milestone.label)));
        assert!(body.contains(">Nouveauté</p>"));
        assert!(body.contains(chantier.nature.label_fr()));
        assert!(body.contains("Porté par : </span>"));
        assert!(body.contains(&format!(
            r#"{CALENDAR_ATTRIBUTE}="{}-{}""#,
            at.chantier, at.milestone
        )));
        let plain = body_html(&dataset, chantier, milestone, false, None);
        assert!(!plain.contains("Nouveauté") && !plain.contains("<button"));
    }

    #[test]
    fn no_markup_from_the_dataset_survives() {
        let mut dataset = shipped();
        let at = FIRST;
        let evil = r#"<img src=x onerror="alert(1)"> & 'quotes'"#;
        let chantier = &mut dataset.chantiers[at.chantier];
        chantier.title = evil.into();
        chantier.milestones[at.milestone].label = evil.into();
        if let Some(code) = chantier.themes.first().cloned() {
            let theme = dataset.themes.iter_mut().find(|t| t.code == code).unwrap();
            theme.label = evil.into();
        }
        let chantier = &dataset.chantiers[at.chantier];
        let body = body_html(
            &dataset,
            chantier,
            &chantier.milestones[at.milestone],
            false,
            Some(at),
        );
        assert!(!body.contains("<img"), "{body}");
        assert!(body
            .contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &apos;quotes&apos;"));
        // Every attribute value is closed where it should be: as many quotes as
        // attributes opened.
        assert_eq!(body.matches('"').count() % 2, 0);
    }

    #[test]
    fn a_calendar_button_names_a_milestone_of_the_dataset() {
        let dataset = shipped();
        let at = FIRST;
        let value = format!("{}-{}", at.chantier, at.milestone);
        assert_eq!(calendar_target(&dataset, &value), Some(at));
        for wrong in ["", "-", "0", "0-", "x-1", "0-999999", "999999-0", "1-2-3"] {
            assert_eq!(calendar_target(&dataset, wrong), None, "{wrong:?}");
        }
    }
}
