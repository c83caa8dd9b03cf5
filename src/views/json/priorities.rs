//! The profile's priorities as the API gives them (`priorities` of
//! `/api/v1/municipalities/{code}`): the same rule the page's "Att
//! förbättra" renders (`domain::answer::priorities`).

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::answer::priorities::{AreaGap, Basis, Priorities, SubareaFall, SubareaShare};
use crate::domain::{EvaluationId, Score, SubareaCode};
use crate::views::reference::label;

/// What to improve first, read from the evaluation whose areas the
/// municipality page shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrioritiesJson {
    /// The evaluation read.
    #[schema(value_type = String, example = "1881-2020")]
    pub evaluation_id: EvaluationId,
    /// `subareas` (sub-areas are published: the lowest by share of their
    /// maximum, and those that fell), `areas` (only areas: those below the
    /// reference figure) or `total_only`.
    pub basis: BasisName,
    /// The five sub-areas with the lowest share of their maximum (and any
    /// tied with the fifth), lowest first.
    pub lowest_subareas: Vec<SubareaShareJson>,
    /// The latest earlier evaluation of the same criteria with sub-areas,
    /// which `fallen_subareas` are measured against.
    #[schema(value_type = Option<String>, example = "1881-2017")]
    pub fallen_since: Option<EvaluationId>,
    /// Sub-areas whose share fell since `fallen_since`, largest fall first.
    pub fallen_subareas: Vec<SubareaFallJson>,
    /// The reference figure areas are read against (basis `areas`), by
    /// its name on the page ("Sverigesnitt 2021").
    pub reference: Option<String>,
    /// Areas below the reference, furthest first (the three furthest, and
    /// any tied with the third).
    pub areas_below_reference: Vec<AreaGapJson>,
    /// Figures not published, when any are missing.
    pub missing: Option<MissingJson>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasisName {
    Subareas,
    Areas,
    TotalOnly,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubareaShareJson {
    #[schema(value_type = String, example = "1.2")]
    pub code: SubareaCode,
    pub name: Option<String>,
    #[schema(value_type = f64)]
    pub points: Score,
    #[schema(value_type = f64)]
    pub max: Score,
    /// Its share of the maximum, per cent with one decimal: the printed
    /// percent where there is one, else points over max.
    pub percent: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubareaFallJson {
    #[schema(value_type = String, example = "4.4")]
    pub code: SubareaCode,
    pub name: Option<String>,
    #[schema(value_type = f64)]
    pub previous_points: Score,
    #[schema(value_type = f64)]
    pub points: Score,
    pub previous_percent: f64,
    pub percent: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaGapJson {
    pub number: u8,
    #[schema(value_type = f64)]
    pub points: Score,
    #[schema(value_type = f64)]
    pub reference: Score,
    /// How far below the reference, in points.
    pub below: f64,
}

/// What was not published, and in which evaluation.
#[derive(Debug, Serialize, ToSchema)]
pub struct MissingJson {
    #[schema(value_type = String, example = "0381-2018")]
    pub evaluation_id: EvaluationId,
    /// The areas without published points.
    pub areas: Vec<u8>,
    /// Whether the evaluation's sub-areas are unpublished.
    pub subareas: bool,
}

fn per_cent(per_mille: i64) -> f64 {
    per_mille as f64 / 10.0
}

fn share(s: &SubareaShare<'_>) -> SubareaShareJson {
    SubareaShareJson {
        code: s.subarea.code,
        name: s.subarea.name.clone(),
        points: s.subarea.points,
        max: s.subarea.max,
        percent: per_cent(s.per_mille),
    }
}

fn fall(f: &SubareaFall<'_>) -> SubareaFallJson {
    SubareaFallJson {
        code: f.subarea.code,
        name: f.subarea.name.clone(),
        previous_points: f.previous.points,
        points: f.subarea.points,
        previous_percent: per_cent(f.previous_per_mille),
        percent: per_cent(f.per_mille),
    }
}

fn gap(g: &AreaGap) -> AreaGapJson {
    AreaGapJson {
        number: g.area.get(),
        points: g.points,
        reference: g.reference,
        below: g.below_tenths() as f64 / 10.0,
    }
}

pub fn priorities(p: &Priorities<'_>) -> PrioritiesJson {
    let mut out = PrioritiesJson {
        evaluation_id: p.evaluation.id.clone(),
        basis: BasisName::TotalOnly,
        lowest_subareas: vec![],
        fallen_since: None,
        fallen_subareas: vec![],
        reference: None,
        areas_below_reference: vec![],
        missing: p.missing.as_ref().map(|m| MissingJson {
            evaluation_id: m.evaluation.id.clone(),
            areas: m.areas.iter().map(|a| a.get()).collect(),
            subareas: m.subareas,
        }),
    };
    match &p.basis {
        Basis::Subareas {
            lowest,
            since,
            fallen,
        } => {
            out.basis = BasisName::Subareas;
            out.lowest_subareas = lowest.iter().map(share).collect();
            out.fallen_since = since.map(|s| s.id.clone());
            out.fallen_subareas = fallen.iter().map(fall).collect();
        }
        Basis::Areas { reference, below } => {
            out.basis = BasisName::Areas;
            out.reference = reference.as_ref().map(label);
            out.areas_below_reference = below.iter().map(gap).collect();
        }
        Basis::TotalOnly => {}
    }
    out
}
