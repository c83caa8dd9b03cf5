//! What a municipality could improve first, read from its published
//! figures ("Att förbättra"): where sub-areas are published, those with the
//! lowest share of their maximum and, against an earlier evaluation of the
//! same criteria with sub-areas, those that fell; where only areas are
//! published, those furthest below the one reference figure; and which
//! figures were not published, so the page can ask for the report. One
//! pure rule, part of the profile answer (page, summary page and API).

use super::reference::Reference;
use crate::domain::dataset::StoredEvaluation;
use crate::domain::{AreaNumber, Score, SubareaScore};

/// How many of the lowest sub-areas are named; a sub-area tied with the
/// last of them is named too, so the list never cuts between equals.
pub const LOWEST_SUBAREAS: usize = 5;
/// How many areas below the reference are named (ties included likewise).
pub const AREAS_BELOW: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priorities<'a> {
    /// The evaluation whose figures are read: the profile's `detail`.
    pub evaluation: &'a StoredEvaluation,
    pub basis: Basis<'a>,
    /// The figures not published, when any are missing.
    pub missing: Option<Missing<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis<'a> {
    /// Sub-areas are published: the lowest by share of their maximum, and
    /// those that fell since `since`.
    Subareas {
        lowest: Vec<SubareaShare<'a>>,
        /// The latest earlier evaluation of the same criteria with
        /// sub-areas, when there is one.
        since: Option<&'a StoredEvaluation>,
        /// Largest fall first.
        fallen: Vec<SubareaFall<'a>>,
    },
    /// Only areas: those below the reference figure, furthest first.
    /// `reference` is none when the evaluation has none, and `below` is
    /// then empty, as it is when the reference has no area figures.
    Areas {
        reference: Option<Reference<'a>>,
        below: Vec<AreaGap>,
    },
    /// No evaluation printed areas: only a total is known.
    TotalOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubareaShare<'a> {
    pub subarea: &'a SubareaScore,
    /// Its share of the maximum in per mille: the printed percent (which
    /// the report computes from the unrounded points) where there is one,
    /// else points over max.
    pub per_mille: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubareaFall<'a> {
    pub subarea: &'a SubareaScore,
    pub previous: &'a SubareaScore,
    /// Its share of the maximum now and before, in per mille (as
    /// `SubareaShare::per_mille`).
    pub per_mille: i64,
    pub previous_per_mille: i64,
}

impl SubareaFall<'_> {
    /// How far its share fell, in per mille (positive).
    pub fn fall_per_mille(&self) -> i64 {
        self.previous_per_mille - self.per_mille
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaGap {
    pub area: AreaNumber,
    pub points: Score,
    pub reference: Score,
}

impl AreaGap {
    /// How far below the reference, in tenths of a point (positive).
    pub fn below_tenths(&self) -> i64 {
        self.reference.tenths() - self.points.tenths()
    }
}

/// What was not published, and in which evaluation (for the contribution
/// form's prefill).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing<'a> {
    pub evaluation: &'a StoredEvaluation,
    /// The areas without published points.
    pub areas: Vec<AreaNumber>,
    /// Whether its sub-areas are unpublished.
    pub subareas: bool,
}

fn per_mille(s: &SubareaScore) -> i64 {
    match s.percent {
        Some(p) => p.tenths(),
        None if s.max.tenths() > 0 => s.points.tenths() * 1000 / s.max.tenths(),
        None => 0,
    }
}

/// The first `n` of `sorted` by `key`, and any after them with the same key
/// as the n-th.
fn first_with_ties<T, K: PartialEq>(sorted: Vec<T>, n: usize, key: impl Fn(&T) -> K) -> Vec<T> {
    let Some(cut) = sorted.get(n.saturating_sub(1)).map(&key) else {
        return sorted;
    };
    sorted
        .into_iter()
        .enumerate()
        .take_while(|(i, t)| *i < n || key(t) == cut)
        .map(|(_, t)| t)
        .collect()
}

