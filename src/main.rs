//! The entry point of both builds: the agenda (default) and, with `--features
//! editor`, the contribution editor served at `/contribuer` (scripts/build.sh).

#[cfg(not(feature = "editor"))]
const PAGES: agenda_app::app::Pages = agenda_app::app::AGENDA_PAGES;
#[cfg(feature = "editor")]
const PAGES: agenda_app::app::Pages = agenda_app::app::EDITOR_PAGES;

fn main() {
    agenda_app::start(PAGES);
}
