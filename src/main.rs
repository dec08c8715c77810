//! The entry point of both builds: the agenda (default) and, with `--features
//! editor`, the contribution editor served at `/contribuer` (scripts/build.sh).

#[cfg(not(feature = "editor"))]
const PAGES: agenda_app::app::Pages = agenda_app::app::agenda_pages;
#[cfg(feature = "editor")]
const PAGES: agenda_app::app::Pages = agenda_app::app::editor_pages;

fn main() {
    agenda_app::start(PAGES);
}
