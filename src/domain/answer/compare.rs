//! The comparison answer: two to six municipalities side by side, each as
//! its page shows it (its latest total, with the areas of the latest
//! evaluation that printed them, `analysis::showing`) or with the one
//! evaluation the reader named, in total and theme by theme (older criteria
//! through the crosswalk, with how well each area matches its theme), each
//! value with the evaluation it comes from, and the reference figures
//! beside them. The compare page, `/api/v1/compare` and `/jamfor.csv` all
//! render this one value, so they cannot disagree.

use super::reference::{VersionReference, references_for};
use crate::domain::analysis::{Metric, Showing, metric_value, showing};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::snapshot::Snapshot;
use crate::domain::{
    AreaNumber, Confidence, EvaluationId, Municipality, MunicipalityCode, Revision, Score,
};

/// How many municipalities one comparison takes.
pub const MIN_COMPARED: usize = 2;
pub const MAX_COMPARED: usize = 6;

/// One municipality to compare, and which of its evaluations when the
/// reader named one (else `default_showing` picks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub municipality: MunicipalityCode,
    pub evaluation: Option<EvaluationId>,
}

impl Choice {
    /// The municipality, with the evaluation the rule picks.
    pub fn of(municipality: MunicipalityCode) -> Self {
        Self {
            municipality,
            evaluation: None,
        }
    }

    /// The choice as addresses write it (`kommun=1880:2012,1881`): the
    /// code, and the evaluation's year (and month) when one was named.
    pub fn token(&self) -> String {
        match &self.evaluation {
            Some(id) => format!("{}:{}", self.municipality, id.when()),
            None => self.municipality.to_string(),
        }
    }
}

/// The part of an evaluation id after the code: "2012", "2014-10".
pub fn when_of(id: &EvaluationId) -> String {
    let text = id.to_string();
    text.split_once('-')
        .map_or_else(|| text.clone(), |(_, rest)| rest.to_string())
}

/// What a comparison shows for a municipality when the reader names no
/// evaluation: what its page shows (`analysis::showing`); when none of its
/// evaluations published a score, its latest, shown without figures.
pub fn default_showing(data: &Dataset, code: MunicipalityCode) -> Option<Showing<'_>> {
    showing(data, code).or_else(|| {
        data.evaluations_of(code).last().map(|s| Showing {
            evaluation: s,
            detail: None,
        })
    })
}

/// A compared municipality and the evaluations shown for it: none when it
/// was never evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compared<'a> {
    pub municipality: &'a Municipality,
    /// The evaluation shown: its total is the total row's.
    pub evaluation: Option<&'a StoredEvaluation>,
    /// The evaluation of the theme rows when it is another (which printed
    /// the areas `evaluation` did not): labelled with its own year and total.
    pub areas_from: Option<&'a StoredEvaluation>,
}

impl<'a> Compared<'a> {
    /// The evaluation the theme rows come from.
    pub fn detail(&self) -> Option<&'a StoredEvaluation> {
        self.areas_from.or(self.evaluation)
    }
}

/// A published figure in the comparison: the points, for a theme the area
/// that stands for it and how well, and the evaluation that published it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value<'a> {
    pub points: Score,
    /// The area in the evaluation's revision (none for the total).
    pub area: Option<AreaNumber>,
    /// How well that area matches the theme (`Same` for the total).
    pub confidence: Confidence,
    pub evaluation: &'a StoredEvaluation,
}

/// The total or one theme, a value per compared municipality (none where it
/// was not published: unknown, never zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub metric: Metric,
    pub values: Vec<Option<Value<'a>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison<'a> {
    /// In the order asked for.
    pub compared: Vec<Compared<'a>>,
    /// The total first, then the themes in the catalogue's order.
    pub rows: Vec<Row<'a>>,
    /// The reference figures shown beside the compared (their total is
    /// `points`; `VersionReference::figure` gives a theme's): one per
    /// criteria version of the evaluations shown, where the version has one.
    pub references: Vec<VersionReference<'a>>,
}

/// Compares the chosen municipalities. A code no municipality has is left
/// out (the caller checks the codes where it can say so); a named
/// evaluation that is not the municipality's gives way to the rule.
pub fn compare<'a>(data: &'a Snapshot, choices: &[Choice]) -> Comparison<'a> {
    let compared: Vec<Compared<'a>> = choices
        .iter()
        .filter_map(|c| {
            let municipality = data.municipality(c.municipality)?;
            let named = c
                .evaluation
                .as_ref()
                .and_then(|id| data.evaluation(id))
                .filter(|s| s.evaluation.municipality == c.municipality);
            let shown = named
                .map(Showing::only)
                .or_else(|| default_showing(data, c.municipality));
            Some(Compared {
                municipality,
                evaluation: shown.map(|s| s.evaluation),
                areas_from: shown.and_then(|s| s.areas_from()),
            })
        })
        .collect();
    let rows = Metric::all(&data.catalogue)
        .into_iter()
        .map(|metric| Row {
            metric,
            values: compared
                .iter()
                .map(|c| {
                    let from = match metric {
                        Metric::Total => c.evaluation,
                        Metric::Theme(_) => c.detail(),
                    }?;
                    let v = metric_value(&from.evaluation, &data.catalogue, metric)?;
                    Some(Value {
                        points: v.points,
                        area: v.area,
                        confidence: v.confidence,
                        evaluation: from,
                    })
                })
                .collect(),
        })
        .collect();
    let shown = compared
        .iter()
        .flat_map(|c| [c.evaluation, c.areas_from])
        .flatten();
    let references = references_for(data, shown, Metric::Total);
    Comparison {
        compared,
        rows,
        references,
    }
}

