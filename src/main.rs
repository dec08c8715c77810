//! The Agenda numérique des collectivités: a Leptos (CSR) app over `agenda-core`.
//!
//! The view is thin: every decision (what to show, in which order, in which words)
//! is made by the domain crate; components only lay it out.

mod app;
mod components;
mod data;
mod document;
mod nav;
mod pages;
mod panic;
mod visits;

use wasm_bindgen::JsCast;

fn main() {
    panic::install_hook();
    let Some(root) = document::by_id("app") else {
        return;
    };
    // The boot message ("Chargement…") and <noscript> are replaced by the app; the
    // static agenda heading stays, on the agenda only.
    root.set_inner_html("");
    document::show_agenda_heading(document::is_agenda_address());
    leptos::mount::mount_to(root.unchecked_into(), app::App).forget();
}

/// Panics on purpose, so the robustness test can check that a panic shows the French
/// error page instead of a dead one. Harmless: it only breaks the tab that calls it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_panic() {
    panic!("panique simulée (test de robustesse)");
}
