//! Dates known to a given precision.
//!
//! The State often announces "au 3e trimestre 2025" or "courant 2026": a milestone's
//! date is only as precise as its source. [`PartialDate`] keeps that precision so
//! nothing downstream (display, filters, exports) pretends to know more.
//!
//! In JSON a partial date is one string whose shape gives its precision:
//!
//! | precision | text         | example      |
//! |-----------|--------------|--------------|
//! | day       | `AAAA-MM-JJ` | `2024-01-01` |
//! | month     | `AAAA-MM`    | `2022-07`    |
//! | quarter   | `AAAA-Tn`    | `2025-T3`    |
//! | semester  | `AAAA-Sn`    | `2026-S1`    |
//! | year      | `AAAA`       | `2026`       |

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::str_slice::slice;

/// How precisely a date is known, from the finest to the coarsest.
///
/// ```
/// use agenda_core::Precision;
/// assert!(Precision::Day < Precision::Year);
/// assert_eq!(Precision::Quarter.months(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A known day.
    Day,
    /// A known month.
    Month,
    /// A known quarter (trimestre).
    Quarter,
    /// A known half-year (semestre).
    Semester,
    /// Only the year is known.
    Year,
}

impl Precision {
    /// Every precision, finest first.
    pub const ALL: [Precision; 5] = [
        Precision::Day,
        Precision::Month,
        Precision::Quarter,
        Precision::Semester,
        Precision::Year,
    ];

    /// The number of whole months the period spans (0 for a day).
    ///
    /// ```
    /// assert_eq!(agenda_core::Precision::Semester.months(), 6);
    /// ```
    pub fn months(self) -> u32 {
        match self {
            Precision::Day => 0,
            Precision::Month => 1,
            Precision::Quarter => 3,
            Precision::Semester => 6,
            Precision::Year => 12,
        }
    }

    /// The French name of the precision, as offered in the contribution form.
    ///
    /// ```
    /// assert_eq!(agenda_core::Precision::Quarter.label_fr(), "trimestre");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            Precision::Day => "jour",
            Precision::Month => "mois",
            Precision::Quarter => "trimestre",
            Precision::Semester => "semestre",
            Precision::Year => "année",
        }
    }
}

/// A date known to a [`Precision`]: the period starting at `first_day`.
///
/// ```
/// use agenda_core::{PartialDate, Precision};
/// let q3: PartialDate = "2025-T3".parse().unwrap();
/// assert_eq!(q3.precision(), Precision::Quarter);
/// assert_eq!(q3.first_day().to_string(), "2025-07-01");
/// assert_eq!(q3.last_day().to_string(), "2025-09-30");
/// assert_eq!(q3.to_string(), "2025-T3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    first_day: NaiveDate,
    precision: Precision,
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Chronological order; on the same first day, the coarser period comes first
/// ("2026" before "1er trimestre 2026" before "janvier 2026"), which is how the
/// timeline reads.
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.first_day
            .cmp(&other.first_day)
            .then(other.precision.cmp(&self.precision))
    }
}

