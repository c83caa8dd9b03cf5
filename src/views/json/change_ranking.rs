//! The change ranking as the API gives it (`/api/v1/changes` without
//! `kommun`): each place as the municipality's own changes show a step,
//! with its rank and municipality, and the changes sources state, apart.
//! The same answer the page and the CSV render.

use serde::Serialize;
use utoipa::ToSchema;

use super::StatedChangeJson;
use super::analysis::{EvaluationRef, StepJson, step};
use crate::domain::answer::change_ranking::{ChangePlace, ChangeRanking, StatedPlace};
use crate::domain::{Catalogue, Municipality, MunicipalityCode};

/// A municipality's change in the ranking: the step between its two
/// evaluations (the total and every theme), with its place.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeItem {
    /// 1 for the largest increase of the ranked figure; equal changes share
    /// a rank (1, 2, 2, 4).
    pub rank: usize,
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "0138")]
    pub municipality_code: MunicipalityCode,
    pub municipality: String,
    pub county: String,
    pub county_code: String,
    #[serde(flatten)]
    pub step: StepJson,
}

/// A change a source states (never computed, never ranked): listed when
/// the ranking does not already show the same change.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatedItem {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1881")]
    pub municipality_code: MunicipalityCode,
    pub municipality: String,
    pub county: String,
    pub county_code: String,
    /// The evaluation whose source states the change.
    pub to: EvaluationRef,
    /// The earlier evaluation, when kompass has it.
    pub from: Option<EvaluationRef>,
    /// Whether the two were of different criteria versions; null when the
    /// earlier one is not in kompass.
    pub crosses_revision: Option<bool>,
    #[serde(flatten)]
    pub stated: StatedChangeJson,
}

fn who(m: &Municipality) -> (MunicipalityCode, String, String, String) {
    (
        m.code,
        m.name.clone(),
        m.county.clone(),
        m.county_code.to_string(),
    )
}

pub fn item(p: &ChangePlace<'_>, catalogue: &Catalogue) -> ChangeItem {
    let (municipality_code, municipality, county, county_code) = who(p.municipality);
    ChangeItem {
        rank: p.rank,
        municipality_code,
        municipality,
        county,
        county_code,
        step: step(&p.step, catalogue),
    }
}

pub fn stated_item(s: &StatedPlace<'_>) -> StatedItem {
    let (municipality_code, municipality, county, county_code) = who(s.municipality);
    StatedItem {
        municipality_code,
        municipality,
        county,
        county_code,
        to: EvaluationRef::from(s.latest),
        from: s.earlier.map(EvaluationRef::from),
        crosses_revision: s.crosses_revision(),
        stated: StatedChangeJson::from(s.stated),
    }
}

pub fn items(r: &ChangeRanking<'_>, catalogue: &Catalogue) -> Vec<ChangeItem> {
    r.places.iter().map(|p| item(p, catalogue)).collect()
}

pub fn stated(r: &ChangeRanking<'_>) -> Vec<StatedItem> {
    r.stated.iter().map(stated_item).collect()
}
