//! The citable data version, e.g. `2023-02.f8480c`: the newest evaluation's
//! date and a short hash of everything served. It is a function of the data
//! alone (never of when or where it was imported), so the same files give the
//! same version, citation and ETags on every machine.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::dataset::StoredEvaluation;
use super::{Benchmark, Catalogue, Municipality};

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

    /// The date as RFC 3339 (the first day of the newest evaluation's month,
    /// or of its year), for fields that need a timestamp such as a data
    /// package's `created`.
    pub fn timestamp(&self) -> String {
        match self.newest {
            Some((year, month)) => format!("{year}-{:02}-01T00:00:00Z", month.unwrap_or(1)),
            None => "1970-01-01T00:00:00Z".to_string(),
        }
    }
}

/// What the hash covers: every served value, in a fixed order. Provenance
/// (file names, import times) is left out: it says where a copy came from,
/// not what the data is.
#[derive(Serialize)]
struct Content<'a> {
    municipalities: &'a [Municipality],
    catalogue: &'a Catalogue,
    benchmarks: &'a [Benchmark],
    evaluations: Vec<(String, &'a super::Evaluation)>,
}

/// The version of a dataset. `evaluations` in any order: they are hashed
/// sorted by id.
pub fn data_version(
    municipalities: &[Municipality],
    catalogue: &Catalogue,
    benchmarks: &[Benchmark],
    evaluations: &[StoredEvaluation],
) -> DataVersion {
    let mut sorted: Vec<(String, &super::Evaluation)> = evaluations
        .iter()
        .map(|s| (s.id.to_string(), &s.evaluation))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let content = Content {
        municipalities,
        catalogue,
        benchmarks,
        evaluations: sorted,
    };
    // Serialising plain structs and vectors cannot fail; an empty hash input
    // would still give a well-formed version.
    let bytes = serde_json::to_vec(&content).unwrap_or_default();
    let hash = hex::encode(Sha256::digest(&bytes));
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
        data_version(&[], &Catalogue::default(), &[], evaluations)
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
}
