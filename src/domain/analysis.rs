//! The rules the answers share: scores per canonical theme (through the
//! crosswalk), averages per revision, which evaluations show a municipality
//! (on its page and in a comparison alike), and the ranking of every
//! municipality's latest figure. Pure functions;
//! the answers built from them are in `answer`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::dataset::{Dataset, StoredEvaluation};
use super::place::GroupCode;
use super::{
    AREA_MAX, AreaNumber, Catalogue, Confidence, CountyCode, Evaluation, Municipality, Revision,
    Score, TOTAL_MAX, ThemeNumber,
};

/// What is ranked or compared: the published total or one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    Total,
    Theme(ThemeNumber),
}

impl Metric {
    /// The total and the eight themes, in the order answers list them.
    pub fn all(catalogue: &Catalogue) -> Vec<Metric> {
        std::iter::once(Metric::Total)
            .chain(catalogue.themes.iter().map(|t| Metric::Theme(t.number)))
            .collect()
    }

    /// The theme's number; none for the total.
    pub fn theme(self) -> Option<ThemeNumber> {
        match self {
            Metric::Total => None,
            Metric::Theme(n) => Some(n),
        }
    }

    /// The highest possible figure: 800 for the total, 100 for a theme.
    pub fn max(self) -> Score {
        match self {
            Metric::Total => TOTAL_MAX,
            Metric::Theme(_) => AREA_MAX,
        }
    }

    /// "total" or the theme's slug, as addresses and files name it.
    pub fn slug(self, catalogue: &Catalogue) -> String {
        match self {
            Metric::Total => "total".to_string(),
            Metric::Theme(n) => catalogue
                .theme(n)
                .map(|t| t.slug.clone())
                .unwrap_or_default(),
        }
    }

    /// "Totalt" or the theme's name.
    pub fn name(self, catalogue: &Catalogue) -> String {
        match self {
            Metric::Total => "Totalt".to_string(),
            Metric::Theme(n) => catalogue
                .theme(n)
                .map(|t| t.name.clone())
                .unwrap_or_default(),
        }
    }
}

/// An area's score seen as a canonical theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ThemeScore {
    pub theme: ThemeNumber,
    /// The area number in the evaluation's own revision.
    pub area: AreaNumber,
    pub points: Score,
    pub confidence: Confidence,
}

/// The evaluation's printed areas as themes (one per theme: the best mapped).
pub fn theme_scores(e: &Evaluation, catalogue: &Catalogue) -> Vec<ThemeScore> {
    let Some(revision) = catalogue.revision(e.revision) else {
        return vec![];
    };
    let mut best: BTreeMap<ThemeNumber, ThemeScore> = BTreeMap::new();
    for a in &e.areas {
        let Some(def) = revision.area(a.number) else {
            continue;
        };
        let candidate = ThemeScore {
            theme: def.theme,
            area: a.number,
            points: a.points,
            confidence: def.confidence,
        };
        match best.get(&def.theme) {
            Some(current) if current.confidence >= candidate.confidence => {}
            _ => {
                best.insert(def.theme, candidate);
            }
        }
    }
    best.into_values().collect()
}

pub fn theme_score(
    e: &Evaluation,
    catalogue: &Catalogue,
    theme: ThemeNumber,
) -> Option<ThemeScore> {
    theme_scores(e, catalogue)
        .into_iter()
        .find(|t| t.theme == theme)
}

/// A published figure under a metric: the total, or the area that stands
/// for a theme in the evaluation's own revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricValue {
    pub points: Score,
    /// The area in the evaluation's revision (none for the total).
    pub area: Option<AreaNumber>,
    /// How well that area matches the theme (`Same` for the total).
    pub confidence: Confidence,
}

/// The value of a metric for an evaluation, with how well it maps.
pub fn metric_value(e: &Evaluation, catalogue: &Catalogue, metric: Metric) -> Option<MetricValue> {
    match metric {
        Metric::Total => e.total.map(|points| MetricValue {
            points,
            area: None,
            confidence: Confidence::Same,
        }),
        Metric::Theme(n) => theme_score(e, catalogue, n).map(|t| MetricValue {
            points: t.points,
            area: Some(t.area),
            confidence: t.confidence,
        }),
    }
}

/// A mean of published figures: rounded to one decimal, with its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Average {
    pub value: Score,
    /// How many evaluations it averages.
    pub count: usize,
}

