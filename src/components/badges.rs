//! Small labels as HTML text: nature badge, status badge, theme tags, for the
//! timeline's items (`timeline_markup`) and a chantier's page (`chantier_markup`). The
//! text always says what the colour says (RGAA 3.1).

use agenda_core::export::escape_markup;
use agenda_core::{Nature, Status};

/// The DSFR classes of a nature badge.
fn nature_badge_class(nature: Nature) -> &'static str {
    match nature {
        Nature::Obligation => "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--error",
        Nature::Opportunity => "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--success",
        Nature::EndOfService => "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--warning",
        Nature::Information => "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--info",
    }
}

/// The DSFR classes of a status badge.
fn status_badge_class(status: Status) -> &'static str {
    match status {
        Status::Upcoming => "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--new",
        Status::Ongoing => "fr-badge fr-badge--sm fr-badge--no-icon fr-badge--purple-glycine",
        Status::Past => "fr-badge fr-badge--sm fr-badge--no-icon",
    }
}

/// The list of theme tags: its classes and accessible name.
const THEME_TAGS_CLASS: &str = "fr-tags-group agenda-tags";
const THEME_TAGS_LABEL: &str = "Thèmes";
const THEME_TAG_CLASS: &str = "fr-tag fr-tag--sm";

/// The nature of a chantier as a DSFR badge.
pub fn nature_badge_html(out: &mut String, nature: Nature) {
    out.push_str(&format!(
        r#"<p class="{}">{}</p>"#,
        nature_badge_class(nature),
        nature.label_fr()
    ));
}

/// The status of a milestone or chantier as a DSFR badge: a paragraph of its own, or
/// a `span` inside a line of text (`inline`), where a paragraph cannot go.
pub fn status_badge_html(out: &mut String, status: Status, inline: bool) {
    let tag = if inline { "span" } else { "p" };
    out.push_str(&format!(
        r#"<{tag} class="{}">{}</{tag}>"#,
        status_badge_class(status),
        status.label_fr()
    ));
}

/// Theme labels as non-interactive DSFR tags.
pub fn theme_tags_html(out: &mut String, labels: &[String]) {
    out.push_str(&format!(
        r#"<ul class="{THEME_TAGS_CLASS}" aria-label="{THEME_TAGS_LABEL}">"#
    ));
    for label in labels {
        out.push_str(&format!(
            r#"<li><p class="{THEME_TAG_CLASS}">{}</p></li>"#,
            escape_markup(label)
        ));
    }
    out.push_str("</ul>");
}
