//! The municipality profile answer: one municipality with all its
//! evaluations, the latest that published scores with the one figure to read
//! it against (`Reference`) and its place in kompass, the
//! changes between evaluations, and, when it was never evaluated, the
//! evaluated municipalities of its county. The municipality page,
//! `/api/v1/municipalities/{code}` and `/kommun/{code}.csv` render it.

use super::changes::{Changes, changes};
use crate::domain::analysis::{Average, RevisionAverages};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::derived::{RankPosition, latest_with_scores};
use crate::domain::snapshot::Snapshot;
use crate::domain::{AreaNumber, Benchmark, Municipality, MunicipalityCode, Revision, Score};

/// A mean of fewer evaluations than this is never shown as a reference:
/// with so few, it says more about which municipalities published than
/// about the country.
pub const MIN_AVERAGE_BASE: usize = 5;

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
    /// The one figure it is read against, when there is one.
    pub reference: Option<Reference<'a>>,
    /// Where its total stands among the latest totals of its revision in
    /// kompass (never a national rank).
    pub rank: Option<RankPosition>,
    /// The evaluation whose areas, sub-areas and texts are shown: this one,
    /// or when it printed no area, the latest that did (Örebro's 2015 total
    /// is read with 2012's areas); none when no evaluation printed areas.
    pub detail: Option<Detail<'a>>,
}

/// The evaluation whose areas are shown, and its own reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail<'a> {
    pub evaluation: &'a StoredEvaluation,
    pub reference: Option<Reference<'a>>,
}

/// The one reference figure an evaluation is read against, named with its
/// source and its base: the published national mean of the same revision
/// nearest in year, else the mean of the evaluations in kompass under the
/// revision (each municipality's latest), when it rests on at least
/// `MIN_AVERAGE_BASE` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference<'a> {
    Published(&'a Benchmark),
    Kompass(&'a RevisionAverages),
}

impl Reference<'_> {
    /// The total's reference figure.
    pub fn total(&self) -> Option<Score> {
        match self {
            Reference::Published(b) => b.total,
            Reference::Kompass(a) => usable(a.total).map(|a| a.value),
        }
    }

    /// The area's reference figure, where there is one.
    pub fn area(&self, area: AreaNumber) -> Option<Score> {
        match self {
            Reference::Published(b) => b.area(area),
            Reference::Kompass(a) => {
                let found = a.areas.iter().find(|(n, _)| *n == area)?.1;
                usable(found).map(|a| a.value)
            }
        }
    }

    /// How many evaluations the total's figure rests on, when known.
    pub fn base(&self) -> Option<usize> {
        match self {
            Reference::Published(b) => b.evaluations.and_then(|n| usize::try_from(n).ok()),
            Reference::Kompass(a) => a.total.map(|t| t.count),
        }
    }

    /// Whether it has a figure for any area.
    pub fn has_areas(&self) -> bool {
        AreaNumber::ALL.into_iter().any(|n| self.area(n).is_some())
    }
}

fn usable(a: Option<Average>) -> Option<Average> {
    a.filter(|a| a.count >= MIN_AVERAGE_BASE)
}

/// The reference for an evaluation of `revision` in `year`: the published
/// benchmark of the revision (with a total) nearest in year, the one with
/// more published areas on a tie; else kompass's own mean when it rests on
/// enough evaluations; else none.
pub fn reference_for(data: &Snapshot, revision: Revision, year: i32) -> Option<Reference<'_>> {
    let published = data
        .benchmarks
        .iter()
        .filter(|b| b.revision == revision && b.total.is_some())
        .min_by_key(|b| ((b.year - year).abs(), std::cmp::Reverse(b.areas.len())));
    if let Some(b) = published {
        return Some(Reference::Published(b));
    }
    data.derived()
        .averages
        .get(&revision)
        .filter(|a| usable(a.total).is_some())
        .map(Reference::Kompass)
}

impl<'a> MunicipalityProfile<'a> {
    /// The newest evaluation, scores published or not.
    pub fn latest(&self) -> Option<&'a StoredEvaluation> {
        self.evaluations.last().copied()
    }
}

