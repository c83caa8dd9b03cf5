//! The JSON shapes of the API (`/api/v1/...`), built from domain values.
//! Field names here are a public contract: add, never rename. Each shape
//! derives its OpenAPI schema, so the published description cannot drift
//! from what is served; domain values that serialize as plain numbers or
//! strings (`Score`, codes, revisions) are described by `value_type`.

pub mod analysis;
pub mod place;
pub mod priorities;
pub mod reference;

pub use place::PlaceJson;

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::coverage::Coverage;
use crate::domain::dataset::{Dataset, Provenance, ReportTexts, StoredEvaluation};
use crate::domain::printed_total::{DifferenceKind, TotalDifference};
use crate::domain::{
    AreaText, Catalogue, Change, Confidence, Discrepancy, Evaluation, EvaluationId, Municipality,
    MunicipalityCode, Revision, Score, StatedChange, SubareaCode, TextKind,
};
use crate::views::notes::total_difference_sentence;

/// How well an area corresponds to a canonical theme (the crosswalk):
/// `same` (the area is the theme), `strong`, `medium`, `weak`, `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConfidenceName {
    None,
    Weak,
    Medium,
    Strong,
    Same,
}

impl From<Confidence> for ConfidenceName {
    fn from(c: Confidence) -> Self {
        match c {
            Confidence::None => ConfidenceName::None,
            Confidence::Weak => ConfidenceName::Weak,
            Confidence::Medium => ConfidenceName::Medium,
            Confidence::Strong => ConfidenceName::Strong,
            Confidence::Same => ConfidenceName::Same,
        }
    }
}

impl From<ConfidenceName> for Confidence {
    fn from(c: ConfidenceName) -> Self {
        match c {
            ConfidenceName::None => Confidence::None,
            ConfidenceName::Weak => Confidence::Weak,
            ConfidenceName::Medium => Confidence::Medium,
            ConfidenceName::Strong => Confidence::Strong,
            ConfidenceName::Same => Confidence::Same,
        }
    }
}

/// A difference between figures that the source itself printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DiscrepancyJson {
    /// "total" or "area N".
    pub figure: String,
    pub note: String,
}

impl From<&Discrepancy> for DiscrepancyJson {
    fn from(d: &Discrepancy) -> Self {
        Self {
            figure: d.figure.to_string(),
            note: d.note.clone(),
        }
    }
}

/// What a difference between the areas' sum and the printed total is:
/// `rounding` (at most 1 point) or `source` (more: the source's own figures
/// disagree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKindName {
    Rounding,
    Source,
}

/// A printed total beside all eight printed areas that do not add up to
/// it. Said whether or not the file records it under `discrepancies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TotalDifferenceJson {
    /// The eight printed areas added up.
    #[schema(value_type = f64, example = 363)]
    pub areas_sum: Score,
    /// The total as the source printed it.
    #[schema(value_type = f64, example = 359)]
    pub printed_total: Score,
    /// How far apart the two are, in points (always positive).
    #[schema(value_type = f64, example = 4)]
    pub difference: Score,
    pub kind: DifferenceKindName,
    /// The same in Swedish, as the pages and the tables' `anmarkning` say it.
    #[schema(
        example = "Områdenas poäng summerar till 363; källan anger totalpoängen 359, en skillnad på 4 poäng i källan som avrundning inte förklarar."
    )]
    pub note: String,
}

impl From<&TotalDifference> for TotalDifferenceJson {
    fn from(d: &TotalDifference) -> Self {
        Self {
            areas_sum: d.areas_sum,
            printed_total: d.printed_total,
            difference: d.size(),
            kind: match d.kind {
                DifferenceKind::Rounding => DifferenceKindName::Rounding,
                DifferenceKind::Source => DifferenceKindName::Source,
            },
            note: total_difference_sentence(d),
        }
    }
}

/// A change the source states in words for one of the evaluation's figures,
/// against an earlier evaluation whose figure it may not print: the
/// source's statement, not a computed figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct StatedChangeJson {
    /// "total" or "area N".
    #[schema(example = "total")]
    pub figure: String,
    /// This evaluation's figure minus the earlier one, as the source states it.
    #[schema(value_type = f64, example = 137)]
    pub change: Change,
    /// The year of the earlier evaluation.
    pub since: i32,
    /// The page that states it.
    pub source: String,
    /// The source's own words, when recorded.
    pub quote: Option<String>,
}

impl From<&StatedChange> for StatedChangeJson {
    fn from(s: &StatedChange) -> Self {
        Self {
            figure: s.figure.to_string(),
            change: s.change,
            since: s.since,
            source: s.source.clone(),
            quote: s.quote.clone(),
        }
    }
}

pub fn stated_changes(list: &[StatedChange]) -> Vec<StatedChangeJson> {
    list.iter().map(StatedChangeJson::from).collect()
}

/// What a text block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextKindName {
    StrengthsAndImprovements,
    Strengths,
    Improvements,
    Summary,
}

