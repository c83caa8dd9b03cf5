//! Which bundled files an evaluation imported by hand holds back. The hand
//! import wins (a deliberate choice the bundle must not undo), but every run
//! says so, with the way back (`kompass import DIR --prefer-bundle`). Each
//! sync records the bundled files with the evaluation each describes
//! (`meta::BUNDLE_FILES`), so a run with nothing to sync tells it too,
//! without reading the bundle.

use std::collections::HashMap;
use std::path::Path;

use diesel::Connection;
use diesel::sqlite::SqliteConnection;
use serde::{Deserialize, Serialize};

use crate::db::meta::{self, BUNDLE_FILES};
use crate::db::rows::StoredRow;
use crate::db::{self, DbError, read};
use crate::domain::identity::Match;
use crate::domain::{EvaluationId, EvaluationKey, Origin};

/// A bundled file and the evaluation it describes, as recorded.
#[derive(Debug, Serialize, Deserialize)]
struct BundledFile {
    file: String,
    municipality: String,
    year: i32,
    month: Option<u8>,
}

/// A bundled file whose evaluation is stored as imported by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    /// The bundled file, relative to the bundle folder.
    pub file: String,
    /// The evaluation it describes, as stored.
    pub id: EvaluationId,
    /// The file it was imported by hand from.
    pub imported_from: String,
    /// When (RFC 3339).
    pub imported_at: String,
}

/// Records the bundled files just synced, each with the evaluation it
/// describes.
pub fn record(
    conn: &mut SqliteConnection,
    files: &[(String, EvaluationKey)],
) -> Result<(), DbError> {
    let listed: Vec<BundledFile> = files
        .iter()
        .map(|(file, key)| BundledFile {
            file: file.clone(),
            municipality: key.municipality.to_string(),
            year: key.year,
            month: key.month,
        })
        .collect();
    let text = serde_json::to_string(&listed)
        .map_err(|e| DbError::Corrupt(format!("cannot record the bundled files: {e}")))?;
    meta::set(conn, BUNDLE_FILES, &text)
}

/// The bundled files held back now; `None` when no sync has recorded the
/// bundle's files yet (the run then syncs, which records them).
pub fn find(conn: &mut SqliteConnection) -> Result<Option<Vec<HeldBack>>, DbError> {
    let Some(text) = meta::get(conn, BUNDLE_FILES)? else {
        return Ok(None);
    };
    let Ok(files) = serde_json::from_str::<Vec<BundledFile>>(&text) else {
        return Ok(None);
    };
    Ok(Some(held_back(&files, read::load_index_dated(conn)?)))
}

/// `find` on the database at `path`, opened read-only for it; `None` when it
/// cannot say.
pub fn peek(path: &Path) -> Option<Vec<HeldBack>> {
    let mut conn = SqliteConnection::establish(&db::read_only_uri(path)).ok()?;
    find(&mut conn).ok().flatten()
}

/// Each recorded file whose evaluation (by the domain's one rule) is stored
/// as imported by hand.
fn held_back(files: &[BundledFile], index: Vec<(StoredRow, String)>) -> Vec<HeldBack> {
    let mut by_year: HashMap<(String, i32), Vec<(StoredRow, String)>> = HashMap::new();
    for (row, at) in index {
        by_year
            .entry((row.municipality_code.to_string(), row.year))
            .or_default()
            .push((row, at));
    }
    files
        .iter()
        .filter_map(|f| {
            let group = by_year.get(&(f.municipality.clone(), f.year))?;
            let code = f.municipality.parse().ok()?;
            let key = EvaluationKey::new(code, f.year, f.month);
            let Match::Same((row, at)) =
                key.resolve(group.iter().map(|(r, at)| (r.evaluation_key(), (r, at))))
            else {
                return None;
            };
            (row.origin == Origin::Import).then(|| HeldBack {
                file: f.file.clone(),
                id: row.id.clone(),
                imported_from: row.source_file.clone(),
                imported_at: at.clone(),
            })
        })
        .collect()
}
