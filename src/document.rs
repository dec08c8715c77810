//! Small helpers over the browser document.

use wasm_bindgen::JsCast;

/// The element with this id, if any.
pub fn by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The element matching `selector` that holds the event's target (itself
/// included): how one listener on a list serves all its items.
pub fn closest_to_target(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Sets the page's `<title>`: each view has its own (RGAA 8.6).
pub fn set_title(title: &str) {
    PENDING_TITLE.with(|pending| pending.borrow_mut().take());
    write_title(title);
}

fn write_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{title} — Agenda numérique des collectivités"));
    }
}

/// [`set_title`] once the browser is idle (see [`when_idle`]), for a title that
/// follows filters: nobody reads the tab's title while filtering, and the changes of
/// a fast typist write it once.
pub fn set_title_when_idle(title: String) {
    let first = PENDING_TITLE.with(|pending| pending.borrow_mut().replace(title).is_none());
    if first {
        when_idle(|| {
            if let Some(title) = PENDING_TITLE.with(|pending| pending.borrow_mut().take()) {
                write_title(&title);
            }
        });
    }
}

thread_local! {
    /// The title [`set_title_when_idle`] will write; [`set_title`] cancels it.
    static PENDING_TITLE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` once the browser is idle, after the frame that shows the change before
/// it is painted: for work that must follow a change but that nobody sees in it (the
/// address bar, the tab's title), so the change is on screen sooner. At most
/// `IDLE_DEADLINE_MS` later on a busy page; without `requestIdleCallback` (Safari),
/// in a task after the next frame.
pub fn when_idle(f: impl FnOnce() + 'static) {
    const IDLE_DEADLINE_MS: u32 = 200;
    let Some(window) = web_sys::window() else {
        return;
    };
    let supported = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if supported {
        let callback = wasm_bindgen::closure::Closure::once_into_js(f);
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_DEADLINE_MS);
        let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
    } else {
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
        });
    }
}

/// Shows or hides index.html's agenda heading (`#entete-agenda`), the agenda page's
/// own title, static so it reads before the app has loaded.
pub fn show_agenda_heading(show: bool) {
    if let Some(heading) = by_id("entete-agenda") {
        let _ = if show {
            heading.remove_attribute("hidden")
        } else {
            heading.set_attribute("hidden", "")
        };
    }
}

thread_local! {
    static LOADED_PATH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Remembers the path this document was loaded at, before the router moves on.
pub fn remember_loaded_path() {
    LOADED_PATH.with(|p| *p.borrow_mut() = current_path());
}

/// Whether the document was loaded at the current path (the router has not moved).
pub fn still_at_loaded_path() -> bool {
    LOADED_PATH.with(|p| *p.borrow() == current_path())
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// Loads the current address from the server, as a new document.
pub fn reload() {
    crate::router::settle_address();
    let _ = web_sys::window().map(|w| w.location().reload());
}

/// Whether the address is the agenda's (the app's root, whatever the query).
pub fn is_agenda_address() -> bool {
    current_path().trim_end_matches('/') == base_path()
}

/// The path the app is served under, without its last `/` ("" or e.g. "/agenda"),
/// from `<base href>`; read once.
pub fn base_path() -> String {
    thread_local! {
        static BASE: String = read_base_path();
    }
    BASE.with(Clone::clone)
}

fn read_base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".into());
    base.trim_end_matches('/').to_string()
}

/// The absolute URL of the app's root, e.g. `https://agenda.example.gouv.fr/agenda/`.
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// The absolute URL of the current page.
pub fn current_url() -> String {
    crate::router::settle_address();
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Moves keyboard focus to the `n`-th element (from 0) matching `selector` once the
/// view has caught up (elements just added are there by the next frames).
pub fn focus_nth_later(selector: &'static str, n: u32) {
    focus_nth_when_there(selector, n, 10);
}

fn focus_nth_when_there(selector: &'static str, n: u32, frames: u32) {
    leptos::prelude::request_animation_frame(move || {
        let target = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(selector).ok())
            .and_then(|list| list.item(n))
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok());
        match target {
            Some(element) => {
                let _ = element.focus();
            }
            None if frames > 0 => focus_nth_when_there(selector, n, frames - 1),
            None => {}
        }
    });
}

/// Moves keyboard focus to the element with this id, if any.
pub fn focus_by_id(id: &str) {
    if let Some(element) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Whether keyboard focus is on `element` or inside it.
pub fn holds_focus(element: &web_sys::Element) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|active| element.contains(Some(&active)))
}

/// Listens to every event of `events` on `target` with one handler, until the
/// current reactive owner (the component that asked) is cleaned up: one handler
/// for a part of the page written as HTML text, rather than a listener per element.
pub fn listen(
    target: &web_sys::EventTarget,
    events: &[&str],
    handler: impl Fn(web_sys::Event) + 'static,
) {
    // `Fn`, not `FnMut`: a handler that moves focus is called again, inside itself,
    // for the `focusin` it causes.
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(handler);
    for event in events {
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    // Dropped with the owner, when the element has left the page.
    leptos::prelude::StoredValue::new_local(closure);
}

/// The element with this id as a `T` (an input, a select…), if it is one.
pub fn by_id_as<T: JsCast>(id: &str) -> Option<T> {
    by_id(id)?.dyn_into().ok()
}

/// The event's target as a `T`, if it is one.
pub fn target_as<T: JsCast>(ev: &web_sys::Event) -> Option<T> {
    ev.target()?.dyn_into().ok()
}

/// The nodes of `list` that are `T`s, in document order.
pub fn nodes_as<T: JsCast>(list: &web_sys::NodeList) -> impl Iterator<Item = T> + '_ {
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok())
}
