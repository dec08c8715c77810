//! The filter panel as HTML text: the search box, "ma collectivité", period, themes,
//! carrier, nature, public and status.
//!
//! Why not `view!`: these forty-odd controls never change once drawn but for their
//! state, and a Leptos view for each (its element, its attributes, its reactive
//! `checked`, its listener) cost about 20 kB of the gzipped wasm (README,
//! "Performance"). Written once, they are named and valued as the URL's parameters
//! (`agenda_core::filter_form`): one listener turns any change into a query, one
//! effect shows the query in them (`components/filters.rs`).
//!
//! Every text from the dataset goes through [`escape_markup`].

use agenda_core::compact_sort;
use agenda_core::export::escape_markup;
use agenda_core::{AgendaQuery, AuthorityKind, Dataset, EpciKind, Nature, PeriodPreset, Status};
use chrono::NaiveDate;

/// The attribute naming the part of the panel (`agenda_core::filter_form::PARTS`) an
/// element belongs to: hidden when the query does not show it.
pub const PART_ATTRIBUTE: &str = "data-partie";

/// The name of the "Retenir ma collectivité" box: not the query's, this browser's.
pub const REMEMBER_NAME: &str = "retenir";

/// The id of the "Oublier ma collectivité" button.
pub const FORGET_ID: &str = "oublier-collectivite";

/// The name of the search box, the URL's parameter of the text searched.
pub const SEARCH_NAME: &str = "q";

/// The id of the search box.
pub const SEARCH_ID: &str = "recherche";

/// The id of the button that shows the panel on narrow screens.
pub const TOGGLE_ID: &str = "filtres-bouton";

/// The id of the panel it shows.
pub const PANEL_ID: &str = "filtres-panneau";

/// The class of the controls' container (see [`controls_html`]).
pub const CONTROLS_CLASS: &str = "agenda-filters__controls";

/// The panel's section: its heading, the button that shows it on narrow screens
/// (with `active` filters), the search box showing `text`, and `controls` (from
/// [`controls_html`]).
pub fn panel_html(controls: &str, text: &str, active: usize) -> String {
    format!(
        concat!(
            r#"<h2 class="fr-h5 agenda-filters__title" id="filtres-titre">Filtrer l'agenda</h2>"#,
            r#"<button type="button" class="fr-btn fr-btn--secondary agenda-filters__toggle" id="{toggle_id}" aria-controls="{panel_id}" aria-expanded="false">{toggle}</button>"#,
            r#"<div id="{panel_id}" class="agenda-filters__panel"><div class="fr-input-group agenda-search" role="search">"#,
            r#"<label class="fr-label" for="{search_id}">Rechercher un chantier<span class="fr-hint-text" id="recherche-aide">Dans le titre, le résumé, la description ou le porteur ; accents et majuscules indifférents.</span></label>"#,
            r#"<input class="fr-input" type="search" id="{search_id}" name="{search_name}" autocomplete="off" value="{text}"></div>"#,
            r#"<div class="{controls_class}">{controls}</div></div>"#,
        ),
        toggle_id = TOGGLE_ID,
        panel_id = PANEL_ID,
        toggle = toggle_label(active),
        search_id = SEARCH_ID,
        search_name = SEARCH_NAME,
        text = escape_markup(text),
        controls_class = CONTROLS_CLASS,
        controls = controls,
    )
}

/// "Afficher les filtres (2 actifs)".
pub fn toggle_label(active: usize) -> String {
    match active {
        0 => "Afficher les filtres".to_string(),
        1 => "Afficher les filtres (1 actif)".to_string(),
        n => format!("Afficher les filtres ({n} actifs)"),
    }
}

