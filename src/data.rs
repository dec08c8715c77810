//! Loading the published dataset over the network, with typed, French errors.

use std::sync::Arc;

use agenda_core::{Dataset, Index, LoadError, Problem};
use chrono::NaiveDate;
use gloo_net::http::Request;
use leptos::prelude::{request_animation_frame, set_timeout};

/// Where the dataset is read from, relative to the app's base URL. The operator can
/// publish it elsewhere by building with `AGENDA_DATA_URL` set.
pub const DATA_URL: &str = match option_env!("AGENDA_DATA_URL") {
    Some(url) => url,
    None => "data/agenda.json",
};

/// Why the agenda could not be loaded. Each message says what happened and what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    /// No answer: offline, DNS, CORS, connection cut.
    #[error("Le serveur de l'agenda ne répond pas. Vérifiez votre connexion à Internet, puis réessayez.")]
    Network,
    /// No complete answer within [`TIMEOUT_MS`].
    #[error("Le serveur de l'agenda met trop de temps à répondre. Votre connexion est peut-être lente : réessayez dans quelques instants.")]
    Timeout,
    /// The server answered with an HTTP error.
    #[error("Le serveur n'a pas pu fournir les données de l'agenda (erreur HTTP {0}). Réessayez dans quelques instants.")]
    Status(u16),
    /// The server answered with something that is not the dataset (an HTML page…).
    #[error("Le serveur a renvoyé autre chose que les données de l'agenda ({0}). Réessayez ; si le problème persiste, prévenez l'équipe de l'agenda.")]
    NotJson(String),
    /// The body could not be read completely.
    #[error("Les données de l'agenda n'ont été reçues qu'en partie. Réessayez.")]
    Truncated,
    /// The dataset is unusable as a whole.
    #[error("Les données de l'agenda sont inutilisables : {0}. Prévenez l'équipe de l'agenda.")]
    Unusable(String),
}

/// A loaded agenda: the valid chantiers, their index for "today", what was skipped.
#[derive(Debug, Clone)]
pub struct Agenda {
    /// The valid part of the dataset.
    pub dataset: Arc<Dataset>,
    /// The search and filter index.
    pub index: Arc<Index>,
    /// Problems found while loading (skipped entries, warnings).
    pub problems: Arc<Vec<Problem>>,
    /// The day statuses are computed for.
    pub today: NaiveDate,
    /// When the network failed and the last saved copy is shown: the day it was saved.
    pub saved_copy_of: Option<NaiveDate>,
    /// The day of the user's previous visit, for "Nouveautés".
    pub previous_visit: Option<NaiveDate>,
}

impl Agenda {
    /// Whether chantier `i` changed since the user's previous visit.
    pub fn is_new(&self, i: usize) -> bool {
        self.previous_visit
            .is_some_and(|day| self.dataset.chantiers[i].updated > day)
    }
}

impl Agenda {
    /// The chantier with this id and its position.
    pub fn chantier(&self, id: &str) -> Option<(usize, &agenda_core::Chantier)> {
        self.dataset
            .chantiers
            .iter()
            .enumerate()
            .find(|(_, c)| c.id == id)
    }
}

/// Today, in the user's time zone, as the browser's clock says. Read through
/// JavaScript's `Date` rather than chrono's clock: the same answer without chrono's
/// time zone code in the wasm.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// This instant, in UTC, from the browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// How long the dataset may take to arrive before the request is abandoned.
pub const TIMEOUT_MS: i32 = 20_000;

/// Fetches and loads the dataset; when the network fails, falls back to the last
/// copy saved in this browser (never when the network works: a fresh dataset always
/// replaces the saved one).
pub async fn fetch_agenda() -> Result<Agenda, DataError> {
    match fetch_fresh().await {
        Ok((loaded, bytes)) => {
            saved_copy::save(bytes.as_deref(), today());
            Ok(agenda_of(loaded, None))
        }
        Err(error @ DataError::Unusable(_)) => Err(error),
        Err(error) => match saved_copy::load() {
            Some((loaded, saved_on)) => Ok(agenda_of(loaded, Some(saved_on))),
            None => Err(error),
        },
    }
}

