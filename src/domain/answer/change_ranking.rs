//! The change ranking answer: each municipality's change between two of its
//! evaluations that published the figure (the total or a theme), largest
//! first. By default the latest two under the same criteria (Vallentuna:
//! 2017 → 2019, not 2019 → 2021 across a revision); as a choice the first
//! and the latest, and changes across criteria versions, each marked. What
//! a source states about a change is listed apart, never ranked among the
//! computed ones, and shown once where it equals the computed change.
//! `/forandring`, its `.csv` and `.xlsx`, its chart and embed and
//! `/api/v1/changes` without `kommun` all render this one value.

use super::changes::{Step, step_between};
use crate::domain::analysis::{Metric, MetricValue, RankingFilter, metric_value};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, Change, Figure, Municipality, StatedChange, ThemeNumber};

/// Which two evaluations a municipality's change is between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Span {
    /// The latest two that published the figure.
    #[default]
    Latest,
    /// The first and the latest that published it.
    FirstToLatest,
}

/// Whether the two may be of different criteria versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Versions {
    /// Both under one version: the figures are comparable.
    #[default]
    Same,
    /// Also across versions ("även över versioner"), each such change marked.
    Across,
}

/// What to rank, among whom. The filter is the ranking's: a county, and a
/// criteria version both evaluations were made under.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangeRequest {
    pub metric: Metric,
    pub span: Span,
    pub versions: Versions,
    pub filter: RankingFilter,
}

/// A municipality's computed change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangePlace<'a> {
    /// 1 for the largest increase; equal changes share a rank (1, 2, 2, 4).
    pub rank: usize,
    pub municipality: &'a Municipality,
    /// The two evaluations, their total and every theme.
    pub step: Step<'a>,
    /// The ranked figure before and after, each with the area that stood
    /// for a theme in its evaluation's revision.
    pub before: MetricValue,
    pub after: MetricValue,
    pub change: Change,
    /// The later evaluation's source states the same change: shown once,
    /// here, with its source.
    pub confirmed: Option<&'a StatedChange>,
}

impl ChangePlace<'_> {
    pub fn crosses_revision(&self) -> bool {
        self.step.crosses_revision
    }
}

/// A change as a source states it, for an evaluation kompass has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedPlace<'a> {
    pub municipality: &'a Municipality,
    /// The evaluation whose source states it.
    pub latest: &'a StoredEvaluation,
    pub stated: &'a StatedChange,
    /// The earlier evaluation it is stated against, when kompass has it.
    pub earlier: Option<&'a StoredEvaluation>,
}

impl StatedPlace<'_> {
    /// Whether the two evaluations were of different criteria versions;
    /// none when the earlier one is not in kompass.
    pub fn crosses_revision(&self) -> Option<bool> {
        self.earlier
            .map(|e| e.evaluation.revision != self.latest.evaluation.revision)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRanking<'a> {
    pub request: ChangeRequest,
    /// Largest increase first.
    pub places: Vec<ChangePlace<'a>>,
    /// What sources state and the places do not already show, largest first.
    pub stated: Vec<StatedPlace<'a>>,
}

impl ChangeRanking<'_> {
    /// Whether any place is a change across criteria versions.
    pub fn crosses_revisions(&self) -> bool {
        self.places.iter().any(ChangePlace::crosses_revision)
    }
}

/// The two evaluations `request` compares among `with` (a municipality's
/// evaluations that published the figure, oldest first).
fn pair<'a>(
    with: &[&'a StoredEvaluation],
    request: &ChangeRequest,
) -> Option<(&'a StoredEvaluation, &'a StoredEvaluation)> {
    // Criteria versions follow each other in time: the latest version's
    // evaluations are the last ones.
    let candidates: Vec<&StoredEvaluation> = match request.versions {
        Versions::Across => with.to_vec(),
        Versions::Same => {
            let newest_pair = with
                .windows(2)
                .rev()
                .find(|w| w[0].evaluation.revision == w[1].evaluation.revision)?;
            let revision = newest_pair[1].evaluation.revision;
            with.iter()
                .copied()
                .filter(|s| s.evaluation.revision == revision)
                .collect()
        }
    };
    let (first, last) = match request.span {
        Span::Latest => {
            let [.., a, b] = candidates.as_slice() else {
                return None;
            };
            (*a, *b)
        }
        Span::FirstToLatest => (*candidates.first()?, *candidates.last()?),
    };
    (first.id != last.id).then_some((first, last))
}