/// The controls, showing `query`; the "nouveautés" box only when there was a
/// previous visit (the day it says); "Retenir ma collectivité" ticked when the user
/// asked this browser to (`remembered`).
pub fn controls_html(
    dataset: &Dataset,
    previous_visit: Option<NaiveDate>,
    remembered: bool,
    query: &AgendaQuery,
) -> String {
    let mut out = String::with_capacity(8 * 1024);
    my_authority_html(&mut out, query, remembered);
    period_html(&mut out, query);
    let themes: Vec<(&str, &str)> = dataset
        .themes
        .iter()
        .map(|t| (t.code.as_str(), t.label.as_str()))
        .collect();
    checkboxes_html(&mut out, query, ("themes", "theme", "Thèmes"), &themes);
    if let Some(day) = previous_visit {
        let checked = checked_attribute(query.is_checked("nouveautes", "1"));
        out.push_str(&format!(
            r#"<div class="fr-checkbox-group fr-checkbox-group--sm fr-mt-2w"><input type="checkbox" id="nouveautes" name="nouveautes" value="1"{checked}><label class="fr-label" for="nouveautes">Seulement les nouveautés depuis ma dernière visite, le {}</label></div>"#,
            escape_markup(&agenda_core::french::day(day)),
        ));
    }
    carriers_html(&mut out, dataset, query);
    let natures: Vec<(&str, &str)> = Nature::ALL
        .iter()
        .map(|n| (n.code(), n.label_fr()))
        .collect();
    checkboxes_html(&mut out, query, ("natures", "nature", "Nature"), &natures);
    let kinds: Vec<(&str, &str)> = AuthorityKind::ALL
        .iter()
        .map(|k| (k.code(), k.label_fr()))
        .collect();
    checkboxes_html(
        &mut out,
        query,
        ("publics", "public", "Collectivités concernées"),
        &kinds,
    );
    let statuses: Vec<(&str, &str)> = Status::ALL
        .iter()
        .map(|s| (s.code(), s.label_fr()))
        .collect();
    checkboxes_html(
        &mut out,
        query,
        ("statuts", "statut", "Statut du chantier"),
        &statuses,
    );
    out
}

fn checked_attribute(checked: bool) -> &'static str {
    if checked {
        " checked"
    } else {
        ""
    }
}

/// `<option>`s of these (value, label) pairs, the one of value `selected` selected.
fn options_html(out: &mut String, options: &[(&str, String)], selected: &str) {
    for (value, label) in options {
        let attribute = if *value == selected { " selected" } else { "" };
        out.push_str(&format!(
            r#"<option value="{}"{attribute}>{}</option>"#,
            escape_markup(value),
            escape_markup(label)
        ));
    }
}