pub fn mean(values: &[Score]) -> Option<Average> {
    if values.is_empty() {
        return None;
    }
    let n = i64::try_from(values.len()).ok()?;
    let sum: i64 = values.iter().map(Score::tenths).sum();
    // Round half away from zero, in tenths.
    let tenths = (2 * sum + n) / (2 * n);
    Some(Average {
        value: Score::from_tenths(tenths, 1),
        count: values.len(),
    })
}

/// Averages over the municipalities evaluated under one revision (each
/// municipality's latest evaluation under it), per area and for the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionAverages {
    pub revision: Revision,
    /// By area; `None` where no evaluation printed the area.
    pub areas: Vec<(AreaNumber, Option<Average>)>,
    pub total: Option<Average>,
    /// The years the averaged evaluations took place, first and last.
    pub years: Option<(i32, i32)>,
}

/// The first and last of some years.
pub fn year_span(years: impl Iterator<Item = i32>) -> Option<(i32, i32)> {
    years.fold(None, |acc, y| match acc {
        None => Some((y, y)),
        Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
    })
}

/// The evaluations a municipality is shown by, on its page and in a
/// comparison alike (`showing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Showing<'a> {
    /// Its latest evaluation that published any score: the total shown is
    /// this one's.
    pub evaluation: &'a StoredEvaluation,
    /// The evaluation whose areas (sub-areas, report texts) are shown:
    /// `evaluation` itself, or when it printed no area, the latest before it
    /// that did; none when none did.
    pub detail: Option<&'a StoredEvaluation>,
}

impl<'a> Showing<'a> {
    /// One evaluation the reader named (`kommun=1880:2012`): its own total
    /// and areas, nothing taken from another.
    pub fn only(s: &'a StoredEvaluation) -> Self {
        Showing {
            evaluation: s,
            detail: (!s.evaluation.areas.is_empty()).then_some(s),
        }
    }

    /// The evaluation of the areas when it is another than the total's
    /// (Örebro's 2012 areas beside its 2015 total).
    pub fn areas_from(&self) -> Option<&'a StoredEvaluation> {
        self.detail.filter(|d| d.id != self.evaluation.id)
    }
}

/// What shows a municipality: its latest evaluation with published scores,
/// and the areas of the latest up to it that printed any. Örebro shows its
/// 2015 total (650) with its 2012 areas (and 2012's own total, 615). The
/// municipality page, the comparison, their files and the API all ask this
/// one function; none when no evaluation published a score.
pub fn showing(data: &Dataset, code: super::MunicipalityCode) -> Option<Showing<'_>> {
    let evaluation = data
        .evaluations_of(code)
        .filter(|s| s.evaluation.has_published_scores())
        .last()?;
    let detail = data
        .evaluations_of(code)
        .filter(|s| s.evaluation.key() <= evaluation.evaluation.key())
        .filter(|s| !s.evaluation.areas.is_empty())
        .last();
    Some(Showing { evaluation, detail })
}

/// Each municipality's latest evaluation matching `keep`, in register order.
pub fn latest_per_municipality(
    data: &Dataset,
    keep: impl Fn(&StoredEvaluation) -> bool,
) -> Vec<&StoredEvaluation> {
    data.municipalities
        .iter()
        .filter_map(|m| data.evaluations_of(m.code).filter(|s| keep(s)).last())
        .collect()
}

