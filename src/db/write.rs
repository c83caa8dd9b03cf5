//! Writes, used only by the import pipeline inside its one transaction. What
//! to write is the pipeline's decision (which evaluation is which, the public
//! ids); this module only stores it, set by set.

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use sha2::{Digest, Sha256};

use super::DbError;
use super::meta::{self, BUNDLE_HASH, DATA_UPDATED_AT, FINGERPRINT, TextsDigest};
use super::rows::{
    AreaScoreRow, AreaTextRow, BenchmarkRow, BorderRow, DiscrepancyRow, EvaluationFields, GroupRow,
    MunicipalityRow, PlaceRow, RevisionRow, RowId, StatedChangeRow, SubareaScoreRow, ThemeRow,
};
use super::schema::{
    area_aliases, area_scores, area_texts, benchmark_areas, benchmarks, borders,
    catalogue_subareas, discrepancies, evaluations, municipalities, municipality_groups, places,
    revision_areas, revisions, stated_changes, subarea_scores, themes,
};
use crate::domain::place::Places;
use crate::domain::{Benchmark, Catalogue, Evaluation, EvaluationId, Municipality, Provenance};

/// Inserts an evaluation with all its figures and texts under `id`; returns
/// its row.
pub fn insert_evaluation(
    conn: &mut SqliteConnection,
    e: &Evaluation,
    id: &EvaluationId,
    provenance: &Provenance,
) -> Result<RowId, DbError> {
    let row: RowId = diesel::insert_into(evaluations::table)
        .values(EvaluationFields::of(e, id, provenance)?)
        .returning(evaluations::key)
        .get_result(conn)?;
    let areas: Vec<_> = e.areas.iter().map(|a| AreaScoreRow::of(row, a)).collect();
    diesel::insert_into(area_scores::table)
        .values(&areas)
        .execute(conn)?;
    let subareas: Vec<_> = e
        .subareas
        .iter()
        .map(|s| SubareaScoreRow::of(row, s))
        .collect();
    diesel::insert_into(subarea_scores::table)
        .values(&subareas)
        .execute(conn)?;
    let notes: Vec<_> = e
        .discrepancies
        .iter()
        .enumerate()
        .map(|(i, d)| DiscrepancyRow::of(row, i, d))
        .collect();
    diesel::insert_into(discrepancies::table)
        .values(&notes)
        .execute(conn)?;
    let stated: Vec<_> = e
        .stated_changes
        .iter()
        .enumerate()
        .map(|(i, s)| StatedChangeRow::of(row, i, s))
        .collect();
    diesel::insert_into(stated_changes::table)
        .values(&stated)
        .execute(conn)?;
    let texts: Vec<_> = e.texts.iter().map(|t| AreaTextRow::of(row, t)).collect();
    diesel::insert_into(area_texts::table)
        .values(&texts)
        .execute(conn)?;
    Ok(row)
}

/// Deletes evaluations (their figures and texts go with them).
pub fn delete_evaluations(conn: &mut SqliteConnection, rows: &[RowId]) -> Result<(), DbError> {
    for chunk in rows.chunks(500) {
        diesel::delete(evaluations::table.filter(evaluations::key.eq_any(chunk))).execute(conn)?;
    }
    Ok(())
}

