//! Reads: the whole stored dataset into a `Dataset` (it is small: hundreds
//! of evaluations), so pages never query per request; and, for the import
//! pipeline, the reference data, the index of what is stored, and chosen
//! evaluations with their figures.

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

use super::DbError;
use super::meta::{self, DATA_UPDATED_AT, DATA_VERSION};
use super::rows::{
    AreaAliasRow, AreaScoreRow, AreaTextRow, BenchmarkAreaRow, BenchmarkRow, CatalogueSubareaRow,
    Children, DiscrepancyRow, EvaluationRow, MunicipalityRow, RevisionAreaRow, RevisionRow,
    StatedChangeRow, StoredRow, SubareaScoreRow, ThemeRow,
};
use super::schema::{
    area_aliases, area_scores, area_texts, benchmark_areas, benchmarks, catalogue_subareas,
    discrepancies, evaluations, municipalities, revision_areas, revisions, stated_changes,
    subarea_scores, themes,
};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{
    AreaNumber, Benchmark, Catalogue, Municipality, Origin, Revision, Score, SubareaCode,
    SubareaDefinition,
};

/// The data version, cheaply, to tell whether a loaded `Dataset` is stale.
pub fn data_version(conn: &mut SqliteConnection) -> Result<String, DbError> {
    Ok(meta::get(conn, DATA_VERSION)?.unwrap_or_default())
}

pub fn load_catalogue(conn: &mut SqliteConnection) -> Result<Catalogue, DbError> {
    let themes: Vec<ThemeRow> = themes::table
        .select(ThemeRow::as_select())
        .order(themes::number)
        .load(conn)?;
    let mut aliases: BTreeMap<(Revision, AreaNumber), Vec<String>> = BTreeMap::new();
    for r in area_aliases::table
        .select(AreaAliasRow::as_select())
        .load(conn)?
    {
        aliases
            .entry((r.revision, r.number))
            .or_default()
            .push(r.alias);
    }
    let mut subareas: BTreeMap<(Revision, AreaNumber), Vec<SubareaDefinition>> = BTreeMap::new();
    for r in catalogue_subareas::table
        .select(CatalogueSubareaRow::as_select())
        .order((
            catalogue_subareas::revision,
            catalogue_subareas::area,
            catalogue_subareas::item,
        ))
        .load(conn)?
    {
        subareas
            .entry((r.revision, r.area))
            .or_default()
            .push(r.into());
    }
    let mut areas: BTreeMap<Revision, Vec<_>> = BTreeMap::new();
    for r in revision_areas::table
        .select(RevisionAreaRow::as_select())
        .order((revision_areas::revision, revision_areas::number))
        .load(conn)?
    {
        let key = (r.revision, r.number);
        let area = r.into_domain(
            aliases.remove(&key).unwrap_or_default(),
            subareas.remove(&key).unwrap_or_default(),
        );
        areas.entry(key.0).or_default().push(area);
    }
    let revisions = revisions::table
        .select(RevisionRow::as_select())
        .order(revisions::id)
        .load(conn)?
        .into_iter()
        .map(|r| {
            let own = areas.remove(&r.id).unwrap_or_default();
            r.into_domain(own)
        })
        .collect();
    Ok(Catalogue {
        themes: themes.into_iter().map(Into::into).collect(),
        revisions,
    })
}

pub fn load_municipalities(conn: &mut SqliteConnection) -> Result<Vec<Municipality>, DbError> {
    let rows: Vec<MunicipalityRow> = municipalities::table
        .select(MunicipalityRow::as_select())
        .order(municipalities::code)
        .load(conn)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

fn load_benchmarks(conn: &mut SqliteConnection) -> Result<Vec<Benchmark>, DbError> {
    let mut areas: BTreeMap<i32, Vec<(AreaNumber, Score)>> = BTreeMap::new();
    for r in benchmark_areas::table
        .select(BenchmarkAreaRow::as_select())
        .order((benchmark_areas::benchmark_id, benchmark_areas::number))
        .load(conn)?
    {
        areas
            .entry(r.benchmark_id)
            .or_default()
            .push((r.number, r.points));
    }
    let rows: Vec<BenchmarkRow> = benchmarks::table
        .select(BenchmarkRow::as_select())
        .order(benchmarks::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let own = areas.remove(&r.id).unwrap_or_default();
            r.into_domain(own)
        })
        .collect())
}

/// Which stored evaluations to read with their figures.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    All,
    /// Those that came in from this origin.
    Origin(Origin),
    /// These rows (by internal key).
    Keys(&'a [i32]),
}

