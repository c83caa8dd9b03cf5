//! The inbox file: one SQLite database of its own (never the served one),
//! with its own embedded migrations. Each entry is one row written in one
//! immediate transaction, with its reference numbered inside it, so a
//! process killed at any point leaves the entry whole or absent; WAL and
//! `synchronous = FULL` make a committed entry survive the kill. The file is
//! made readable by its owner only (it holds contact addresses).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use diesel::connection::SimpleConnection;
use diesel::dsl::{count_star, max, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::InboxError;
use super::entry::{Caps, Decision, Entry, Full, InputKind, NewEntry, Status};
use super::schema::entries;
use crate::domain::EvaluationKey;
use crate::domain::contribution::ContributionRef;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("src/inbox/migrations");

/// How long a writer waits for another's lock (the server's send against
/// a curator's `accept`).
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// An open inbox.
pub struct Inbox {
    conn: SqliteConnection,
    path: PathBuf,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = entries, check_for_backend(diesel::sqlite::Sqlite))]
struct Row {
    year: i32,
    number: i32,
    received_at: String,
    received_name: String,
    input: String,
    municipality_code: String,
    evaluation_year: i32,
    evaluation_month: Option<i32>,
    file_name: String,
    evaluation_toml: String,
    source_url: String,
    contact: Option<String>,
    message: Option<String>,
    status: String,
    decided_at: Option<String>,
    reason: Option<String>,
    accepted_file: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = entries)]
struct Insert<'a> {
    year: i32,
    number: i32,
    received_at: String,
    received_name: &'a str,
    input: &'a str,
    municipality_code: &'a str,
    evaluation_year: i32,
    evaluation_month: Option<i32>,
    file_name: &'a str,
    evaluation_toml: &'a str,
    report_text: Option<&'a str>,
    source_url: &'a str,
    contact: Option<&'a str>,
    message: Option<&'a str>,
    bytes: i64,
}

fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn corrupt(what: &str, value: &str) -> InboxError {
    InboxError::Corrupt(format!("{what} {value:?}"))
}

fn read_time(what: &str, text: &str) -> Result<DateTime<Utc>, InboxError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt(what, text))
}

impl Row {
    fn into_entry(self, report_text: Option<String>) -> Result<Entry, InboxError> {
        let reference = u32::try_from(self.number)
            .ok()
            .and_then(|n| ContributionRef::new(self.year, n))
            .ok_or_else(|| corrupt("reference", &format!("{}-{}", self.year, self.number)))?;
        let municipality = self
            .municipality_code
            .parse()
            .map_err(|_| corrupt("municipality", &self.municipality_code))?;
        let month = self
            .evaluation_month
            .map(|m| u8::try_from(m).map_err(|_| corrupt("month", &m.to_string())))
            .transpose()?;
        Ok(Entry {
            reference,
            received_at: read_time("received_at", &self.received_at)?,
            sent: NewEntry {
                received_name: self.received_name,
                input: InputKind::parse(&self.input)
                    .ok_or_else(|| corrupt("input", &self.input))?,
                key: EvaluationKey::new(municipality, self.evaluation_year, month),
                file_name: self.file_name,
                evaluation_toml: self.evaluation_toml,
                report_text,
                source_url: self.source_url,
                contact: self.contact,
                message: self.message,
            },
            status: Status::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?,
            decided_at: self
                .decided_at
                .as_deref()
                .map(|t| read_time("decided_at", t))
                .transpose()?,
            reason: self.reason,
            accepted_file: self.accepted_file,
        })
    }
}

/// Makes the file, readable by its owner only, when it is not there.
fn create_private(path: &Path) -> Result<(), InboxError> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path);
    match made {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(InboxError::Open {
            path: path.display().to_string(),
            cause: e.to_string(),
        }),
    }
}

impl Inbox {
    /// Opens the inbox at `path`, making it when it is not there.
    pub fn open(path: &Path) -> Result<Self, InboxError> {
        create_private(path)?;
        Self::connect(path)
    }

    /// Opens an inbox that must exist (the curator's commands).
    pub fn open_existing(path: &Path) -> Result<Self, InboxError> {
        if !path.exists() {
            return Err(InboxError::Missing(path.display().to_string()));
        }
        Self::connect(path)
    }

