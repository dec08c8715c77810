//! A panic must never leave a blank page carrying the State's name: show a French
//! message and a reload button, written straight into the DOM because the reactive
//! system may be unusable after a panic.

use wasm_bindgen::JsCast;

/// Installs the panic hook: logs to the console, then replaces the app with a message.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_message();
    }));
}

fn show_crash_message() {
    let Some(root) = crate::document::by_id("app") else {
        return;
    };
    root.set_inner_html(
        r#"<div class="fr-alert fr-alert--error" role="alert">
  <h2 class="fr-alert__title">L'agenda a rencontré une erreur inattendue</h2>
  <p>Rechargez la page pour reprendre. Si l'erreur se reproduit, signalez-la à l'équipe de l'agenda en indiquant l'adresse de la page.</p>
  <p><button type="button" class="fr-btn fr-mt-2w" id="recharger">Recharger la page</button></p>
</div>"#,
    );
    if let Some(button) = crate::document::by_id("recharger") {
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(crate::document::reload);
        let _ = button
            .unchecked_ref::<web_sys::HtmlElement>()
            .add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
    }
}