/// Gives evaluations new public ids. Two passes, so that swapping ids never
/// collides with the unique index.
pub fn set_ids(conn: &mut SqliteConnection, ids: &[(RowId, EvaluationId)]) -> Result<(), DbError> {
    for (row, _) in ids {
        diesel::update(evaluations::table.filter(evaluations::key.eq(row)))
            .set(evaluations::id.eq(format!("renumbering-{row}")))
            .execute(conn)?;
    }
    for (row, id) in ids {
        diesel::update(evaluations::table.filter(evaluations::key.eq(row)))
            .set(evaluations::id.eq(id))
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces the registers with a bundle's. Municipalities still named
/// by a stored evaluation stay (the pipeline refuses a bundle that would
/// leave such an evaluation behind).
pub fn replace_registers(
    conn: &mut SqliteConnection,
    register: &[Municipality],
    catalogue: &Catalogue,
    benchmark_list: &[Benchmark],
) -> Result<(), DbError> {
    for m in register {
        let row = MunicipalityRow::from(m);
        diesel::insert_into(municipalities::table)
            .values(&row)
            .on_conflict(municipalities::code)
            .do_update()
            .set(&row)
            .execute(conn)?;
    }
    let codes: Vec<_> = register.iter().map(|m| m.code).collect();
    let in_use = evaluations::table.select(evaluations::municipality_code);
    diesel::delete(
        municipalities::table
            .filter(municipalities::code.ne_all(codes))
            .filter(municipalities::code.ne_all(in_use)),
    )
    .execute(conn)?;
    replace_catalogue(conn, catalogue)?;
    diesel::delete(benchmarks::table).execute(conn)?;
    for (i, b) in benchmark_list.iter().enumerate() {
        let (row, areas) = BenchmarkRow::of(i, b);
        diesel::insert_into(benchmarks::table)
            .values(&row)
            .execute(conn)?;
        diesel::insert_into(benchmark_areas::table)
            .values(&areas)
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces the places (kommungrupper, populations, outlines, borders)
/// with a bundle's; run after `replace_reference`, whose register they name.
pub fn replace_places(conn: &mut SqliteConnection, places: &Places) -> Result<(), DbError> {
    diesel::delete(borders::table).execute(conn)?;
    diesel::delete(places::table).execute(conn)?;
    diesel::delete(municipality_groups::table).execute(conn)?;
    let groups: Vec<GroupRow> = places
        .groups()
        .iter()
        .map(|g| GroupRow {
            code: g.code,
            name: g.name.clone(),
        })
        .collect();
    diesel::insert_into(municipality_groups::table)
        .values(&groups)
        .execute(conn)?;
    for (code, place) in places.iter() {
        diesel::insert_into(places::table)
            .values(&PlaceRow::of(code, place)?)
            .execute(conn)?;
    }
    let rows: Vec<BorderRow> = places.borders().iter().map(BorderRow::of).collect();
    for chunk in rows.chunks(500) {
        diesel::insert_into(borders::table)
            .values(chunk)
            .execute(conn)?;
    }
    Ok(())
}

fn replace_catalogue(conn: &mut SqliteConnection, catalogue: &Catalogue) -> Result<(), DbError> {
    diesel::delete(revisions::table).execute(conn)?;
    diesel::delete(themes::table).execute(conn)?;
    let themes: Vec<ThemeRow> = catalogue.themes.iter().map(ThemeRow::from).collect();
    diesel::insert_into(themes::table)
        .values(&themes)
        .execute(conn)?;
    for r in &catalogue.revisions {
        let rows = RevisionRow::of(r)?;
        diesel::insert_into(revisions::table)
            .values(&rows.revision)
            .execute(conn)?;
        diesel::insert_into(revision_areas::table)
            .values(&rows.areas)
            .execute(conn)?;
        for alias in &rows.aliases {
            diesel::insert_into(area_aliases::table)
                .values(alias)
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
        diesel::insert_into(catalogue_subareas::table)
            .values(&rows.subareas)
            .execute(conn)?;
    }
    Ok(())
}

/// Recomputes the fingerprint of everything stored; it changes only when
/// content does (then `now` becomes the time of the last change). Returns it.
pub fn refresh_fingerprint(conn: &mut SqliteConnection, now: &str) -> Result<String, DbError> {
    let mut hasher = Sha256::new();
    let bundle = meta::get(conn, BUNDLE_HASH)?.unwrap_or_default();
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
    if meta::get(conn, FINGERPRINT)?.as_deref() != Some(version.as_str()) {
        meta::set(conn, FINGERPRINT, &version)?;
        meta::set(conn, DATA_UPDATED_AT, now)?;
    }
    if TextsDigest::read(conn)?.is_none_or(|t| t.fingerprint != version) {
        let digest = super::read::texts_digest(conn)?;
        TextsDigest {
            fingerprint: version.clone(),
            digest,
        }
        .write(conn)?;
    }
    Ok(version)
}