    fn connect(path: &Path) -> Result<Self, InboxError> {
        let text = path.to_string_lossy().to_string();
        let url = if text.starts_with("file:") {
            format!("./{text}")
        } else {
            text
        };
        let open_error = |cause: String| InboxError::Open {
            path: path.display().to_string(),
            cause,
        };
        let mut conn = SqliteConnection::establish(&url).map_err(|e| open_error(e.to_string()))?;
        conn.batch_execute(&format!(
            "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
            LOCK_WAIT.as_millis()
        ))
        .map_err(|e| open_error(e.to_string()))?;
        conn.run_pending_migrations(MIGRATIONS)
            .map_err(|e| InboxError::Migration(e.to_string()))?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts `entry` in the inbox, received `now`, unless that would pass
    /// `caps`: its reference, numbered after the year's last.
    pub fn add(
        &mut self,
        entry: &NewEntry,
        caps: Caps,
        now: DateTime<Utc>,
    ) -> Result<ContributionRef, InboxError> {
        let bytes = i64::try_from(entry.bytes()).unwrap_or(i64::MAX);
        let year = now.year();
        let month = entry.key.month.map(i32::from);
        let path = self.path.clone();
        self.conn
            .immediate_transaction(|conn| {
                let (waiting, held): (i64, Option<i64>) = entries::table
                    .filter(entries::status.eq(Status::New.as_str()))
                    .select((count_star(), sql::<Nullable<BigInt>>("SUM(bytes)")))
                    .first(conn)?;
                let waiting = u64::try_from(waiting).unwrap_or(0);
                let held = u64::try_from(held.unwrap_or(0)).unwrap_or(0);
                if waiting >= caps.entries {
                    return Err(InboxError::Full(Full::Entries { max: caps.entries }));
                }
                if held.saturating_add(entry.bytes()) > caps.bytes {
                    return Err(InboxError::Full(Full::Bytes { max: caps.bytes }));
                }
                let last: Option<i32> = entries::table
                    .filter(entries::year.eq(year))
                    .select(max(entries::number))
                    .first(conn)?;
                let number = last.unwrap_or(0).saturating_add(1);
                diesel::insert_into(entries::table)
                    .values(Insert {
                        year,
                        number,
                        received_at: time_text(now),
                        received_name: &entry.received_name,
                        input: entry.input.as_str(),
                        municipality_code: entry.key.municipality.as_str(),
                        evaluation_year: entry.key.year,
                        evaluation_month: month,
                        file_name: &entry.file_name,
                        evaluation_toml: &entry.evaluation_toml,
                        report_text: entry.report_text.as_deref(),
                        source_url: &entry.source_url,
                        contact: entry.contact.as_deref(),
                        message: entry.message.as_deref(),
                        bytes,
                    })
                    .execute(conn)?;
                u32::try_from(number)
                    .ok()
                    .and_then(|n| ContributionRef::new(year, n))
                    .ok_or_else(|| corrupt("reference", &format!("{year}-{number}")))
            })
            .map_err(|e| e.on(&path))
    }

    /// Every entry (without the report texts), oldest first; only those
    /// waiting when `waiting`.
    pub fn list(&mut self, waiting: bool) -> Result<Vec<Entry>, InboxError> {
        let mut query = entries::table
            .select(Row::as_select())
            .order((entries::year, entries::number))
            .into_boxed();
        if waiting {
            query = query.filter(entries::status.eq(Status::New.as_str()));
        }
        let rows: Vec<Row> = query.load(&mut self.conn)?;
        rows.into_iter().map(|r| r.into_entry(None)).collect()
    }

    /// One entry, with the report's text.
    pub fn get(&mut self, reference: ContributionRef) -> Result<Entry, InboxError> {
        let found: Option<(Row, Option<String>)> = entries::table
            .filter(entries::year.eq(reference.year()))
            .filter(entries::number.eq(i32::try_from(reference.number()).unwrap_or(i32::MAX)))
            .select((Row::as_select(), entries::report_text))
            .first(&mut self.conn)
            .optional()?;
        let (row, text) = found.ok_or(InboxError::NotFound(reference))?;
        row.into_entry(text)
    }

    /// Records the curator's decision on an entry waiting for one.
    pub fn decide(
        &mut self,
        reference: ContributionRef,
        decision: &Decision,
        now: DateTime<Utc>,
    ) -> Result<(), InboxError> {
        let entry = self.get(reference)?;
        if entry.status != Status::New {
            return Err(InboxError::AlreadyDecided {
                reference,
                status: entry.status,
            });
        }
        let (status, reason, file) = match decision {
            Decision::Accepted { file } => (Status::Accepted, None, Some(file.as_str())),
            Decision::Rejected { reason } => (Status::Rejected, Some(reason.as_str()), None),
        };
        let number = i32::try_from(reference.number()).unwrap_or(i32::MAX);
        diesel::update(
            entries::table
                .filter(entries::year.eq(reference.year()))
                .filter(entries::number.eq(number))
                .filter(entries::status.eq(Status::New.as_str())),
        )
        .set((
            entries::status.eq(status.as_str()),
            entries::decided_at.eq(time_text(now)),
            entries::reason.eq(reason),
            entries::accepted_file.eq(file),
        ))
        .execute(&mut self.conn)
        .map_err(|e| InboxError::from(e).on(&self.path))?;
        Ok(())
    }

    /// `PRAGMA integrity_check`'s answer ("ok").
    pub fn integrity(&mut self) -> Result<String, InboxError> {
        #[derive(QueryableByName)]
        struct Check {
            #[diesel(sql_type = diesel::sql_types::Text)]
            integrity_check: String,
        }
        let rows: Vec<Check> = diesel::sql_query("PRAGMA integrity_check").load(&mut self.conn)?;
        Ok(rows
            .into_iter()
            .map(|c| c.integrity_check)
            .collect::<Vec<_>>()
            .join("; "))
    }
}

#[cfg(test)]
mod tests;
