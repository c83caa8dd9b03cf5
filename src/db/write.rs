//! Writes, used only by the import pipeline inside its one transaction.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use sha2::{Digest, Sha256};

use super::DbError;
use super::schema::{
    area_aliases, area_scores, area_texts, benchmark_areas, benchmarks, catalogue_subareas,
    discrepancies, evaluations, meta, municipalities, revision_areas, revisions, subarea_scores,
    themes,
};
use crate::domain::{
    Benchmark, Catalogue, Evaluation, Municipality, MunicipalityCode, Revision, Score, SubareaCode,
};

/// Where an evaluation came in from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A file in the bundled data folder, kept in step with it.
    Bundle,
    /// A file given to `kompass import`.
    Import,
}

impl Origin {
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Bundle => "bundle",
            Origin::Import => "import",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Provenance {
    pub origin: Origin,
    /// The file, relative to the bundle folder for bundled files.
    pub source_file: String,
    pub content_hash: String,
    pub imported_at: String,
}

/// An evaluation already stored under the same identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub key: i32,
    pub id: String,
    pub month: Option<u8>,
    pub content_hash: String,
    pub source_file: String,
    /// "bundle" or "import" (see `Origin`).
    pub origin: String,
}

/// The stored evaluations of a municipality in a year.
pub fn evaluations_in_year(
    conn: &mut SqliteConnection,
    code: MunicipalityCode,
    year: i32,
) -> Result<Vec<Existing>, DbError> {
    type Row = (i32, String, Option<i32>, String, String, String);
    let rows: Vec<Row> = evaluations::table
        .filter(evaluations::municipality_code.eq(code.as_str()))
        .filter(evaluations::year.eq(year))
        .select((
            evaluations::key,
            evaluations::id,
            evaluations::month,
            evaluations::content_hash,
            evaluations::source_file,
            evaluations::origin,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(key, id, month, content_hash, source_file, origin)| Existing {
                key,
                id,
                month: month.and_then(|m| u8::try_from(m).ok()),
                content_hash,
                source_file,
                origin,
            },
        )
        .collect())
}

pub fn delete_evaluation(conn: &mut SqliteConnection, key: i32) -> Result<(), DbError> {
    diesel::delete(evaluations::table.filter(evaluations::key.eq(key))).execute(conn)?;
    Ok(())
}

