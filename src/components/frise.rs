//! The frise: lanes per theme over a time axis, drawn in HTML/CSS from the domain's
//! layout (positions are CSSOM properties, which the CSP allows).
//!
//! Keyboard: the frise is one tab stop (roving tabindex); arrows move from milestone
//! to milestone (left/right in time, up/down across lanes; at an edge the window
//! pans), Enter opens the chantier (items are links), Escape leaves.

use agenda_core::frise::{layout, Direction, FriseLayout, LayoutOptions, Window, Zoom};
use agenda_core::index::{MilestoneRef, Selection};
use agenda_core::{AgendaQuery, YearMonth};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::Agenda;
use crate::nav::ChantierLinks;

/// A focused item: its lane (theme code) and milestone, stable across re-layouts.
type FocusKey = (String, MilestoneRef);

fn dom_id(theme: &str, at: MilestoneRef) -> String {
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

/// `rows × 2.25rem (+ extra quarters)`, in hundredths of a rem, written as "4.50rem".
fn rem(hundredths: usize) -> String {
    format!("{}.{:02}rem", hundredths / 100, hundredths % 100)
}

/// The frise view of the current selection.
#[component]
pub fn FriseView(
    selection: Memo<Selection>,
    query: Memo<AgendaQuery>,
    set_query: Callback<AgendaQuery>,
) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let today = agenda.today;
    let window = Memo::new(move |_| {
        query.with(|q| match q.window_start {
            Some(start) => Window::new(start, q.zoom),
            None => Window::around(today, q.zoom),
        })
    });
    let frise = {
        let agenda = agenda.clone();
        Memo::new(move |_| {
            selection.with(|s| {
                layout(
                    &agenda.dataset,
                    s,
                    window.get(),
                    today,
                    LayoutOptions::default(),
                )
            })
        })
    };
    let set_window = move |w: Window| {
        let mut q = query.get_untracked();
        q.zoom = w.zoom;
        q.window_start = (w != Window::around(today, w.zoom)).then_some(w.start);
        set_query.run(q);
    };
    let focused: RwSignal<Option<FocusKey>> = RwSignal::new(None);
    // Whether the keyboard is driving: only then does a re-layout move DOM focus.
    let keyboard = RwSignal::new(false);

    // The item holding the frise's single tab stop.
    let tab_stop = Memo::new(move |_| {
        frise.with(|f| {
            let key = focused.get();
            let found = key.filter(|(theme, at)| {
                f.lanes
                    .iter()
                    .any(|l| &l.theme == theme && l.items.iter().any(|i| i.at == *at))
            });
            found.or_else(|| {
                f.entry_point()
                    .map(|(l, i)| (f.lanes[l].theme.clone(), f.lanes[l].items[i].at))
            })
        })
    });
    Effect::new(move |_| {
        if let (Some((theme, at)), true) = (tab_stop.get(), keyboard.get_untracked()) {
            if let Some(el) = crate::document::by_id(&dom_id(&theme, at))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    });

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let direction = match ev.key().as_str() {
            "ArrowLeft" => Direction::Left,
            "ArrowRight" => Direction::Right,
            "ArrowUp" => Direction::Up,
            "ArrowDown" => Direction::Down,
            "Escape" => {
                ev.prevent_default();
                keyboard.set(false);
                if let Some(el) = crate::document::by_id("frise-sortie")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        keyboard.set(true);
        let Some((theme, at)) = tab_stop.get_untracked() else {
            return;
        };
        let f = frise.get_untracked();
        let Some(lane) = f.lanes.iter().position(|l| l.theme == theme) else {
            return;
        };
        let Some(item) = f.lanes[lane].items.iter().position(|i| i.at == at) else {
            return;
        };
        match f.neighbour((lane, item), direction) {
            Some((l, i)) => focused.set(Some((f.lanes[l].theme.clone(), f.lanes[l].items[i].at))),
            // At the start or the end of the window: pan one step, keep the milestone.
            None if matches!(direction, Direction::Left | Direction::Right) => {
                focused.set(Some((theme, at)));
                set_window(
                    window
                        .get_untracked()
                        .shifted(if direction == Direction::Left { -1 } else { 1 }),
                );
            }
            None => {}
        }
    };

    // Drag to pan; wheel pans with Shift (or Ctrl) held.
    let drag_start = RwSignal::new(None::<(i32, f64)>);
    let track_width = move |ev: &web_sys::PointerEvent| {
        ev.current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.get_bounding_client_rect().width())
            .unwrap_or(1000.0)
    };
    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() != "mouse" || ev.button() == 0 {
            drag_start.set(Some((ev.client_x(), track_width(&ev))));
        }
    };
    // A drag that ends on a link must not open it.
    let dragged = RwSignal::new(false);
    let on_click_capture = move |ev: leptos::ev::MouseEvent| {
        if dragged.get_untracked() {
            ev.prevent_default();
            dragged.set(false);
        }
    };
    let on_pointerup = move |ev: web_sys::PointerEvent| {
        let Some((x, width)) = drag_start.get_untracked() else {
            return;
        };
        drag_start.set(None);
        let w = window.get_untracked();
        let ticks = f64::from(w.zoom.span_months() / w.zoom.step_months());
        let steps = (-f64::from(ev.client_x() - x) / (width / ticks)).round() as i64;
        if steps != 0 {
            dragged.set(true);
            set_window(w.shifted(steps));
        }
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        if ev.shift_key() || ev.ctrl_key() {
            ev.prevent_default();
            let delta = if ev.delta_x().abs() > ev.delta_y().abs() {
                ev.delta_x()
            } else {
                ev.delta_y()
            };
            set_window(
                window
                    .get_untracked()
                    .shifted(if delta > 0.0 { 1 } else { -1 }),
            );
        }
    };

    let zoom_to = move |zoom: Zoom| {
        let w = window.get_untracked();
        let middle = w.first_day() + (w.end_day() - w.first_day()) / 2;
        let focus = if frise.with_untracked(|f| f.today_x.is_some()) {
            today
        } else {
            middle
        };
        set_window(w.zoomed(zoom, focus));
    };

    view! {
        <section class="agenda-frise" aria-labelledby="frise-titre">
            <h2 class="fr-h5" id="frise-titre">"Frise chronologique"</h2>
            <p class="fr-text--sm agenda-frise__help" id="frise-aide">
                "Avec le clavier : flèches gauche et droite pour passer d'un jalon à l'autre, haut et bas pour changer de thème, Entrée pour ouvrir le chantier, Échap pour sortir de la frise. "
                "La vue en liste présente les mêmes jalons, dans l'ordre chronologique."
            </p>
            <div class="agenda-frise__controls">
                <fieldset class="fr-segmented fr-segmented--sm">
                    <legend class="fr-segmented__legend">"Échelle"</legend>
                    <div class="fr-segmented__elements">
                        {Zoom::ALL
                            .into_iter()
                            .map(|zoom| {
                                let id = format!("zoom-{}", zoom.code());
                                view! {
                                    <div class="fr-segmented__element">
                                        <input
                                            type="radio"
                                            name="zoom"
                                            id=id.clone()
                                            value=zoom.code()
                                            prop:checked=move || window.get().zoom == zoom
                                            on:change=move |_| zoom_to(zoom)
                                        />
                                        <label class="fr-label" for=id>{zoom.label_fr()}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="fr-btns-group fr-btns-group--inline fr-btns-group--sm agenda-frise__pan">
                    <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" id="frise-precedent" on:click=move |_| set_window(window.get_untracked().shifted(-1))>
                        "Période précédente"
                    </button>
                    <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" id="frise-aujourdhui" on:click=move |_| set_window(Window::around(today, window.get_untracked().zoom))>
                        "Aujourd'hui"
                    </button>
                    <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" id="frise-suivant" on:click=move |_| set_window(window.get_untracked().shifted(1))>
                        "Période suivante"
                    </button>
                </div>
            </div>
            <p class="agenda-frise__window" role="status" id="frise-periode">
                {move || format!("Période affichée : {}", window.get().label_fr())}
            </p>
            <div
                class="agenda-frise__board"
                class:agenda-frise__board--dragging=move || drag_start.get().is_some()
                role="group"
                aria-roledescription="frise chronologique"
                aria-labelledby="frise-titre"
                aria-describedby="frise-aide"
                on:keydown=on_keydown
                on:wheel=on_wheel
            >
                <div class="agenda-frise__axis" aria-hidden="true">
                    {move || {
                        frise
                            .with(|f| f.ticks.clone())
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <span class="agenda-frise__tick" class:agenda-frise__tick--major=t.major style:left=percent(t.x)>
                                        {t.label}
                                    </span>
                                }
                            })
                            .collect_view()
                    }}
                </div>
                <div class="agenda-frise__lanes" on:pointerdown=on_pointerdown on:pointerup=on_pointerup on:pointercancel=move |_| drag_start.set(None) on:click:capture=on_click_capture>
                    {move || {
                        frise
                            .with(|f| f.today_x)
                            .map(|x| view! { <span class="agenda-frise__today" style:left=percent(x) aria-hidden="true"><span>"Aujourd'hui"</span></span> })
                    }}
                    <Lanes frise query tab_stop on_focus=Callback::new(move |key| { focused.set(Some(key)); }) />
                </div>
                <Show when=move || frise.with(|f| f.lanes.is_empty())>
                    <p class="agenda-frise__empty">"Aucun jalon sur cette période : changez de période ou d'échelle."</p>
                </Show>
            </div>
            <p class="fr-mt-2w">
                <a class="fr-link" id="frise-sortie" href=move || crate::nav::agenda_href(&AgendaQuery { view: agenda_core::View::List, ..query.get() })>
                    "Voir ces jalons en liste"
                </a>
            </p>
        </section>
    }
}

#[component]
fn Lanes(
    frise: Memo<FriseLayout>,
    query: Memo<AgendaQuery>,
    tab_stop: Memo<Option<FocusKey>>,
    on_focus: Callback<FocusKey>,
) -> impl IntoView {
    let agenda = expect_context::<Agenda>();
    let links = ChantierLinks::new(query);
    move || {
        let f = frise.get();
        let window = f.window;
        f.lanes
            .into_iter()
            .map(|lane| {
                let rows = lane.rows.max(1) + usize::from(!lane.clusters.is_empty());
                let theme = lane.theme.clone();
                let items = lane
                    .items
                    .iter()
                    .map(|item| {
                        let chantier = &agenda.dataset.chantiers[item.at.chantier];
                        let milestone = &chantier.milestones[item.at.milestone];
                        let date = milestone.when_fr();
                        let approx = if item.approximate {
                            " (date approximative)"
                        } else {
                            ""
                        };
                        let label = format!(
                            "{} — {} : {}{approx} — {}",
                            chantier.title, milestone.label, date, lane.label
                        );
                        let key: FocusKey = (theme.clone(), item.at);
                        let is_stop = {
                            let key = key.clone();
                            move || tab_stop.get().as_ref() == Some(&key)
                        };
                        let id = chantier.id.clone();
                        // The box is as wide as the layout reserved for it, so boxes
                        // on one row never overlap; a day-precise point is round.
                        let span = (item.x1 - item.x0).max(0.0);
                        let width = span
                            .max(LayoutOptions::default().min_width)
                            .min(1.0 - item.x0)
                            .max(0.005);
                        view! {
                            <a
                                class="agenda-frise__item"
                                class:agenda-frise__item--approx=item.approximate
                                class:agenda-frise__item--point=span == 0.0
                                id=dom_id(&theme, item.at)
                                href=move || links.href(&id)
                                tabindex=move || if is_stop() { "0" } else { "-1" }
                                aria-label=label.clone()
                                title=label
                                style:left=percent(item.x0)
                                style:width=percent(width)
                                style:top=rem(item.row * 225)
                                draggable="false"
                                on:focus=move |_| on_focus.run(key.clone())
                            >
                                <span class="agenda-frise__label">{chantier.title.clone()}</span>
                            </a>
                        }
                    })
                    .collect_view();
                let clusters = lane
                    .clusters
                    .iter()
                    .map(|c| {
                        let count = c.items.len();
                        let day = window.first_day()
                            + chrono::Duration::days(
                                ((window.end_day() - window.first_day()).num_days() as f64 * c.x0)
                                    as i64,
                            );
                        view! {
                            <a
                                class="agenda-frise__cluster"
                                tabindex="-1"
                                href=move || {
                                    let mut q = query.get();
                                    q.zoom = Zoom::Month;
                                    q.window_start = Some(YearMonth::of(day));
                                    crate::nav::agenda_href(&q)
                                }
                                draggable="false"
                                title=format!("{count} autres jalons à cette période : zoomer")
                                style:left=percent(c.x0)
                                style:top=rem(rows.saturating_sub(1) * 225)
                            >
                                {format!("+{count}")}
                            </a>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="agenda-frise__lane">
                        <p class="agenda-frise__lane-label">{lane.label.clone()}</p>
                        <div class="agenda-frise__track" style:height=rem(rows * 225 + 25)>
                            {items}
                            {clusters}
                        </div>
                    </div>
                }
            })
            .collect_view()
    }
}

#[cfg(test)]
mod tests {
    use super::{percent, rem};

    #[test]
    fn positions_are_written_like_float_formatting_would() {
        for x in [0.0, 0.5, 1.0, 0.123_456, -0.012_34, 0.999_999_9, 1.25] {
            assert_eq!(percent(x), format!("{:.3}%", x * 100.0), "{x}");
        }
        assert_eq!(rem(0), "0.00rem");
        assert_eq!(rem(2 * 225 + 25), "4.75rem");
        assert_eq!(rem(3 * 225), format!("{:.2}rem", 3.0 * 2.25));
    }
}
