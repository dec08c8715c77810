//! The frise: lanes per theme over a time axis, drawn in HTML/CSS from the domain's
//! layout (`frise_markup` writes it; positions go through the CSSOM, which the CSP
//! allows).
//!
//! Keyboard: the frise is one tab stop (roving tabindex); arrows move from milestone
//! to milestone (left/right in time, up/down across lanes; at an edge the window
//! pans), Enter opens the chantier (boxes are links), Escape leaves. One handler on
//! the section serves every control and box (`document::listen`).

use agenda_core::frise::{layout, Direction, FriseLayout, LayoutOptions, Position, Window, Zoom};
use agenda_core::index::{MilestoneRef, Selection};
use agenda_core::{AgendaQuery, YearMonth};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::frise_markup::{
    self, ids, item_id, ITEM_ATTRIBUTE, LANE_ATTRIBUTE, POSITION_ATTRIBUTE, ZOOM_NAME,
};
use crate::data::Agenda;
use crate::document::{by_id, by_id_as, closest_to_target, focus_by_id, nodes_as, target_as};
use crate::nav::{agenda_href, ChantierLinks};
use crate::reactive::{effect, memo, on_load, Computed};

/// The milestone holding the tab stop: its lane (theme code) and milestone, stable
/// across layouts.
type FocusKey = (String, MilestoneRef);

/// The events the frise's one handler serves.
const EVENTS: [&str; 8] = [
    "change",
    "click",
    "keydown",
    "wheel",
    "pointerdown",
    "pointerup",
    "pointercancel",
    "focusin",
];