/// Inserts an evaluation with all its figures and texts; returns its key.
pub fn insert_evaluation(
    conn: &mut SqliteConnection,
    e: &Evaluation,
    provenance: &Provenance,
) -> Result<i32, DbError> {
    let evaluators =
        serde_json::to_string(&e.evaluators).map_err(|err| DbError::Corrupt(err.to_string()))?;
    let provisional_id = format!("new-{}", provenance.content_hash);
    let key: i32 = diesel::insert_into(evaluations::table)
        .values((
            evaluations::id.eq(&provisional_id),
            evaluations::municipality_code.eq(e.municipality.as_str()),
            evaluations::year.eq(e.year),
            evaluations::month.eq(e.month.map(i32::from)),
            evaluations::evaluation_number.eq(e.evaluation_number.map(i32::from)),
            evaluations::revision.eq(e.revision.to_string()),
            evaluations::total.eq(e.total.map(|t| t.to_string())),
            evaluations::total_line.eq(e.total_line.and_then(|l| i32::try_from(l).ok())),
            evaluations::evaluators.eq(evaluators),
            evaluations::source_url.eq(&e.source.url),
            evaluations::source_title.eq(&e.source.title),
            evaluations::notes.eq(&e.notes),
            evaluations::origin.eq(provenance.origin.as_str()),
            evaluations::source_file.eq(&provenance.source_file),
            evaluations::content_hash.eq(&provenance.content_hash),
            evaluations::imported_at.eq(&provenance.imported_at),
        ))
        .returning(evaluations::key)
        .get_result(conn)?;
    let line = |l: Option<u32>| l.and_then(|l| i32::try_from(l).ok());
    let areas: Vec<_> = e
        .areas
        .iter()
        .map(|a| {
            (
                area_scores::evaluation_key.eq(key),
                area_scores::number.eq(i32::from(a.number)),
                area_scores::printed_name.eq(a.printed_name.clone()),
                area_scores::points.eq(a.points.to_string()),
                area_scores::percent.eq(a.percent.map(|p| p.to_string())),
                area_scores::line.eq(line(a.line)),
            )
        })
        .collect();
    diesel::insert_into(area_scores::table)
        .values(&areas)
        .execute(conn)?;
    let subareas: Vec<_> = e
        .subareas
        .iter()
        .map(|s| {
            (
                subarea_scores::evaluation_key.eq(key),
                subarea_scores::code.eq(s.code.to_string()),
                subarea_scores::area.eq(i32::from(s.code.area)),
                subarea_scores::item.eq(i32::from(s.code.item)),
                subarea_scores::name.eq(s.name.clone()),
                subarea_scores::points.eq(s.points.to_string()),
                subarea_scores::max.eq(s.max.to_string()),
                subarea_scores::percent.eq(s.percent.map(|p| p.to_string())),
                subarea_scores::line.eq(line(s.line)),
            )
        })
        .collect();
    diesel::insert_into(subarea_scores::table)
        .values(&subareas)
        .execute(conn)?;
    let notes: Vec<_> = e
        .discrepancies
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                discrepancies::evaluation_key.eq(key),
                discrepancies::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                discrepancies::figure.eq(d.figure.clone()),
                discrepancies::note.eq(d.note.clone()),
            )
        })
        .collect();
    diesel::insert_into(discrepancies::table)
        .values(&notes)
        .execute(conn)?;
    let texts: Vec<_> = e
        .texts
        .iter()
        .map(|t| {
            (
                area_texts::evaluation_key.eq(key),
                area_texts::area.eq(i32::from(t.area)),
                area_texts::kind.eq(t.kind.as_str()),
                area_texts::text.eq(t.text.clone()),
            )
        })
        .collect();
    diesel::insert_into(area_texts::table)
        .values(&texts)
        .execute(conn)?;
    Ok(key)
}

/// Gives every evaluation its public id: "{code}-{year}", or
/// "{code}-{year}-{month}" where a municipality has two in one year.
pub fn assign_public_ids(conn: &mut SqliteConnection) -> Result<(), DbError> {
    let rows: Vec<(i32, String, i32, Option<i32>, String)> = evaluations::table
        .select((
            evaluations::key,
            evaluations::municipality_code,
            evaluations::year,
            evaluations::month,
            evaluations::id,
        ))
        .load(conn)?;
    let mut per_year: BTreeMap<(String, i32), usize> = BTreeMap::new();
    for (_, code, year, _, _) in &rows {
        *per_year.entry((code.clone(), *year)).or_default() += 1;
    }
    let wanted: Vec<(i32, String, String)> = rows
        .into_iter()
        .map(|(key, code, year, month, current)| {
            let id = match (per_year.get(&(code.clone(), year)), month) {
                (Some(n), Some(m)) if *n > 1 => format!("{code}-{year}-{m:02}"),
                _ => format!("{code}-{year}"),
            };
            (key, id, current)
        })
        .filter(|(_, id, current)| id != current)
        .collect();
    // Two passes, so that swapping ids never collides with the unique index.
    for (key, _, _) in &wanted {
        diesel::update(evaluations::table.filter(evaluations::key.eq(key)))
            .set(evaluations::id.eq(format!("renumbering-{key}")))
            .execute(conn)?;
    }
    for (key, id, _) in &wanted {
        diesel::update(evaluations::table.filter(evaluations::key.eq(key)))
            .set(evaluations::id.eq(id))
            .execute(conn)?;
    }
    Ok(())
}

