//! The reference figure an answer is read against, chosen here once: for
//! one evaluation (`reference_for`, what the profile shows) and for the
//! evaluations a comparison or a ranking shows (`references_for`), so the
//! pages, the JSON and the CSV name the same figure; and beside it, never
//! instead of it, the mean of the evaluation's kommungrupp (`group_mean`).

use crate::domain::analysis::{
    Average, Metric, MetricValue, RevisionAverages, latest_per_municipality, mean, year_span,
};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::place::{GroupCode, MunicipalityGroup};
use crate::domain::snapshot::Snapshot;
use crate::domain::{AreaNumber, Benchmark, Catalogue, Confidence, Revision, Score};

/// A mean of fewer evaluations than this is never shown as a reference:
/// with so few, it says more about which municipalities published than
/// about the country.
pub const MIN_AVERAGE_BASE: usize = 5;

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

    /// Its figure for a metric under `revision`, as an evaluation's would
    /// be: the total's, or for a theme the figure of the area that stands
    /// for it in the revision (the closest match through the crosswalk, as
    /// an evaluation's theme score takes it), with that area and how well it
    /// matches.
    pub fn value(
        &self,
        catalogue: &Catalogue,
        revision: Revision,
        metric: Metric,
    ) -> Option<MetricValue> {
        match metric {
            Metric::Total => self.total().map(|points| MetricValue {
                points,
                area: None,
                confidence: Confidence::Same,
            }),
            Metric::Theme(theme) => {
                let areas = &catalogue.revision(revision)?.areas;
                let best = areas
                    .iter()
                    .filter(|a| a.theme == theme)
                    .rev()
                    .max_by_key(|a| a.confidence)?;
                Some(MetricValue {
                    points: self.area(best.number)?,
                    area: Some(best.number),
                    confidence: best.confidence,
                })
            }
        }
    }

    /// The year a published mean is of; none for kompass's own, which
    /// spans the years of the evaluations it averages.
    pub fn year(&self) -> Option<i32> {
        match self {
            Reference::Published(b) => Some(b.year),
            Reference::Kompass(_) => None,
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

/// The mean total of a kommungrupp's evaluations under one criteria
/// version (each member's latest with a total under it), shown beside the
/// reference figure, never instead of it, and only when it rests on at least
/// `MIN_AVERAGE_BASE` evaluations; named with that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupMean<'a> {
    pub group: &'a MunicipalityGroup,
    pub revision: Revision,
    /// The mean, and how many evaluations it averages (its N).
    pub total: Average,
    /// The first and last year of the averaged evaluations.
    pub years: (i32, i32),
}

/// The mean total of the kommungrupp `group` under `revision`; none when
/// fewer than `MIN_AVERAGE_BASE` of its municipalities have a total under it.
pub fn group_mean(data: &Snapshot, group: GroupCode, revision: Revision) -> Option<GroupMean<'_>> {
    let named = data.places.group(group)?;
    let latest = latest_per_municipality(data, |s| {
        s.evaluation.revision == revision
            && s.evaluation.total.is_some()
            && data
                .places
                .get(s.evaluation.municipality)
                .and_then(|p| p.group)
                == Some(group)
    });
    let totals: Vec<Score> = latest.iter().filter_map(|s| s.evaluation.total).collect();
    let total = usable(mean(&totals))?;
    Some(GroupMean {
        group: named,
        revision,
        total,
        years: year_span(latest.iter().map(|s| s.evaluation.year))?,
    })
}

/// A reference figure shown beside a comparison or a ranking: the one of a
/// criteria version the answer shows, with its figure for what the answer
/// shows (a comparison's total, a ranking's metric).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionReference<'a> {
    pub revision: Revision,
    /// The year it was chosen for: the newest shown evaluation's under the
    /// revision.
    pub year: i32,
    pub reference: Reference<'a>,
    pub points: Score,
}

impl VersionReference<'_> {
    /// Its figure for a metric (a comparison's theme rows), with the area
    /// that stands for a theme.
    pub fn value(&self, catalogue: &Catalogue, metric: Metric) -> Option<MetricValue> {
        self.reference.value(catalogue, self.revision, metric)
    }
}

