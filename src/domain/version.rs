//! The citable data version, e.g. `2023-02.f8480c`: the newest evaluation's
//! date and a short hash of everything served. It is a function of the data
//! alone (never of when or where it was imported), so the same files give the
//! same version, citation and ETags on every machine.
//!
//! Report texts are hashed apart (`TextsHasher`): the server does not hold
//! them in memory, and hashes them from the stored rows as it loads the
//! data; texts held in memory (tests, a checked file) hash the same way.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::place::Places;
use super::stored::StoredEvaluation;
use super::{
    AreaNumber, AreaText, Benchmark, Catalogue, Evaluation, EvaluationId, Municipality, TextKind,
};

/// How many hex digits of the content hash the version keeps: 24 bits,
/// plenty to tell a handful of releases apart in a citation.
pub const HASH_DIGITS: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataVersion {
    /// "2023-02.f8480c".
    pub label: String,
    /// The newest evaluation's year and month (month when known).
    pub newest: Option<(i32, Option<u8>)>,
    /// The full content hash (SHA-256, hex).
    pub hash: String,
}

impl DataVersion {
    /// The date part for people: "2023-02", "2023", or "" without evaluations.
    pub fn date(&self) -> String {
        match self.newest {
            Some((year, Some(month))) => format!("{year}-{month:02}"),
            Some((year, None)) => year.to_string(),
            None => String::new(),
        }
    }

    /// The first day of the newest evaluation's month (or of its year); the
    /// Unix epoch (chrono's default) without evaluations.
    pub fn first_day(&self) -> chrono::NaiveDate {
        self.newest
            .and_then(|(year, month)| {
                chrono::NaiveDate::from_ymd_opt(year, u32::from(month.unwrap_or(1)), 1)
            })
            .unwrap_or_default()
    }

    /// The date as RFC 3339 (`first_day`), for fields that need a timestamp
    /// such as a data package's `created`.
    pub fn timestamp(&self) -> String {
        format!("{}T00:00:00Z", self.first_day().format("%Y-%m-%d"))
    }
}

/// What the hash covers: every served value, in a fixed order. Provenance
/// (file names, import times) is left out: it says where a copy came from,
/// not what the data is. The report texts enter through their digest.
#[derive(Serialize)]
struct Content<'a> {
    municipalities: &'a [Municipality],
    catalogue: &'a Catalogue,
    benchmarks: &'a [Benchmark],
    places: &'a Places,
    evaluations: Vec<(&'a EvaluationId, Cow<'a, Evaluation>)>,
    texts: &'a str,
}

/// Hashes report texts: each evaluation's in (area, kind) order, then the
/// evaluations by id (in the order of their text, which is `EvaluationId`'s). Rows may come in any order of evaluations, but each
/// evaluation's in that order (the stored rows' key order).
#[derive(Default)]
pub struct TextsHasher {
    per_evaluation: BTreeMap<EvaluationId, Sha256>,
}