fn lowest(e: &StoredEvaluation) -> Vec<SubareaShare<'_>> {
    let mut all: Vec<SubareaShare<'_>> = e
        .evaluation
        .subareas
        .iter()
        .map(|s| SubareaShare {
            subarea: s,
            per_mille: per_mille(s),
        })
        .collect();
    all.sort_by_key(|s| (s.per_mille, s.subarea.code));
    first_with_ties(all, LOWEST_SUBAREAS, |s| s.per_mille)
}

fn fallen<'a>(now: &'a StoredEvaluation, before: &'a StoredEvaluation) -> Vec<SubareaFall<'a>> {
    let mut out: Vec<SubareaFall<'a>> = now
        .evaluation
        .subareas
        .iter()
        .filter_map(|s| {
            let previous = before
                .evaluation
                .subareas
                .iter()
                .find(|p| p.code == s.code)?;
            let fall = SubareaFall {
                subarea: s,
                previous,
                per_mille: per_mille(s),
                previous_per_mille: per_mille(previous),
            };
            (fall.fall_per_mille() > 0).then_some(fall)
        })
        .collect();
    out.sort_by_key(|f| (std::cmp::Reverse(f.fall_per_mille()), f.subarea.code));
    out
}

fn below(e: &StoredEvaluation, reference: Option<&Reference<'_>>) -> Vec<AreaGap> {
    let Some(r) = reference else {
        return vec![];
    };
    let mut gaps: Vec<AreaGap> = e
        .evaluation
        .areas
        .iter()
        .filter_map(|a| {
            let reference = r.area(a.number)?;
            (a.points < reference).then_some(AreaGap {
                area: a.number,
                points: a.points,
                reference,
            })
        })
        .collect();
    gaps.sort_by_key(|g| (std::cmp::Reverse(g.below_tenths()), g.area));
    first_with_ties(gaps, AREAS_BELOW, AreaGap::below_tenths)
}

/// What is missing: in `shown` (the latest evaluation with scores) when it
/// printed no area (its areas are read from `detail`, an older one), else
/// in `detail`: its unpublished areas and sub-areas.
fn missing<'a>(shown: &'a StoredEvaluation, detail: &'a StoredEvaluation) -> Option<Missing<'a>> {
    let e = if shown.evaluation.areas.is_empty() {
        shown
    } else {
        detail
    };
    let areas: Vec<AreaNumber> = AreaNumber::ALL
        .into_iter()
        .filter(|n| e.evaluation.area(*n).is_none())
        .collect();
    let subareas = e.evaluation.subareas.is_empty();
    (subareas || !areas.is_empty()).then_some(Missing {
        evaluation: e,
        areas,
        subareas,
    })
}