/// Whether a stated change is of `metric`: a total for the total, an area
/// that stands for the theme in the evaluation's revision for a theme.
fn states_metric(data: &Dataset, s: &StoredEvaluation, figure: Figure, metric: Metric) -> bool {
    match (figure, metric) {
        (Figure::Total, Metric::Total) => true,
        (Figure::Area(area), Metric::Theme(theme)) => area_theme(data, s, area) == Some(theme),
        _ => false,
    }
}

fn area_theme(data: &Dataset, s: &StoredEvaluation, area: AreaNumber) -> Option<ThemeNumber> {
    data.catalogue
        .revision(s.evaluation.revision)?
        .area(area)
        .map(|a| a.theme)
}

/// Gives places their rank, largest increase first; ties by name.
fn order(places: &mut [ChangePlace<'_>]) {
    places.sort_by(|a, b| {
        b.change
            .tenths()
            .cmp(&a.change.tenths())
            .then(a.municipality.name.cmp(&b.municipality.name))
    });
    let mut previous: Option<(i64, usize)> = None;
    for (i, place) in places.iter_mut().enumerate() {
        let rank = match previous {
            Some((value, rank)) if value == place.change.tenths() => rank,
            _ => i + 1,
        };
        place.rank = rank;
        previous = Some((place.change.tenths(), rank));
    }
}

/// The municipality's place, if it has two evaluations to compare.
fn place<'a>(
    data: &'a Dataset,
    m: &'a Municipality,
    request: &ChangeRequest,
) -> Option<ChangePlace<'a>> {
    let with: Vec<&StoredEvaluation> = data
        .evaluations_of(m.code)
        .filter(|s| {
            request
                .filter
                .revision
                .is_none_or(|r| r == s.evaluation.revision)
        })
        .filter(|s| metric_value(&s.evaluation, &data.catalogue, request.metric).is_some())
        .collect();
    let (previous, latest) = pair(&with, request)?;
    let before = metric_value(&previous.evaluation, &data.catalogue, request.metric)?;
    let after = metric_value(&latest.evaluation, &data.catalogue, request.metric)?;
    let change = after.points.minus(&before.points);
    let confirmed = latest.evaluation.stated_changes.iter().find(|s| {
        s.since == previous.evaluation.year
            && s.change.tenths() == change.tenths()
            && states_metric(data, latest, s.figure, request.metric)
    });
    Some(ChangePlace {
        rank: 0,
        municipality: m,
        step: step_between(previous, latest, &data.catalogue),
        before,
        after,
        change,
        confirmed,
    })
}