pub fn revision_averages(data: &Dataset, revision: Revision) -> RevisionAverages {
    let latest = latest_per_municipality(data, |s| {
        s.evaluation.revision == revision && s.evaluation.has_published_scores()
    });
    let areas = AreaNumber::ALL
        .into_iter()
        .map(|n| {
            let values: Vec<Score> = latest
                .iter()
                .filter_map(|s| s.evaluation.area(n).map(|a| a.points))
                .collect();
            (n, mean(&values))
        })
        .collect();
    let totals: Vec<Score> = latest.iter().filter_map(|s| s.evaluation.total).collect();
    let years = year_span(latest.iter().map(|s| s.evaluation.year));
    RevisionAverages {
        revision,
        areas,
        total: mean(&totals),
        years,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RankingFilter {
    pub revision: Option<Revision>,
    pub county: Option<CountyCode>,
    /// Kommungrupp (SKR 2023).
    pub group: Option<GroupCode>,
}

/// A place in a ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankEntry<'a> {
    /// 1 for the highest; equal values share a rank (1, 2, 2, 4).
    pub rank: usize,
    pub municipality: &'a Municipality,
    /// The latest evaluation that published the figure.
    pub evaluation: &'a StoredEvaluation,
    pub value: Score,
    /// The area that stands for the theme in the evaluation's own revision
    /// (none for the total).
    pub area: Option<AreaNumber>,
    /// How well it matches the theme (`Same` for the total).
    pub confidence: Confidence,
    /// The municipality's newest evaluation, when it is not the ranked one
    /// (so it did not publish the figure) and is under the filter's revision.
    pub newer: Option<&'a StoredEvaluation>,
}

/// Every municipality's latest evaluation that published the metric (under
/// the filter's revision, when given), highest first.
pub fn ranking<'a>(
    data: &'a Dataset,
    metric: Metric,
    filter: &RankingFilter,
) -> Vec<RankEntry<'a>> {
    let mut entries: Vec<RankEntry<'a>> = data
        .municipalities
        .iter()
        .filter(|m| filter.county.is_none_or(|c| c == m.county_code))
        .filter(|m| {
            filter
                .group
                .is_none_or(|g| data.places.get(m.code).and_then(|p| p.group) == Some(g))
        })
        .filter_map(|m| {
            let under =
                |s: &&StoredEvaluation| filter.revision.is_none_or(|r| r == s.evaluation.revision);
            let (s, v) = data
                .evaluations_of(m.code)
                .filter(under)
                .filter_map(|s| {
                    metric_value(&s.evaluation, &data.catalogue, metric).map(|v| (s, v))
                })
                .last()?;
            Some(RankEntry {
                rank: 0,
                municipality: m,
                evaluation: s,
                value: v.points,
                area: v.area,
                confidence: v.confidence,
                newer: data
                    .evaluations_of(m.code)
                    .last()
                    .filter(|n| n.id != s.id && under(n)),
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.value
            .tenths()
            .cmp(&a.value.tenths())
            .then(a.municipality.name.cmp(&b.municipality.name))
    });
    let mut previous: Option<(i64, usize)> = None;
    for (i, entry) in entries.iter_mut().enumerate() {
        let rank = match previous {
            Some((value, rank)) if value == entry.value.tenths() => rank,
            _ => i + 1,
        };
        entry.rank = rank;
        previous = Some((entry.value.tenths(), rank));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{
        KUMLA_2020, VALLENTUNA_2014, VALLENTUNA_2021, catalogue, dataset, evaluation,
    };

    #[test]
    fn the_crosswalk_maps_older_areas_to_themes() {
        let cat = catalogue();
        let e = evaluation("0115", 2014, "v2010", &VALLENTUNA_2014, Some(506)).evaluation;
        let themes = theme_scores(&e, &cat);
        let t5 = themes.iter().find(|t| t.theme == 5).unwrap();
        assert_eq!(
            (t5.area.get(), t5.points, t5.confidence),
            (2, Score::whole(60), Confidence::Medium)
        );
        let t8 = themes.iter().find(|t| t.theme == 8).unwrap();
        assert_eq!((t8.area.get(), t8.confidence), (4, Confidence::Weak));
        assert_eq!(
            theme_score(&e, &cat, ThemeNumber::ALL[1]).unwrap().points,
            Score::whole(68)
        );
        let old = evaluation("0115", 2006, "v2002", &[50], None).evaluation;
        assert_eq!(
            theme_score(&old, &cat, ThemeNumber::ALL[0])
                .unwrap()
                .confidence,
            Confidence::None
        );
    }

    #[test]
    fn year_spans_cover_first_and_last() {
        assert_eq!(
            year_span([2017, 2014, 2020].into_iter()),
            Some((2014, 2020))
        );
        assert_eq!(year_span(std::iter::empty()), None);
    }

    #[test]
    fn a_municipality_shows_its_latest_scores_with_the_latest_areas_up_to_them() {
        let data = dataset(vec![
            evaluation("1880", 2010, "v2010", &[], None),
            evaluation("1880", 2012, "v2010", &VALLENTUNA_2014, Some(615)),
            evaluation("1880", 2015, "v2010", &[], Some(650)),
            evaluation("0115", 2017, "v2016", &[60, 61], Some(555)),
            evaluation("0115", 2019, "v2016", &[62, 63], None),
            evaluation("0115", 2021, "v2020", &[], Some(648)),
            evaluation("1881", 2017, "v2016", &[], Some(420)),
            evaluation("1881", 2020, "v2020", &[], None),
            evaluation("0180", 2021, "v2020", &[], None),
        ]);
        let shown = |code: &str| {
            showing(&data, code.parse().unwrap()).map(|s| {
                (
                    s.evaluation.id.to_string(),
                    s.detail.map(|d| d.id.to_string()),
                    s.areas_from().map(|d| d.id.to_string()),
                )
            })
        };
        assert_eq!(
            shown("1880"),
            Some((
                "1880-2015".into(),
                Some("1880-2012".into()),
                Some("1880-2012".into())
            )),
            "2015's total, 2012's areas"
        );
        assert_eq!(
            shown("0115"),
            Some((
                "0115-2021".into(),
                Some("0115-2019".into()),
                Some("0115-2019".into())
            )),
            "areas of another version are still the latest areas"
        );
        assert_eq!(
            shown("1881"),
            Some(("1881-2017".into(), None, None)),
            "a total only"
        );
        assert_eq!(shown("0180"), None, "nothing published");
        assert_eq!(
            showing(&data, "0114".parse().unwrap()),
            None,
            "never evaluated"
        );
        let only = Showing::only(data.evaluation(&"1880-2015".parse().unwrap()).unwrap());
        assert_eq!((only.detail, only.areas_from()), (None, None));
    }

    #[test]
    fn means_round_to_one_decimal() {
        let m = mean(&[Score::whole(63), Score::whole(64)]).unwrap();
        assert_eq!((m.value.to_string(), m.count), ("63.5".to_string(), 2));
        assert_eq!(
            mean(&[Score::whole(1), Score::whole(1), Score::whole(2)])
                .unwrap()
                .value
                .to_string(),
            "1.3"
        );
        assert!(mean(&[]).is_none());
    }

    #[test]
    fn rankings_take_each_latest_published_figure_and_share_ties() {
        let data = dataset(vec![
            evaluation("0115", 2019, "v2016", &[], Some(603)),
            evaluation("0115", 2021, "v2020", &VALLENTUNA_2021, Some(648)),
            evaluation("0180", 2021, "v2020", &[80], Some(557)),
            evaluation("1881", 2017, "v2016", &[], None),
            evaluation("1881", 2020, "v2020", &KUMLA_2020, Some(557)),
            evaluation("1880", 2015, "v2010", &[], Some(650)),
        ]);
        let total = ranking(&data, Metric::Total, &RankingFilter::default());
        let shown: Vec<(usize, &str, String)> = total
            .iter()
            .map(|e| (e.rank, e.municipality.name.as_str(), e.value.to_string()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (1, "Örebro", "650".into()),
                (2, "Vallentuna", "648".into()),
                (3, "Kumla", "557".into()),
                (3, "Stockholm", "557".into()),
            ]
        );
        let v2016 = ranking(
            &data,
            Metric::Total,
            &RankingFilter {
                revision: Some("v2016".parse().unwrap()),
                ..RankingFilter::default()
            },
        );
        assert_eq!(v2016.len(), 1);
        assert_eq!(v2016[0].evaluation.id, "0115-2019");
        let county = ranking(
            &data,
            Metric::Theme(ThemeNumber::ALL[0]),
            &RankingFilter {
                county: Some("18".parse().unwrap()),
                ..RankingFilter::default()
            },
        );
        assert_eq!(county.len(), 1);
        assert_eq!(county[0].value, Score::whole(66));
    }

    #[test]
    fn averages_use_each_municipalitys_latest_evaluation_under_the_revision() {
        let data = dataset(vec![
            evaluation("0115", 2021, "v2020", &[73, 75], Some(648)),
            evaluation("0180", 2020, "v2020", &[60], None),
            evaluation("0180", 2022, "v2020", &[64], None),
            evaluation("1881", 2020, "v2020", &KUMLA_2020, Some(557)),
        ]);
        let avg = revision_averages(&data, "v2020".parse().unwrap());
        assert_eq!(avg.areas[0].1.unwrap().value.to_string(), "67.7");
        assert_eq!(avg.areas[0].1.unwrap().count, 3);
        assert_eq!(avg.areas[1].1.unwrap().count, 2);
        assert_eq!(avg.total.unwrap().value.to_string(), "602.5");
        assert_eq!(avg.years, Some((2020, 2022)));
    }
}
