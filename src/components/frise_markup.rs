//! The frise as HTML text: its frame, written once, and its board (the axis, today's
//! line and the lanes), written again for each layout (`components/frise.rs`).
//!
//! Why not `view!`: the frise's boxes carried ten attributes each, reactive ones
//! among them, and a view of that shape cost 8 kB of gzipped wasm (README,
//! "Performance"); the browser's HTML parser builds the same nodes from text.
//!
//! Positions are fractions of the window from `agenda_core::frise`. The page's CSP
//! forbids `style` attributes, so an element's position is written in
//! [`POSITION_ATTRIBUTE`] and set through the CSSOM, which the CSP allows, once the
//! text is in the page. Every text from the dataset goes through [`escape_markup`].

use agenda_core::export::escape_markup;
use agenda_core::frise::{Cluster, FriseLayout, LayoutOptions, Position, Tick, Window, Zoom};
use agenda_core::index::MilestoneRef;
use agenda_core::Dataset;

/// Where an element's CSS position is written, for the CSSOM to apply.
pub const POSITION_ATTRIBUTE: &str = "data-position";
/// The box of a milestone: its lane and its place in the lane, indexes of the layout
/// it was written from, which the listeners map back to a milestone.
pub const LANE_ATTRIBUTE: &str = "data-couloir";
/// See [`LANE_ATTRIBUTE`].
pub const ITEM_ATTRIBUTE: &str = "data-jalon";

/// The ids of the frise's parts that its listeners and effects address.
pub mod ids {
    /// The period shown, in words.
    pub const PERIOD: &str = "frise-periode";
    /// The time axis.
    pub const AXIS: &str = "frise-axe";
    /// Today's line and the lanes.
    pub const LANES: &str = "frise-couloirs";
    /// "Aucun jalon sur cette période".
    pub const EMPTY: &str = "frise-vide";
    /// "Voir ces jalons en liste": where Escape leaves the frise for.
    pub const EXIT: &str = "frise-sortie";
    /// "Période précédente".
    pub const PREVIOUS: &str = "frise-precedent";
    /// "Aujourd'hui".
    pub const TODAY: &str = "frise-aujourdhui";
    /// "Période suivante".
    pub const NEXT: &str = "frise-suivant";
}

/// The name of the zoom's radio buttons; their values are [`Zoom::code`]s.
pub const ZOOM_NAME: &str = "zoom";

/// The id of a milestone's box in a lane (a chantier with two themes has a box in
/// each), as the DOM holds it: escaped where it is written into HTML.
pub fn item_id(theme: &str, at: MilestoneRef) -> String {
    format!("frise-{theme}-{}-{}", at.chantier, at.milestone)
}

/// "12.345%": a position in thousandths of a percent, written without `f64`
/// formatting (which would add its tables to the wasm).
fn percent(x: f64) -> String {
    let thousandths = (x * 100_000.0).round() as i64;
    let sign = if thousandths < 0 { "-" } else { "" };
    let t = thousandths.unsigned_abs();
    format!("{sign}{}.{:03}%", t / 1000, t % 1000)
}

/// A length in hundredths of a rem, written as "4.50rem".
fn rem(hundredths: usize) -> String {
    format!("{}.{:02}rem", hundredths / 100, hundredths % 100)
}

/// The height of a row of boxes, in hundredths of a rem.
const ROW: usize = 225;

