//! The agenda page's parts around the list, as HTML text: the results bar (count,
//! exports, "Réinitialiser les filtres"), the active filters' tags, "Liste / Frise",
//! the past milestones' button; after the list, the empty result and "Afficher les
//! jalons suivants"; the print summary and the skipped entries' notice.
//!
//! Why not `view!`: these are a dozen small controls, each with reactive text or
//! visibility, and as views they cost 10 kB of gzipped wasm (README,
//! "Performance"). `pages/agenda.rs` writes them once from a [`Shell`], then changes
//! what differs between two shells; one listener serves their buttons.

use agenda_core::export::escape_markup;
use agenda_core::Problem;

/// Ids of the controls and texts the page changes or tells apart.
pub mod ids {
    /// The live count, "12 chantiers, 30 jalons".
    pub const COUNT: &str = "compteur";
    /// The print-only summary of the filters.
    pub const SUMMARY: &str = "resume-impression";
    /// "Exporter la sélection (.ics)".
    pub const EXPORT_ICS: &str = "exporter-ics";
    /// "Exporter la sélection (CSV)".
    pub const EXPORT_CSV: &str = "exporter-csv";
    /// "Réinitialiser les filtres" in the results bar.
    pub const RESET: &str = "reinitialiser";
    /// The active filters' tags.
    pub const TAGS: &str = "filtres-actifs";
    /// "Afficher les N jalons passés" / "Masquer les jalons passés".
    pub const PAST: &str = "jalons-passes";
    /// Its paragraph, hidden when there is nothing to show or hide.
    pub const PAST_BLOCK: &str = "bloc-jalons-passes";
    /// The empty result's callout.
    pub const EMPTY: &str = "aucun-resultat";
    /// Its explanation.
    pub const EMPTY_TEXT: &str = "aucun-resultat-texte";
    /// Its "Réinitialiser les filtres".
    pub const EMPTY_RESET: &str = "aucun-resultat-reinitialiser";
    /// "Afficher les 30 jalons suivants".
    pub const MORE: &str = "jalons-suivants";
    /// Its paragraph, hidden when every milestone is shown.
    pub const MORE_BLOCK: &str = "bloc-jalons-suivants";
}

/// The name of the "Liste / Frise" radio buttons; their values are `liste`, `frise`.
pub const VIEW_NAME: &str = "vue";

/// What these parts show: the page's state they depend on, compared as a whole so
/// that an effect changes only what differs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shell {
    /// "12 chantiers, 30 jalons".
    pub count: String,
    /// The print summary.
    pub summary: String,
    /// The active filters' labels.
    pub tags: Vec<String>,
    /// Whether the frise is shown rather than the list.
    pub frise: bool,
    /// The past milestones' button, when the list has past milestones to show or hide:
    /// whether they are shown, and how many are hidden.
    pub past: Option<(bool, usize)>,
    /// When the list is empty: whether only past milestones match.
    pub empty: Option<bool>,
    /// How many milestones are beyond the list's display limit.
    pub more: usize,
}

/// "Afficher les 3 jalons passés", "Masquer les jalons passés".
pub fn past_label(shown: bool, hidden: usize) -> String {
    match (shown, hidden) {
        (true, _) => "Masquer les jalons passés".to_string(),
        (false, 1) => "Afficher le jalon passé".to_string(),
        (false, n) => format!(
            "Afficher les {} jalons passés",
            agenda_core::french::number(n as u64)
        ),
    }
}

/// "Afficher les 30 jalons suivants (45 restants)", for `beyond` milestones not shown
/// and `page` shown at each step.
pub fn more_label(beyond: usize, page: usize) -> String {
    if beyond == 1 {
        return "Afficher le dernier jalon".to_string();
    }
    format!(
        "Afficher les {} jalons suivants ({} restants)",
        agenda_core::french::number(beyond.min(page) as u64),
        agenda_core::french::number(beyond as u64),
    )
}

/// Why the list is empty, and what to do.
pub fn empty_text(only_past: bool) -> &'static str {
    if only_past {
        "Les jalons qui correspondent à vos filtres sont tous passés. Affichez les jalons passés pour les voir."
    } else {
        "Aucun chantier ne correspond à l'ensemble de vos filtres. Retirez un filtre actif ci-dessus, ou réinitialisez-les pour revoir tout l'agenda."
    }
}