/// The chosen evaluations, each with its figures and texts: six queries
/// whatever their number.
pub fn load_evaluations(
    conn: &mut SqliteConnection,
    which: Which<'_>,
) -> Result<Vec<StoredEvaluation>, DbError> {
    let query = evaluations::table
        .select(EvaluationRow::as_select())
        .into_boxed();
    let rows: Vec<EvaluationRow> = match which {
        Which::All => query.load(conn)?,
        Which::Origin(origin) => query.filter(evaluations::origin.eq(origin)).load(conn)?,
        Which::Keys(keys) => query.filter(evaluations::key.eq_any(keys)).load(conn)?,
    };
    let keys: Option<Vec<i32>> = match which {
        Which::All => None,
        _ => Some(rows.iter().map(|r| r.key).collect()),
    };
    let mut children = load_children(conn, keys.as_deref())?;
    rows.into_iter()
        .map(|row| {
            let own = children.remove(&row.key).unwrap_or_default();
            let (id, evaluation, provenance) = row.fields.into_domain(own)?;
            Ok(StoredEvaluation {
                id,
                evaluation,
                provenance,
            })
        })
        .collect()
}

/// The figures and texts of the evaluations with these keys (all when
/// `None`), by evaluation key.
fn load_children(
    conn: &mut SqliteConnection,
    keys: Option<&[i32]>,
) -> Result<HashMap<i32, Children>, DbError> {
    let mut out: HashMap<i32, Children> = HashMap::new();
    let mut areas = area_scores::table
        .select(AreaScoreRow::as_select())
        .order((area_scores::evaluation_key, area_scores::number))
        .into_boxed();
    let mut subareas = subarea_scores::table
        .select(SubareaScoreRow::as_select())
        .order((
            subarea_scores::evaluation_key,
            subarea_scores::area,
            subarea_scores::item,
        ))
        .into_boxed();
    let mut notes = discrepancies::table
        .select(DiscrepancyRow::as_select())
        .order((discrepancies::evaluation_key, discrepancies::position))
        .into_boxed();
    let mut stated = stated_changes::table
        .select(StatedChangeRow::as_select())
        .order((stated_changes::evaluation_key, stated_changes::position))
        .into_boxed();
    let mut texts = area_texts::table
        .select(AreaTextRow::as_select())
        .order((
            area_texts::evaluation_key,
            area_texts::area,
            area_texts::kind,
        ))
        .into_boxed();
    if let Some(keys) = keys {
        areas = areas.filter(area_scores::evaluation_key.eq_any(keys));
        subareas = subareas.filter(subarea_scores::evaluation_key.eq_any(keys));
        notes = notes.filter(discrepancies::evaluation_key.eq_any(keys));
        stated = stated.filter(stated_changes::evaluation_key.eq_any(keys));
        texts = texts.filter(area_texts::evaluation_key.eq_any(keys));
    }
    for r in areas.load(conn)? {
        out.entry(r.evaluation_key)
            .or_default()
            .areas
            .push(r.into());
    }
    for r in subareas.load(conn)? {
        let key = r.evaluation_key;
        out.entry(key).or_default().subareas.push(r.into());
    }
    for r in notes.load(conn)? {
        let key = r.evaluation_key;
        out.entry(key).or_default().discrepancies.push(r.into());
    }
    for r in stated.load(conn)? {
        let key = r.evaluation_key;
        out.entry(key).or_default().stated_changes.push(r.into());
    }
    for r in texts.load(conn)? {
        out.entry(r.evaluation_key)
            .or_default()
            .texts
            .push(r.into());
    }
    Ok(out)
}

/// Every stored evaluation's identity and provenance, without its figures:
/// one small query.
pub fn load_index(conn: &mut SqliteConnection) -> Result<Vec<StoredRow>, DbError> {
    Ok(evaluations::table
        .select(StoredRow::as_select())
        .load(conn)?)
}

/// Sub-areas stored for revisions whose sub-areas the catalogue does not
/// list, each with the max it was printed with: one query over the distinct
/// (revision, code, max) triples.
pub fn recorded_subareas(
    conn: &mut SqliteConnection,
    catalogue: &Catalogue,
) -> Result<BTreeMap<(Revision, SubareaCode), Score>, DbError> {
    let rows: Vec<(Revision, SubareaCode, Score)> = subarea_scores::table
        .inner_join(evaluations::table)
        .select((
            evaluations::revision,
            subarea_scores::code,
            subarea_scores::max,
        ))
        .distinct()
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(revision, _, _)| {
            !catalogue
                .revision(*revision)
                .is_some_and(|r| r.knows_subareas())
        })
        .map(|(revision, code, max)| ((revision, code), max))
        .collect())
}

/// Everything stored, as one consistent snapshot (read in one transaction).
pub fn load_dataset(conn: &mut SqliteConnection) -> Result<Dataset, DbError> {
    conn.transaction(|conn| {
        let municipalities = load_municipalities(conn)?;
        let catalogue = load_catalogue(conn)?;
        let benchmarks = load_benchmarks(conn)?;
        let evaluations = load_evaluations(conn, Which::All)?;
        let version = meta::get(conn, DATA_VERSION)?.unwrap_or_default();
        let updated = meta::get(conn, DATA_UPDATED_AT)?.unwrap_or_default();
        Ok(Dataset::new(
            municipalities,
            catalogue,
            benchmarks,
            evaluations,
            version,
            updated,
        ))
    })
}
