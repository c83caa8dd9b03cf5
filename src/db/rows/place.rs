//! Rows of the places: kommungrupper, each municipality's group, population
//! and outline, and the borders between them.

use diesel::prelude::*;

use crate::db::DbError;
use crate::db::schema::{borders, municipality_groups, places};
use crate::domain::MunicipalityCode;
use crate::domain::geo::{Border, Shape};
use crate::domain::place::{GroupCode, MunicipalityGroup, Place, Population};

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = municipality_groups, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct GroupRow {
    pub code: GroupCode,
    pub name: String,
}

impl From<GroupRow> for MunicipalityGroup {
    fn from(r: GroupRow) -> Self {
        MunicipalityGroup {
            code: r.code,
            name: r.name,
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = places, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct PlaceRow {
    pub code: MunicipalityCode,
    pub group_code: Option<GroupCode>,
    pub population: Option<i32>,
    pub population_year: Option<i32>,
    /// `Shape::encode`'s text.
    pub shape: String,
}

impl PlaceRow {
    pub fn of(code: MunicipalityCode, p: &Place) -> Result<Self, DbError> {
        let population = p
            .population
            .map(|n| i32::try_from(n.count))
            .transpose()
            .map_err(|_| DbError::Corrupt(format!("the population of {code}")))?;
        Ok(PlaceRow {
            code,
            group_code: p.group,
            population,
            population_year: p.population.map(|n| n.year),
            shape: p.shape.encode(),
        })
    }

    /// The place's group, population and shape (its neighbours are the
    /// borders').
    pub fn into_domain(self) -> Result<(MunicipalityCode, PlaceParts), DbError> {
        let corrupt = |what: String| DbError::Corrupt(format!("{what} of {}", self.code));
        let population = match (self.population, self.population_year) {
            (Some(count), Some(year)) => Some(Population {
                count: u32::try_from(count).map_err(|_| corrupt(format!("population {count}")))?,
                year,
            }),
            _ => None,
        };
        let shape = Shape::decode(&self.shape).map_err(|e| corrupt(e.to_string()))?;
        Ok((
            self.code,
            PlaceParts {
                group: self.group_code,
                population,
                shape,
            },
        ))
    }
}

/// What a place row holds.
pub struct PlaceParts {
    pub group: Option<GroupCode>,
    pub population: Option<Population>,
    pub shape: Shape,
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = borders, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct BorderRow {
    pub a: MunicipalityCode,
    pub b: MunicipalityCode,
    pub metres: i32,
}

impl BorderRow {
    pub fn of(border: &Border) -> Self {
        BorderRow {
            a: border.a,
            b: border.b,
            metres: i32::try_from(border.metres).unwrap_or(i32::MAX),
        }
    }

    pub fn into_domain(self) -> Result<Border, DbError> {
        Ok(Border {
            a: self.a,
            b: self.b,
            metres: u32::try_from(self.metres)
                .map_err(|_| DbError::Corrupt(format!("border length {}", self.metres)))?,
        })
    }
}
