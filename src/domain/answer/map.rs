//! What the maps of Sweden colour each municipality by, decided here once
//! for all 290: on the start page, whether it was evaluated and whether
//! figures were published, by the criteria of its latest figures
//! (`coverage`); on the ranking, its place in a few bins of the total, or
//! why it has none (`ranked`). The views draw them (`views::chart::map`).

use super::ranking::Ranking;
use crate::domain::analysis::{Metric, showing};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::domain::{Municipality, Revision, Score};

/// A municipality on the start page's map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Covered<'a> {
    pub municipality: &'a Municipality,
    pub coverage: Coverage<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage<'a> {
    /// Its latest published figures are under the latest criteria.
    LatestCriteria(&'a StoredEvaluation),
    /// Its latest published figures are under older criteria.
    OlderCriteria(&'a StoredEvaluation),
    /// Evaluated (the latest evaluation given), no figure ever published.
    WithoutFigures(&'a StoredEvaluation),
    Never,
}

impl Coverage<'_> {
    /// The legend's order, 0 first.
    pub fn index(&self) -> usize {
        match self {
            Coverage::LatestCriteria(_) => 0,
            Coverage::OlderCriteria(_) => 1,
            Coverage::WithoutFigures(_) => 2,
            Coverage::Never => 3,
        }
    }
}

/// The latest criteria: the catalogue's newest revision.
fn latest_revision(data: &Snapshot) -> Option<Revision> {
    data.catalogue.revisions.iter().map(|r| r.id).max()
}

/// Every municipality, in register order, with what the start page's map
/// shows of it.
pub fn coverage(data: &Snapshot) -> Vec<Covered<'_>> {
    let latest_criteria = latest_revision(data);
    data.municipalities
        .iter()
        .map(|m| {
            let coverage = match (
                showing(data, m.code).map(|s| s.evaluation),
                data.evaluations_of(m.code).last(),
            ) {
                (Some(s), _) if Some(s.evaluation.revision) == latest_criteria => {
                    Coverage::LatestCriteria(s)
                }
                (Some(s), _) => Coverage::OlderCriteria(s),
                (None, Some(latest)) => Coverage::WithoutFigures(latest),
                (None, None) => Coverage::Never,
            };
            Covered {
                municipality: m,
                coverage,
            }
        })
        .collect()
}

/// The bins of the total on the ranking's map: their lower bounds, the
/// first bin being everything below the first bound ("under 450", "450–499",
/// ..., "600 och mer"). Fixed, so a colour means the same on every ranking.
pub const TOTAL_BINS: [i64; 4] = [450, 500, 550, 600];

/// The bin of a total: 0 for under 450, ..., 4 for 600 and more.
pub fn bin(total: Score) -> usize {
    TOTAL_BINS
        .iter()
        .filter(|b| total >= Score::whole(**b))
        .count()
}

/// A municipality on the ranking's map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed<'a> {
    pub municipality: &'a Municipality,
    pub class: RankClass<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankClass<'a> {
    /// In the ranking: its bin, rank and figure.
    Ranked {
        bin: usize,
        rank: usize,
        evaluation: &'a StoredEvaluation,
        total: Score,
    },
    /// Its latest published total is under other criteria than the ranked
    /// ones.
    OtherCriteria(&'a StoredEvaluation),
    /// A total under the ranked criteria, left out by another filter
    /// (county, kommungrupp).
    OutsideFilter,
    /// Evaluated, no total published.
    NoFigures,
    Never,
}