/// A removable tag: its text is the filter's label, which the click listener reads.
pub fn dismiss_tag_html(label: &str) -> String {
    let label = escape_markup(label);
    format!(
        r#"<li><button type="button" class="fr-tag fr-tag--sm fr-tag--dismiss" aria-label="Retirer le filtre {label}">{label}</button></li>"#
    )
}

fn hidden(hide: bool) -> &'static str {
    if hide {
        " hidden"
    } else {
        ""
    }
}

/// The print summary and the skipped entries' notice, above the page's columns.
pub fn top_html(shell: &Shell, problems: &[Problem]) -> String {
    format!(
        r#"<p class="agenda-print-summary" id="{}">{}</p>{}"#,
        ids::SUMMARY,
        escape_markup(&shell.summary),
        problems_notice_html(problems)
    )
}

/// Above the list or the frise: the results bar, the tags, "Liste / Frise", the past
/// milestones' button; `subscriptions` is the address of "S'abonner".
pub fn before_list_html(shell: &Shell, subscriptions: &str) -> String {
    let tags: String = shell.tags.iter().map(|t| dismiss_tag_html(t)).collect();
    let (past_shown, past_hidden) = shell.past.unwrap_or_default();
    let checked = |frise: bool| if shell.frise == frise { " checked" } else { "" };
    format!(
        concat!(
            r#"<div class="agenda-results-bar"><p class="agenda-count" role="status" id="{count_id}">{count}</p>"#,
            r#"<ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm agenda-exports">"#,
            r#"<li><button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="{ics_id}">Exporter la sélection (.ics)</button></li>"#,
            r#"<li><button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="{csv_id}">Exporter la sélection (CSV)</button></li>"#,
            r#"<li><a class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" href="{subscriptions}">S'abonner</a></li></ul>"#,
            r#"<button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="{reset_id}"{reset_hidden}>Réinitialiser les filtres</button></div>"#,
            r#"<ul class="fr-tags-group agenda-active" aria-label="Filtres actifs" id="{tags_id}"{tags_hidden}>{tags}</ul>"#,
            r#"<fieldset class="fr-segmented fr-segmented--sm agenda-view-switch"><legend class="fr-segmented__legend">Affichage</legend><div class="fr-segmented__elements">"#,
            r#"<div class="fr-segmented__element"><input type="radio" name="{view}" id="vue-liste" value="liste"{list_checked}><label class="fr-label" for="vue-liste">Liste</label></div>"#,
            r#"<div class="fr-segmented__element"><input type="radio" name="{view}" id="vue-frise" value="frise"{frise_checked}><label class="fr-label" for="vue-frise">Frise</label></div>"#,
            r#"</div></fieldset>"#,
            r#"<p class="agenda-past-toggle" id="{past_block}"{past_hidden_attr}><button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" id="{past_id}" aria-pressed="{past_pressed}">{past_label}</button></p>"#,
        ),
        count_id = ids::COUNT,
        count = escape_markup(&shell.count),
        ics_id = ids::EXPORT_ICS,
        csv_id = ids::EXPORT_CSV,
        subscriptions = escape_markup(subscriptions),
        reset_id = ids::RESET,
        reset_hidden = hidden(shell.tags.is_empty()),
        tags_id = ids::TAGS,
        tags_hidden = hidden(shell.tags.is_empty()),
        tags = tags,
        view = VIEW_NAME,
        list_checked = checked(false),
        frise_checked = checked(true),
        past_block = ids::PAST_BLOCK,
        past_hidden_attr = hidden(shell.past.is_none()),
        past_id = ids::PAST,
        past_pressed = past_shown,
        past_label = past_label(past_shown, past_hidden),
    )
}

