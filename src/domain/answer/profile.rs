//! The municipality profile answer: one municipality with all its
//! evaluations, the latest that published scores with the figures to read it
//! against (its revision's averages, a published benchmark, its rank), the
//! changes between evaluations, and, when it was never evaluated, the
//! evaluated municipalities of its county. The municipality page,
//! `/api/v1/municipalities/{code}` and `/kommun/{code}.csv` render it.

use super::changes::{Changes, changes};
use crate::domain::analysis::{Average, RevisionAverages};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::derived::{RankPosition, latest_with_scores};
use crate::domain::snapshot::Snapshot;
use crate::domain::{AreaNumber, Benchmark, Municipality, MunicipalityCode, Revision};

/// An average of fewer evaluations than this is not shown: with one, it is
/// the municipality itself.
pub const MIN_AVERAGE_BASE: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityProfile<'a> {
    pub municipality: &'a Municipality,
    /// Oldest first.
    pub evaluations: Vec<&'a StoredEvaluation>,
    /// The newest evaluation with published scores, and what to read it
    /// against.
    pub shown: Option<Shown<'a>>,
    pub changes: Changes<'a>,
    /// When never evaluated: the county's evaluated municipalities, in
    /// register order.
    pub county_peers: Vec<&'a Municipality>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<'a> {
    pub evaluation: &'a StoredEvaluation,
    pub reference: Reference<'a>,
    /// Where its total stands among the latest totals of its revision.
    pub rank: Option<RankPosition>,
}

/// The figures an evaluation is read against: the averages of its revision
/// and the published benchmark of that revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference<'a> {
    pub averages: Option<&'a RevisionAverages>,
    pub benchmark: Option<&'a Benchmark>,
}

impl Reference<'_> {
    /// The area's average, when it rests on enough evaluations.
    pub fn area_average(&self, area: AreaNumber) -> Option<Average> {
        let averages = self.averages?;
        let found = averages.areas.iter().find(|(n, _)| *n == area)?.1;
        usable(found)
    }

    /// The total's average, when it rests on enough evaluations.
    pub fn total_average(&self) -> Option<Average> {
        usable(self.averages?.total)
    }

    /// The first and last year of the averaged evaluations.
    pub fn average_years(&self) -> Option<(i32, i32)> {
        self.averages?.years
    }
}

fn usable(a: Option<Average>) -> Option<Average> {
    a.filter(|a| a.count >= MIN_AVERAGE_BASE)
}

impl<'a> MunicipalityProfile<'a> {
    /// The newest evaluation, scores published or not.
    pub fn latest(&self) -> Option<&'a StoredEvaluation> {
        self.evaluations.last().copied()
    }
}

/// The benchmark of a revision to show: the one with the most published
/// areas, then the newest.
pub fn benchmark_for(data: &Dataset, revision: Revision) -> Option<&Benchmark> {
    data.benchmarks
        .iter()
        .filter(|b| b.revision == revision)
        .max_by_key(|b| (b.areas.len(), b.year))
}

/// The profile of the municipality with this code; none for a code no
/// municipality has.
pub fn profile(data: &Snapshot, code: MunicipalityCode) -> Option<MunicipalityProfile<'_>> {
    let municipality = data.municipality(code)?;
    let evaluations: Vec<&StoredEvaluation> = data.evaluations_of(code).collect();
    let shown = latest_with_scores(data, code).map(|s| Shown {
        evaluation: s,
        reference: Reference {
            averages: data.derived().averages.get(&s.evaluation.revision),
            benchmark: benchmark_for(data, s.evaluation.revision),
        },
        rank: data.derived().total_ranks.get(&s.id).copied(),
    });
    let county_peers = if evaluations.is_empty() {
        county_peers(data, municipality)
    } else {
        vec![]
    };
    Some(MunicipalityProfile {
        municipality,
        evaluations,
        shown,
        changes: changes(data, municipality),
        county_peers,
    })
}

fn county_peers<'a>(data: &'a Snapshot, m: &Municipality) -> Vec<&'a Municipality> {
    data.derived()
        .county(&m.county_code)
        .map(|c| {
            c.municipalities
                .iter()
                .filter(|c| data.evaluation_count(**c) > 0)
                .filter_map(|c| data.municipality(*c))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{dataset, evaluation};

    fn sample() -> Snapshot {
        Snapshot::new(dataset(vec![
            evaluation("0115", 2021, "v2020", &[73, 75], Some(648)),
            evaluation("0180", 2022, "v2020", &[64], None),
            evaluation("1881", 2017, "v2016", &[], None),
            evaluation("1881", 2020, "v2020", &[66, 73, 80], Some(557)),
            evaluation("1881", 2023, "v2020", &[], None),
        ]))
    }

    #[test]
    fn the_profile_shows_the_latest_published_scores_against_their_revision() {
        let data = sample();
        let kumla = profile(&data, "1881".parse().unwrap()).unwrap();
        assert_eq!(kumla.evaluations.len(), 3);
        assert_eq!(kumla.latest().unwrap().id, "1881-2023");
        let shown = kumla.shown.as_ref().unwrap();
        assert_eq!(shown.evaluation.id, "1881-2020");
        let area_1 = shown.reference.area_average(AreaNumber::ALL[0]).unwrap();
        assert_eq!((area_1.value.to_string(), area_1.count), ("67.7".into(), 3));
        assert_eq!(
            shown.reference.area_average(AreaNumber::ALL[2]),
            None,
            "one evaluation is no average"
        );
        assert_eq!(shown.reference.total_average().unwrap().count, 2);
        assert_eq!(shown.reference.average_years(), Some((2020, 2022)));
        assert_eq!(shown.rank.map(|r| (r.rank, r.of)), Some((2, 2)));
        assert_eq!(kumla.changes.steps.len(), 2);
        assert!(kumla.county_peers.is_empty());
    }

    #[test]
    fn a_municipality_never_evaluated_gets_its_countys_evaluated_ones() {
        let data = sample();
        let orebro = profile(&data, "1880".parse().unwrap()).unwrap();
        assert!(orebro.evaluations.is_empty() && orebro.shown.is_none());
        let peers: Vec<&str> = orebro
            .county_peers
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(peers, vec!["Kumla"]);
        assert!(profile(&data, "9999".parse().unwrap()).is_none());
    }
}