/// Every municipality, in register order, as the total ranking `r` places
/// it; none for a ranking of a theme (the map shows totals only).
pub fn ranked<'a>(data: &'a Snapshot, r: &Ranking<'a>) -> Option<Vec<Placed<'a>>> {
    if r.request.metric != Metric::Total {
        return None;
    }
    let revision = r.request.filter.revision;
    Some(
        data.municipalities
            .iter()
            .map(|m| {
                let place = r.places.iter().find(|p| p.municipality.code == m.code);
                let with_total: Vec<&StoredEvaluation> = data
                    .evaluations_of(m.code)
                    .filter(|s| s.evaluation.total.is_some())
                    .collect();
                let latest_total = with_total.last().copied();
                let class = match place {
                    Some(p) => RankClass::Ranked {
                        bin: bin(p.value),
                        rank: p.rank,
                        evaluation: p.evaluation,
                        total: p.value,
                    },
                    None if data.evaluation_count(m.code) == 0 => RankClass::Never,
                    None => match latest_total {
                        None => RankClass::NoFigures,
                        Some(_)
                            if revision.is_none()
                                || with_total
                                    .iter()
                                    .any(|s| Some(s.evaluation.revision) == revision) =>
                        {
                            RankClass::OutsideFilter
                        }
                        Some(s) => RankClass::OtherCriteria(s),
                    },
                };
                Placed {
                    municipality: m,
                    class,
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::RankingFilter;
    use crate::domain::answer::ranking::{RankingRequest, rank};
    use crate::domain::tests::{dataset, evaluation};

    fn sample() -> Snapshot {
        Snapshot::new(dataset(vec![
            evaluation("0115", 2017, "v2016", &[60], Some(555)),
            evaluation("0115", 2021, "v2020", &[73], Some(648)),
            evaluation("1881", 2017, "v2016", &[], None),
            evaluation("1881", 2020, "v2020", &[66], Some(449)),
            evaluation("1880", 2015, "v2010", &[], Some(650)),
            evaluation("0180", 2022, "v2020", &[], None),
        ]))
    }

    fn codes<T>(list: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
        list.iter().map(|t| name(t).to_string()).collect()
    }

    #[test]
    fn the_start_map_tells_latest_criteria_older_criteria_no_figures_and_never() {
        let data = sample();
        let all = coverage(&data);
        assert_eq!(
            codes(&all, |c| c.municipality.name.as_str()),
            vec!["Vallentuna", "Stockholm", "Örebro", "Kumla"],
            "register order, by code"
        );
        let classes: Vec<usize> = all.iter().map(|c| c.coverage.index()).collect();
        assert_eq!(classes, vec![0, 2, 1, 0]);
        assert!(
            matches!(all[0].coverage, Coverage::LatestCriteria(s) if s.evaluation.year == 2021)
        );
        assert!(
            matches!(all[1].coverage, Coverage::WithoutFigures(s) if s.evaluation.year == 2022)
        );
        let empty = Snapshot::new(dataset(vec![]));
        assert!(
            coverage(&empty)
                .iter()
                .all(|c| c.coverage == Coverage::Never)
        );
    }

    #[test]
    fn totals_fall_in_fixed_bins() {
        let bins: Vec<usize> = [0, 449, 450, 499, 500, 599, 600, 800]
            .into_iter()
            .map(|t| bin(Score::whole(t)))
            .collect();
        assert_eq!(bins, vec![0, 0, 1, 1, 2, 3, 4, 4]);
        assert_eq!(bin(Score::from_tenths(4495, 1)), 0, "449,5 is under 450");
    }

    #[test]
    fn the_ranking_map_bins_the_ranked_and_says_why_the_others_have_no_colour() {
        let data = sample();
        let mut request = RankingRequest::of(Metric::Total);
        request.filter = RankingFilter {
            revision: Some("v2020".parse().unwrap()),
            ..RankingFilter::default()
        };
        let r = rank(&data, &request);
        let placed = ranked(&data, &r).unwrap();
        let class = |name: &str| {
            placed
                .iter()
                .find(|p| p.municipality.name == name)
                .unwrap()
                .class
        };
        assert!(matches!(
            class("Vallentuna"),
            RankClass::Ranked {
                bin: 4,
                rank: 1,
                ..
            }
        ));
        assert!(matches!(
            class("Kumla"),
            RankClass::Ranked {
                bin: 0,
                rank: 2,
                ..
            }
        ));
        assert_eq!(class("Stockholm"), RankClass::NoFigures);
        assert!(
            matches!(class("Örebro"), RankClass::OtherCriteria(s) if s.evaluation.year == 2015)
        );

        request.filter.county = Some("18".parse().unwrap());
        let r = rank(&data, &request);
        let placed = ranked(&data, &r).unwrap();
        let vallentuna = placed
            .iter()
            .find(|p| p.municipality.name == "Vallentuna")
            .unwrap();
        assert_eq!(vallentuna.class, RankClass::OutsideFilter, "another county");

        let theme = rank(
            &data,
            &RankingRequest::of(Metric::Theme(crate::domain::ThemeNumber::ALL[0])),
        );
        assert_eq!(ranked(&data, &theme), None, "the map shows totals only");
    }
}
