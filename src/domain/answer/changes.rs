//! The changes answer: what changed from each evaluation of a municipality
//! to the next, in total and per theme, marked where the two used different
//! criteria and with how comparable the figures are. The municipality page,
//! `/api/v1/changes` and the profile render it.

use serde::Serialize;

use crate::domain::analysis::theme_scores;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{
    AreaNumber, Catalogue, Change, Confidence, Figure, Municipality, Revision, Score, StatedChange,
    ThemeNumber,
};

/// One figure before and after: the total or a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeChange {
    /// None for the total.
    pub theme: Option<ThemeNumber>,
    /// The area that stood for the theme in the earlier evaluation's revision.
    pub previous_area: Option<AreaNumber>,
    /// The area that stands for it in the later evaluation's revision.
    pub latest_area: Option<AreaNumber>,
    pub previous: Option<Score>,
    pub latest: Option<Score>,
    /// Only where both figures were published.
    pub change: Option<Change>,
    pub confidence: Option<Confidence>,
}

/// What changed from one evaluation to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'a> {
    pub previous: &'a StoredEvaluation,
    pub latest: &'a StoredEvaluation,
    pub crosses_revision: bool,
    pub total: ThemeChange,
    /// One per theme of the catalogue, in its order.
    pub themes: Vec<ThemeChange>,
    /// What the later evaluation's source states about the change since the
    /// earlier one (its year): words, not figures.
    pub stated: Vec<&'a StatedChange>,
}

/// The answer: every step between consecutive evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<'a> {
    pub municipality: &'a Municipality,
    /// Oldest first.
    pub steps: Vec<Step<'a>>,
    /// The total from the second latest to the latest evaluation that
    /// published one, consecutive or not; none with fewer than two
    /// published totals.
    pub latest_total: Option<Step<'a>>,
    /// What a municipality page says first about the change of its total.
    pub headline: Headline<'a>,
}

/// The change of the total a reader sees first: computed where two totals
/// were published, the source's own statement where it states a change the
/// figures cannot give, else why neither can be said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Headline<'a> {
    /// `Changes::latest_total`: two published totals.
    Computed,
    /// The latest published total's source states a change since an
    /// evaluation whose total was not published (or is not in kompass).
    Stated {
        latest: &'a StoredEvaluation,
        stated: &'a StatedChange,
        /// The evaluation of that year, when kompass has it.
        earlier: Option<&'a StoredEvaluation>,
    },
    /// No total was ever published.
    NoTotal,
    /// One evaluation only.
    First,
    /// The one published total, and the earlier evaluations that published none.
    OneTotal {
        latest: &'a StoredEvaluation,
        earlier_without: Vec<&'a StoredEvaluation>,
    },
}

/// The changes of `municipality`'s evaluations.
pub fn changes<'a>(data: &'a Dataset, municipality: &'a Municipality) -> Changes<'a> {
    let list: Vec<&StoredEvaluation> = data.evaluations_of(municipality.code).collect();
    let steps = list
        .windows(2)
        .map(|w| step_between(w[0], w[1], &data.catalogue))
        .collect();
    let with_totals: Vec<&StoredEvaluation> = list
        .iter()
        .copied()
        .filter(|s| s.evaluation.total.is_some())
        .collect();
    let latest_total = match with_totals.as_slice() {
        [.., previous, latest] => Some(step_between(previous, latest, &data.catalogue)),
        _ => None,
    };
    let headline = headline(&list, with_totals.last().copied(), latest_total.is_some());
    Changes {
        municipality,
        steps,
        latest_total,
        headline,
    }
}

/// The headline: a statement of the source wins where the earlier total it
/// compares with was never published; two published totals are computed.
fn headline<'a>(
    list: &[&'a StoredEvaluation],
    latest: Option<&'a StoredEvaluation>,
    computed: bool,
) -> Headline<'a> {
    let Some(latest) = latest else {
        return Headline::NoTotal;
    };
    let of_year = |year: i32| list.iter().copied().find(|s| s.evaluation.year == year);
    let stated = latest
        .evaluation
        .stated_changes
        .iter()
        .filter(|s| s.figure == Figure::Total && s.since < latest.evaluation.year)
        .filter(|s| of_year(s.since).is_none_or(|e| e.evaluation.total.is_none()))
        .max_by_key(|s| s.since);
    if let Some(stated) = stated {
        return Headline::Stated {
            latest,
            stated,
            earlier: of_year(stated.since),
        };
    }
    if computed {
        return Headline::Computed;
    }
    if list.len() < 2 {
        return Headline::First;
    }
    Headline::OneTotal {
        latest,
        earlier_without: list
            .iter()
            .copied()
            .filter(|s| s.evaluation.key() < latest.evaluation.key())
            .collect(),
    }
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

/// A total across revisions is as comparable as its weakest area.
fn total_confidence(catalogue: &Catalogue, from: Revision, to: Revision) -> Option<Confidence> {
    let (earlier, later) = (catalogue.revision(from)?, catalogue.revision(to)?);
    earlier
        .areas
        .iter()
        .map(|a| {
            later
                .areas
                .iter()
                .find(|b| b.theme == a.theme)
                .map_or(Confidence::None, |b| {
                    pair_confidence((a.number, a.confidence), from, (b.number, b.confidence), to)
                })
        })
        .min()
}