/// The frame: heading, help, zoom and pan controls, the period in words, an empty
/// board (see [`axis_html`], [`lanes_html`]) and the way out to the list.
pub fn frame_html(window: Window, exit_href: &str) -> String {
    let zooms: String = Zoom::ALL
        .into_iter()
        .map(|zoom| {
            let code = zoom.code();
            let checked = if zoom == window.zoom { " checked" } else { "" };
            format!(
                r#"<div class="fr-segmented__element"><input type="radio" name="{ZOOM_NAME}" id="zoom-{code}" value="{code}"{checked}><label class="fr-label" for="zoom-{code}">{}</label></div>"#,
                zoom.label_fr()
            )
        })
        .collect();
    let pan = |id: &str, label: &str| {
        format!(
            r#"<button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" id="{id}">{label}</button>"#
        )
    };
    format!(
        concat!(
            r#"<h2 class="fr-h5" id="frise-titre">Frise chronologique</h2>"#,
            r#"<p class="fr-text--sm agenda-frise__help" id="frise-aide">Avec le clavier : flèches gauche et droite pour passer d'un jalon à l'autre, haut et bas pour changer de thème, Entrée pour ouvrir le chantier, Échap pour sortir de la frise. La vue en liste présente les mêmes jalons, dans l'ordre chronologique.</p>"#,
            r#"<div class="agenda-frise__controls"><fieldset class="fr-segmented fr-segmented--sm"><legend class="fr-segmented__legend">Échelle</legend><div class="fr-segmented__elements">{zooms}</div></fieldset>"#,
            r#"<div class="fr-btns-group fr-btns-group--inline fr-btns-group--sm agenda-frise__pan">{previous}{today}{next}</div></div>"#,
            r#"<p class="agenda-frise__window" role="status" id="{period_id}">{period}</p>"#,
            r#"<div class="agenda-frise__board" role="group" aria-roledescription="frise chronologique" aria-labelledby="frise-titre" aria-describedby="frise-aide">"#,
            r#"<div class="agenda-frise__axis" aria-hidden="true" id="{axis_id}"></div><div class="agenda-frise__lanes" id="{lanes_id}"></div>"#,
            r#"<p class="agenda-frise__empty" id="{empty_id}" hidden>Aucun jalon sur cette période : changez de période ou d'échelle.</p></div>"#,
            r#"<p class="fr-mt-2w"><a class="fr-link" id="{exit_id}" href="{exit_href}">Voir ces jalons en liste</a></p>"#,
        ),
        zooms = zooms,
        previous = pan(ids::PREVIOUS, "Période précédente"),
        today = pan(ids::TODAY, "Aujourd'hui"),
        next = pan(ids::NEXT, "Période suivante"),
        period_id = ids::PERIOD,
        period = period_text(window),
        axis_id = ids::AXIS,
        lanes_id = ids::LANES,
        empty_id = ids::EMPTY,
        exit_id = ids::EXIT,
        exit_href = escape_markup(exit_href),
    )
}

/// "Période affichée : de janvier 2025 à décembre 2030".
pub fn period_text(window: Window) -> String {
    format!("Période affichée : {}", window.label_fr())
}

/// The axis' graduations.
pub fn axis_html(ticks: &[Tick]) -> String {
    ticks
        .iter()
        .map(|t| {
            let major = if t.major { " agenda-frise__tick--major" } else { "" };
            format!(
                r#"<span class="agenda-frise__tick{major}" {POSITION_ATTRIBUTE}="left:{}">{}</span>"#,
                percent(t.x),
                escape_markup(&t.label)
            )
        })
        .collect()
}