impl PartialDate {
    /// A day-precision date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let d = agenda_core::PartialDate::day(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    /// assert_eq!(d.to_string(), "2024-01-01");
    /// ```
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            first_day: date,
            precision: Precision::Day,
        }
    }

    /// The period of `precision` that contains `date`.
    ///
    /// ```
    /// use agenda_core::{PartialDate, Precision};
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2025, 8, 14).unwrap();
    /// assert_eq!(PartialDate::containing(d, Precision::Semester).to_string(), "2025-S2");
    /// ```
    pub fn containing(date: NaiveDate, precision: Precision) -> Self {
        let year = date.year();
        let month0 = date.month0();
        let first_month0 = match precision {
            Precision::Day => {
                return PartialDate::day(date);
            }
            Precision::Month => month0,
            Precision::Quarter => month0 / 3 * 3,
            Precision::Semester => month0 / 6 * 6,
            Precision::Year => 0,
        };
        PartialDate {
            // Day 1 of a month 1..=12 always exists.
            first_day: NaiveDate::from_ymd_opt(year, first_month0 + 1, 1).unwrap_or(date),
            precision,
        }
    }

    /// A number that orders dates as [`Ord`] does: sorting a large list by it
    /// compares integers instead of dates (the index sorts every milestone at load).
    ///
    /// ```
    /// let year: agenda_core::PartialDate = "2026".parse().unwrap();
    /// let january: agenda_core::PartialDate = "2026-01".parse().unwrap();
    /// assert!(year < january && year.sort_key() < january.sort_key());
    /// ```
    pub fn sort_key(&self) -> u64 {
        // Days from an origin before any date chrono can hold, so the key is never
        // negative; on the same day, the coarser precision first, as `cmp` says.
        let days = i64::from(self.first_day.num_days_from_ce()) - i64::from(i32::MIN);
        let coarseness = Precision::Year as u64 - self.precision as u64;
        (days as u64) << 3 | coarseness
    }

    /// The precision the date is known to.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last day of the period (the day itself for a day-precision date).
    ///
    /// ```
    /// let feb: agenda_core::PartialDate = "2024-02".parse().unwrap();
    /// assert_eq!(feb.last_day().to_string(), "2024-02-29");
    /// ```
    pub fn last_day(&self) -> NaiveDate {
        match self.precision {
            Precision::Day => self.first_day,
            p => self
                .first_day
                .checked_add_months(Months::new(p.months()))
                .and_then(|d| d.pred_opt())
                .unwrap_or(NaiveDate::MAX),
        }
    }

    /// The year of the period.
    pub fn year(&self) -> i32 {
        self.first_day.year()
    }

    /// Whether `date` falls within the period.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let y: agenda_core::PartialDate = "2026".parse().unwrap();
    /// assert!(y.contains(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()));
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day()
    }

    /// A value for the HTML `datetime` attribute of `<time>`. HTML has no quarter or
    /// semester syntax, so those give their year, which is true if less precise.
    ///
    /// ```
    /// let q: agenda_core::PartialDate = "2025-T3".parse().unwrap();
    /// assert_eq!(q.html_datetime(), "2025");
    /// ```
    pub fn html_datetime(&self) -> String {
        match self.precision {
            // Day and month through Display: chrono's strftime machinery stays out
            // of the wasm.
            Precision::Day | Precision::Month => self.to_string(),
            _ => format!("{:04}", self.year()),
        }
    }
}

impl fmt::Display for PartialDate {
    /// The canonical text form, the inverse of [`FromStr`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.year();
        let m = self.first_day.month();
        match self.precision {
            Precision::Day => write!(f, "{y:04}-{m:02}-{:02}", self.first_day.day()),
            Precision::Month => write!(f, "{y:04}-{m:02}"),
            Precision::Quarter => write!(f, "{y:04}-T{}", (m - 1) / 3 + 1),
            Precision::Semester => write!(f, "{y:04}-S{}", (m - 1) / 6 + 1),
            Precision::Year => write!(f, "{y:04}"),
        }
    }
}

/// Why a text is not a [`PartialDate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text has none of the accepted shapes.
    Shape,
    /// The shape is right but the date does not exist (2024-02-30, month 13, T5…).
    Impossible,
    /// The year is outside 1900–2200, almost certainly a typing error.
    YearOutOfRange,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Shape => {
                "format de date non reconnu ; écrivez AAAA-MM-JJ, AAAA-MM, AAAA-Tn (trimestre), AAAA-Sn (semestre) ou AAAA"
            }
            DateError::Impossible => "cette date n'existe pas dans le calendrier",
            DateError::YearOutOfRange => "l'année doit être comprise entre 1900 et 2200",
        })
    }
}

impl std::error::Error for DateError {}

fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, '-');
        let year = parts
            .next()
            .and_then(|y| digits(y, 4))
            .ok_or(DateError::Shape)? as i32;
        let second = parts.next();
        let third = parts.next();
        let (month, day, precision) = match (second, third) {
            (None, None) => (1, 1, Precision::Year),
            (Some(m), None) if m.len() == 2 && (m.starts_with('T') || m.starts_with('S')) => {
                let n = digits(slice(m, 1..), 1).ok_or(DateError::Shape)?;
                let (count, precision) = if m.starts_with('T') {
                    (4, Precision::Quarter)
                } else {
                    (2, Precision::Semester)
                };
                if n == 0 || n > count {
                    return Err(DateError::Impossible);
                }
                ((n - 1) * (12 / count) + 1, 1, precision)
            }
            (Some(m), None) => (digits(m, 2).ok_or(DateError::Shape)?, 1, Precision::Month),
            (Some(m), Some(d)) => (
                digits(m, 2).ok_or(DateError::Shape)?,
                digits(d, 2).ok_or(DateError::Shape)?,
                Precision::Day,
            ),
            (None, Some(_)) => return Err(DateError::Shape),
        };
        if !(1900..=2200).contains(&year) {
            return Err(DateError::YearOutOfRange);
        }
        let first_day = NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)?;
        Ok(PartialDate {
            first_day,
            precision,
        })
    }
}

