//! Rows of the registers: the register, the catalogue, the benchmarks.

use diesel::prelude::*;

use crate::db::DbError;
use crate::db::schema::{
    area_aliases, benchmark_areas, benchmarks, catalogue_subareas, municipalities, revision_areas,
    revisions, themes,
};
use crate::domain::{
    AreaDefinition, AreaNumber, Benchmark, Confidence, CountyCode, Municipality, MunicipalityCode,
    Revision, RevisionDefinition, Score, SubareaCode, SubareaDefinition, Theme, ThemeNumber,
};

#[derive(Debug, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = municipalities, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct MunicipalityRow {
    pub code: MunicipalityCode,
    pub name: String,
    pub county_code: CountyCode,
    pub county: String,
}

impl From<MunicipalityRow> for Municipality {
    fn from(r: MunicipalityRow) -> Self {
        Municipality {
            code: r.code,
            name: r.name,
            county_code: r.county_code,
            county: r.county,
        }
    }
}

impl From<&Municipality> for MunicipalityRow {
    fn from(m: &Municipality) -> Self {
        MunicipalityRow {
            code: m.code,
            name: m.name.clone(),
            county_code: m.county_code,
            county: m.county.clone(),
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = themes, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct ThemeRow {
    pub number: ThemeNumber,
    pub name: String,
    pub slug: String,
    pub heading: String,
}

impl From<ThemeRow> for Theme {
    fn from(r: ThemeRow) -> Self {
        Theme {
            number: r.number,
            name: r.name,
            slug: r.slug,
            heading: r.heading,
        }
    }
}

impl From<&Theme> for ThemeRow {
    fn from(t: &Theme) -> Self {
        ThemeRow {
            number: t.number,
            name: t.name.clone(),
            slug: t.slug.clone(),
            heading: t.heading.clone(),
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = revisions, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct RevisionRow {
    pub id: Revision,
    pub name: String,
    pub used: String,
    pub fallback: bool,
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = revision_areas, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct RevisionAreaRow {
    pub revision: Revision,
    pub number: AreaNumber,
    pub name: String,
    pub theme: ThemeNumber,
    pub confidence: Confidence,
    pub note: Option<String>,
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = area_aliases, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct AreaAliasRow {
    pub revision: Revision,
    pub number: AreaNumber,
    pub alias: String,
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = catalogue_subareas, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct CatalogueSubareaRow {
    pub revision: Revision,
    pub code: SubareaCode,
    pub area: AreaNumber,
    pub item: i32,
    pub name: String,
    pub max: Score,
}

/// The rows of one revision of the catalogue.
pub struct RevisionRows {
    pub revision: RevisionRow,
    pub areas: Vec<RevisionAreaRow>,
    pub aliases: Vec<AreaAliasRow>,
    pub subareas: Vec<CatalogueSubareaRow>,
}

impl RevisionRow {
    /// The rows of one revision of the catalogue: itself, its areas, their
    /// aliases and sub-areas.
    pub fn of(r: &RevisionDefinition) -> Result<RevisionRows, DbError> {
        let mut areas = Vec::new();
        let mut aliases = Vec::new();
        let mut subareas = Vec::new();
        for a in &r.areas {
            areas.push(RevisionAreaRow {
                revision: r.id,
                number: a.number,
                name: a.name.clone(),
                theme: a.theme,
                confidence: a.confidence,
                note: a.crosswalk_note.clone(),
            });
            aliases.extend(a.aliases.iter().map(|alias| AreaAliasRow {
                revision: r.id,
                number: a.number,
                alias: alias.clone(),
            }));
            subareas.extend(a.subareas.iter().map(|s| CatalogueSubareaRow {
                revision: r.id,
                code: s.code,
                area: s.code.area,
                item: i32::from(s.code.item),
                name: s.name.clone(),
                max: s.max,
            }));
        }
        let revision = RevisionRow {
            id: r.id,
            name: r.name.clone(),
            used: r.used.clone(),
            fallback: r.fallback,
        };
        Ok(RevisionRows {
            revision,
            areas,
            aliases,
            subareas,
        })
    }

    pub fn into_domain(self, areas: Vec<AreaDefinition>) -> RevisionDefinition {
        RevisionDefinition {
            id: self.id,
            name: self.name,
            used: self.used,
            fallback: self.fallback,
            areas,
        }
    }
}

impl RevisionAreaRow {
    pub fn into_domain(
        self,
        aliases: Vec<String>,
        subareas: Vec<SubareaDefinition>,
    ) -> AreaDefinition {
        AreaDefinition {
            number: self.number,
            name: self.name,
            aliases,
            theme: self.theme,
            confidence: self.confidence,
            crosswalk_note: self.note,
            subareas,
        }
    }
}

impl From<CatalogueSubareaRow> for SubareaDefinition {
    fn from(r: CatalogueSubareaRow) -> Self {
        SubareaDefinition {
            code: r.code,
            name: r.name,
            max: r.max,
        }
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = benchmarks, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct BenchmarkRow {
    pub id: i32,
    pub label: String,
    pub revision: Revision,
    pub year: i32,
    pub evaluations: Option<i32>,
    pub total: Option<Score>,
    pub source_url: String,
    pub notes: Option<String>,
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = benchmark_areas, check_for_backend(diesel::sqlite::Sqlite))]
#[diesel(treat_none_as_default_value = false)]
pub struct BenchmarkAreaRow {
    pub benchmark_id: i32,
    pub number: AreaNumber,
    pub points: Score,
}

impl BenchmarkRow {
    /// The rows of the `position`-th benchmark (its id, counted from 1).
    pub fn of(position: usize, b: &Benchmark) -> (BenchmarkRow, Vec<BenchmarkAreaRow>) {
        let id = i32::try_from(position + 1).unwrap_or(i32::MAX);
        let row = BenchmarkRow {
            id,
            label: b.label.clone(),
            revision: b.revision,
            year: b.year,
            evaluations: b.evaluations.and_then(|n| i32::try_from(n).ok()),
            total: b.total,
            source_url: b.source_url.clone(),
            notes: b.notes.clone(),
        };
        let areas = b
            .areas
            .iter()
            .map(|(number, points)| BenchmarkAreaRow {
                benchmark_id: id,
                number: *number,
                points: *points,
            })
            .collect();
        (row, areas)
    }

    pub fn into_domain(self, areas: Vec<(AreaNumber, Score)>) -> Benchmark {
        Benchmark {
            label: self.label,
            revision: self.revision,
            year: self.year,
            evaluations: self.evaluations.and_then(|n| u32::try_from(n).ok()),
            areas,
            total: self.total,
            source_url: self.source_url,
            notes: self.notes,
        }
    }
}