/// Today's line (when the window holds today) and the lanes; the box at `tab_stop`
/// is the frise's one tab stop. `item_href` gives a chantier's link, `cluster_href`
/// the agenda zoomed on a cluster's month.
pub fn lanes_html(
    frise: &FriseLayout,
    dataset: &Dataset,
    tab_stop: Option<Position>,
    item_href: &dyn Fn(&str) -> String,
    cluster_href: &dyn Fn(&Cluster) -> String,
) -> String {
    let mut out = String::new();
    if let Some(x) = frise.today_x {
        out.push_str(&format!(
            r#"<span class="agenda-frise__today" {POSITION_ATTRIBUTE}="left:{}" aria-hidden="true"><span>Aujourd'hui</span></span>"#,
            percent(x)
        ));
    }
    let min_width = LayoutOptions::default().min_width;
    for (l, lane) in frise.lanes.iter().enumerate() {
        let rows = lane.rows.max(1) + usize::from(!lane.clusters.is_empty());
        out.push_str(&format!(
            r#"<div class="agenda-frise__lane"><p class="agenda-frise__lane-label">{}</p><div class="agenda-frise__track" {POSITION_ATTRIBUTE}="height:{}">"#,
            escape_markup(&lane.label),
            rem(rows * ROW + 25)
        ));
        for (i, item) in lane.items.iter().enumerate() {
            let chantier = &dataset.chantiers[item.at.chantier];
            let milestone = &chantier.milestones[item.at.milestone];
            let approx = if item.approximate {
                " (date approximative)"
            } else {
                ""
            };
            let label = escape_markup(&format!(
                "{} — {} : {}{approx} — {}",
                chantier.title,
                milestone.label,
                milestone.when_fr(),
                lane.label
            ));
            // The box is as wide as the layout reserved for it, so boxes on one row
            // never overlap; a day-precise point is round.
            let span = (item.x1 - item.x0).max(0.0);
            let width = span.max(min_width).min(1.0 - item.x0).max(0.005);
            let mut class = String::from("agenda-frise__item");
            if item.approximate {
                class.push_str(" agenda-frise__item--approx");
            }
            if span == 0.0 {
                class.push_str(" agenda-frise__item--point");
            }
            let tabindex = if tab_stop == Some((l, i)) { "0" } else { "-1" };
            out.push_str(&format!(
                r#"<a class="{class}" id="{id}" {LANE_ATTRIBUTE}="{l}" {ITEM_ATTRIBUTE}="{i}" href="{href}" tabindex="{tabindex}" aria-label="{label}" title="{label}" {POSITION_ATTRIBUTE}="left:{left};width:{width};top:{top}" draggable="false"><span class="agenda-frise__label">{title}</span></a>"#,
                id = escape_markup(&item_id(&lane.theme, item.at)),
                href = escape_markup(&item_href(&chantier.id)),
                left = percent(item.x0),
                width = percent(width),
                top = rem(item.row * ROW),
                title = escape_markup(&chantier.title),
            ));
        }
        for cluster in &lane.clusters {
            let count = cluster.items.len();
            out.push_str(&format!(
                r#"<a class="agenda-frise__cluster" tabindex="-1" href="{href}" draggable="false" title="{count} autres jalons à cette période : zoomer" {POSITION_ATTRIBUTE}="left:{left};top:{top}">+{count}</a>"#,
                href = escape_markup(&cluster_href(cluster)),
                left = percent(cluster.x0),
                top = rem(rows.saturating_sub(1) * ROW),
            ));
        }
        out.push_str("</div></div>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use agenda_core::frise::{layout, Window, Zoom};
    use agenda_core::{Filter, Index};

    #[test]
    fn positions_are_written_like_float_formatting_would() {
        for x in [0.0, 0.5, 1.0, 0.123_456, -0.012_34, 0.999_999_9, 1.25] {
            assert_eq!(percent(x), format!("{:.3}%", x * 100.0), "{x}");
        }
        assert_eq!(rem(0), "0.00rem");
        assert_eq!(rem(2 * ROW + 25), "4.75rem");
        assert_eq!(rem(3 * ROW), format!("{:.2}rem", 3.0 * 2.25));
    }

    fn shipped_frise(zoom: Zoom) -> (agenda_core::Dataset, FriseLayout) {
        let bytes = std::fs::read("public/data/agenda.json").expect("the shipped dataset");
        let dataset = agenda_core::load(&bytes).expect("loads").dataset;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let selection = Index::new(&dataset, today).select(&dataset, &Filter::default());
        let window = Window::around(today, zoom);
        let frise = layout(
            &dataset,
            &selection,
            window,
            today,
            LayoutOptions::default(),
        );
        (dataset, frise)
    }

    #[test]
    fn one_box_per_placed_milestone_one_tab_stop_and_every_position_written() {
        let (dataset, frise) = shipped_frise(Zoom::Month);
        let stop = frise.entry_point();
        let html = lanes_html(
            &frise,
            &dataset,
            stop,
            &|id| format!("/chantiers/{id}"),
            &|_| "/?zoom=mois".to_string(),
        );
        let items: usize = frise.lanes.iter().map(|l| l.items.len()).sum();
        let clusters: usize = frise.lanes.iter().map(|l| l.clusters.len()).sum();
        assert!(items > 0);
        assert_eq!(html.matches(r#"class="agenda-frise__item"#).count(), items);
        assert_eq!(html.matches(r#"tabindex="0""#).count(), 1);
        assert_eq!(html.matches("agenda-frise__cluster").count(), clusters);
        // Every box, cluster and track, and today's line: positioned.
        assert_eq!(
            html.matches(POSITION_ATTRIBUTE).count(),
            items + clusters + frise.lanes.len() + usize::from(frise.today_x.is_some())
        );
        assert!(!html.contains("style="), "the CSP forbids style attributes");
    }

    #[test]
    fn a_dataset_text_cannot_add_markup() {
        let (mut dataset, frise) = shipped_frise(Zoom::Year);
        let shown = frise.lanes[0].items[0].at.chantier;
        dataset.chantiers[shown].title = r#"<b>Titre</b> & "guillemets""#.to_string();
        let html = lanes_html(
            &frise,
            &dataset,
            None,
            &|id| format!("/chantiers/{id}"),
            &|_| String::new(),
        );
        assert!(html.contains("&lt;b&gt;Titre&lt;/b&gt; &amp; &quot;guillemets&quot;"));
        assert!(!html.contains("<b>"));
        let axis = axis_html(&frise.window.ticks());
        assert_eq!(axis.matches("agenda-frise__tick--major").count(), 6);
    }

    #[test]
    fn the_frame_shows_the_window_and_checks_its_zoom() {
        let window = Window::new("2027-01".parse().unwrap(), Zoom::Quarter);
        let html = frame_html(window, "/?vue=liste&a=1&b=2");
        assert!(html.contains(r#"id="zoom-trimestre" value="trimestre" checked"#));
        assert_eq!(html.matches(" checked").count(), 1);
        assert!(html.contains("Période affichée : de janvier 2027 à décembre 2028"));
        assert!(html.contains(r#"href="/?vue=liste&amp;a=1&amp;b=2""#));
        assert!(!html.contains("style="));
    }
}