/// The frise view of the current selection.
#[component]
pub fn FriseView(
    selection: Computed<Selection>,
    query: Computed<AgendaQuery>,
    set_query: Callback<AgendaQuery>,
) -> impl IntoView {
    let agenda = crate::reactive::context::<Agenda>();
    let today = agenda.today;
    let window = memo(move || {
        query.with(|q| match q.window_start {
            Some(start) => Window::new(start, q.zoom),
            None => Window::around(today, q.zoom),
        })
    });
    let frise = {
        let agenda = agenda.clone();
        memo(move || {
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
    let links = ChantierLinks::new(query);
    let exit_href = memo(move || {
        query.with(|q| {
            agenda_href(&AgendaQuery {
                view: agenda_core::View::List,
                ..q.clone()
            })
        })
    });
    let set_window = move |w: Window| {
        let mut q = query.get_untracked();
        q.zoom = w.zoom;
        q.window_start = (w != Window::around(today, w.zoom)).then_some(w.start);
        set_query.run(q);
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
    // The milestone last focused, which keeps the tab stop while it is on the frise.
    let focused = StoredValue::new(None::<FocusKey>);
    let tab_stop = move |f: &FriseLayout| {
        focused
            .with_value(|key| {
                key.as_ref()
                    .and_then(|(theme, at)| f.position_of(theme, *at))
            })
            .or_else(|| f.entry_point())
    };

    // The board, written again for each layout and each query (its links carry it).
    effect({
        let agenda = agenda.clone();
        move || {
            links.track();
            let (Some(axis), Some(lanes), Some(empty)) =
                (by_id(ids::AXIS), by_id(ids::LANES), by_id(ids::EMPTY))
            else {
                return;
            };
            // Focus stays on the frise when the layout changes under it (a pan by
            // the keyboard, a drag).
            let had_focus = crate::document::holds_focus(&lanes);
            let stop = frise.with(|f| {
                let stop = tab_stop(f);
                let cluster_href = |cluster: &agenda_core::frise::Cluster| {
                    let mut q = query.get_untracked();
                    q.zoom = Zoom::Month;
                    q.window_start = Some(YearMonth::of(f.window.day_at(cluster.x0)));
                    agenda_href(&q)
                };
                axis.set_inner_html(&frise_markup::axis_html(&f.ticks));
                lanes.set_inner_html(&frise_markup::lanes_html(
                    f,
                    &agenda.dataset,
                    stop,
                    &|id| links.href_untracked(id),
                    &cluster_href,
                ));
                let _ = empty.toggle_attribute_with_force("hidden", !f.lanes.is_empty());
                stop.map(|(l, i)| item_id(&f.lanes[l].theme, f.lanes[l].items[i].at))
            });
            apply_positions(&axis);
            apply_positions(&lanes);
            if let (true, Some(stop)) = (had_focus, stop) {
                focus_by_id(&stop);
            }
        }
    });
    // The zoom's radio buttons and the period in words follow the window.
    effect(move || {
        let w = window.get();
        if let Some(period) = by_id(ids::PERIOD) {
            period.set_text_content(Some(&frise_markup::period_text(w)));
        }
        if let Some(radio) =
            by_id_as::<web_sys::HtmlInputElement>(&format!("zoom-{}", w.zoom.code()))
        {
            radio.set_checked(true);
        }
    });
    effect(move || {
        let href = exit_href.get();
        if let Some(exit) = by_id(ids::EXIT) {
            let _ = exit.set_attribute("href", &href);
        }
    });

    // Drag to pan; a drag that ends on a link must not open it.
    let drag_start = StoredValue::new(None::<(i32, f64)>);
    let dragged = StoredValue::new(false);
    let set_dragging = |ev: &web_sys::Event, on: bool| {
        if let Some(board) = closest_to_target(ev, ".agenda-frise__board") {
            let _ = board
                .class_list()
                .toggle_with_force("agenda-frise__board--dragging", on);
        }
    };
    let on_pointer = move |ev: &web_sys::PointerEvent| match ev.type_().as_str() {
        "pointerdown" => {
            let Some(lanes) = closest_to_target(ev, ".agenda-frise__lanes") else {
                return;
            };
            if ev.pointer_type() != "mouse" || ev.button() == 0 {
                let width = lanes.get_bounding_client_rect().width();
                drag_start.set_value(Some((ev.client_x(), width)));
                set_dragging(ev, true);
            }
        }
        "pointerup" => {
            let Some((x, width)) = drag_start.get_value() else {
                return;
            };
            drag_start.set_value(None);
            set_dragging(ev, false);
            let w = window.get_untracked();
            let ticks = f64::from(w.zoom.span_months() / w.zoom.step_months());
            let steps = (-f64::from(ev.client_x() - x) / (width / ticks)).round() as i64;
            if steps != 0 {
                dragged.set_value(true);
                set_window(w.shifted(steps));
            }
        }
        _ => {
            drag_start.set_value(None);
            set_dragging(ev, false);
        }
    };
    let on_keydown = move |ev: &web_sys::KeyboardEvent| {
        let Some(from) = closest_to_target(ev, ".agenda-frise__item") else {
            return;
        };
        let direction = match ev.key().as_str() {
            "ArrowLeft" => Direction::Left,
            "ArrowRight" => Direction::Right,
            "ArrowUp" => Direction::Up,
            "ArrowDown" => Direction::Down,
            "Escape" => {
                ev.prevent_default();
                focus_by_id(ids::EXIT);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let Some(position) = position_of_box(&from) else {
            return;
        };
        let target = frise.with_untracked(|f| {
            let key = |(l, i): Position| (f.lanes[l].theme.clone(), f.lanes[l].items[i].at);
            match f.neighbour(position, direction) {
                Some(next) => Some(Ok(key(next))),
                // At the start or the end of the window: pan one step, keeping the
                // milestone if it is still in view.
                None if matches!(direction, Direction::Left | Direction::Right) => {
                    Some(Err(key(position)))
                }
                None => None,
            }
        });
        match target {
            Some(Ok((theme, at))) => focus_by_id(&item_id(&theme, at)),
            Some(Err(kept)) => {
                focused.set_value(Some(kept));
                let step = if direction == Direction::Left { -1 } else { 1 };
                set_window(window.get_untracked().shifted(step));
            }
            None => {}
        }
    };
    let on_focusin = move |ev: &web_sys::Event| {
        let Some(item) = closest_to_target(ev, ".agenda-frise__item") else {
            return;
        };
        let Some((l, i)) = position_of_box(&item) else {
            return;
        };
        focused.set_value(frise.with_untracked(|f| {
            f.lanes
                .get(l)
                .and_then(|lane| Some((lane.theme.clone(), lane.items.get(i)?.at)))
        }));
        // The tab stop moves with the focus.
        if let Some(lanes) = by_id(ids::LANES) {
            if let Ok(Some(old)) = lanes.query_selector(r#"[tabindex="0"]"#) {
                let _ = old.set_attribute("tabindex", "-1");
            }
        }
        let _ = item.set_attribute("tabindex", "0");
    };
    let on_click = move |ev: &web_sys::MouseEvent| {
        if dragged.get_value() {
            dragged.set_value(false);
            if closest_to_target(ev, ".agenda-frise__lanes").is_some() {
                ev.prevent_default();
                return;
            }
        }
        let Some(button) = closest_to_target(ev, "button") else {
            return;
        };
        let w = window.get_untracked();
        match button.id().as_str() {
            ids::PREVIOUS => set_window(w.shifted(-1)),
            ids::TODAY => set_window(Window::around(today, w.zoom)),
            ids::NEXT => set_window(w.shifted(1)),
            _ => {}
        }
    };
    let on_wheel = move |ev: &web_sys::WheelEvent| {
        if (ev.shift_key() || ev.ctrl_key())
            && closest_to_target(ev, ".agenda-frise__board").is_some()
        {
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
    let on_change = move |ev: &web_sys::Event| {
        let Some(input) = target_as::<web_sys::HtmlInputElement>(ev) else {
            return;
        };
        if input.name() == ZOOM_NAME {
            if let Some(zoom) = Zoom::from_code(&input.value()) {
                zoom_to(zoom);
            }
        }
    };
    let handle = move |ev: web_sys::Event| match ev.type_().as_str() {
        "keydown" => on_keydown(ev.unchecked_ref()),
        "click" => on_click(ev.unchecked_ref()),
        "wheel" => on_wheel(ev.unchecked_ref()),
        "change" => on_change(&ev),
        "focusin" => on_focusin(&ev),
        _ => on_pointer(ev.unchecked_ref()),
    };

    let section = NodeRef::<leptos::html::Section>::new();
    on_load(section, move |section| {
        crate::document::listen(&section, &EVENTS, handle)
    });
    let frame = frise_markup::frame_html(window.get_untracked(), &exit_href.get_untracked());
    view! {
        <section class="agenda-frise" aria-labelledby="frise-titre" node_ref=section inner_html=frame />
    }
}

/// The lane and place of a milestone's box, as written by `frise_markup`.
fn position_of_box(item: &web_sys::Element) -> Option<Position> {
    let index = |name| item.get_attribute(name)?.parse().ok();
    Some((index(LANE_ATTRIBUTE)?, index(ITEM_ATTRIBUTE)?))
}

/// Sets the CSS position written in `frise_markup::POSITION_ATTRIBUTE` of every
/// element under `root`.
fn apply_positions(root: &web_sys::Element) {
    let Ok(positioned) = root.query_selector_all(&format!("[{POSITION_ATTRIBUTE}]")) else {
        return;
    };
    for element in nodes_as::<web_sys::HtmlElement>(&positioned) {
        if let Some(position) = element.get_attribute(POSITION_ATTRIBUTE) {
            element.style().set_css_text(&position);
        }
    }
}
