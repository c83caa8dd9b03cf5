//! Comparison shapes: the list of evaluations, a compare of 2-6
//! municipalities, rankings and the change between consecutive evaluations.
//! Built from `domain::analysis`, like the pages, so JSON, CSV and HTML agree.

use serde::Serialize;
use utoipa::ToSchema;

use super::{ConfidenceName, EvaluationSummary, summary};
use crate::domain::analysis::{self, Metric, RankEntry};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{Catalogue, Change, Municipality, MunicipalityCode, Revision, Score};

/// The scale of a total (8 areas of 100 points) and of an area.
pub const TOTAL_MAX: i64 = 800;
pub const AREA_MAX: i64 = 100;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MunicipalityRef {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub code: MunicipalityCode,
    pub name: String,
    pub county: String,
    pub county_code: String,
}

impl From<&Municipality> for MunicipalityRef {
    fn from(m: &Municipality) -> Self {
        Self {
            code: m.code,
            name: m.name.clone(),
            county: m.county.clone(),
            county_code: m.county_code.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvaluationRef {
    pub id: String,
    pub year: i32,
    pub month: Option<u8>,
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Revision,
    pub scores_published: bool,
}

impl From<&StoredEvaluation> for EvaluationRef {
    fn from(s: &StoredEvaluation) -> Self {
        Self {
            id: s.id.to_string(),
            year: s.evaluation.year,
            month: s.evaluation.month,
            revision: s.evaluation.revision,
            scores_published: s.evaluation.has_published_scores(),
        }
    }
}

/// An evaluation in the list: who, when, the total and the printed areas.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationListItem {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub municipality_code: MunicipalityCode,
    pub municipality: String,
    pub county: String,
    pub county_code: String,
    #[serde(flatten)]
    pub evaluation: EvaluationSummary,
}

pub fn evaluation_item(s: &StoredEvaluation, data: &Dataset) -> EvaluationListItem {
    let m = data.municipality(s.evaluation.municipality);
    EvaluationListItem {
        municipality_code: s.evaluation.municipality,
        municipality: m.map(|m| m.name.clone()).unwrap_or_default(),
        county: m.map(|m| m.county.clone()).unwrap_or_default(),
        county_code: m.map(|m| m.county_code.clone()).unwrap_or_default(),
        evaluation: summary(s, &data.catalogue),
    }
}

/// "total" or a theme's slug, as used in URLs.
pub fn metric_slug(metric: Metric, catalogue: &Catalogue) -> String {
    match metric {
        Metric::Total => "total".to_string(),
        Metric::Theme(n) => catalogue
            .theme(n)
            .map(|t| t.slug.clone())
            .unwrap_or_default(),
    }
}

pub fn metric_name(metric: Metric, catalogue: &Catalogue) -> String {
    match metric {
        Metric::Total => "Totalt".to_string(),
        Metric::Theme(n) => catalogue
            .theme(n)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
    }
}

pub fn metric_max(metric: Metric) -> Score {
    match metric {
        Metric::Total => Score::whole(TOTAL_MAX),
        Metric::Theme(_) => Score::whole(AREA_MAX),
    }
}

/// The total and the eight themes, in the order pages show them.
pub fn metrics(catalogue: &Catalogue) -> Vec<Metric> {
    std::iter::once(Metric::Total)
        .chain(catalogue.themes.iter().map(|t| Metric::Theme(t.number)))
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ComparedMunicipality {
    #[serde(flatten)]
    pub municipality: MunicipalityRef,
    /// The evaluation compared: the latest that published scores (or the
    /// latest at all, when none did); null when never evaluated.
    pub evaluation: Option<EvaluationRef>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompareValue {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub municipality_code: MunicipalityCode,
    /// The area number in the evaluation's own revision (null for the total).
    pub area: Option<u8>,
    /// Null when not published: unknown, not zero.
    #[schema(value_type = Option<f64>)]
    pub points: Option<Score>,
    pub confidence: Option<ConfidenceName>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompareRow {
    /// "total" or the theme's slug.
    pub metric: String,
    /// The theme number (null for the total).
    pub theme: Option<u8>,
    pub name: String,
    #[schema(value_type = f64)]
    pub max: Score,
    /// One per municipality, in the order asked for.
    pub values: Vec<CompareValue>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompareJson {
    pub municipalities: Vec<ComparedMunicipality>,
    /// The revisions of the compared evaluations, oldest first.
    #[schema(value_type = Vec<String>)]
    pub revisions: Vec<Revision>,
    /// True when the evaluations used different criteria revisions.
    pub crosses_revisions: bool,
    /// A plain-language (Swedish) caveat when revisions differ.
    pub note: Option<String>,
    pub rows: Vec<CompareRow>,
}

pub const CROSS_REVISION_NOTE: &str = "Utvärderingarna gjordes med olika versioner av kriterierna. \
     Områdena jämförs via korsnyckeln till 2020 års teman, med angiven jämförbarhet; \
     poängen är inte helt jämförbara.";

pub fn compare(data: &Dataset, municipalities: &[&Municipality]) -> CompareJson {
    let chosen: Vec<(&Municipality, Option<&StoredEvaluation>)> = municipalities
        .iter()
        .map(|m| (*m, analysis::compared_evaluation(data, m.code)))
        .collect();
    let mut revisions: Vec<Revision> = chosen
        .iter()
        .filter_map(|(_, s)| s.map(|s| s.evaluation.revision))
        .collect();
    revisions.sort();
    revisions.dedup();
    let crosses_revisions = revisions.len() > 1;
    let rows = metrics(&data.catalogue)
        .into_iter()
        .map(|metric| CompareRow {
            metric: metric_slug(metric, &data.catalogue),
            theme: match metric {
                Metric::Total => None,
                Metric::Theme(n) => Some(n),
            },
            name: metric_name(metric, &data.catalogue),
            max: metric_max(metric),
            values: chosen
                .iter()
                .map(|(m, s)| {
                    let value = s.and_then(|s| {
                        analysis::metric_value(&s.evaluation, &data.catalogue, metric)
                    });
                    let area = match metric {
                        Metric::Total => None,
                        Metric::Theme(n) => s
                            .and_then(|s| analysis::theme_score(&s.evaluation, &data.catalogue, n))
                            .map(|t| t.area.get()),
                    };
                    CompareValue {
                        municipality_code: m.code,
                        area,
                        points: value.map(|(v, _)| v),
                        confidence: value.map(|(_, c)| c.into()),
                    }
                })
                .collect(),
        })
        .collect();
    CompareJson {
        municipalities: chosen
            .iter()
            .map(|(m, s)| ComparedMunicipality {
                municipality: MunicipalityRef::from(*m),
                evaluation: s.map(EvaluationRef::from),
            })
            .collect(),
        revisions,
        crosses_revisions,
        note: crosses_revisions.then(|| CROSS_REVISION_NOTE.to_string()),
        rows,
    }
}

/// A place in a ranking.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankingItem {
    /// 1 for the highest; equal values share a rank (1, 2, 2, 4).
    pub rank: usize,
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub municipality_code: MunicipalityCode,
    pub municipality: String,
    pub county: String,
    pub county_code: String,
    pub evaluation: EvaluationRef,
    /// The area number in the evaluation's own revision (null for the total).
    pub area: Option<u8>,
    #[schema(value_type = f64)]
    pub points: Score,
    #[schema(value_type = f64)]
    pub max: Score,
    /// How well the area corresponds to the theme.
    pub confidence: ConfidenceName,
}

pub fn ranking_items(
    entries: &[RankEntry<'_>],
    metric: Metric,
    data: &Dataset,
) -> Vec<RankingItem> {
    entries
        .iter()
        .map(|e| RankingItem {
            rank: e.rank,
            municipality_code: e.municipality.code,
            municipality: e.municipality.name.clone(),
            county: e.municipality.county.clone(),
            county_code: e.municipality.county_code.clone(),
            evaluation: EvaluationRef::from(e.evaluation),
            area: match metric {
                Metric::Total => None,
                Metric::Theme(n) => {
                    analysis::theme_score(&e.evaluation.evaluation, &data.catalogue, n)
                        .map(|t| t.area.get())
                }
            },
            points: e.value,
            max: metric_max(metric),
            confidence: e.confidence.into(),
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeJson {
    #[schema(value_type = Option<f64>)]
    pub previous: Option<Score>,
    #[schema(value_type = Option<f64>)]
    pub latest: Option<Score>,
    /// Latest minus previous, only where both were published.
    #[schema(value_type = Option<f64>)]
    pub change: Option<Change>,
    /// How comparable the two figures are (`same` within one revision).
    pub confidence: Option<ConfidenceName>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeChangeJson {
    pub theme: u8,
    pub slug: String,
    pub name: String,
    /// The area number in the previous evaluation's revision.
    pub previous_area: Option<u8>,
    /// The area number in the latest evaluation's revision.
    pub latest_area: Option<u8>,
    #[serde(flatten)]
    pub change: ChangeJson,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StepJson {
    pub from: EvaluationRef,
    pub to: EvaluationRef,
    /// True when the two evaluations used different criteria revisions.
    pub crosses_revision: bool,
    pub total: ChangeJson,
    pub themes: Vec<ThemeChangeJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangesJson {
    pub municipality: MunicipalityRef,
    /// One per pair of consecutive evaluations, oldest first.
    pub steps: Vec<StepJson>,
}

fn change_json(c: &analysis::ThemeChange) -> ChangeJson {
    ChangeJson {
        previous: c.previous,
        latest: c.latest,
        change: c.change,
        confidence: c.confidence.map(ConfidenceName::from),
    }
}

pub fn changes(data: &Dataset, m: &Municipality) -> ChangesJson {
    let cat = &data.catalogue;
    let steps = analysis::progress(data, m.code)
        .iter()
        .map(|p| StepJson {
            from: EvaluationRef::from(p.previous),
            to: EvaluationRef::from(p.latest),
            crosses_revision: p.crosses_revision,
            total: change_json(&p.total),
            themes: p
                .themes
                .iter()
                .map(|t| ThemeChangeJson {
                    theme: t.theme,
                    slug: metric_slug(Metric::Theme(t.theme), cat),
                    name: metric_name(Metric::Theme(t.theme), cat),
                    previous_area: analysis::theme_score(&p.previous.evaluation, cat, t.theme)
                        .map(|s| s.area.get()),
                    latest_area: analysis::theme_score(&p.latest.evaluation, cat, t.theme)
                        .map(|s| s.area.get()),
                    change: change_json(t),
                })
                .collect(),
        })
        .collect();
    ChangesJson {
        municipality: MunicipalityRef::from(m),
        steps,
    }
}