impl From<TextKind> for TextKindName {
    fn from(k: TextKind) -> Self {
        match k {
            TextKind::StrengthsAndImprovements => TextKindName::StrengthsAndImprovements,
            TextKind::Strengths => TextKindName::Strengths,
            TextKind::Improvements => TextKindName::Improvements,
            TextKind::Summary => TextKindName::Summary,
        }
    }
}

/// Report prose attached to an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AreaTextJson {
    pub area: u8,
    pub kind: TextKindName,
    pub text: String,
}

impl From<&AreaText> for AreaTextJson {
    fn from(t: &AreaText) -> Self {
        Self {
            area: t.area.get(),
            kind: t.kind.into(),
            text: t.text.clone(),
        }
    }
}

/// Where a stored evaluation came from. Not when it was imported: an answer
/// depends on the data alone, the same on every copy of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProvenanceJson {
    /// "bundle" (the bundled data folder) or "import" (`kompass import`).
    pub origin: String,
    pub source_file: String,
    /// SHA-256 of the source file, hex.
    pub content_hash: String,
}

impl From<&Provenance> for ProvenanceJson {
    fn from(p: &Provenance) -> Self {
        Self {
            origin: p.origin.to_string(),
            source_file: p.source_file.clone(),
            content_hash: p.content_hash.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeRef {
    pub number: u8,
    pub slug: String,
    pub name: String,
    /// How well the area corresponds to the theme (crosswalk).
    pub confidence: ConfidenceName,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaJson {
    pub number: u8,
    /// The area's name in the revision's catalogue.
    pub name: String,
    /// The name as printed in the source, when it differs or was given.
    pub printed_name: Option<String>,
    pub theme: Option<ThemeRef>,
    #[schema(value_type = f64)]
    pub points: Score,
    #[schema(value_type = Option<f64>)]
    pub percent: Option<Score>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubareaJson {
    #[schema(value_type = String, example = "3.2")]
    pub code: SubareaCode,
    pub name: Option<String>,
    #[schema(value_type = f64)]
    pub points: Score,
    #[schema(value_type = f64)]
    pub max: Score,
    #[schema(value_type = Option<f64>)]
    pub percent: Option<Score>,
    /// Line of the source file the figure was read from.
    pub line: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationSummary {
    pub id: String,
    pub year: i32,
    pub month: Option<u8>,
    pub evaluation_number: Option<u8>,
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Revision,
    /// False when the source printed no score at all (not zero: unknown).
    pub scores_published: bool,
    #[schema(value_type = Option<f64>)]
    pub total: Option<Score>,
    pub areas: Vec<AreaJson>,
    /// Changes the source states against earlier evaluations.
    pub stated_changes: Vec<StatedChangeJson>,
    pub source_url: Option<String>,
    pub source_title: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationDetail {
    pub id: Option<String>,
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub municipality_code: MunicipalityCode,
    pub municipality: Option<String>,
    pub year: i32,
    pub month: Option<u8>,
    pub evaluation_number: Option<u8>,
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Revision,
    pub scores_published: bool,
    #[schema(value_type = Option<f64>)]
    pub total: Option<Score>,
    pub areas: Vec<AreaJson>,
    pub subareas: Vec<SubareaJson>,
    pub discrepancies: Vec<DiscrepancyJson>,
    /// The printed total against its eight printed areas, when they differ
    /// (null when they agree or not all were printed).
    pub total_difference: Option<TotalDifferenceJson>,
    /// Changes the source states against earlier evaluations.
    pub stated_changes: Vec<StatedChangeJson>,
    pub evaluators: Vec<String>,
    pub source_url: Option<String>,
    pub source_title: Option<String>,
    /// The curators' notes on the sources (English).
    pub notes: Option<String>,
    /// What the curators tell readers (Swedish), as the pages show it.
    pub public_note: Option<String>,
    pub texts: Vec<AreaTextJson>,
    pub provenance: Option<ProvenanceJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MunicipalityListItem {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub code: MunicipalityCode,
    pub name: String,
    pub county: String,
    pub county_code: String,
    #[serde(flatten)]
    pub place: PlaceJson,
    pub evaluation_count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MunicipalityDetail {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub code: MunicipalityCode,
    pub name: String,
    pub county: String,
    pub county_code: String,
    #[serde(flatten)]
    pub place: PlaceJson,
    /// The municipalities whose boundaries meet this one's, longest border
    /// first (none for an island such as Gotland).
    pub neighbours: Vec<place::NeighbourJson>,
    /// The mean total of its kommungrupp under the criteria of its latest
    /// published scores, when at least five evaluations make it; else null.
    pub group_mean: Option<place::GroupMeanJson>,
    pub evaluation_count: usize,
    /// The fewest evaluations the sources imply: the highest evaluation
    /// number a source gives plus the evaluations held after it (Örebro: 5,
    /// of which 3 are held). Never below `evaluation_count`.
    pub evaluations_at_least: usize,
    pub evaluations: Vec<EvaluationSummary>,
    /// What to improve first, as the page's "Att förbättra"; null when no
    /// evaluation published scores.
    pub priorities: Option<priorities::PrioritiesJson>,
}

pub fn areas(e: &Evaluation, catalogue: &Catalogue) -> Vec<AreaJson> {
    let revision = catalogue.revision(e.revision);
    e.areas
        .iter()
        .map(|a| {
            let def = revision.and_then(|r| r.area(a.number));
            AreaJson {
                number: a.number.get(),
                name: def.map(|d| d.name.clone()).unwrap_or_default(),
                printed_name: a.printed_name.clone(),
                theme: def.and_then(|d| {
                    catalogue.theme(d.theme).map(|t| ThemeRef {
                        number: t.number.get(),
                        slug: t.slug.clone(),
                        name: t.name.clone(),
                        confidence: d.confidence.into(),
                    })
                }),
                points: a.points,
                percent: a.percent,
            }
        })
        .collect()
}

pub fn summary(s: &StoredEvaluation, catalogue: &Catalogue) -> EvaluationSummary {
    let e = &s.evaluation;
    EvaluationSummary {
        id: s.id.to_string(),
        year: e.year,
        month: e.month,
        evaluation_number: e.evaluation_number,
        revision: e.revision,
        scores_published: e.has_published_scores(),
        total: e.total,
        areas: areas(e, catalogue),
        stated_changes: stated_changes(&e.stated_changes),
        source_url: e.source.url.clone(),
        source_title: e.source.title.clone(),
    }
}

/// The full evaluation; also what `kompass import --dry-run --format json` prints.
pub fn detail(
    e: &Evaluation,
    id: Option<&EvaluationId>,
    municipality: Option<&Municipality>,
    provenance: Option<&Provenance>,
    catalogue: &Catalogue,
) -> EvaluationDetail {
    EvaluationDetail {
        id: id.map(ToString::to_string),
        municipality_code: e.municipality,
        municipality: municipality.map(|m| m.name.clone()),
        year: e.year,
        month: e.month,
        evaluation_number: e.evaluation_number,
        revision: e.revision,
        scores_published: e.has_published_scores(),
        total: e.total,
        areas: areas(e, catalogue),
        subareas: e
            .subareas
            .iter()
            .map(|s| SubareaJson {
                code: s.code,
                name: s.name.clone(),
                points: s.points,
                max: s.max,
                percent: s.percent,
                line: s.line,
            })
            .collect(),
        discrepancies: e.discrepancies.iter().map(DiscrepancyJson::from).collect(),
        total_difference: TotalDifference::of(e)
            .as_ref()
            .map(TotalDifferenceJson::from),
        stated_changes: stated_changes(&e.stated_changes),
        evaluators: e.evaluators.clone(),
        source_url: e.source.url.clone(),
        source_title: e.source.title.clone(),
        notes: e.notes.clone(),
        public_note: e.public_note.clone(),
        texts: e.texts.iter().map(AreaTextJson::from).collect(),
        provenance: provenance.map(ProvenanceJson::from),
    }
}

/// A stored evaluation in full, with its report texts as read for the
/// answer (the server's dataset does not hold them).
pub fn stored_detail(
    s: &StoredEvaluation,
    data: &Dataset,
    texts: &ReportTexts,
) -> EvaluationDetail {
    let mut out = detail(
        &s.evaluation,
        Some(&s.id),
        data.municipality(s.evaluation.municipality),
        Some(&s.provenance),
        &data.catalogue,
    );
    out.texts = texts.of(s).iter().map(AreaTextJson::from).collect();
    out
}

pub fn municipality_item(m: &Municipality, data: &Dataset) -> MunicipalityListItem {
    MunicipalityListItem {
        code: m.code,
        name: m.name.clone(),
        county: m.county.clone(),
        county_code: m.county_code.to_string(),
        place: PlaceJson::of(m.code, data),
        evaluation_count: data.evaluation_count(m.code),
    }
}

/// `/api/v1/municipalities/{code}`: the profile's municipality and all its
/// evaluations, oldest first.
pub fn municipality_detail(p: &MunicipalityProfile<'_>, data: &Dataset) -> MunicipalityDetail {
    let catalogue = &data.catalogue;
    let m = p.municipality;
    let evaluations: Vec<EvaluationSummary> = p
        .evaluations
        .iter()
        .map(|s| summary(s, catalogue))
        .collect();
    MunicipalityDetail {
        code: m.code,
        name: m.name.clone(),
        county: m.county.clone(),
        county_code: m.county_code.to_string(),
        place: PlaceJson::of(m.code, data),
        neighbours: place::neighbours(m.code, data),
        group_mean: p
            .shown
            .as_ref()
            .and_then(|s| s.group_mean.as_ref())
            .map(place::GroupMeanJson::from),
        evaluation_count: evaluations.len(),
        evaluations_at_least: Coverage::of(p.evaluations.iter().map(|s| &s.evaluation)).at_least,
        evaluations,
        priorities: p.priorities.as_ref().map(priorities::priorities),
    }
}

/// Every API error: `{"error": {"code", "message"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// What was wrong, for a person to read.
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    NotFound,
    MethodNotAllowed,
    /// The address is longer than the server answers (414).
    UriTooLong,
    /// Too much work waiting; try again after `Retry-After` (503).
    Busy,
    Internal,
}