/// The profile of the municipality with this code; none for a code no
/// municipality has.
pub fn profile(data: &Snapshot, code: MunicipalityCode) -> Option<MunicipalityProfile<'_>> {
    let municipality = data.municipality(code)?;
    let evaluations: Vec<&StoredEvaluation> = data.evaluations_of(code).collect();
    let shown = latest_with_scores(data, code).map(|s| Shown {
        evaluation: s,
        reference: reference_for(data, s.evaluation.revision, s.evaluation.year),
        rank: data.derived().total_ranks.get(&s.id).copied(),
        detail: evaluations
            .iter()
            .copied()
            .rfind(|e| e.evaluation.key() <= s.evaluation.key() && !e.evaluation.areas.is_empty())
            .map(|e| Detail {
                evaluation: e,
                reference: reference_for(data, e.evaluation.revision, e.evaluation.year),
            }),
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
        .county(m.county_code)
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
    fn the_profile_shows_the_latest_published_scores_and_their_place_in_kompass() {
        let data = sample();
        let kumla = profile(&data, "1881".parse().unwrap()).unwrap();
        assert_eq!(kumla.evaluations.len(), 3);
        assert_eq!(kumla.latest().unwrap().id, "1881-2023");
        let shown = kumla.shown.as_ref().unwrap();
        assert_eq!(shown.evaluation.id, "1881-2020");
        assert_eq!(
            shown.reference, None,
            "two totals are no mean, and no benchmark"
        );
        assert_eq!(shown.rank.map(|r| (r.rank, r.of)), Some((2, 2)));
        assert_eq!(kumla.changes.steps.len(), 2);
        assert!(kumla.county_peers.is_empty());
    }

    fn benchmark(revision: &str, year: i32, total: Option<i64>, areas: &[i64]) -> Benchmark {
        Benchmark {
            label: format!("Snitt {year}"),
            revision: revision.parse().unwrap(),
            year,
            evaluations: None,
            areas: areas
                .iter()
                .enumerate()
                .map(|(i, p)| (AreaNumber::ALL[i], Score::whole(*p)))
                .collect(),
            total: total.map(Score::whole),
            source_url: "https://example.se".into(),
            notes: None,
        }
    }

    #[test]
    fn the_reference_is_the_published_mean_nearest_in_year_else_five_or_more_in_kompass() {
        use crate::domain::dataset::Dataset;
        use crate::domain::tests::{catalogue, municipality};
        let codes = ["0115", "0180", "1880", "1881", "0114"];
        let data = |n: usize, benchmarks: Vec<Benchmark>| {
            let evaluations = codes[..n]
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let areas = if i < 4 { vec![60 + i as i64] } else { vec![] };
                    evaluation(c, 2021, "v2020", &areas, Some(500 + i as i64))
                })
                .collect();
            let municipalities = codes.iter().map(|c| municipality(c, c)).collect();
            Snapshot::new(Dataset::new(
                municipalities,
                catalogue(),
                benchmarks,
                evaluations,
                String::new(),
                String::new(),
            ))
        };
        let published = data(
            4,
            vec![
                benchmark("v2016", 2017, Some(476), &[55]),
                benchmark("v2016", 2017, Some(466), &[]),
                benchmark("v2016", 2018, Some(475), &[]),
                benchmark("v2016", 2019, None, &[50]),
            ],
        );
        let total = |r: Option<Reference<'_>>| r.and_then(|r| r.total()).map(|t| t.to_string());
        let v2016 = "v2016".parse().unwrap();
        let nearest = |year| total(reference_for(&published, v2016, year));
        assert_eq!(
            nearest(2017),
            Some("476".into()),
            "a tie: the one with more areas"
        );
        assert_eq!(nearest(2019), Some("475".into()), "2019's has no total");
        assert_eq!(nearest(2014), Some("476".into()));
        let v2020 = "v2020".parse().unwrap();
        assert_eq!(
            reference_for(&published, v2020, 2021),
            None,
            "four in kompass are too few"
        );
        let five = data(5, vec![]);
        let r = reference_for(&five, v2020, 2021).unwrap();
        assert!(matches!(r, Reference::Kompass(_)));
        assert_eq!(
            (r.base(), r.total().map(|t| t.to_string())),
            (Some(5), Some("502.0".into()))
        );
        assert_eq!(
            r.area(AreaNumber::ALL[0]),
            None,
            "area 1: only four published it"
        );
        assert!(!r.has_areas());
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