/// The step from `previous` to `latest`, whether or not they are consecutive.
pub fn step_between<'a>(
    previous: &'a StoredEvaluation,
    latest: &'a StoredEvaluation,
    catalogue: &Catalogue,
) -> Step<'a> {
    let (p, l) = (&previous.evaluation, &latest.evaluation);
    let before = theme_scores(p, catalogue);
    let after = theme_scores(l, catalogue);
    let themes = catalogue
        .themes
        .iter()
        .map(|t| {
            let a = before.iter().find(|s| s.theme == t.number);
            let b = after.iter().find(|s| s.theme == t.number);
            ThemeChange {
                theme: Some(t.number),
                previous_area: a.map(|s| s.area),
                latest_area: b.map(|s| s.area),
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
    let total = ThemeChange {
        theme: None,
        previous_area: None,
        latest_area: None,
        previous: p.total,
        latest: l.total,
        change: p.total.zip(l.total).map(|(a, b)| b.minus(&a)),
        confidence: p
            .total
            .zip(l.total)
            .and(total_confidence(catalogue, p.revision, l.revision)),
    };
    Step {
        previous,
        latest,
        crosses_revision: p.revision != l.revision,
        total,
        themes,
        stated: l
            .stated_changes
            .iter()
            .filter(|s| s.since == p.year)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{VALLENTUNA_2021, dataset, evaluation};

    fn of<'a>(data: &'a Dataset, code: &str) -> Changes<'a> {
        let m = data.municipality(code.parse().unwrap()).unwrap();
        changes(data, m)
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
            evaluation("0115", 2021, "v2020", &VALLENTUNA_2021, Some(648)),
        ]);
        let steps = of(&data, "0115").steps;
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
        let t5 = cross
            .themes
            .iter()
            .find(|t| t.theme == Some(ThemeNumber::ALL[4]))
            .unwrap();
        assert_eq!(
            (t5.previous, t5.latest),
            (Some(Score::whole(61)), Some(Score::whole(86)))
        );
        assert_eq!(
            (
                t5.previous_area.map(|a| a.get()),
                t5.latest_area.map(|a| a.get())
            ),
            (Some(2), Some(5))
        );
        assert_eq!(t5.confidence, Some(Confidence::Medium));
    }

    #[test]
    fn v2010_and_v2016_areas_compare_as_the_same_area() {
        let data = dataset(vec![
            evaluation("0115", 2014, "v2010", &[50, 50, 50, 50], Some(400)),
            evaluation("0115", 2017, "v2016", &[55, 52, 50, 49], Some(410)),
        ]);
        let step = &of(&data, "0115").steps[0];
        let t8 = step
            .themes
            .iter()
            .find(|t| t.theme == Some(ThemeNumber::ALL[7]))
            .unwrap();
        assert_eq!(t8.change.unwrap().to_swedish_signed(), "\u{2212}1");
        assert_eq!(t8.confidence, Some(Confidence::Strong));
        assert_eq!(step.total.confidence, Some(Confidence::Strong));
    }

    #[test]
    fn the_latest_total_change_skips_evaluations_without_a_total() {
        let data = dataset(vec![
            evaluation("1881", 2014, "v2010", &[], Some(400)),
            evaluation("1881", 2017, "v2016", &[], None),
            evaluation("1881", 2020, "v2020", &[], Some(557)),
            evaluation("0115", 2021, "v2020", &[], Some(648)),
        ]);
        let kumla = of(&data, "1881");
        assert_eq!(kumla.steps.len(), 2);
        assert!(kumla.steps.iter().all(|s| s.total.change.is_none()));
        let latest = kumla.latest_total.unwrap();
        assert_eq!(latest.previous.id, "1881-2014");
        assert_eq!(latest.total.change.unwrap().to_swedish_signed(), "+157");
        assert!(latest.crosses_revision);
        let vallentuna = of(&data, "0115");
        assert!(vallentuna.steps.is_empty() && vallentuna.latest_total.is_none());
        assert_eq!(kumla.headline, Headline::Computed);
        assert_eq!(vallentuna.headline, Headline::First);
    }

    #[test]
    fn the_headline_is_the_sources_statement_where_the_earlier_total_is_unpublished() {
        let mut kumla_2020 = evaluation("1881", 2020, "v2020", &[], Some(557));
        kumla_2020.evaluation.stated_changes = vec![StatedChange {
            figure: Figure::Total,
            change: Change::parse_signed("137").unwrap(),
            since: 2017,
            source: "https://www.kumla.se/x".into(),
            quote: None,
            line: None,
        }];
        let data = dataset(vec![
            evaluation("1881", 2017, "v2016", &[], None),
            kumla_2020,
            evaluation("0115", 2019, "v2016", &[], None),
            evaluation("0115", 2021, "v2020", &[], Some(648)),
            evaluation("1880", 2012, "v2010", &[], None),
            evaluation("1880", 2015, "v2010", &[], None),
        ]);
        let kumla = of(&data, "1881");
        let Headline::Stated {
            stated, earlier, ..
        } = &kumla.headline
        else {
            panic!("{:?}", kumla.headline)
        };
        assert_eq!(stated.change.to_swedish_signed(), "+137");
        assert_eq!(earlier.map(|e| e.id.to_string()), Some("1881-2017".into()));
        let Headline::OneTotal {
            earlier_without, ..
        } = of(&data, "0115").headline
        else {
            panic!("one total")
        };
        assert_eq!(earlier_without.len(), 1);
        assert_eq!(of(&data, "1880").headline, Headline::NoTotal);
    }
}