/// Below the list: the empty result and "Afficher les jalons suivants".
pub fn after_list_html(shell: &Shell, page: usize) -> String {
    format!(
        concat!(
            r#"<div class="fr-callout agenda-empty" id="{empty_id}"{empty_hidden}><h2 class="fr-callout__title fr-h5">Aucun jalon à afficher</h2>"#,
            r#"<p class="fr-callout__text" id="{empty_text_id}">{empty_text}</p>"#,
            r#"<button type="button" class="fr-btn fr-mt-2w" id="{empty_reset}">Réinitialiser les filtres</button></div>"#,
            r#"<p class="agenda-more" id="{more_block}"{more_hidden}><button type="button" class="fr-btn fr-btn--secondary" id="{more_id}">{more_label}</button></p>"#,
        ),
        empty_id = ids::EMPTY,
        empty_hidden = hidden(shell.empty.is_none()),
        empty_text_id = ids::EMPTY_TEXT,
        empty_text = empty_text(shell.empty.unwrap_or(false)),
        empty_reset = ids::EMPTY_RESET,
        more_block = ids::MORE_BLOCK,
        more_hidden = hidden(shell.more == 0),
        more_id = ids::MORE,
        more_label = more_label(shell.more, page),
    )
}

/// The skipped entries (errors), folded, or nothing when every entry was shown.
pub fn problems_notice_html(problems: &[Problem]) -> String {
    let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
    if errors.is_empty() {
        return String::new();
    }
    let mut skipped: Vec<String> = errors
        .iter()
        .filter_map(|p| p.entry.as_ref().map(ToString::to_string))
        .collect();
    skipped.dedup();
    let summary = if skipped.len() == 1 {
        "1 chantier n'a pas pu être affiché car ses données sont invalides.".to_string()
    } else {
        format!(
            "{} chantiers n'ont pas pu être affichés car leurs données sont invalides.",
            skipped.len()
        )
    };
    let items: String = errors
        .iter()
        .map(|p| {
            format!(
                "<li>{}</li>",
                escape_markup(&format!(
                    "{} : {} — {}",
                    p.location(),
                    p.kind.message(),
                    p.kind.hint()
                ))
            )
        })
        .collect();
    format!(
        concat!(
            r#"<div class="fr-callout agenda-problems" id="entrees-ecartees"><p class="fr-callout__text fr-text--sm">{summary}</p>"#,
            r#"<details class="fr-mt-1w"><summary class="fr-text--sm">Voir le détail des entrées écartées</summary><ul class="fr-text--sm">{items}</ul></details></div>"#,
        ),
        summary = summary,
        items = items,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_say_how_many_in_french() {
        assert_eq!(past_label(false, 1), "Afficher le jalon passé");
        assert_eq!(
            past_label(false, 1234),
            "Afficher les 1\u{202f}234 jalons passés"
        );
        assert_eq!(past_label(true, 3), "Masquer les jalons passés");
        assert_eq!(more_label(1, 30), "Afficher le dernier jalon");
        assert_eq!(
            more_label(45, 30),
            "Afficher les 30 jalons suivants (45 restants)"
        );
        assert_eq!(
            more_label(7, 30),
            "Afficher les 7 jalons suivants (7 restants)"
        );
    }

    #[test]
    fn hidden_parts_are_hidden_and_texts_escaped() {
        let shell = Shell {
            count: "0 chantier, 0 jalon".into(),
            summary: "<script>".into(),
            tags: vec![r#"Recherche : « <b>x</b> »"#.into()],
            frise: true,
            past: None,
            empty: Some(false),
            more: 0,
        };
        let before = before_list_html(&shell, "/abonnements");
        assert!(before.contains(r#"id="vue-frise" value="frise" checked"#));
        assert_eq!(before.matches(" checked").count(), 1);
        assert!(before.contains(r#"id="bloc-jalons-passes" hidden"#));
        assert!(
            before.contains(r#"id="reinitialiser">"#),
            "shown with a filter"
        );
        assert!(before.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(!before.contains("<b>"));
        let after = after_list_html(&shell, 30);
        assert!(after.contains(r#"id="aucun-resultat">"#));
        assert!(after.contains(r#"id="bloc-jalons-suivants" hidden"#));
        assert!(top_html(&shell, &[]).contains("&lt;script&gt;"));
        let none = Shell::default();
        assert!(before_list_html(&none, "/abonnements").contains(r#"id="reinitialiser" hidden"#));
        assert!(after_list_html(&none, 30).contains(r#"id="aucun-resultat" hidden"#));
    }
}