/// Bundled evaluations whose file is no longer in the bundle.
pub fn remove_bundle_evaluations_except(
    conn: &mut SqliteConnection,
    files: &BTreeSet<String>,
) -> Result<Vec<String>, DbError> {
    let stored: Vec<(i32, String, String)> = evaluations::table
        .filter(evaluations::origin.eq(Origin::Bundle.as_str()))
        .select((evaluations::key, evaluations::source_file, evaluations::id))
        .load(conn)?;
    let mut removed = Vec::new();
    for (key, file, id) in stored {
        if !files.contains(&file) {
            delete_evaluation(conn, key)?;
            removed.push(id);
        }
    }
    Ok(removed)
}

/// Replaces the reference data with the bundle's.
pub fn replace_reference(
    conn: &mut SqliteConnection,
    list: &[Municipality],
    catalogue: &Catalogue,
    benchmark_list: &[Benchmark],
) -> Result<(), DbError> {
    for m in list {
        let values = (
            municipalities::code.eq(m.code.as_str()),
            municipalities::name.eq(&m.name),
            municipalities::county_code.eq(&m.county_code),
            municipalities::county.eq(&m.county),
        );
        diesel::insert_into(municipalities::table)
            .values(values)
            .on_conflict(municipalities::code)
            .do_update()
            .set(values)
            .execute(conn)?;
    }
    let codes: Vec<&str> = list.iter().map(|m| m.code.as_str()).collect();
    let in_use = evaluations::table.select(evaluations::municipality_code);
    diesel::delete(
        municipalities::table
            .filter(municipalities::code.ne_all(codes))
            .filter(municipalities::code.ne_all(in_use)),
    )
    .execute(conn)?;

    diesel::delete(revisions::table).execute(conn)?;
    diesel::delete(themes::table).execute(conn)?;
    for t in &catalogue.themes {
        diesel::insert_into(themes::table)
            .values((
                themes::number.eq(i32::from(t.number)),
                themes::name.eq(&t.name),
                themes::slug.eq(&t.slug),
                themes::heading.eq(&t.heading),
            ))
            .execute(conn)?;
    }
    for r in &catalogue.revisions {
        let id = r.id.to_string();
        diesel::insert_into(revisions::table)
            .values((
                revisions::id.eq(&id),
                revisions::name.eq(&r.name),
                revisions::used.eq(&r.used),
                revisions::fallback.eq(r.fallback),
            ))
            .execute(conn)?;
        for a in &r.areas {
            diesel::insert_into(revision_areas::table)
                .values((
                    revision_areas::revision.eq(&id),
                    revision_areas::number.eq(i32::from(a.number)),
                    revision_areas::name.eq(&a.name),
                    revision_areas::theme.eq(i32::from(a.theme)),
                    revision_areas::confidence.eq(a.confidence.as_str()),
                    revision_areas::note.eq(&a.crosswalk_note),
                ))
                .execute(conn)?;
            for alias in &a.aliases {
                diesel::insert_into(area_aliases::table)
                    .values((
                        area_aliases::revision.eq(&id),
                        area_aliases::number.eq(i32::from(a.number)),
                        area_aliases::alias.eq(alias),
                    ))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            }
            for s in &a.subareas {
                diesel::insert_into(catalogue_subareas::table)
                    .values((
                        catalogue_subareas::revision.eq(&id),
                        catalogue_subareas::code.eq(s.code.to_string()),
                        catalogue_subareas::area.eq(i32::from(s.code.area)),
                        catalogue_subareas::item.eq(i32::from(s.code.item)),
                        catalogue_subareas::name.eq(&s.name),
                        catalogue_subareas::max.eq(s.max.to_string()),
                    ))
                    .execute(conn)?;
            }
        }
    }

    diesel::delete(benchmarks::table).execute(conn)?;
    for (i, b) in benchmark_list.iter().enumerate() {
        let id = i32::try_from(i + 1).unwrap_or(i32::MAX);
        diesel::insert_into(benchmarks::table)
            .values((
                benchmarks::id.eq(id),
                benchmarks::label.eq(&b.label),
                benchmarks::revision.eq(b.revision.to_string()),
                benchmarks::year.eq(b.year),
                benchmarks::evaluations.eq(b.evaluations.and_then(|n| i32::try_from(n).ok())),
                benchmarks::total.eq(b.total.map(|t| t.to_string())),
                benchmarks::source_url.eq(&b.source_url),
                benchmarks::notes.eq(&b.notes),
            ))
            .execute(conn)?;
        for (number, points) in &b.areas {
            diesel::insert_into(benchmark_areas::table)
                .values((
                    benchmark_areas::benchmark_id.eq(id),
                    benchmark_areas::number.eq(i32::from(*number)),
                    benchmark_areas::points.eq(points.to_string()),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Sub-areas stored for revisions whose sub-areas the catalogue does not list,
/// with the max they were printed with.
pub fn recorded_subareas(
    conn: &mut SqliteConnection,
    catalogue: &Catalogue,
) -> Result<BTreeMap<(Revision, SubareaCode), Score>, DbError> {
    let rows: Vec<(String, String, String)> = subarea_scores::table
        .inner_join(evaluations::table)
        .select((
            evaluations::revision,
            subarea_scores::code,
            subarea_scores::max,
        ))
        .distinct()
        .load(conn)?;
    let mut out = BTreeMap::new();
    for (revision, code, max) in rows {
        let corrupt = |what: &str| {
            DbError::Corrupt(format!("{what} in subarea_scores: {revision} {code} {max}"))
        };
        let revision: Revision = revision.parse().map_err(|_| corrupt("revision"))?;
        if catalogue
            .revision(revision)
            .is_some_and(|r| r.knows_subareas())
        {
            continue;
        }
        let code: SubareaCode = code.parse().map_err(|_| corrupt("code"))?;
        let max = Score::parse_printed(&max).map_err(|_| corrupt("max"))?;
        out.insert((revision, code), max);
    }
    Ok(out)
}

pub fn get_meta(conn: &mut SqliteConnection, key: &str) -> Result<Option<String>, DbError> {
    Ok(meta::table
        .filter(meta::key.eq(key))
        .select(meta::value)
        .first(conn)
        .optional()?)
}

pub fn set_meta(conn: &mut SqliteConnection, key: &str, value: &str) -> Result<(), DbError> {
    diesel::insert_into(meta::table)
        .values((meta::key.eq(key), meta::value.eq(value)))
        .on_conflict(meta::key)
        .do_update()
        .set(meta::value.eq(value))
        .execute(conn)?;
    Ok(())
}

pub const BUNDLE_HASH: &str = "bundle_hash";
pub const DATA_VERSION: &str = "data_version";
pub const DATA_UPDATED_AT: &str = "data_updated_at";

/// Recomputes the fingerprint of everything stored; changes only when content
/// does. Returns whether it changed.
pub fn refresh_data_version(conn: &mut SqliteConnection, now: &str) -> Result<bool, DbError> {
    let mut hasher = Sha256::new();
    let bundle = get_meta(conn, BUNDLE_HASH)?.unwrap_or_default();
    hasher.update(bundle.as_bytes());
    let rows: Vec<(String, String)> = evaluations::table
        .select((evaluations::id, evaluations::content_hash))
        .order(evaluations::id)
        .load(conn)?;
    for (id, hash) in rows {
        hasher.update(id.as_bytes());
        hasher.update(hash.as_bytes());
    }
    let version = hex::encode(&hasher.finalize()[..12]);
    if get_meta(conn, DATA_VERSION)?.as_deref() == Some(version.as_str()) {
        return Ok(false);
    }
    set_meta(conn, DATA_VERSION, &version)?;
    set_meta(conn, DATA_UPDATED_AT, now)?;
    Ok(true)
}
