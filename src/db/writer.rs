//! Writing safely: one immediate transaction that keeps the first error (not
//! the rollback's), SQLite's faults named by their cause, and, after any
//! failure, the database as it was, with no journal left beside it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::result::Error as QueryError;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};

use super::DbError;

/// How long an import waits for another process's write lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The rollback journal SQLite keeps beside a database while it writes.
pub fn journal_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// SQLite's message for a failed statement, if it is one.
fn sqlite_message(e: &DbError) -> Option<&str> {
    match e {
        DbError::Query(QueryError::DatabaseError(_, info)) => Some(info.message()),
        DbError::Migration(message) => Some(message),
        _ => None,
    }
}

/// What an SQLite failure means for the database at `path`: no space left,
/// another process holding it, or a database that cannot be written.
pub fn classify(e: DbError, path: &Path) -> DbError {
    let path_text = || path.display().to_string();
    match sqlite_message(&e) {
        Some(m) if m.contains("database or disk is full") => DbError::NoSpace { path: path_text() },
        Some(m) if m.contains("database is locked") || m.contains("database table is locked") => {
            DbError::InUse {
                path: path_text(),
                waited: LOCK_WAIT.as_secs(),
            }
        }
        Some(m)
            if m.contains("readonly database") || m.contains("unable to open database file") =>
        {
            DbError::ReadOnly { path: path_text() }
        }
        _ => e,
    }
}

/// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when `commit`
/// and `body` succeeded, else rolled back. The error returned is the first
/// one (the statement's or the commit's), never the rollback's: after some
/// faults (a full disk) SQLite has rolled back by itself, and the rollback
/// then only says "no transaction is active".
pub fn in_transaction<T, E>(
    conn: &mut SqliteConnection,
    commit: bool,
    body: impl FnOnce(&mut SqliteConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DbError>,
{
    conn.batch_execute("BEGIN IMMEDIATE")
        .map_err(|e| E::from(DbError::Query(e)))?;
    let outcome = body(conn);
    let committed = match (&outcome, commit) {
        (Ok(_), true) => conn.batch_execute("COMMIT").map_err(DbError::Query),
        _ => Ok(()),
    };
    if outcome.is_err() || committed.is_err() || !commit {
        let _ = conn.batch_execute("ROLLBACK");
    }
    match (outcome, committed) {
        (Ok(value), Ok(())) => Ok(value),
        (Ok(_), Err(e)) => Err(E::from(e)),
        (Err(e), _) => Err(e),
    }
}

/// After a failed run into an existing database: makes sure it is as it was.
/// A journal left beside it (the rollback could not finish, or the process
/// writing it was killed) is rolled back by reading the database once.
pub fn restore(path: &Path, cause: String) -> Result<(), DbError> {
    let journal = journal_path(path);
    if !journal.exists() {
        return Ok(());
    }
    let url = path.to_string_lossy().to_string();
    if let Ok(mut conn) = SqliteConnection::establish(&url) {
        // Any read makes SQLite roll a hot journal back.
        let _ = diesel::sql_query("SELECT count(*) FROM sqlite_master").execute(&mut conn);
    }
    if journal.exists() {
        return Err(DbError::JournalLeft {
            path: path.display().to_string(),
            journal: journal.display().to_string(),
            cause,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_sits_beside_the_database_whatever_its_name() {
        assert_eq!(
            journal_path(Path::new("/data/kompass.sqlite")),
            Path::new("/data/kompass.sqlite-journal")
        );
        assert_eq!(journal_path(Path::new("k")), Path::new("k-journal"));
    }

    #[test]
    fn a_failed_body_keeps_its_error_and_rolls_back() {
        let mut conn = super::super::open_in_memory().unwrap();
        let result: Result<(), DbError> = in_transaction(&mut conn, true, |conn| {
            conn.batch_execute("INSERT INTO meta (key, value) VALUES ('a', 'b')")?;
            Err(DbError::Corrupt("the body's own error".into()))
        });
        assert_eq!(
            result.unwrap_err().to_string(),
            "the database holds a value kompass cannot read: the body's own error"
        );
        assert_eq!(super::super::meta::get(&mut conn, "a").unwrap(), None);
        // A dry run rolls back what succeeded.
        in_transaction::<_, DbError>(&mut conn, false, |conn| {
            super::super::meta::set(conn, "a", "b")
        })
        .unwrap();
        assert_eq!(super::super::meta::get(&mut conn, "a").unwrap(), None);
    }
}
