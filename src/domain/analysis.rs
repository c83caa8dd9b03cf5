//! Comparisons the pages and the API share: scores per canonical theme,
//! averages per revision, rankings, and the change between consecutive
//! evaluations, each marked where it crosses a revision. Pure functions.

use std::collections::BTreeMap;

use serde::Serialize;

use super::dataset::{Dataset, StoredEvaluation};
use super::{AreaNumber, Catalogue, Change, Confidence, Evaluation, Municipality, Revision, Score};

/// What is ranked or compared: the published total or one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    Total,
    Theme(u8),
}

/// An area's score seen as a canonical theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ThemeScore {
    pub theme: u8,
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
    let mut best: BTreeMap<u8, ThemeScore> = BTreeMap::new();
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

pub fn theme_score(e: &Evaluation, catalogue: &Catalogue, theme: u8) -> Option<ThemeScore> {
    theme_scores(e, catalogue)
        .into_iter()
        .find(|t| t.theme == theme)
}

/// The value of a metric for an evaluation, with how well it maps.
pub fn metric_value(
    e: &Evaluation,
    catalogue: &Catalogue,
    metric: Metric,
) -> Option<(Score, Confidence)> {
    match metric {
        Metric::Total => e.total.map(|t| (t, Confidence::Same)),
        Metric::Theme(n) => theme_score(e, catalogue, n).map(|t| (t.points, t.confidence)),
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

/// The evaluation a comparison shows for a municipality: its latest with
/// published scores, else its latest at all (shown as not published). The
/// compare page, its CSV and the API all ask this one function.
pub fn compared_evaluation(
    data: &Dataset,
    code: super::MunicipalityCode,
) -> Option<&StoredEvaluation> {
    data.evaluations_of(code)
        .filter(|s| s.evaluation.has_published_scores())
        .last()
        .or_else(|| data.evaluations_of(code).last())
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
    /// County code ("18").
    pub county: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankEntry<'a> {
    /// 1 for the highest; equal values share a rank (1, 2, 2, 4).
    pub rank: usize,
    pub municipality: &'a Municipality,
    pub evaluation: &'a StoredEvaluation,
    pub value: Score,
    pub confidence: Confidence,
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
        .filter(|m| filter.county.as_ref().is_none_or(|c| *c == m.county_code))
        .filter_map(|m| {
            data.evaluations_of(m.code)
                .filter(|s| filter.revision.is_none_or(|r| r == s.evaluation.revision))
                .filter_map(|s| {
                    metric_value(&s.evaluation, &data.catalogue, metric).map(|v| (s, v))
                })
                .last()
                .map(|(s, (value, confidence))| RankEntry {
                    rank: 0,
                    municipality: m,
                    evaluation: s,
                    value,
                    confidence,
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

/// How comparable one area of one revision is with an area of another, both
/// mapped to the same theme: `(area number, crosswalk confidence)` each.
fn pair_confidence(
    a: (AreaNumber, Confidence),
    a_rev: Revision,
    b: (AreaNumber, Confidence),
    b_rev: Revision,
) -> Confidence {
    if a_rev == b_rev {
        return Confidence::Same;
    }
    let weakest = a.1.min(b.1);
    if weakest == Confidence::None {
        return Confidence::None;
    }
    // v2010 -> v2016: the same area by number, partly renamed and revised.
    let same_older_area = a.0 == b.0 && a.1 != Confidence::Same && b.1 != Confidence::Same;
    if same_older_area {
        Confidence::Strong
    } else {
        weakest
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeChange {
    pub theme: u8,
    pub previous: Option<Score>,
    pub latest: Option<Score>,
    /// Only where both figures were published.
    pub change: Option<Change>,
    pub confidence: Option<Confidence>,
}

/// What changed from one evaluation to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress<'a> {
    pub previous: &'a StoredEvaluation,
    pub latest: &'a StoredEvaluation,
    pub crosses_revision: bool,
    pub total: ThemeChange,
    pub themes: Vec<ThemeChange>,
}

pub fn progress_between<'a>(
    previous: &'a StoredEvaluation,
    latest: &'a StoredEvaluation,
    catalogue: &Catalogue,
) -> Progress<'a> {
    let (p, l) = (&previous.evaluation, &latest.evaluation);
    let before = theme_scores(p, catalogue);
    let after = theme_scores(l, catalogue);
    let themes: Vec<ThemeChange> = catalogue
        .themes
        .iter()
        .map(|t| {
            let a = before.iter().find(|s| s.theme == t.number);
            let b = after.iter().find(|s| s.theme == t.number);
            ThemeChange {
                theme: t.number,
                previous: a.map(|s| s.points),
                latest: b.map(|s| s.points),
                change: a.zip(b).map(|(a, b)| b.points.minus(&a.points)),
                confidence: a.zip(b).map(|(a, b)| {
                    pair_confidence(
                        (a.area, a.confidence),
                        p.revision,
                        (b.area, b.confidence),
                        l.revision,
                    )
                }),
            }
        })
        .collect();
    // A total across revisions is as comparable as its weakest area.
    let total_confidence = match (
        catalogue.revision(p.revision),
        catalogue.revision(l.revision),
    ) {
        (Some(pr), Some(lr)) => pr
            .areas
            .iter()
            .map(|a| {
                lr.areas
                    .iter()
                    .find(|b| b.theme == a.theme)
                    .map_or(Confidence::None, |b| {
                        pair_confidence(
                            (a.number, a.confidence),
                            p.revision,
                            (b.number, b.confidence),
                            l.revision,
                        )
                    })
            })
            .min(),
        _ => None,
    };
    Progress {
        previous,
        latest,
        crosses_revision: p.revision != l.revision,
        total: ThemeChange {
            theme: 0,
            previous: p.total,
            latest: l.total,
            change: p.total.zip(l.total).map(|(a, b)| b.minus(&a)),
            confidence: p.total.zip(l.total).and(total_confidence),
        },
        themes,
    }
}

/// The changes between each pair of consecutive evaluations, oldest first.
pub fn progress<'a>(data: &'a Dataset, municipality: super::MunicipalityCode) -> Vec<Progress<'a>> {
    let list: Vec<&StoredEvaluation> = data.evaluations_of(municipality).collect();
    list.windows(2)
        .map(|w| progress_between(w[0], w[1], &data.catalogue))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::domain::{AreaScore, MunicipalityCode};
    use crate::import::reference::parse_catalogue;

    fn catalogue() -> Catalogue {
        let text = include_str!("../../data-import/catalogue.toml");
        parse_catalogue(Path::new("catalogue.toml"), text).unwrap()
    }

    fn municipality(code: &str, name: &str) -> Municipality {
        let code: MunicipalityCode = code.parse().unwrap();
        Municipality {
            code,
            name: name.into(),
            county_code: code.county_code().into(),
            county: format!("län {}", code.county_code()),
        }
    }

    fn evaluation(
        code: &str,
        year: i32,
        revision: &str,
        areas: &[i64],
        total: Option<i64>,
    ) -> StoredEvaluation {
        let mut e = Evaluation::new(code.parse().unwrap(), year, revision.parse().unwrap());
        e.areas = areas
            .iter()
            .enumerate()
            .map(|(i, p)| AreaScore {
                number: AreaNumber::ALL[i],
                printed_name: None,
                points: Score::whole(*p),
                percent: None,
                line: None,
            })
            .collect();
        e.total = total.map(Score::whole);
        StoredEvaluation::for_test(&format!("{code}-{year}"), e, "", "")
    }

    fn dataset(evaluations: Vec<StoredEvaluation>) -> Dataset {
        let municipalities = vec![
            municipality("0115", "Vallentuna"),
            municipality("0180", "Stockholm"),
            municipality("1881", "Kumla"),
            municipality("1880", "Örebro"),
        ];
        Dataset::new(
            municipalities,
            catalogue(),
            vec![],
            evaluations,
            "v".into(),
            String::new(),
        )
    }

    #[test]
    fn the_crosswalk_maps_older_areas_to_themes() {
        let cat = catalogue();
        let e = evaluation(
            "0115",
            2014,
            "v2010",
            &[61, 60, 73, 53, 70, 56, 65, 68],
            Some(506),
        )
        .evaluation;
        let themes = theme_scores(&e, &cat);
        let t5 = themes.iter().find(|t| t.theme == 5).unwrap();
        assert_eq!(
            (t5.area.get(), t5.points, t5.confidence),
            (2, Score::whole(60), Confidence::Medium)
        );
        let t8 = themes.iter().find(|t| t.theme == 8).unwrap();
        assert_eq!((t8.area.get(), t8.confidence), (4, Confidence::Weak));
        assert_eq!(theme_score(&e, &cat, 2).unwrap().points, Score::whole(68));
        let old = evaluation("0115", 2006, "v2002", &[50], None).evaluation;
        assert_eq!(
            theme_score(&old, &cat, 1).unwrap().confidence,
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
    fn a_comparison_shows_the_latest_published_scores_else_the_latest_evaluation() {
        let data = dataset(vec![
            evaluation("1881", 2017, "v2016", &[], Some(420)),
            evaluation("1881", 2020, "v2020", &[], None),
            evaluation("0115", 2021, "v2020", &[], None),
        ]);
        let shown = |code: &str| {
            compared_evaluation(&data, code.parse().unwrap()).map(|s| s.id.to_string())
        };
        assert_eq!(shown("1881"), Some("1881-2017".into()));
        assert_eq!(shown("0115"), Some("0115-2021".into()));
        assert_eq!(shown("0180"), None);
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
            evaluation(
                "0115",
                2021,
                "v2020",
                &[73, 75, 80, 83, 86, 82, 86, 83],
                Some(648),
            ),
            evaluation("0180", 2021, "v2020", &[80], Some(557)),
            evaluation("1881", 2017, "v2016", &[], None),
            evaluation(
                "1881",
                2020,
                "v2020",
                &[66, 73, 80, 60, 65, 71, 70, 72],
                Some(557),
            ),
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
                county: None,
            },
        );
        assert_eq!(v2016.len(), 1);
        assert_eq!(v2016[0].evaluation.id, "0115-2019");
        let county = ranking(
            &data,
            Metric::Theme(1),
            &RankingFilter {
                revision: None,
                county: Some("18".into()),
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
            evaluation(
                "1881",
                2020,
                "v2020",
                &[66, 73, 80, 60, 65, 71, 70, 72],
                Some(557),
            ),
        ]);
        let avg = revision_averages(&data, "v2020".parse().unwrap());
        assert_eq!(avg.areas[0].1.unwrap().value.to_string(), "67.7");
        assert_eq!(avg.areas[0].1.unwrap().count, 3);
        assert_eq!(avg.areas[1].1.unwrap().count, 2);
        assert_eq!(avg.total.unwrap().value.to_string(), "602.5");
        assert_eq!(avg.years, Some((2020, 2022)));
    }

    #[test]
    fn progress_marks_changes_across_revisions() {
        let data = dataset(vec![
            evaluation("0115", 2017, "v2016", &[], Some(555)),
            evaluation(
                "0115",
                2019,
                "v2016",
                &[60, 61, 62, 63, 64, 65, 66, 67],
                Some(508),
            ),
            evaluation(
                "0115",
                2021,
                "v2020",
                &[73, 75, 80, 83, 86, 82, 86, 83],
                Some(648),
            ),
        ]);
        let steps = progress(&data, "0115".parse().unwrap());
        assert_eq!(steps.len(), 2);
        assert!(!steps[0].crosses_revision);
        assert_eq!(
            steps[0].total.change.unwrap().to_swedish_signed(),
            "\u{2212}47"
        );
        assert_eq!(steps[0].total.confidence, Some(Confidence::Same));
        assert!(steps[0].themes.iter().all(|t| t.change.is_none()));
        let cross = &steps[1];
        assert!(cross.crosses_revision);
        assert_eq!(cross.total.change.unwrap().to_swedish_signed(), "+140");
        assert_eq!(cross.total.confidence, Some(Confidence::Weak));
        // Theme 5 (Brukarens fokus): v2016 area 2 (61) against v2020 area 5 (86).
        let t5 = cross.themes.iter().find(|t| t.theme == 5).unwrap();
        assert_eq!(
            (t5.previous, t5.latest),
            (Some(Score::whole(61)), Some(Score::whole(86)))
        );
        assert_eq!(t5.confidence, Some(Confidence::Medium));
    }

    #[test]
    fn v2010_and_v2016_areas_compare_as_the_same_area() {
        let data = dataset(vec![
            evaluation("0115", 2014, "v2010", &[50, 50, 50, 50], Some(400)),
            evaluation("0115", 2017, "v2016", &[55, 52, 50, 49], Some(410)),
        ]);
        let step = &progress(&data, "0115".parse().unwrap())[0];
        let t8 = step.themes.iter().find(|t| t.theme == 8).unwrap();
        assert_eq!(t8.change.unwrap().to_swedish_signed(), "\u{2212}1");
        assert_eq!(t8.confidence, Some(Confidence::Strong));
        assert_eq!(step.total.confidence, Some(Confidence::Strong));
    }
}
