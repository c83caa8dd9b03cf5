//! The changes answer: what changed from each evaluation of a municipality
//! to the next, in total and per theme, marked where the two used different
//! criteria and with how comparable the figures are. The municipality page,
//! `/api/v1/changes` and the profile render it.

use serde::Serialize;

use crate::domain::analysis::theme_scores;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, Catalogue, Change, Confidence, Municipality, Revision, Score};

/// One figure before and after: the total (theme 0) or a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeChange {
    pub theme: u8,
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
}

/// The answer: every step between consecutive evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<'a> {
    pub municipality: &'a Municipality,
    /// Oldest first.
    pub steps: Vec<Step<'a>>,
    /// The total from the second latest to the latest evaluation that
    /// published one, consecutive or not (a municipality page's headline
    /// change); none with fewer than two published totals.
    pub latest_total: Option<Step<'a>>,
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
    Changes {
        municipality,
        steps,
        latest_total,
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
                theme: t.number,
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
        theme: 0,
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
        let t5 = cross.themes.iter().find(|t| t.theme == 5).unwrap();
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
        let t8 = step.themes.iter().find(|t| t.theme == 8).unwrap();
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
    }
}
