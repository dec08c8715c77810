//! The Agenda numérique des collectivités: a Leptos (CSR) app over `agenda-core`.
//!
//! The view is thin: every decision (what to show, in which order, in which words)
//! is made by the domain crate; components only lay it out.
//!
//! This library is built twice (src/main.rs): the agenda's pages, and with the
//! `editor` feature the contribution editor's, each its own wasm, so that a visit to
//! the agenda never downloads the editor (ARCHITECTURE.md, "Two builds").
// `str` indexing's panic message costs the wasm 3 kB gzip: `agenda_core::str_slice::slice`.
#![cfg_attr(not(test), warn(clippy::string_slice))]

pub mod app;
pub mod components;
pub mod data;
pub mod document;
pub mod nav;
pub mod pages;
pub mod panic;
pub mod reactive;
pub mod router;
pub mod visits;

use wasm_bindgen::JsCast;

/// Starts the app with one build's pages ([`app::AGENDA_PAGES`] or
/// [`app::EDITOR_PAGES`]) in index.html's `#app`.
pub fn start(pages: app::Pages) {
    panic::install_hook();
    document::remember_loaded_path();
    let Some(root) = document::by_id("app") else {
        return;
    };
    // The boot message ("Chargement…") and <noscript> are replaced by the app; the
    // static agenda heading stays, on the agenda only.
    root.set_inner_html("");
    document::show_agenda_heading(document::is_agenda_address());
    leptos::mount::mount_to(root.unchecked_into(), move || {
        leptos::prelude::view! { <app::App pages /> }
    })
    .forget();
}

/// Panics on purpose, so the robustness test can check that a panic shows the French
/// error page instead of a dead one. Harmless: it only breaks the tab that calls it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_panic() {
    panic!("panique simulée (test de robustesse)");
}