/// Every stated change of the metric among the filter's municipalities,
/// except those a place already shows.
fn stated<'a>(
    data: &'a Dataset,
    request: &ChangeRequest,
    places: &[ChangePlace<'a>],
) -> Vec<StatedPlace<'a>> {
    let shown: Vec<&StatedChange> = places.iter().filter_map(|p| p.confirmed).collect();
    let revision = request.filter.revision;
    let mut out: Vec<StatedPlace<'a>> = Vec::new();
    for m in data
        .municipalities
        .iter()
        .filter(|m| request.filter.admits(data, m))
    {
        let all: Vec<&'a StoredEvaluation> = data.evaluations_of(m.code).collect();
        for latest in all.iter().copied() {
            if revision.is_some_and(|r| r != latest.evaluation.revision) {
                continue;
            }
            for stated in &latest.evaluation.stated_changes {
                let is_shown = shown.iter().any(|s| std::ptr::eq(*s, stated));
                if is_shown || !states_metric(data, latest, stated.figure, request.metric) {
                    continue;
                }
                out.push(StatedPlace {
                    municipality: m,
                    latest,
                    stated,
                    earlier: all
                        .iter()
                        .copied()
                        .find(|e| e.evaluation.year == stated.since),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.stated
            .change
            .tenths()
            .cmp(&a.stated.change.tenths())
            .then(a.municipality.name.cmp(&b.municipality.name))
    });
    out
}

/// The change ranking `request` asks for.
pub fn rank_changes<'a>(data: &'a Dataset, request: &ChangeRequest) -> ChangeRanking<'a> {
    let mut places: Vec<ChangePlace<'a>> = data
        .municipalities
        .iter()
        .filter(|m| request.filter.admits(data, m))
        .filter_map(|m| place(data, m, request))
        .collect();
    order(&mut places);
    let stated = stated(data, request, &places);
    ChangeRanking {
        request: request.clone(),
        places,
        stated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{dataset, evaluation};

    fn stated_change(change: &str, since: i32) -> StatedChange {
        StatedChange {
            figure: Figure::Total,
            change: Change::parse_signed(change).unwrap(),
            since,
            source: "https://www.example.se/x".into(),
            quote: None,
            line: None,
        }
    }

    /// Vallentuna 2017, 2019 (v2016) and 2021 (v2020); Kumla 2017 without
    /// a total and 2020 stating +137; Örebro 2012 and 2015 (v2010), 2015
    /// stating the computed +35.
    fn data() -> Dataset {
        let mut kumla = evaluation("1881", 2020, "v2020", &[], Some(557));
        kumla.evaluation.stated_changes = vec![stated_change("137", 2017)];
        let mut orebro = evaluation("1880", 2015, "v2010", &[], Some(541));
        orebro.evaluation.stated_changes = vec![stated_change("35", 2012)];
        dataset(vec![
            evaluation("0115", 2017, "v2016", &[], Some(555)),
            evaluation("0115", 2019, "v2016", &[60], Some(603)),
            evaluation("0115", 2021, "v2020", &[73], Some(648)),
            evaluation("1881", 2017, "v2016", &[], None),
            kumla,
            evaluation("1880", 2012, "v2010", &[], Some(506)),
            orebro,
        ])
    }

    fn rows(r: &ChangeRanking<'_>) -> Vec<String> {
        r.places
            .iter()
            .map(|p| {
                format!(
                    "{} {} {}→{} {}",
                    p.rank,
                    p.municipality.name,
                    p.step.previous.evaluation.year,
                    p.step.latest.evaluation.year,
                    p.change.to_swedish_signed()
                )
            })
            .collect()
    }

    #[test]
    fn by_default_the_latest_two_under_the_same_criteria_largest_first() {
        let data = data();
        let r = rank_changes(&data, &ChangeRequest::default());
        assert_eq!(
            rows(&r),
            vec!["1 Vallentuna 2017→2019 +48", "2 Örebro 2012→2015 +35"]
        );
        assert!(!r.crosses_revisions());
        // Örebro's source states the computed +35: shown once, on its place.
        assert!(r.places[1].confirmed.is_some());
        let stated: Vec<String> = r
            .stated
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    s.municipality.name,
                    s.stated.change.to_swedish_signed()
                )
            })
            .collect();
        assert_eq!(stated, vec!["Kumla +137"]);
        assert_eq!(r.stated[0].crosses_revision(), Some(true));
    }

    #[test]
    fn across_versions_and_first_to_latest_are_choices() {
        let data = data();
        let across = ChangeRequest {
            versions: Versions::Across,
            ..ChangeRequest::default()
        };
        let r = rank_changes(&data, &across);
        assert_eq!(
            rows(&r),
            vec!["1 Vallentuna 2019→2021 +45", "2 Örebro 2012→2015 +35"]
        );
        assert!(r.places[0].crosses_revision() && r.crosses_revisions());
        let first = ChangeRequest {
            versions: Versions::Across,
            span: Span::FirstToLatest,
            ..ChangeRequest::default()
        };
        assert_eq!(
            rows(&rank_changes(&data, &first))[0],
            "1 Vallentuna 2017→2021 +93"
        );
        let v2020 = ChangeRequest {
            filter: RankingFilter {
                revision: Some("v2020".parse().unwrap()),
                county: None,
                group: None,
            },
            ..across
        };
        let r = rank_changes(&data, &v2020);
        assert!(r.places.is_empty(), "one v2020 evaluation each");
        assert_eq!(r.stated.len(), 1, "Kumla 2020 is under v2020");
    }

    #[test]
    fn a_theme_ranks_the_areas_that_stand_for_it() {
        let data = data();
        let theme = ChangeRequest {
            metric: Metric::Theme(ThemeNumber::ALL[0]),
            versions: Versions::Across,
            ..ChangeRequest::default()
        };
        let r = rank_changes(&data, &theme);
        assert_eq!(rows(&r), vec!["1 Vallentuna 2019→2021 +13"]);
        assert_eq!(r.places[0].before.area.map(|a| a.get()), Some(1));
        assert!(r.stated.is_empty(), "Kumla states its total");
        let same = ChangeRequest {
            metric: Metric::Theme(ThemeNumber::ALL[0]),
            ..ChangeRequest::default()
        };
        assert!(rank_changes(&data, &same).places.is_empty());
    }

    #[test]
    fn a_county_narrows_places_and_statements() {
        let data = data();
        let county = ChangeRequest {
            filter: RankingFilter {
                revision: None,
                county: Some("18".parse().unwrap()),
                group: None,
            },
            ..ChangeRequest::default()
        };
        let r = rank_changes(&data, &county);
        assert_eq!(rows(&r), vec!["1 Örebro 2012→2015 +35"]);
        assert_eq!(r.stated.len(), 1);
    }
}