/// The reference figures shown beside the evaluations `shown`, for
/// `metric`: one per criteria version among them (oldest version first),
/// that version's reference nearest in year to the newest of them, where it
/// has a figure for the metric; none for a version without a reference. A
/// mean holds for one version only, so evaluations under different
/// versions each have their own. The comparison shows them all; the
/// ranking only when it ranks one version (`ranking::rank`).
pub fn references_for<'a, 'b>(
    data: &'a Snapshot,
    shown: impl IntoIterator<Item = &'b StoredEvaluation>,
    metric: Metric,
) -> Vec<VersionReference<'a>> {
    let mut versions: Vec<(Revision, i32)> = Vec::new();
    for s in shown {
        let (revision, year) = (s.evaluation.revision, s.evaluation.year);
        match versions.iter_mut().find(|(r, _)| *r == revision) {
            Some((_, newest)) => *newest = (*newest).max(year),
            None => versions.push((revision, year)),
        }
    }
    versions.sort();
    versions
        .into_iter()
        .filter_map(|(revision, year)| {
            let reference = reference_for(data, revision, year)?;
            let points = reference.value(&data.catalogue, revision, metric)?.points;
            Some(VersionReference {
                revision,
                year,
                reference,
                points,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::tests::{catalogue, evaluation, municipality};

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

    const CODES: [&str; 5] = ["0115", "0180", "1880", "1881", "0114"];

    /// `n` municipalities evaluated under v2020 in 2021, four of them with
    /// area 1, and the benchmarks given.
    fn data(n: usize, benchmarks: Vec<Benchmark>) -> Snapshot {
        let evaluations = CODES[..n]
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let areas = if i < 4 { vec![60 + i as i64] } else { vec![] };
                evaluation(c, 2021, "v2020", &areas, Some(500 + i as i64))
            })
            .collect();
        let municipalities = CODES.iter().map(|c| municipality(c, c)).collect();
        Snapshot::new(Dataset::new(
            municipalities,
            catalogue(),
            benchmarks,
            evaluations,
            String::new(),
            String::new(),
        ))
    }

    #[test]
    fn the_reference_is_the_published_mean_nearest_in_year_else_five_or_more_in_kompass() {
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
    fn a_groups_mean_needs_five_of_its_evaluations_under_the_criteria_and_names_its_n() {
        use crate::domain::geo::Shape;
        use crate::domain::place::{Place, Places};
        let group = MunicipalityGroup {
            code: "B3".parse().unwrap(),
            name: "Större stad".into(),
        };
        let in_group = |codes: &[&str]| {
            let places = codes
                .iter()
                .map(|c| {
                    let place = Place {
                        group: Some(group.code),
                        shape: Shape::default(),
                        ..Place::default()
                    };
                    (c.parse().unwrap(), place)
                })
                .collect();
            Places::new(vec![group.clone()], places, &[])
        };
        let with = |places: Places| {
            let plain = data(5, vec![]);
            Snapshot::new(plain.dataset().clone().with_places(places))
        };
        let v2020 = "v2020".parse().unwrap();
        let five = with(in_group(&CODES));
        let m = group_mean(&five, group.code, v2020).unwrap();
        assert_eq!(
            (m.total.count, m.total.value.to_string()),
            (5, "502.0".into())
        );
        assert_eq!(
            (m.group.name.as_str(), m.years),
            ("Större stad", (2021, 2021))
        );
        assert_eq!(
            group_mean(&five, group.code, "v2016".parse().unwrap()),
            None
        );
        let four = with(in_group(&CODES[..4]));
        assert_eq!(
            group_mean(&four, group.code, v2020),
            None,
            "four are too few"
        );
    }

    #[test]
    fn what_is_shown_gets_its_versions_reference_with_the_figure_for_the_metric() {
        let snapshot = data(
            4,
            vec![
                benchmark("v2020", 2019, Some(480), &[]),
                benchmark("v2020", 2022, Some(517), &[63]),
            ],
        );
        let all: Vec<&StoredEvaluation> = snapshot.evaluations.iter().collect();
        let total = references_for(&snapshot, all.iter().copied(), Metric::Total);
        assert_eq!(total.len(), 1);
        let r = total[0];
        assert_eq!((r.revision.to_string(), r.year), ("v2020".into(), 2021));
        assert_eq!(r.points, Score::whole(517), "nearest in year to 2021");
        assert!(matches!(r.reference, Reference::Published(b) if b.year == 2022));
        let theme_1 = r
            .value(
                &snapshot.catalogue,
                Metric::Theme(crate::domain::ThemeNumber::new(1).unwrap()),
            )
            .unwrap();
        assert_eq!(theme_1.points, Score::whole(63));
        assert_eq!(
            (theme_1.area, theme_1.confidence),
            (Some(AreaNumber::ALL[0]), Confidence::Same)
        );
        assert_eq!(
            references_for(
                &snapshot,
                all.iter().copied(),
                Metric::Theme(crate::domain::ThemeNumber::new(2).unwrap())
            ),
            vec![],
            "no figure for the theme: no reference for it"
        );
        assert_eq!(references_for(&snapshot, [], Metric::Total), vec![]);
        let older = evaluation("1880", 2016, "v2016", &[], Some(400));
        let mixed = all.iter().copied().chain(std::iter::once(&older));
        let per_version = references_for(&snapshot, mixed, Metric::Total);
        assert_eq!(per_version, total, "2016's criteria have no reference here");
        let with_2016 = data(
            4,
            vec![
                benchmark("v2020", 2022, Some(517), &[63]),
                benchmark("v2016", 2017, Some(476), &[]),
            ],
        );
        let all: Vec<&StoredEvaluation> = with_2016.evaluations.iter().collect();
        let mixed = all.iter().copied().chain(std::iter::once(&older));
        let per_version: Vec<(String, i32, Score)> =
            references_for(&with_2016, mixed, Metric::Total)
                .iter()
                .map(|r| (r.revision.to_string(), r.year, r.points))
                .collect();
        assert_eq!(
            per_version,
            [
                ("v2016".into(), 2016, Score::whole(476)),
                ("v2020".into(), 2021, Score::whole(517)),
            ],
            "a mean holds for one version only: each its own, oldest first"
        );
    }
}