impl TextsHasher {
    pub fn add(&mut self, id: &EvaluationId, area: AreaNumber, kind: TextKind, text: &str) {
        let hasher = match self.per_evaluation.get_mut(id) {
            Some(h) => h,
            None => self.per_evaluation.entry(id.clone()).or_default(),
        };
        hasher.update([area.get()]);
        hasher.update(kind.as_str().as_bytes());
        hasher.update((text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }

    /// The digest, hex.
    pub fn finish(self) -> String {
        let mut all = Sha256::new();
        for (id, hasher) in self.per_evaluation {
            all.update(id.to_string().as_bytes());
            all.update([0]);
            all.update(hasher.finalize());
        }
        hex::encode(all.finalize())
    }
}

/// The digest of the texts the evaluations hold, as `TextsHasher` makes it
/// from stored rows.
pub fn held_texts_digest(evaluations: &[StoredEvaluation]) -> String {
    let mut hasher = TextsHasher::default();
    for s in evaluations {
        let mut texts: Vec<&AreaText> = s.evaluation.texts.iter().collect();
        texts.sort_by_key(|t| (t.area, t.kind.as_str()));
        for t in texts {
            hasher.add(&s.id, t.area, t.kind, &t.text);
        }
    }
    hasher.finish()
}

/// Feeds what is written to a hash, so the content is hashed without being
/// held whole in memory.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The version of a dataset whose report texts have the digest `texts`.
/// `evaluations` in any order: they are hashed sorted by id.
pub fn data_version(
    municipalities: &[Municipality],
    catalogue: &Catalogue,
    benchmarks: &[Benchmark],
    places: &Places,
    evaluations: &[StoredEvaluation],
    texts: &str,
) -> DataVersion {
    let mut sorted: Vec<(&EvaluationId, Cow<'_, Evaluation>)> = evaluations
        .iter()
        .map(|s| {
            let e = &s.evaluation;
            // The texts are in `texts`, whether held or not.
            let e = if e.texts.is_empty() {
                Cow::Borrowed(e)
            } else {
                Cow::Owned(Evaluation {
                    texts: vec![],
                    ..e.clone()
                })
            };
            (&s.id, e)
        })
        .collect();
    // Ids order as their text does (fixed-width digits, the month last).
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let content = Content {
        municipalities,
        catalogue,
        benchmarks,
        places,
        evaluations: sorted,
        texts,
    };
    // Serialising plain structs and vectors cannot fail; an empty hash input
    // would still give a well-formed version.
    let mut writer = HashWriter(Sha256::new());
    let _ = serde_json::to_writer(&mut writer, &content);
    let hash = hex::encode(writer.0.finalize());
    let newest = evaluations
        .iter()
        .map(|s| (s.evaluation.year, s.evaluation.month))
        .max_by_key(|(y, m)| (*y, m.unwrap_or(0)));
    let mut version = DataVersion {
        label: String::new(),
        newest,
        hash,
    };
    let date = version.date();
    let short = &version.hash[..HASH_DIGITS];
    version.label = if date.is_empty() {
        short.to_string()
    } else {
        format!("{date}.{short}")
    };
    version
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Evaluation, Revision, Score};

    fn stored(id: &str, year: i32, month: Option<u8>, total: i64) -> StoredEvaluation {
        let mut e = Evaluation::new("1881".parse().unwrap(), year, Revision::new(2020));
        e.month = month;
        e.total = Some(Score::whole(total));
        StoredEvaluation::for_test(id, e, "a.toml", "hash")
    }

    fn version(evaluations: &[StoredEvaluation]) -> DataVersion {
        data_version(
            &[],
            &Catalogue::default(),
            &[],
            &Places::default(),
            evaluations,
            &held_texts_digest(evaluations),
        )
    }

    #[test]
    fn the_version_is_the_newest_date_and_a_short_hash() {
        let v = version(&[
            stored("1881-2017", 2017, None, 420),
            stored("1881-2020", 2020, Some(11), 557),
        ]);
        assert_eq!(v.date(), "2020-11");
        assert_eq!(v.timestamp(), "2020-11-01T00:00:00Z");
        let (date, short) = v.label.split_once('.').unwrap();
        assert_eq!(date, "2020-11");
        assert_eq!(short.len(), HASH_DIGITS);
        assert!(v.hash.starts_with(short));
        assert_eq!(
            version(&[stored("1881-2021", 2021, None, 1)]).date(),
            "2021"
        );
        assert_eq!(
            version(&[stored("1881-2021", 2021, None, 1)]).timestamp(),
            "2021-01-01T00:00:00Z"
        );
        assert_eq!(version(&[]).timestamp(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn the_same_data_gives_the_same_version_whatever_its_provenance_or_order() {
        let a = stored("1881-2017", 2017, None, 420);
        let b = stored("1881-2020", 2020, Some(11), 557);
        let mut moved = b.clone();
        moved.provenance.imported_at = "2030-01-01T00:00:00Z".into();
        moved.provenance.source_file = "elsewhere/kumla.toml".into();
        assert_eq!(
            version(&[a.clone(), b.clone()]),
            version(&[moved.clone(), a.clone()])
        );
        let changed = stored("1881-2020", 2020, Some(11), 558);
        assert_ne!(version(&[a.clone(), b]).label, version(&[a, changed]).label);
    }

    #[test]
    fn a_changed_population_changes_the_version() {
        use crate::domain::place::{Place, Population};
        let evaluations = [stored("1881-2020", 2020, Some(11), 557)];
        let with = |count| {
            let place = Place {
                population: Some(Population { count, year: 2019 }),
                ..Place::default()
            };
            let places = Places::new(vec![], [("1881".parse().unwrap(), place)].into(), &[]);
            data_version(&[], &Catalogue::default(), &[], &places, &evaluations, "")
        };
        assert_eq!(with(21_000), with(21_000));
        assert_ne!(with(21_000).label, with(21_001).label);
    }

    #[test]
    fn report_texts_count_in_any_order_and_a_changed_text_changes_the_version() {
        use crate::domain::{AreaNumber, AreaText, TextKind};
        let text = |area: usize, kind, text: &str| AreaText {
            area: AreaNumber::ALL[area],
            kind,
            text: text.into(),
        };
        let mut a = stored("1881-2020", 2020, Some(11), 557);
        a.evaluation.texts = vec![
            text(2, TextKind::Summary, "Sammanfattning."),
            text(0, TextKind::Strengths, "Styrkor."),
        ];
        let mut reordered = a.clone();
        reordered.evaluation.texts.reverse();
        let mut changed = a.clone();
        changed.evaluation.texts[1].text = "Andra styrkor.".into();
        let without = stored("1881-2020", 2020, Some(11), 557);
        let v = version(std::slice::from_ref(&a));
        assert_eq!(v, version(&[reordered]));
        assert_ne!(v.label, version(&[changed]).label);
        assert_ne!(v.label, version(&[without]).label);
    }
}
