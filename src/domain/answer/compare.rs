//! The comparison answer: two to six municipalities side by side, each with
//! one of its evaluations, in total and theme by theme (older criteria
//! through the crosswalk, with how well each area matches its theme), and
//! the reference figure beside them. The compare page, `/api/v1/compare`
//! and `/jamfor.csv` all render this one value, so they cannot disagree.

use super::reference::{VersionReference, references_for};
use crate::domain::analysis::{Metric, MetricValue, compared_evaluation, metric_value};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::domain::{EvaluationId, Municipality, MunicipalityCode, Revision, Score};

/// How many municipalities one comparison takes.
pub const MIN_COMPARED: usize = 2;
pub const MAX_COMPARED: usize = 6;

/// One municipality to compare, and which of its evaluations when the
/// reader named one (else the rule of `compared_evaluation` picks).
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

/// A compared municipality and the evaluation shown for it: none when it was
/// never evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compared<'a> {
    pub municipality: &'a Municipality,
    pub evaluation: Option<&'a StoredEvaluation>,
}

/// A published figure in the comparison: the points, and for a theme the
/// area that stands for it and how well.
pub type Value = MetricValue;

/// The total or one theme, a value per compared municipality (none where it
/// was not published: unknown, never zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub metric: Metric,
    pub values: Vec<Option<Value>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison<'a> {
    /// In the order asked for.
    pub compared: Vec<Compared<'a>>,
    /// The total first, then the themes in the catalogue's order.
    pub rows: Vec<Row>,
    /// The reference figures shown beside the compared (their total is
    /// `points`; `VersionReference::figure` gives a theme's): one for the
    /// criteria version when all were evaluated under one, none when they
    /// mix versions or the version has none.
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
            Some(Compared {
                municipality,
                evaluation: named.or_else(|| compared_evaluation(data, c.municipality)),
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
                    c.evaluation
                        .and_then(|s| metric_value(&s.evaluation, &data.catalogue, metric))
                })
                .collect(),
        })
        .collect();
    let shown = compared.iter().filter_map(|c| c.evaluation);
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

    pub fn row(&self, metric: Metric) -> Option<&Row> {
        self.rows.iter().find(|r| r.metric == metric)
    }

    /// The theme rows, without the total.
    pub fn themes(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.metric != Metric::Total)
    }

    /// The revisions of the compared evaluations, oldest first.
    pub fn revisions(&self) -> Vec<Revision> {
        let mut list: Vec<Revision> = self
            .compared
            .iter()
            .filter_map(|c| c.evaluation.map(|s| s.evaluation.revision))
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
    /// order the municipalities were asked for.
    pub fn by_revision(&self) -> Vec<(Revision, Vec<&'a Municipality>)> {
        let mut groups: Vec<(Revision, Vec<&'a Municipality>)> = Vec::new();
        for c in &self.compared {
            let Some(s) = c.evaluation else { continue };
            let revision = s.evaluation.revision;
            match groups.iter_mut().find(|(r, _)| *r == revision) {
                Some((_, list)) => list.push(c.municipality),
                None => groups.push((revision, vec![c.municipality])),
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
    fn the_reference_of_one_criteria_version_stands_beside_the_compared_none_across_versions() {
        use crate::domain::dataset::Dataset;
        use crate::domain::{AreaNumber, Benchmark};
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
        assert!(across.crosses_revisions() && across.references.is_empty());
        assert!(
            compare(&plain, &list).references.is_empty(),
            "no mean, no reference"
        );
    }
}