/// Why a text is not a day written `AAAA-MM-JJ` ([`parse_day`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayError {
    /// Not four digits, `-`, two digits, `-`, two digits.
    Shape,
    /// The shape is right but the day does not exist (2024-02-30, month 13…).
    Impossible,
}

impl fmt::Display for DayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DayError::Shape => "date au format AAAA-MM-JJ attendue",
            DayError::Impossible => "cette date n'existe pas dans le calendrier",
        })
    }
}

impl std::error::Error for DayError {}

/// A day written `AAAA-MM-JJ` (RFC 3339's full-date), as the dataset writes its days
/// (`published`, `updated`) and the app stores them.
///
/// Why not chrono's `FromStr`: its general parser (signs, widths, spaces, every field
/// of a date and time) weighed 10 kB of the wasm for this one fixed shape.
///
/// ```
/// use agenda_core::date::{parse_day, DayError};
/// assert_eq!(parse_day("2026-11-29").unwrap().to_string(), "2026-11-29");
/// assert_eq!(parse_day("2026-2-3"), Err(DayError::Shape));
/// assert_eq!(parse_day(" 2026-02-03"), Err(DayError::Shape));
/// assert_eq!(parse_day("2026-02-30"), Err(DayError::Impossible));
/// ```
pub fn parse_day(text: &str) -> Result<NaiveDate, DayError> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err(DayError::Shape);
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
        .ok_or(DayError::Impossible)
}

/// Deserializes a day with [`parse_day`] (`#[serde(deserialize_with)]` on the model's
/// days).
pub(crate) fn deserialize_day<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveDate, D::Error> {
    struct Day;
    impl serde::de::Visitor<'_> for Day {
        type Value = NaiveDate;
        // The words the loader translates ("une date AAAA-MM-JJ", `load::type_fr`).
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a valid date")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
            parse_day(text).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Day)
}