/// The priorities of `detail` (the evaluation whose areas are shown, read
/// against `reference`, its own; none when no evaluation printed areas),
/// with `shown` the latest evaluation with scores and `evaluations` all of
/// the municipality's, oldest first.
pub fn priorities<'a>(
    shown: &'a StoredEvaluation,
    detail: Option<&'a StoredEvaluation>,
    reference: Option<Reference<'a>>,
    evaluations: &[&'a StoredEvaluation],
) -> Priorities<'a> {
    let Some(detail) = detail else {
        return Priorities {
            evaluation: shown,
            basis: Basis::TotalOnly,
            missing: missing(shown, shown),
        };
    };
    let basis = if detail.evaluation.subareas.is_empty() {
        Basis::Areas {
            below: below(detail, reference.as_ref()),
            reference,
        }
    } else {
        let since = evaluations.iter().copied().rfind(|e| {
            e.evaluation.revision == detail.evaluation.revision
                && !e.evaluation.subareas.is_empty()
                && e.evaluation.key() < detail.evaluation.key()
        });
        Basis::Subareas {
            lowest: lowest(detail),
            since,
            fallen: since.map_or_else(Vec::new, |s| fallen(detail, s)),
        }
    };
    Priorities {
        evaluation: detail,
        basis,
        missing: missing(shown, detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{KUMLA_2020, evaluation};
    use crate::domain::{Benchmark, SubareaCode};

    fn subarea(code: &str, points: i64, max: i64, percent: Option<i64>) -> SubareaScore {
        SubareaScore {
            code: code.parse::<SubareaCode>().unwrap(),
            name: Some(format!("Delområde {code}")),
            points: Score::whole(points),
            max: Score::whole(max),
            percent: percent.map(Score::whole),
            line: None,
        }
    }

    /// Kumla 2020's sub-areas of areas 1 and 4, as printed.
    fn kumla_2020() -> StoredEvaluation {
        let mut s = evaluation("1881", 2020, "v2020", &KUMLA_2020, Some(557));
        s.evaluation.subareas = vec![
            subarea("1.1", 13, 20, Some(63)),
            subarea("1.2", 5, 10, Some(48)),
            subarea("1.3", 18, 30, Some(60)),
            subarea("1.4", 7, 10, Some(73)),
            subarea("1.5", 24, 30, Some(79)),
            subarea("4.1", 15, 20, Some(73)),
            subarea("4.2", 18, 30, Some(60)),
            subarea("4.3", 16, 30, Some(52)),
            subarea("4.4", 11, 20, Some(57)),
        ];
        s
    }

    fn codes(list: &[SubareaShare<'_>]) -> Vec<String> {
        list.iter().map(|s| s.subarea.code.to_string()).collect()
    }

    #[test]
    fn the_lowest_sub_areas_by_share_of_their_maximum_with_ties_at_the_cut() {
        let kumla = kumla_2020();
        let p = priorities(&kumla, Some(&kumla), None, &[]);
        let Basis::Subareas {
            lowest,
            since,
            fallen,
        } = &p.basis
        else {
            panic!("sub-areas are published: {:?}", p.basis);
        };
        assert_eq!(
            codes(lowest),
            vec!["1.2", "4.3", "4.4", "1.3", "4.2"],
            "48, 52, 57, then 60 % twice: both are named"
        );
        assert_eq!(lowest[0].per_mille, 480, "the printed percent, not 5/10");
        assert!(since.is_none() && fallen.is_empty());
        assert_eq!(p.missing, None, "every area and sub-area is published");

        let mut more = kumla.clone();
        more.evaluation
            .subareas
            .push(subarea("5.4", 11, 20, Some(55)));
        more.evaluation
            .subareas
            .push(subarea("6.4", 18, 30, Some(60)));
        let p = priorities(&more, Some(&more), None, &[]);
        let Basis::Subareas { lowest, .. } = &p.basis else {
            panic!()
        };
        assert_eq!(
            codes(lowest),
            vec!["1.2", "4.3", "5.4", "4.4", "1.3", "4.2", "6.4"],
            "the fifth is 60 %: every sub-area at 60 % is named"
        );
    }

    #[test]
    fn without_a_printed_percent_the_share_is_points_over_max() {
        let mut s = evaluation("1881", 2020, "v2020", &KUMLA_2020, None);
        s.evaluation.subareas = vec![subarea("3.1", 9, 10, None), subarea("3.2", 30, 40, None)];
        let p = priorities(&s, Some(&s), None, &[]);
        let Basis::Subareas { lowest, .. } = &p.basis else {
            panic!()
        };
        assert_eq!(
            lowest.iter().map(|l| l.per_mille).collect::<Vec<_>>(),
            vec![750, 900]
        );
    }

    #[test]
    fn sub_areas_that_fell_since_the_last_evaluation_of_the_same_criteria() {
        let mut before = evaluation("1881", 2016, "v2020", &KUMLA_2020, None);
        before.evaluation.subareas = vec![
            subarea("1.1", 15, 20, Some(75)),
            subarea("1.2", 5, 10, Some(50)),
            subarea("4.3", 14, 30, Some(47)),
            subarea("4.4", 14, 20, Some(70)),
        ];
        let mut older_criteria = evaluation("1881", 2018, "v2016", &[], None);
        older_criteria.evaluation.subareas = vec![subarea("1.1", 20, 20, Some(100))];
        let kumla = kumla_2020();
        let p = priorities(
            &kumla,
            Some(&kumla),
            None,
            &[&before, &older_criteria, &kumla],
        );
        let Basis::Subareas { since, fallen, .. } = &p.basis else {
            panic!()
        };
        assert_eq!(
            since.map(|s| s.evaluation.year),
            Some(2016),
            "2018's criteria differ: never compared"
        );
        let fell: Vec<(String, i64)> = fallen
            .iter()
            .map(|f| (f.subarea.code.to_string(), f.fall_per_mille()))
            .collect();
        assert_eq!(
            fell,
            vec![("4.4".into(), 130), ("1.1".into(), 120), ("1.2".into(), 20)],
            "largest fall first; 4.3 rose"
        );
    }

    fn benchmark(areas: &[i64]) -> Benchmark {
        Benchmark {
            label: "Sverigesnitt".into(),
            revision: "v2020".parse().unwrap(),
            year: 2021,
            evaluations: None,
            areas: areas
                .iter()
                .enumerate()
                .map(|(i, p)| (AreaNumber::ALL[i], Score::whole(*p)))
                .collect(),
            total: Some(Score::whole(517)),
            source_url: "https://example.se".into(),
            notes: None,
        }
    }

    #[test]
    fn with_areas_only_those_furthest_below_the_reference() {
        let s = evaluation(
            "0115",
            2021,
            "v2020",
            &[60, 70, 80, 55, 61, 59, 68, 60],
            None,
        );
        let sverigesnitt = benchmark(&[63, 65, 73, 64, 61, 59, 68, 64]);
        let p = priorities(&s, Some(&s), Some(Reference::Published(&sverigesnitt)), &[]);
        let Basis::Areas { below, reference } = &p.basis else {
            panic!("no sub-areas: {:?}", p.basis)
        };
        assert!(reference.is_some());
        let gaps: Vec<(u8, i64)> = below
            .iter()
            .map(|g| (g.area.get(), g.below_tenths()))
            .collect();
        assert_eq!(
            gaps,
            vec![(4, 90), (8, 40), (1, 30)],
            "equal to the reference (5, 6, 7) is not below"
        );
        let missing = p.missing.unwrap();
        assert!(missing.areas.is_empty() && missing.subareas);

        let no_areas = benchmark(&[]);
        let p = priorities(&s, Some(&s), Some(Reference::Published(&no_areas)), &[]);
        assert!(matches!(&p.basis, Basis::Areas { below, .. } if below.is_empty()));
        let p = priorities(&s, Some(&s), None, &[]);
        assert!(matches!(&p.basis, Basis::Areas { below, reference: None } if below.is_empty()));
    }

    #[test]
    fn missing_figures_are_named_in_the_evaluation_that_lacks_them() {
        let enkoping = evaluation("0381", 2018, "v2016", &[71, 62], Some(519));
        let p = priorities(&enkoping, Some(&enkoping), None, &[]);
        let missing = p.missing.unwrap();
        assert_eq!(missing.evaluation.evaluation.year, 2018);
        assert_eq!(
            missing.areas.iter().map(|a| a.get()).collect::<Vec<_>>(),
            vec![3, 4, 5, 6, 7, 8]
        );
        // Örebro: 2015 printed a total only; its areas are 2012's.
        let areas_2012 = evaluation("1880", 2012, "v2010", &[60; 8], Some(615));
        let total_2015 = evaluation("1880", 2015, "v2010", &[], Some(650));
        let p = priorities(&total_2015, Some(&areas_2012), None, &[]);
        assert_eq!(p.evaluation.evaluation.year, 2012);
        let missing = p.missing.unwrap();
        assert_eq!(
            (missing.evaluation.evaluation.year, missing.areas.len()),
            (2015, 8)
        );
        let p = priorities(&total_2015, None, None, &[]);
        assert_eq!(p.basis, Basis::TotalOnly);
        assert_eq!(p.missing.map(|m| m.areas.len()), Some(8));
    }
}
