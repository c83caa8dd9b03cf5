//! `kompass backup --db DB OUT.db`: a consistent copy of the database for
//! a replica or a backup, made with SQLite's `VACUUM INTO` inside one read
//! transaction, so an import running meanwhile is either wholly in it or
//! not at all (a raw copy of the file could catch it half-written). The
//! copy is written beside OUT, checked with `PRAGMA integrity_check`, and
//! renamed into place: OUT is never a partial file.

use std::path::{Path, PathBuf};

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Open(#[from] db::DbError),
    #[error("cannot copy {db} to {out}: {source}")]
    Copy {
        db: String,
        out: String,
        source: diesel::result::Error,
    },
    #[error("the copy {out} failed its integrity check: {found}")]
    Unsound { out: String, found: String },
    #[error("cannot move the copy into place as {out}: {source}")]
    Rename { out: String, source: std::io::Error },
}

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

/// `PRAGMA integrity_check` of a database file: "ok" when sound.
pub fn integrity(path: &Path) -> Result<String, BackupError> {
    let pool = db::read_only_pool(path)?;
    let mut conn = pool.get().map_err(db::DbError::from)?;
    let rows = diesel::sql_query("PRAGMA integrity_check")
        .load::<Check>(&mut conn)
        .map_err(|source| BackupError::Copy {
            db: path.display().to_string(),
            out: path.display().to_string(),
            source,
        })?;
    Ok(rows
        .into_iter()
        .map(|r| r.integrity_check)
        .collect::<Vec<_>>()
        .join("; "))
}

fn temporary_beside(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    out.with_file_name(name)
}

/// Copies `db` to `out` (replacing it) and returns the copy's size in bytes.
pub fn backup(db_path: &Path, out: &Path) -> Result<u64, BackupError> {
    let pool = db::read_only_pool(db_path)?;
    let mut conn = pool.get().map_err(db::DbError::from)?;
    let partial = temporary_beside(out);
    let _ = std::fs::remove_file(&partial);
    let copy_error = |source| BackupError::Copy {
        db: db_path.display().to_string(),
        out: out.display().to_string(),
        source,
    };
    // The pool's connections are query-only; VACUUM INTO writes only the
    // new file, which this switch allows (the source stays opened read-only).
    diesel::sql_query("PRAGMA query_only = OFF")
        .execute(&mut conn)
        .map_err(copy_error)?;
    let copied = diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(partial.to_string_lossy().to_string())
        .execute(&mut conn);
    drop(conn);
    if let Err(source) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(copy_error(source));
    }
    let found = integrity(&partial)?;
    if found != "ok" {
        let _ = std::fs::remove_file(&partial);
        return Err(BackupError::Unsound {
            out: out.display().to_string(),
            found,
        });
    }
    std::fs::rename(&partial, out).map_err(|source| BackupError::Rename {
        out: out.display().to_string(),
        source,
    })?;
    Ok(std::fs::metadata(out).map(|m| m.len()).unwrap_or(0))
}