/// [`deserialize_day`] for an optional day (with `#[serde(default)]`).
pub(crate) fn deserialize_optional_day<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    struct Day(NaiveDate);
    impl<'de> Deserialize<'de> for Day {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_day(deserializer).map(Day)
        }
    }
    Ok(Option::<Day>::deserialize(deserializer)?.map(|day| day.0))
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|e: DateError| serde::de::Error::custom(format!("« {text} » : {e}")))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Date à sa précision : AAAA-MM-JJ (jour), AAAA-MM (mois), AAAA-Tn (trimestre 1 à 4), AAAA-Sn (semestre 1 ou 2) ou AAAA (année).",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|-T[1-4]|-S[12])?$",
            "examples": ["2024-01-01", "2022-07", "2025-T3", "2026-S1", "2026"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_every_precision() {
        let cases = [
            (
                "2024-01-01",
                Precision::Day,
                ymd(2024, 1, 1),
                ymd(2024, 1, 1),
            ),
            (
                "2022-07",
                Precision::Month,
                ymd(2022, 7, 1),
                ymd(2022, 7, 31),
            ),
            (
                "2025-T1",
                Precision::Quarter,
                ymd(2025, 1, 1),
                ymd(2025, 3, 31),
            ),
            (
                "2025-T4",
                Precision::Quarter,
                ymd(2025, 10, 1),
                ymd(2025, 12, 31),
            ),
            (
                "2026-S1",
                Precision::Semester,
                ymd(2026, 1, 1),
                ymd(2026, 6, 30),
            ),
            (
                "2026-S2",
                Precision::Semester,
                ymd(2026, 7, 1),
                ymd(2026, 12, 31),
            ),
            ("2026", Precision::Year, ymd(2026, 1, 1), ymd(2026, 12, 31)),
        ];
        for (text, precision, first, last) in cases {
            let d: PartialDate = text.parse().unwrap();
            assert_eq!(d.precision(), precision, "{text}");
            assert_eq!(d.first_day(), first, "{text}");
            assert_eq!(d.last_day(), last, "{text}");
            assert_eq!(d.to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "2024-02-30",
            "2023-02-29",
            "2024-13",
            "2024-00",
            "2025-T5",
            "2025-T0",
            "2025-S3",
        ] {
            assert_eq!(
                text.parse::<PartialDate>(),
                Err(DateError::Impossible),
                "{text}"
            );
        }
        for text in [
            "",
            "24-01-01",
            "2024/01/01",
            "2024-1-1",
            "2024-01-01-01",
            "demain",
            "2024-Q3",
            "+2024",
            "２０２４",
        ] {
            assert_eq!(text.parse::<PartialDate>(), Err(DateError::Shape), "{text}");
        }
        assert_eq!(
            "1815".parse::<PartialDate>(),
            Err(DateError::YearOutOfRange)
        );
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn coarser_sorts_first_on_the_same_day() {
        let mut dates: Vec<PartialDate> = [
            "2026-01",
            "2026-01-01",
            "2026",
            "2026-T1",
            "2026-S1",
            "2025-12-31",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        dates.sort();
        let texts: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            texts,
            [
                "2025-12-31",
                "2026",
                "2026-S1",
                "2026-T1",
                "2026-01",
                "2026-01-01"
            ]
        );
    }

    #[test]
    fn containing_finds_the_period() {
        let d = ymd(2025, 11, 29);
        assert_eq!(
            PartialDate::containing(d, Precision::Quarter).to_string(),
            "2025-T4"
        );
        assert_eq!(
            PartialDate::containing(d, Precision::Month).to_string(),
            "2025-11"
        );
        assert_eq!(
            PartialDate::containing(d, Precision::Year).to_string(),
            "2025"
        );
        assert_eq!(
            PartialDate::containing(d, Precision::Day).to_string(),
            "2025-11-29"
        );
    }

    mod sort_key {
        use super::*;
        use proptest::prelude::*;

        fn any_date() -> impl Strategy<Value = PartialDate> {
            // Far years too: the key must hold chrono's whole range.
            (
                prop_oneof![-262_000i32..262_000, 1990i32..2040],
                1u32..=12,
                1u32..=31,
                0usize..5,
            )
                .prop_map(|(y, m, d, p)| {
                    let day = NaiveDate::from_ymd_opt(y, m, d.min(28)).unwrap();
                    PartialDate::containing(day, Precision::ALL[p])
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(5000))]
            #[test]
            fn orders_as_cmp(a in any_date(), b in any_date()) {
                prop_assert_eq!(a.sort_key().cmp(&b.sort_key()), a.cmp(&b), "{} vs {}", a, b);
            }

            /// `parse_day` reads back every day chrono writes, and accepts exactly
            /// the `AAAA-MM-JJ` texts chrono's parser accepts.
            #[test]
            fn parse_day_agrees_with_chrono(
                days in 0i32..3_652_059,
                text in "[0-9]{4}-[0-1][0-9]-[0-3][0-9]|[0-9 +-]{8,11}",
            ) {
                let day = NaiveDate::from_num_days_from_ce_opt(days + 1).unwrap();
                prop_assert_eq!(parse_day(&day.to_string()), Ok(day));
                let ours = parse_day(&text).ok();
                let chrono = text.parse::<NaiveDate>().ok();
                let strict = text.len() == 10
                    && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
                if strict {
                    prop_assert_eq!(ours, chrono, "{:?}", text);
                } else {
                    // chrono also takes signs, spaces and other widths; the dataset
                    // never writes them.
                    prop_assert!(ours.is_none() || ours == chrono, "{:?}", text);
                }
            }
        }

        #[test]
        fn same_day_coarser_first() {
            let day = ymd(2026, 1, 1);
            let keys: Vec<u64> = Precision::ALL
                .iter()
                .rev()
                .map(|&p| PartialDate::containing(day, p).sort_key())
                .collect();
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        }
    }
}
