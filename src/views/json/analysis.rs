//! Comparison shapes: the list of evaluations, a compare of 2-6
//! municipalities, rankings and the change between consecutive evaluations.
//! Each renders a domain answer (`domain::answer`), the same value the page
//! and the CSV render, so JSON, CSV and HTML agree.

use serde::Serialize;
use utoipa::ToSchema;

use super::{ConfidenceName, EvaluationSummary, PlaceJson, StatedChangeJson, summary};
use crate::domain::analysis::Metric;
use crate::domain::answer::changes::{Changes, ThemeChange};
use crate::domain::answer::compare::Comparison;
use crate::domain::answer::ranking::Ranking;
use crate::domain::answer::reference::{Reference, VersionReference};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{Change, Municipality, MunicipalityCode, Revision, Score, ThemeNumber};
use crate::views::reference::label;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MunicipalityRef {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub code: MunicipalityCode,
    pub name: String,
    pub county: String,
    pub county_code: String,
    #[serde(flatten)]
    pub place: PlaceJson,
}

impl MunicipalityRef {
    pub fn of(m: &Municipality, data: &Dataset) -> Self {
        Self {
            code: m.code,
            name: m.name.clone(),
            county: m.county.clone(),
            county_code: m.county_code.to_string(),
            place: PlaceJson::of(m.code, data),
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
        county_code: m.map(|m| m.county_code.to_string()).unwrap_or_default(),
        evaluation: summary(s, &data.catalogue),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ComparedMunicipality {
    #[serde(flatten)]
    pub municipality: MunicipalityRef,
    /// The evaluation compared, whose total the total row shows: the one
    /// named in `kommun` (`1880:2012`), else the one the municipality's page
    /// shows (its latest with published scores), else its latest (without
    /// figures); null when never evaluated.
    pub evaluation: Option<EvaluationRef>,
    /// The evaluation the theme rows come from when it is another: the
    /// latest before `evaluation` that published areas, as the page shows
    /// them (Örebro's 2015 total with its 2012 areas); null when the areas
    /// are `evaluation`'s own or none were published. A named evaluation is
    /// compared alone.
    pub areas_from: Option<EvaluationRef>,
    /// The total of `areas_from`, which its areas add up to (Örebro 2012:
    /// 615); null without `areas_from` or when it printed none.
    #[schema(value_type = Option<f64>)]
    pub areas_from_total: Option<Score>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompareValue {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub municipality_code: MunicipalityCode,
    /// The evaluation that published the figure ("1880-2015"); null when
    /// the figure was not published.
    #[schema(example = "1880-2015")]
    pub evaluation_id: Option<String>,
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

/// A reference figure shown beside a comparison or a ranking, as the page
/// shows it: one per criteria version shown. It is the version's published
/// national mean nearest in year to the newest evaluation shown, else the
/// mean of the latest evaluations in kompass under the version when at
/// least five published the figure.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferenceJson {
    /// The criteria version it holds for.
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Revision,
    /// Its name as the pages show it (Swedish): "Sverigesnitt 2021",
    /// "Snitt, 7 kommuner i kompass".
    #[schema(example = "Sverigesnitt 2021")]
    pub label: String,
    /// Its figure for the total (a comparison) or the ranked metric.
    #[schema(value_type = f64, example = 517)]
    pub points: Score,
    /// How many evaluations it is the mean of: always for kompass's own
    /// mean, for a published one when the source says.
    pub n: Option<usize>,
    /// Where a published mean was printed; null for kompass's own mean.
    pub source_url: Option<String>,
}

impl From<&VersionReference<'_>> for ReferenceJson {
    fn from(r: &VersionReference<'_>) -> Self {
        Self {
            revision: r.revision,
            label: label(&r.reference),
            points: r.points,
            n: r.reference.base(),
            source_url: match r.reference {
                Reference::Published(b) => Some(b.source_url.clone()),
                Reference::Kompass(_) => None,
            },
        }
    }
}

/// The references of an answer, as the JSON carries them.
pub fn references(list: &[VersionReference<'_>]) -> Vec<ReferenceJson> {
    list.iter().map(ReferenceJson::from).collect()
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
    /// The reference figures the compare page shows beside the totals: one
    /// per criteria version among the evaluations shown, where the version
    /// has one; empty when none is shown.
    pub references: Vec<ReferenceJson>,
}

pub const CROSS_REVISION_NOTE: &str = "Utvärderingarna gjordes med olika versioner av kriterierna. \
     Områdena jämförs via korsnyckeln till 2020 års teman, med angiven jämförbarhet; \
     poängen är inte helt jämförbara.";

pub fn compare(c: &Comparison<'_>, data: &Dataset) -> CompareJson {
    let catalogue = &data.catalogue;
    let crosses_revisions = c.crosses_revisions();
    let rows = c
        .rows
        .iter()
        .map(|row| CompareRow {
            metric: row.metric.slug(catalogue),
            theme: row.metric.theme().map(ThemeNumber::get),
            name: row.metric.name(catalogue),
            max: row.metric.max(),
            values: c
                .compared
                .iter()
                .zip(&row.values)
                .map(|(compared, value)| CompareValue {
                    municipality_code: compared.municipality.code,
                    evaluation_id: value.map(|v| v.evaluation.id.to_string()),
                    area: value.and_then(|v| v.area).map(|a| a.get()),
                    points: value.map(|v| v.points),
                    confidence: value.map(|v| v.confidence.into()),
                })
                .collect(),
        })
        .collect();
    CompareJson {
        municipalities: c
            .compared
            .iter()
            .map(|compared| ComparedMunicipality {
                municipality: MunicipalityRef::of(compared.municipality, data),
                evaluation: compared.evaluation.map(EvaluationRef::from),
                areas_from: compared.areas_from.map(EvaluationRef::from),
                areas_from_total: compared.areas_from.and_then(|s| s.evaluation.total),
            })
            .collect(),
        revisions: c.revisions(),
        crosses_revisions,
        note: crosses_revisions.then(|| CROSS_REVISION_NOTE.to_string()),
        rows,
        references: references(&c.references),
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
    #[serde(flatten)]
    pub place: PlaceJson,
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

pub fn ranking_items(r: &Ranking<'_>, data: &Dataset) -> Vec<RankingItem> {
    r.places
        .iter()
        .map(|p| RankingItem {
            rank: p.rank,
            municipality_code: p.municipality.code,
            municipality: p.municipality.name.clone(),
            county: p.municipality.county.clone(),
            county_code: p.municipality.county_code.to_string(),
            place: PlaceJson::of(p.municipality.code, data),
            evaluation: EvaluationRef::from(p.evaluation),
            area: p.area.map(|a| a.get()),
            points: p.value,
            max: r.request.metric.max(),
            confidence: p.confidence.into(),
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
    /// What the later evaluation's source states about the change since the
    /// earlier one: the source's words, never computed (the earlier figure
    /// may be unpublished).
    pub stated: Vec<StatedChangeJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangesJson {
    pub municipality: MunicipalityRef,
    /// One per pair of consecutive evaluations, oldest first.
    pub steps: Vec<StepJson>,
}

fn change_json(c: &ThemeChange) -> ChangeJson {
    ChangeJson {
        previous: c.previous,
        latest: c.latest,
        change: c.change,
        confidence: c.confidence.map(ConfidenceName::from),
    }
}

pub fn changes(c: &Changes<'_>, data: &Dataset) -> ChangesJson {
    let catalogue = &data.catalogue;
    let steps = c
        .steps
        .iter()
        .map(|p| StepJson {
            from: EvaluationRef::from(p.previous),
            to: EvaluationRef::from(p.latest),
            crosses_revision: p.crosses_revision,
            total: change_json(&p.total),
            themes: p
                .themes
                .iter()
                .filter_map(|t| {
                    let theme = t.theme?;
                    Some(ThemeChangeJson {
                        theme: theme.get(),
                        slug: Metric::Theme(theme).slug(catalogue),
                        name: Metric::Theme(theme).name(catalogue),
                        previous_area: t.previous_area.map(|a| a.get()),
                        latest_area: t.latest_area.map(|a| a.get()),
                        change: change_json(t),
                    })
                })
                .collect(),
            stated: p
                .stated
                .iter()
                .map(|s| StatedChangeJson::from(*s))
                .collect(),
        })
        .collect();
    ChangesJson {
        municipality: MunicipalityRef::of(c.municipality, data),
        steps,
    }
}