/// The attributes of an element of the part `part`: hidden unless `query` shows it.
fn part_attributes(query: &AgendaQuery, part: &str) -> String {
    let hidden = if query.shows(part) { "" } else { " hidden" };
    format!(r#" {PART_ATTRIBUTE}="{part}"{hidden}"#)
}

/// "Ma collectivité": the kind of authority, and once chosen, the kind of EPCI (for
/// an EPCI), inhabitants and agents, whether to remember it, and a way to forget it.
fn my_authority_html(out: &mut String, query: &AgendaQuery, remembered: bool) {
    out.push_str(r#"<fieldset class="fr-fieldset agenda-fieldset agenda-my-authority" id="ma-collectivite" aria-labelledby="ma-collectivite-legende"><legend class="fr-fieldset__legend fr-text--regular" id="ma-collectivite-legende">Ma collectivité<span class="fr-hint-text">Pour ne voir que ce qui s'applique à elle.</span></legend><div class="fr-fieldset__element"><div class="fr-select-group"><label class="fr-label" for="collectivite-type">Type de collectivité</label><select class="fr-select" id="collectivite-type" name="collectivite">"#);
    let kinds: Vec<(&str, String)> = std::iter::once(("", "Non précisé".to_string()))
        .chain(
            AuthorityKind::ALL
                .iter()
                .map(|k| (k.code(), kind_label(*k).to_string())),
        )
        .collect();
    options_html(out, &kinds, &query.field_value("collectivite"));
    out.push_str(&format!(
        r#"</select></div></div><div class="fr-fieldset__element"{}><div class="fr-select-group"><label class="fr-label" for="collectivite-epci">Type d'EPCI</label><select class="fr-select" id="collectivite-epci" name="epci">"#,
        part_attributes(query, "epci")
    ));
    let epci_kinds: Vec<(&str, String)> = std::iter::once(("", "Non précisé".to_string()))
        .chain(
            EpciKind::ALL
                .iter()
                .map(|k| (k.code(), agenda_core::french::capitalised(k.label_fr()))),
        )
        .collect();
    options_html(out, &epci_kinds, &query.field_value("epci"));
    out.push_str(&format!(
        r#"</select></div></div><div class="fr-fieldset__element fr-fieldset__element--inline agenda-months"{}>"#,
        part_attributes(query, "profil")
    ));
    for (name, id, label, hint) in [
        (
            "habitants",
            "collectivite-habitants",
            "Habitants",
            "Population municipale ou totale",
        ),
        (
            "agents",
            "collectivite-agents",
            "Agents",
            "Effectif, si vous le connaissez",
        ),
    ] {
        // Read on change, so the agenda is not filtered at each digit typed.
        out.push_str(&format!(
            r#"<div class="fr-input-group"><label class="fr-label" for="{id}">{label}<span class="fr-hint-text">{hint}</span></label><input class="fr-input" type="text" inputmode="numeric" autocomplete="off" id="{id}" name="{name}" value="{}"></div>"#,
            query.field_value(name)
        ));
    }
    let profile = part_attributes(query, "profil");
    out.push_str(&format!(
        r#"</div><div class="fr-fieldset__element"{profile}><div class="fr-checkbox-group fr-checkbox-group--sm"><input type="checkbox" id="collectivite-retenir" name="{REMEMBER_NAME}" value="1"{}><label class="fr-label" for="collectivite-retenir">Retenir ma collectivité sur cet appareil<span class="fr-hint-text">Enregistré dans ce navigateur seulement.</span></label></div></div><div class="fr-fieldset__element"{profile}><button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" id="{FORGET_ID}">Oublier ma collectivité</button></div></fieldset>"#,
        checked_attribute(remembered)
    ));
}

fn kind_label(kind: AuthorityKind) -> &'static str {
    match kind {
        AuthorityKind::Commune => "Commune",
        AuthorityKind::Epci => "EPCI (intercommunalité)",
        AuthorityKind::Departement => "Département",
        AuthorityKind::Region => "Région",
        AuthorityKind::Other => "Autre organisme public",
    }
}

/// The period: a select of presets, and a range of months.
fn period_html(out: &mut String, query: &AgendaQuery) {
    out.push_str(r#"<fieldset class="fr-fieldset agenda-fieldset" aria-labelledby="periode-legende"><legend class="fr-fieldset__legend fr-text--regular" id="periode-legende">Période</legend><div class="fr-fieldset__element"><div class="fr-select-group"><label class="fr-label" for="periode">Raccourci</label><select class="fr-select" id="periode" name="periode">"#);
    let presets: Vec<(&str, String)> = std::iter::once(("", "Tout".to_string()))
        .chain(
            PeriodPreset::ALL
                .iter()
                .map(|p| (p.code(), p.label_fr().to_string())),
        )
        .collect();
    options_html(out, &presets, &query.field_value("periode"));
    out.push_str(r#"</select></div></div><div class="fr-fieldset__element fr-fieldset__element--inline agenda-months">"#);
    for (name, id, label) in [
        ("du", "periode-du", "Du mois"),
        ("au", "periode-au", "Au mois"),
    ] {
        out.push_str(&format!(
            r#"<div class="fr-input-group"><label class="fr-label" for="{id}">{label}<span class="fr-hint-text">Format : AAAA-MM</span></label><input class="fr-input" type="month" id="{id}" name="{name}" value="{}"></div>"#,
            query.field_value(name),
        ));
    }
    out.push_str("</div></fieldset>");
}

/// A DSFR fieldset of checkboxes: `id` for its elements, `name` the query's
/// parameter, `choices` its (code, label) pairs.
fn checkboxes_html(
    out: &mut String,
    query: &AgendaQuery,
    (id, name, legend): (&str, &str, &str),
    choices: &[(&str, &str)],
) {
    out.push_str(&format!(
        r#"<fieldset class="fr-fieldset agenda-fieldset" id="{id}" aria-labelledby="{id}-legende"><legend class="fr-fieldset__legend fr-text--regular" id="{id}-legende">{legend}</legend>"#
    ));
    for (code, label) in choices {
        let checked = checked_attribute(query.is_checked(name, code));
        let (code, label) = (escape_markup(code), escape_markup(label));
        out.push_str(&format!(
            r#"<div class="fr-fieldset__element"><div class="fr-checkbox-group fr-checkbox-group--sm"><input type="checkbox" id="{id}-{code}" name="{name}" value="{code}"{checked}><label class="fr-label" for="{id}-{code}">{label}</label></div></div>"#
        ));
    }
    out.push_str("</fieldset>");
}

/// The carriers' select, in the alphabetical order of their labels.
fn carriers_html(out: &mut String, dataset: &Dataset, query: &AgendaQuery) {
    let mut sorted: Vec<(String, &agenda_core::Carrier)> = dataset
        .carriers
        .iter()
        .map(|c| (agenda_core::search::fold(&c.label), c))
        .collect();
    compact_sort::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
    let mut carriers: Vec<(&str, String)> = sorted
        .into_iter()
        .map(|(_, c)| {
            let text = match &c.name {
                Some(name) if name != &c.label => format!("{} — {name}", c.label),
                _ => c.label.clone(),
            };
            (c.code.as_str(), text)
        })
        .collect();
    carriers.insert(0, ("", "Tous les porteurs".to_string()));
    out.push_str(r#"<div class="fr-select-group"><label class="fr-label" for="porteur">Porteur</label><select class="fr-select" id="porteur" name="porteur">"#);
    options_html(out, &carriers, &query.field_value("porteur"));
    out.push_str("</select></div>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use agenda_core::filter_form::{CHECKBOX_NAMES, FIELD_NAMES};

    #[test]
    fn the_panel_holds_the_search_text_as_text_and_counts_active_filters() {
        let html = panel_html("<p>contrôles</p>", r#"a "b" <c>"#, 2);
        assert!(html.contains(r#"name="q" autocomplete="off" value="a &quot;b&quot; &lt;c&gt;""#));
        assert!(html.contains(r#"<div class="agenda-filters__controls"><p>contrôles</p></div>"#));
        assert!(html.contains(">Afficher les filtres (2 actifs)</button>"));
        assert_eq!(toggle_label(0), "Afficher les filtres");
        assert_eq!(toggle_label(1), "Afficher les filtres (1 actif)");
    }

    fn shipped() -> Dataset {
        let bytes = std::fs::read("public/data/agenda.json").expect("the shipped dataset");
        agenda_core::load(&bytes).expect("valid").dataset
    }

    /// (name, value, checked) of each control: what the listener would read.
    fn controls(html: &str) -> Vec<(String, String, bool)> {
        let attribute = |tag: &str, name: &str| {
            let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[start..][..tag[start..].find('"')?].to_string())
        };
        html.split('<')
            .filter(|tag| tag.starts_with("input ") || tag.starts_with("select "))
            .map(|tag| {
                (
                    attribute(tag, "name").unwrap_or_default(),
                    attribute(tag, "value").unwrap_or_default(),
                    tag.contains(" checked"),
                )
            })
            .collect()
    }

    #[test]
    fn every_control_edits_the_query_and_shows_it() {
        let dataset = shipped();
        let day = NaiveDate::from_ymd_opt(2026, 11, 1);
        let query = AgendaQuery::parse("theme=finances&public=epci&nouveautes=1&du=2026-01");
        let html = controls_html(&dataset, day, false, &query);
        let controls = controls(&html);
        // "Ma collectivité" 5, the period 3, the themes, "nouveautés" 1, the carrier 1,
        // natures 4, publics 5, statuses 3.
        assert_eq!(
            controls.len(),
            5 + 3 + dataset.themes.len() + 1 + 1 + 4 + 5 + 3
        );
        for part in html.split(&format!(r#"{PART_ATTRIBUTE}=""#)).skip(1) {
            let part = &part[..part.find('"').unwrap()];
            assert!(agenda_core::filter_form::PARTS.contains(&part), "{part}");
        }
        for (name, value, checked) in controls {
            if name == REMEMBER_NAME {
                assert!(!checked);
            } else if CHECKBOX_NAMES.contains(&name.as_str()) {
                assert_eq!(checked, query.is_checked(&name, &value), "{name}={value}");
                // Ticking it or not is a change the query sees.
                let flipped = query.with_control(&name, &value, !checked);
                assert_ne!(flipped, query, "{name}={value}");
                assert_eq!(flipped.is_checked(&name, &value), !checked);
            } else {
                assert!(FIELD_NAMES.contains(&name.as_str()), "{name}");
            }
        }
        assert!(html.contains(
            r#"<input class="fr-input" type="month" id="periode-du" name="du" value="2026-01">"#
        ));
        assert!(html.contains(r#"<option value="" selected>Tout</option>"#));
        assert_eq!(
            html.matches(" selected").count(),
            4,
            "one option per select"
        );
        // "Ma collectivité"'s details wait for a kind of authority.
        assert_eq!(html.matches(r#"data-partie="profil" hidden"#).count(), 3);
        let commune = AgendaQuery::parse("collectivite=commune&habitants=5200");
        let html = controls_html(&dataset, None, true, &commune);
        assert!(html.contains(r#"name="habitants" value="5200""#));
        assert!(html.contains(r#"data-partie="epci" hidden"#));
        assert!(!html.contains(r#"data-partie="profil" hidden"#));
        assert!(html.contains(r#"name="retenir" value="1" checked"#));
    }

    #[test]
    fn the_nouveautes_box_is_there_only_after_a_visit() {
        let dataset = shipped();
        let query = AgendaQuery::default();
        assert!(!controls_html(&dataset, None, false, &query).contains("nouveautes"));
        let day = NaiveDate::from_ymd_opt(2026, 11, 1);
        assert!(controls_html(&dataset, day, false, &query)
            .contains("depuis ma dernière visite, le 1er novembre 2026</label>"));
    }

    #[test]
    fn no_markup_from_the_dataset_survives() {
        let mut dataset = shipped();
        dataset.themes[0].label = r#"<img src=x onerror="alert(1)">"#.into();
        dataset.carriers[0].name = Some("A & B <script>".into());
        let html = controls_html(&dataset, None, false, &AgendaQuery::default());
        assert!(!html.contains("<img") && !html.contains("<script"));
        assert!(html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"));
        assert!(html.contains("A &amp; B &lt;script&gt;"));
    }
}
