//! The JSON shapes of the API (`/api/v1/...`), built from domain values.
//! Field names here are a public contract: add, never rename.

use serde::Serialize;

use crate::domain::dataset::{Dataset, Provenance, StoredEvaluation};
use crate::domain::{
    AreaText, Catalogue, Confidence, Discrepancy, Evaluation, Municipality, MunicipalityCode,
    Revision, Score, SubareaCode,
};

#[derive(Debug, Serialize)]
pub struct ThemeRef {
    pub number: u8,
    pub slug: String,
    pub name: String,
    /// How well the area corresponds to the theme (crosswalk).
    pub confidence: Confidence,
}

#[derive(Debug, Serialize)]
pub struct AreaJson {
    pub number: u8,
    /// The area's name in the revision's catalogue.
    pub name: String,
    /// The name as printed in the source, when it differs or was given.
    pub printed_name: Option<String>,
    pub theme: Option<ThemeRef>,
    pub points: Score,
    pub percent: Option<Score>,
}

#[derive(Debug, Serialize)]
pub struct SubareaJson {
    pub code: SubareaCode,
    pub name: Option<String>,
    pub points: Score,
    pub max: Score,
    pub percent: Option<Score>,
    /// Line of the source file the figure was read from.
    pub line: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct EvaluationSummary {
    pub id: String,
    pub year: i32,
    pub month: Option<u8>,
    pub evaluation_number: Option<u8>,
    pub revision: Revision,
    /// False when the source printed no score at all (not zero: unknown).
    pub scores_published: bool,
    pub total: Option<Score>,
    pub areas: Vec<AreaJson>,
    pub source_url: Option<String>,
    pub source_title: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EvaluationDetail {
    pub id: Option<String>,
    pub municipality_code: MunicipalityCode,
    pub municipality: Option<String>,
    pub year: i32,
    pub month: Option<u8>,
    pub evaluation_number: Option<u8>,
    pub revision: Revision,
    pub scores_published: bool,
    pub total: Option<Score>,
    pub areas: Vec<AreaJson>,
    pub subareas: Vec<SubareaJson>,
    pub discrepancies: Vec<Discrepancy>,
    pub evaluators: Vec<String>,
    pub source_url: Option<String>,
    pub source_title: Option<String>,
    pub notes: Option<String>,
    pub texts: Vec<AreaText>,
    pub provenance: Option<Provenance>,
}

#[derive(Debug, Serialize)]
pub struct MunicipalityListItem {
    pub code: MunicipalityCode,
    pub name: String,
    pub county: String,
    pub county_code: String,
    pub evaluation_count: usize,
}

#[derive(Debug, Serialize)]
pub struct MunicipalityDetail {
    pub code: MunicipalityCode,
    pub name: String,
    pub county: String,
    pub county_code: String,
    pub evaluation_count: usize,
    pub evaluations: Vec<EvaluationSummary>,
}

pub fn areas(e: &Evaluation, catalogue: &Catalogue) -> Vec<AreaJson> {
    let revision = catalogue.revision(e.revision);
    e.areas
        .iter()
        .map(|a| {
            let def = revision.and_then(|r| r.area(a.number));
            AreaJson {
                number: a.number,
                name: def.map(|d| d.name.clone()).unwrap_or_default(),
                printed_name: a.printed_name.clone(),
                theme: def.and_then(|d| {
                    catalogue.theme(d.theme).map(|t| ThemeRef {
                        number: t.number,
                        slug: t.slug.clone(),
                        name: t.name.clone(),
                        confidence: d.confidence,
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
        id: s.id.clone(),
        year: e.year,
        month: e.month,
        evaluation_number: e.evaluation_number,
        revision: e.revision,
        scores_published: e.has_published_scores(),
        total: e.total,
        areas: areas(e, catalogue),
        source_url: e.source.url.clone(),
        source_title: e.source.title.clone(),
    }
}

/// The full evaluation; also what `kompass import --dry-run --format json` prints.
pub fn detail(
    e: &Evaluation,
    id: Option<&str>,
    municipality: Option<&Municipality>,
    provenance: Option<&Provenance>,
    catalogue: &Catalogue,
) -> EvaluationDetail {
    EvaluationDetail {
        id: id.map(str::to_string),
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
        discrepancies: e.discrepancies.clone(),
        evaluators: e.evaluators.clone(),
        source_url: e.source.url.clone(),
        source_title: e.source.title.clone(),
        notes: e.notes.clone(),
        texts: e.texts.clone(),
        provenance: provenance.cloned(),
    }
}

pub fn stored_detail(s: &StoredEvaluation, data: &Dataset) -> EvaluationDetail {
    detail(
        &s.evaluation,
        Some(&s.id),
        data.municipality(s.evaluation.municipality),
        Some(&s.provenance),
        &data.catalogue,
    )
}

pub fn municipality_item(m: &Municipality, data: &Dataset) -> MunicipalityListItem {
    MunicipalityListItem {
        code: m.code,
        name: m.name.clone(),
        county: m.county.clone(),
        county_code: m.county_code.clone(),
        evaluation_count: data.evaluation_count(m.code),
    }
}

pub fn municipality_detail(m: &Municipality, data: &Dataset) -> MunicipalityDetail {
    let evaluations: Vec<EvaluationSummary> = data
        .evaluations_of(m.code)
        .map(|s| summary(s, &data.catalogue))
        .collect();
    MunicipalityDetail {
        code: m.code,
        name: m.name.clone(),
        county: m.county.clone(),
        county_code: m.county_code.clone(),
        evaluation_count: evaluations.len(),
        evaluations,
    }
}