impl<'a> Comparison<'a> {
    /// The published totals, one per compared municipality.
    pub fn totals(&self) -> Vec<Option<Score>> {
        self.row(Metric::Total)
            .map(|r| r.values.iter().map(|v| v.map(|v| v.points)).collect())
            .unwrap_or_default()
    }

    pub fn row(&self, metric: Metric) -> Option<&Row<'a>> {
        self.rows.iter().find(|r| r.metric == metric)
    }

    /// The theme rows, without the total.
    pub fn themes(&self) -> impl Iterator<Item = &Row<'a>> {
        self.rows.iter().filter(|r| r.metric != Metric::Total)
    }

    /// The revisions of the compared evaluations (their totals' and their
    /// areas'), oldest first.
    pub fn revisions(&self) -> Vec<Revision> {
        let mut list: Vec<Revision> = self
            .compared
            .iter()
            .flat_map(|c| [c.evaluation, c.areas_from])
            .flatten()
            .map(|s| s.evaluation.revision)
            .collect();
        list.sort();
        list.dedup();
        list
    }

    /// True when the evaluations used different criteria revisions.
    pub fn crosses_revisions(&self) -> bool {
        self.revisions().len() > 1
    }

    /// Each revision with the municipalities evaluated under it, in the
    /// order the municipalities were asked for (a municipality shown with
    /// the areas of an evaluation under another revision is under both).
    pub fn by_revision(&self) -> Vec<(Revision, Vec<&'a Municipality>)> {
        let mut groups: Vec<(Revision, Vec<&'a Municipality>)> = Vec::new();
        for c in &self.compared {
            for s in [c.evaluation, c.areas_from].into_iter().flatten() {
                let revision = s.evaluation.revision;
                match groups.iter_mut().find(|(r, _)| *r == revision) {
                    Some((_, list)) if list.iter().any(|m| m.code == c.municipality.code) => {}
                    Some((_, list)) => list.push(c.municipality),
                    None => groups.push((revision, vec![c.municipality])),
                }
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{VALLENTUNA_2014, VALLENTUNA_2021, dataset, evaluation};
    use crate::domain::{Confidence, ThemeNumber};

    fn choices(codes: &[&str]) -> Vec<Choice> {
        codes
            .iter()
            .map(|c| Choice::of(c.parse().unwrap()))
            .collect()
    }

    fn sample() -> Snapshot {
        Snapshot::new(dataset(vec![
            evaluation("0115", 2021, "v2020", &VALLENTUNA_2021, Some(648)),
            evaluation("1881", 2017, "v2016", &[60], Some(420)),
            evaluation("1881", 2020, "v2020", &[], None),
            evaluation("1880", 2014, "v2010", &VALLENTUNA_2014, Some(506)),
        ]))
    }

    #[test]
    fn each_municipality_is_compared_on_its_latest_published_scores() {
        let data = sample();
        let c = compare(&data, &choices(&["1881", "0115", "0180"]));
        let shown: Vec<Option<String>> = c
            .compared
            .iter()
            .map(|c| c.evaluation.map(|s| s.id.to_string()))
            .collect();
        assert_eq!(
            shown,
            vec![Some("1881-2017".into()), Some("0115-2021".into()), None]
        );
        assert_eq!(
            c.totals(),
            vec![Some(Score::whole(420)), Some(Score::whole(648)), None]
        );
        assert_eq!(c.rows.len(), 9);
        assert_eq!(c.rows[0].metric, Metric::Total);
        assert_eq!(c.themes().count(), 8);
        assert_eq!(c.revisions().len(), 2);
        assert!(c.crosses_revisions());
        let groups = c.by_revision();
        assert_eq!(groups[0].1[0].name, "Kumla");
        assert_eq!(groups[1].1[0].name, "Vallentuna");
    }

    #[test]
    fn older_areas_are_compared_under_their_theme_with_their_confidence() {
        let data = sample();
        let c = compare(&data, &choices(&["0115", "1880"]));
        // Theme 5 (Brukarens fokus): v2010 area 2, a medium match.
        let t5 = c.row(Metric::Theme(ThemeNumber::ALL[4])).unwrap();
        let orebro = t5.values[1].unwrap();
        assert_eq!(orebro.points, Score::whole(60));
        assert_eq!(orebro.area.map(|a| a.get()), Some(2));
        assert_eq!(orebro.confidence, Confidence::Medium);
        let vallentuna = t5.values[0].unwrap();
        assert_eq!(
            (vallentuna.area.map(|a| a.get()), vallentuna.confidence),
            (Some(5), Confidence::Same)
        );
        let total = c.row(Metric::Total).unwrap().values[1].unwrap();
        assert_eq!((total.area, total.confidence), (None, Confidence::Same));
    }

    #[test]
    fn a_named_evaluation_is_compared_instead_of_the_rules_choice() {
        let data = sample();
        let mut list = choices(&["1881", "0115"]);
        list[0].evaluation = Some("1881-2020".parse().unwrap());
        list[1].evaluation = Some("1881-2017".parse().unwrap());
        let c = compare(&data, &list);
        assert_eq!(c.compared[0].evaluation.unwrap().id, "1881-2020");
        assert_eq!(c.totals()[0], None, "2020 published nothing");
        assert_eq!(
            c.compared[1].evaluation.unwrap().id,
            "0115-2021",
            "another municipality's evaluation is not taken"
        );
    }

    #[test]
    fn the_total_is_the_pages_and_the_areas_come_from_their_own_evaluation_unless_one_is_named() {
        let data = Snapshot::new(dataset(vec![
            evaluation("1880", 2012, "v2010", &VALLENTUNA_2014, Some(615)),
            evaluation("1880", 2015, "v2010", &[], Some(650)),
            evaluation("1881", 2020, "v2020", &VALLENTUNA_2021, Some(648)),
        ]));
        let c = compare(&data, &choices(&["1880", "1881"]));
        let orebro = c.compared[0];
        assert_eq!(orebro.evaluation.unwrap().id, "1880-2015");
        assert_eq!(orebro.areas_from.unwrap().id, "1880-2012");
        assert_eq!(
            c.compared[1].areas_from, None,
            "Kumla's areas are its total's"
        );
        let total = c.row(Metric::Total).unwrap().values[0].unwrap();
        assert_eq!(
            (total.points, total.evaluation.id.to_string()),
            (Score::whole(650), "1880-2015".into())
        );
        let theme = c.row(Metric::Theme(ThemeNumber::ALL[2])).unwrap().values[0].unwrap();
        assert_eq!(
            (theme.points, theme.evaluation.id.to_string()),
            (Score::whole(73), "1880-2012".into())
        );
        let mut pinned = choices(&["1880", "1881"]);
        pinned[0].evaluation = Some("1880-2015".parse().unwrap());
        let c = compare(&data, &pinned);
        assert_eq!(
            (
                c.compared[0].evaluation.unwrap().id.to_string(),
                c.compared[0].areas_from
            ),
            ("1880-2015".into(), None)
        );
        assert_eq!(c.totals()[0], Some(Score::whole(650)));
        assert!(
            c.themes().all(|r| r.values[0].is_none()),
            "2015 printed no area"
        );
        pinned[0].evaluation = Some("1880-2012".parse().unwrap());
        let c = compare(&data, &pinned);
        assert_eq!(
            c.totals()[0],
            Some(Score::whole(615)),
            "the named evaluation's own total"
        );
    }

    #[test]
    fn each_criteria_version_shown_has_its_reference_beside_the_compared() {
        use crate::domain::Benchmark;
        let plain = sample();
        let with_mean = Snapshot::new(Dataset::new(
            plain.municipalities.clone(),
            plain.catalogue.clone(),
            vec![Benchmark {
                label: "Sverigesnitt".into(),
                revision: "v2020".parse().unwrap(),
                year: 2021,
                evaluations: None,
                areas: vec![(AreaNumber::ALL[4], Score::whole(61))],
                total: Some(Score::whole(517)),
                source_url: "https://example.se".into(),
                notes: None,
            }],
            plain.evaluations.clone(),
            String::new(),
            String::new(),
        ));
        let mut list = choices(&["0115", "1881"]);
        list[1].evaluation = Some("1881-2020".parse().unwrap());
        let c = compare(&with_mean, &list);
        assert_eq!(c.references.len(), 1);
        let r = c.references[0];
        assert_eq!((r.points, r.year), (Score::whole(517), 2021));
        let theme_5 = r
            .value(
                &with_mean.catalogue,
                Metric::Theme(ThemeNumber::new(5).unwrap()),
            )
            .unwrap();
        assert_eq!(theme_5.points, Score::whole(61));
        assert_eq!(
            r.value(
                &with_mean.catalogue,
                Metric::Theme(ThemeNumber::new(1).unwrap())
            ),
            None
        );
        let across = compare(&with_mean, &choices(&["0115", "1881"]));
        assert!(across.crosses_revisions());
        let versions: Vec<String> = across
            .references
            .iter()
            .map(|r| r.revision.to_string())
            .collect();
        assert_eq!(
            versions,
            ["v2020"],
            "2016's criteria have no reference in this data"
        );
        assert!(
            compare(&plain, &list).references.is_empty(),
            "no mean, no reference"
        );
    }
}
