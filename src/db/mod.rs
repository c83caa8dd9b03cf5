//! SQLite through diesel: opening (read-write for imports, read-only for the
//! server), embedded migrations, and the queries in `write` and `read` over
//! the typed rows of `rows`.

pub mod meta;
pub mod read;
pub mod rows;
pub mod schema;
pub mod sql_types;
pub mod write;
pub mod writer;

use std::path::Path;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, ConnectionError};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

pub type DbPool = Pool<ConnectionManager<SqliteConnection>>;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: ConnectionError,
    },
    #[error("cannot bring the database schema up to date: {0}")]
    Migration(String),
    #[error("database query failed: {}", with_causes(.0))]
    Query(#[from] diesel::result::Error),
    #[error("the database holds a value kompass cannot read: {0}")]
    Corrupt(String),
    #[error("database connection pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("the database {0} does not exist; run `kompass serve` or `kompass import` first")]
    Missing(String),
    #[error(
        "no space left on the device for the database {path} (or the journal beside it); \
         nothing was changed"
    )]
    NoSpace { path: String },
    #[error(
        "the database {path} is in use by another process (another import, or `kompass serve` \
         importing) and stayed locked for {waited} s; nothing was changed: try again when it is done"
    )]
    InUse { path: String, waited: u64 },
    #[error(
        "the database {path} cannot be written (a read-only file or file system, or a folder \
         where its journal cannot be made); nothing was changed"
    )]
    ReadOnly { path: String },
    #[error(
        "the import into {path} failed ({cause}) and its journal {journal} is left: the database \
         holds its data from before, and is restored from the journal when it is next opened \
         for writing"
    )]
    JournalLeft {
        path: String,
        journal: String,
        cause: String,
    },
}

/// An error and what caused it ("Error deserializing field 'code': the
/// database holds \"18a1\", ..."), for messages that name the value.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

const PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

/// Opens (creating if needed) a database for writing and migrates it.
pub fn open_writable(path: &Path) -> Result<SqliteConnection, DbError> {
    let url = path.to_string_lossy().to_string();
    // A plain path is read as a URI when it starts with "file:"; make it explicit.
    let url = if url.starts_with("file:") {
        format!("./{url}")
    } else {
        url
    };
    let mut conn = SqliteConnection::establish(&url).map_err(|source| DbError::Open {
        path: path.display().to_string(),
        source,
    })?;
    // A writer waits for another's lock only so long, then says so.
    let wait = writer::LOCK_WAIT.as_millis();
    conn.batch_execute(&format!("PRAGMA busy_timeout = {wait};"))?;
    prepare(&mut conn).map_err(|e| writer::classify(e, path))?;
    Ok(conn)
}

/// An empty, migrated in-memory database, for checks that must not write.
pub fn open_in_memory() -> Result<SqliteConnection, DbError> {
    let mut conn = SqliteConnection::establish(":memory:").map_err(|source| DbError::Open {
        path: ":memory:".into(),
        source,
    })?;
    prepare(&mut conn)?;
    Ok(conn)
}

/// Foreign keys on, and the schema brought up to date. The busy timeout is
/// the caller's (a reader's is longer than a writer's).
fn prepare(conn: &mut SqliteConnection) -> Result<(), DbError> {
    conn.batch_execute("PRAGMA foreign_keys = ON;")?;
    conn.run_pending_migrations(MIGRATIONS)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(())
}

/// How many evaluations the database at `path` holds, read-only; `None`
/// when it cannot be read.
pub fn count_evaluations(path: &Path) -> Option<usize> {
    use diesel::prelude::*;
    let mut conn = SqliteConnection::establish(&read_only_uri(path)).ok()?;
    let n: i64 = schema::evaluations::table
        .count()
        .get_result(&mut conn)
        .ok()?;
    usize::try_from(n).ok()
}

/// `file:` URI for a path, so that SQLite can open it read-only.
pub(crate) fn read_only_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(b))
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri.push_str("?mode=ro");
    uri
}

#[derive(Debug)]
struct ReadOnlyPragmas;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for ReadOnlyPragmas {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute(PRAGMAS)
            .and_then(|()| conn.batch_execute("PRAGMA query_only = ON;"))
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// A pool of read-only connections: the web server never writes.
pub fn read_only_pool(path: &Path) -> Result<DbPool, DbError> {
    if !path.exists() {
        return Err(DbError::Missing(path.display().to_string()));
    }
    let manager = ConnectionManager::<SqliteConnection>::new(read_only_uri(path));
    Pool::builder()
        .max_size(4)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ReadOnlyPragmas))
        .build(manager)
        .map_err(|e| DbError::Open {
            path: path.display().to_string(),
            source: ConnectionError::BadConnection(e.to_string()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(table, [(column, diesel type)])` as declared in `schema.rs`.
    fn declared_tables() -> Vec<(String, Vec<(String, String)>)> {
        let text = include_str!("schema.rs");
        let mut tables = Vec::new();
        for block in text.split("diesel::table! {").skip(1) {
            let body = block.split("\n}").next().unwrap_or_default();
            let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
            let header = lines.next().unwrap();
            let name = header.split_whitespace().next().unwrap().to_string();
            let columns = lines
                .filter_map(|l| l.split_once(" -> "))
                .map(|(c, t)| (c.to_string(), t.trim_end_matches(',').to_string()))
                .collect();
            tables.push((name, columns));
        }
        tables
    }

    #[test]
    fn schema_matches_migrations() {
        use diesel::RunQueryDsl;
        use diesel::sql_types::{Integer, Text};

        #[derive(diesel::QueryableByName)]
        struct Column {
            #[diesel(sql_type = Text)]
            name: String,
            #[diesel(sql_type = Text)]
            r#type: String,
            #[diesel(sql_type = Integer)]
            notnull: i32,
            #[diesel(sql_type = Integer)]
            pk: i32,
        }

        let mut conn = open_in_memory().unwrap();
        let declared = declared_tables();
        assert_eq!(declared.len(), 18);
        for (table, columns) in declared {
            let actual: Vec<Column> = diesel::sql_query(format!("PRAGMA table_info({table})"))
                .load(&mut conn)
                .unwrap();
            let actual: Vec<(String, String)> = actual
                .into_iter()
                .map(|c| {
                    let base = match c.r#type.as_str() {
                        "TEXT" => "Text",
                        "INTEGER" => "Integer",
                        "BOOLEAN" => "Bool",
                        other => panic!("{table}.{}: unexpected type {other}", c.name),
                    };
                    let nullable = c.notnull == 0 && c.pk == 0;
                    let ty = if nullable {
                        format!("Nullable<{base}>")
                    } else {
                        base.to_string()
                    };
                    (c.name, ty)
                })
                .collect();
            assert_eq!(
                actual, columns,
                "table {table}: migrations and schema.rs differ"
            );
        }
    }

    #[test]
    fn read_only_uri_escapes_what_a_uri_cannot_hold() {
        assert_eq!(
            read_only_uri(Path::new("/tmp/a b?#.db")),
            "file:/tmp/a%20b%3F%23.db?mode=ro"
        );
    }
}
