//! Native benchmarks of the domain on generated datasets of 1,000, 10,000 and
//! 100,000 chantiers: loading the JSON, at once and as it downloads (1,000 and 10,000
//! only), building the index, filtering (text, theme, period), grouping the
//! timeline's first page, laying out the frise at each zoom, parsing the URL query.
//!
//! ```sh
//! cargo bench -p agenda-core                 # about 40 s
//! cargo bench -p agenda-core -- select       # only the filters
//! ```
//!
//! The bench profile is the release profile (`opt-level = "z"`, as the app's wasm).
//!
//! Each dataset is generated once per size (`agenda_core::generate`, seed 2026).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use agenda_core::frise::{self, LayoutOptions, Window, Zoom};
use agenda_core::sorted_set::SortedSet;
use agenda_core::{generate, AgendaQuery, Dataset, Filter, Index, Period, PeriodPreset, Timeline};
use chrono::NaiveDate;
use divan::{black_box, Bencher};

/// Dataset sizes, in chantiers. `cargo test` (a debug build) runs every benchmark
/// once as a smoke test, on small sizes so it stays quick.
const SIZES: [usize; 3] = if cfg!(debug_assertions) {
    [10, 100, 1_000]
} else {
    [1_000, 10_000, 100_000]
};
/// The seed of every benchmark dataset.
const SEED: u64 = 2026;
/// How many milestones the app's timeline shows at first (src/pages/agenda.rs).
const PAGE_SIZE: usize = 30;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()
}

/// The dataset of `size` chantiers and its index, built once and kept for the run.
fn fixture(size: usize) -> &'static (Dataset, Index) {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static (Dataset, Index)>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.entry(size).or_insert_with(|| {
        let dataset = generate::dataset(size, SEED);
        let index = Index::new(&dataset, today());
        // As in the app once the search is prepared (src/data.rs).
        index.prepare_search(&dataset, usize::MAX);
        Box::leak(Box::new((dataset, index)))
    })
}

/// Sizes for [`load`]: parsing 100,000 chantiers takes seconds, left out.
const LOAD_SIZES: [usize; 2] = [SIZES[0], SIZES[1]];

/// What the app does with the fetched bytes before anything shows: parse, validate.
#[divan::bench(args = LOAD_SIZES, max_time = 3)]
fn load(bencher: Bencher, size: usize) {
    let (dataset, _) = fixture(size);
    let bytes = serde_json::to_vec(dataset).unwrap_or_default();
    bencher.bench(|| agenda_core::load(black_box(&bytes)).map(|l| l.dataset.chantiers.len()));
}

/// The same, fed in 64 kB chunks as the app reads a download
/// (`agenda_core::load::Streaming`): the price of reading while the bytes arrive.
/// Keeping the whole file, and keeping it up to 4 MB as the app does (the largest
/// copy it may save in the browser), beyond which the chantiers' bytes are let go
/// once read.
#[divan::bench(args = LOAD_SIZES, max_time = 3)]
fn load_streaming(bencher: Bencher, size: usize) {
    stream(bencher, size, agenda_core::load::Streaming::with_capacity);
}

#[divan::bench(args = LOAD_SIZES, max_time = 3)]
fn load_streaming_keeping_up_to_4_mb(bencher: Bencher, size: usize) {
    stream(bencher, size, |_| {
        agenda_core::load::Streaming::keeping_up_to(4_000_000)
    });
}

fn stream(
    bencher: Bencher,
    size: usize,
    new: impl Fn(usize) -> agenda_core::load::Streaming + Sync,
) {
    let (dataset, _) = fixture(size);
    let bytes = serde_json::to_vec(dataset).unwrap_or_default();
    bencher.bench(|| {
        let mut reading = new(bytes.len());
        for chunk in black_box(&bytes).chunks(65_536) {
            reading.push(chunk);
        }
        match reading.finish() {
            agenda_core::load::Finished::Read(loaded, _) => {
                loaded.map(|l| l.dataset.chantiers.len())
            }
            agenda_core::load::Finished::ReadAgain => unreachable!("a valid dataset"),
        }
    });
}

#[divan::bench(args = SIZES, max_time = 1.5)]
fn index_new(bencher: Bencher, size: usize) {
    let (dataset, _) = fixture(size);
    bencher.bench(|| Index::new(black_box(dataset), today()));
}

/// The words of the search texts, indexed in slices after the first render (the app).
#[divan::bench(args = SIZES, max_time = 1.5)]
fn index_prepare_search(bencher: Bencher, size: usize) {
    let (dataset, _) = fixture(size);
    bencher
        .with_inputs(|| Index::new(dataset, today()))
        .bench_refs(|index| index.prepare_search(black_box(dataset), usize::MAX));
}

/// The filters a user sets, one facet at a time.
fn filter(kind: &str) -> Filter {
    let mut filter = Filter::default();
    match kind {
        "texte" => filter.text = "souveraineté numérique".to_string(),
        "theme" => filter.themes = SortedSet::from(["cybersecurite".to_string()]),
        _ => filter.period = Period::Preset(PeriodPreset::Next12Months),
    }
    filter
}

#[divan::bench(args = SIZES, max_time = 1.5)]
fn select_text(bencher: Bencher, size: usize) {
    let (dataset, index) = fixture(size);
    let filter = filter("texte");
    bencher.bench(|| index.select(dataset, black_box(&filter)));
}

#[divan::bench(args = SIZES, max_time = 1.5)]
fn select_theme(bencher: Bencher, size: usize) {
    let (dataset, index) = fixture(size);
    let filter = filter("theme");
    bencher.bench(|| index.select(dataset, black_box(&filter)));
}

#[divan::bench(args = SIZES, max_time = 1.5)]
fn select_period(bencher: Bencher, size: usize) {
    let (dataset, index) = fixture(size);
    let filter = filter("periode");
    bencher.bench(|| index.select(dataset, black_box(&filter)));
}

/// The first page of the default view: every milestone selected, 30 grouped.
#[divan::bench(args = SIZES, max_time = 1.5)]
fn timeline_build_first_page(bencher: Bencher, size: usize) {
    let (dataset, index) = fixture(size);
    let selection = index.select(dataset, &Filter::default());
    bencher.bench(|| Timeline::build(dataset, black_box(&selection), today(), false, PAGE_SIZE));
}

/// The frise at each zoom (six years, two, one around today) over every milestone.
#[divan::bench(args = SIZES, consts = [0, 1, 2], max_time = 1.5)]
fn frise_layout<const ZOOM: usize>(bencher: Bencher, size: usize) {
    let (dataset, index) = fixture(size);
    let selection = index.select(dataset, &Filter::default());
    let window = Window::around(today(), Zoom::ALL[ZOOM]);
    bencher.bench(|| {
        frise::layout(
            dataset,
            black_box(&selection),
            window,
            today(),
            LayoutOptions::default(),
        )
    });
}

/// Independent of the dataset's size: a long shared link.
#[divan::bench(max_time = 1.0)]
fn agenda_query_parse() -> AgendaQuery {
    AgendaQuery::parse(black_box(
        "?q=d%C3%A9mat%C3%A9rialisation%20factures&theme=finances,commande-publique,cybersecurite\
         &periode=12-mois&porteur=dgfip&nature=obligation,end_of_service&public=commune,epci\
         &statut=a-venir&vue=frise&passes=1",
    ))
}