fn agenda_of(loaded: agenda_core::Loaded, saved_copy_of: Option<NaiveDate>) -> Agenda {
    let today = today();
    let index = Index::new(&loaded.dataset, today);
    Agenda {
        dataset: Arc::new(loaded.dataset),
        index: Arc::new(index),
        problems: Arc::new(loaded.problems),
        today,
        saved_copy_of,
        previous_visit: crate::visits::previous_visit(today),
    }
}

/// Aborts the request after [`TIMEOUT_MS`]; dropping the guard cancels the timer.
struct Deadline {
    controller: web_sys::AbortController,
    timer: Option<i32>,
    expired: std::rc::Rc<std::cell::Cell<bool>>,
    _on_timeout: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Deadline {
    fn start() -> Option<Deadline> {
        use wasm_bindgen::JsCast;
        let controller = web_sys::AbortController::new().ok()?;
        let expired = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_timeout = {
            let controller = controller.clone();
            let expired = expired.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                expired.set(true);
                controller.abort();
            })
        };
        let timer = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            )
            .ok();
        Some(Deadline {
            controller,
            timer,
            expired,
            _on_timeout: on_timeout,
        })
    }

    fn error(&self, otherwise: DataError) -> DataError {
        if self.expired.get() {
            DataError::Timeout
        } else {
            otherwise
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(window), Some(timer)) = (web_sys::window(), self.timer) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

async fn fetch_fresh() -> Result<(agenda_core::Loaded, Option<Vec<u8>>), DataError> {
    use agenda_core::load::Finished;
    let (loaded, bytes) = match fetch_and_read(false).await? {
        Finished::Read(loaded, bytes) => (loaded, bytes),
        // Something unusual in a large file, after the bytes read were let go: read
        // it again (the HTTP cache has it), whole, for the problems' places.
        Finished::ReadAgain => match fetch_and_read(true).await? {
            Finished::Read(loaded, bytes) => (loaded, bytes),
            // A reading that keeps the bytes never asks for them again.
            Finished::ReadAgain => return Err(DataError::Truncated),
        },
    };
    let loaded = loaded.map_err(|e| match e {
        LoadError::Syntax { .. }
            if bytes.as_deref().and_then(|b| b.trim_ascii_start().first()) == Some(&b'<') =>
        {
            DataError::NotJson("une page HTML".into())
        }
        e => DataError::Unusable(e.to_string()),
    })?;
    Ok((loaded, bytes))
}

/// One request for the dataset, read as it arrives. Unless `keep_whole`, a file too
/// large to be saved in the browser is not held whole beside the chantiers read
/// from it (`Streaming::keeping_up_to`): a quarter of a gigabyte less at 100,000
/// chantiers.
async fn fetch_and_read(keep_whole: bool) -> Result<agenda_core::load::Finished, DataError> {
    use agenda_core::load::Streaming;
    let deadline = Deadline::start();
    let signal = deadline.as_ref().map(|d| d.controller.signal());
    let fail = |e: DataError| deadline.as_ref().map_or(e.clone(), |d| d.error(e));
    let response = Request::get(DATA_URL)
        .cache(web_sys::RequestCache::NoCache)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|_| fail(DataError::Network))?;
    if !response.ok() {
        return Err(DataError::Status(response.status()));
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    // A window of bytes, not `str::contains`: the standard library's substring
    // search (its two-way searcher, 2 kB of wasm) served only this line.
    if content_type.as_bytes().windows(4).any(|w| w == b"html") {
        return Err(DataError::NotJson("une page HTML".into()));
    }
    // Each chantier is read as soon as its bytes have arrived: on a large dataset,
    // reading overlaps the download instead of following it.
    let size = response
        .headers()
        .get("content-length")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut reading = if keep_whole {
        Streaming::with_capacity(size)
    } else {
        Streaming::keeping_up_to(saved_copy::MAX_BYTES)
    };
    read_body(web_sys::Response::from(response), &mut reading)
        .await
        .map_err(|()| fail(DataError::Truncated))?;
    Ok(reading.finish())
}

/// Feeds the response's body to `reading`, chunk by chunk as the network delivers it.
async fn read_body(
    response: web_sys::Response,
    reading: &mut agenda_core::load::Streaming,
) -> Result<(), ()> {
    use wasm_bindgen::JsCast;
    let Some(body) = response.body() else {
        return Ok(());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    loop {
        let chunk: web_sys::ReadableStreamReadResult =
            wasm_bindgen_futures::JsFuture::from(reader.read())
                .await
                .map_err(|_| ())?
                .unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            return Ok(());
        }
        let bytes: js_sys::Uint8Array = chunk.get_value().dyn_into().map_err(|_| ())?;
        reading.push_with(bytes.length() as usize, |next| bytes.copy_to(next));
        if reading.must_read_again() {
            // The file will be fetched again whole: the rest of this one is of no use.
            let _ = reader.cancel();
            return Ok(());
        }
    }
}

/// How many chantiers' search texts are indexed per task: about 10 ms of work on a
/// slow laptop, so typing and scrolling stay fluid meanwhile.
const SEARCH_SLICE: usize = 200;

/// Prepares the search index in slices once the agenda is on screen, so the first
/// render does not wait for it and the first keystroke rarely does; then, in a task of
/// their own, the facets' numbers, so the first filter on a facet does not wait for
/// them either. Calling it again (the agenda shown anew) only finishes what is left.
pub fn prepare_search_after_paint(agenda: &Agenda) {
    fn next_slice(agenda: Agenda) {
        set_timeout(
            move || {
                if agenda.index.prepare_search(&agenda.dataset, SEARCH_SLICE) {
                    set_timeout(
                        move || agenda.index.prepare_facets(&agenda.dataset),
                        std::time::Duration::ZERO,
                    );
                } else {
                    next_slice(agenda);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    let agenda = agenda.clone();
    request_animation_frame(move || next_slice(agenda));
}

/// The last good dataset, kept in localStorage so a town hall without network still
/// sees the agenda, clearly marked as a saved copy.
mod saved_copy {
    use chrono::NaiveDate;

    const KEY: &str = "agenda-numerique.derniere-version";
    const DATE_KEY: &str = "agenda-numerique.derniere-version.date";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// Browsers give an origin about 5 million characters of localStorage: a larger
    /// dataset cannot be kept, and trying costs a copy of it into a JS string at
    /// every load (the shipped dataset is about 135 kB).
    pub const MAX_BYTES: usize = 4_000_000;

    /// Saves the dataset; one too large for localStorage only means no copy (and no
    /// outdated one left behind).
    /// `None`: the file was too large to be kept whole.
    pub fn save(bytes: Option<&[u8]>, today: NaiveDate) {
        let Some(storage) = storage() else {
            return;
        };
        // The length first: checking the text of a large dataset again costs time.
        let text = bytes
            .filter(|bytes| bytes.len() <= MAX_BYTES)
            .and_then(|bytes| std::str::from_utf8(bytes).ok());
        if text.is_some_and(|text| storage.set_item(KEY, text).is_ok()) {
            let _ = storage.set_item(DATE_KEY, &today.to_string());
        } else {
            let _ = storage.remove_item(KEY);
            let _ = storage.remove_item(DATE_KEY);
        }
    }

    /// The saved copy and the day it was saved, if there is a usable one.
    pub fn load() -> Option<(agenda_core::Loaded, NaiveDate)> {
        let storage = storage()?;
        let text = storage.get_item(KEY).ok()??;
        let saved_on = agenda_core::date::parse_day(&storage.get_item(DATE_KEY).ok()??).ok()?;
        let loaded = agenda_core::load_text(&text).ok()?;
        Some((loaded, saved_on))
    }
}
