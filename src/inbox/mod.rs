//! The inbox: contributions sent with "Skicka in" on `/bidra`, kept for a
//! curator in an SQLite file of their own (`--inbox`, default `inbox.db`
//! beside the database). It is the server's one write: the served database
//! stays read-only to it. `store` is the file, `entry` what one holds,
//! `curate` what the curator's commands do with an entry (review it against
//! the data held, write it into the bundle), `terminal` how its texts are
//! printed without letting a sender's control characters reach a terminal.

pub mod curate;
pub mod entry;
mod schema;
pub mod sender;
pub mod store;
pub mod terminal;

use std::path::{Path, PathBuf};

pub use entry::{Caps, Decision, Entry, Full, InputKind, NewEntry, Status};
pub use store::Inbox;

use crate::domain::contribution::ContributionRef;

/// The inbox's file name beside the database.
pub const FILE_NAME: &str = "inbox.db";

/// Where the inbox is when none is named: beside the database.
pub fn beside(db: &Path) -> PathBuf {
    match db.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(FILE_NAME),
        _ => PathBuf::from(FILE_NAME),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error("cannot open the inbox {path}: {cause}")]
    Open { path: String, cause: String },
    #[error(
        "there is no inbox at {0}: `kompass serve` makes it when the first contribution is sent \
         (or give its path with --inbox)"
    )]
    Missing(String),
    #[error("cannot bring the inbox's schema up to date: {0}")]
    Migration(String),
    #[error("inbox query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("the inbox holds a value kompass cannot read: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Full(Full),
    #[error("no space left on the device for the inbox {path}; nothing was stored")]
    NoSpace { path: String },
    #[error("the inbox {path} stayed locked by another process; nothing was stored: try again")]
    InUse { path: String },
    #[error("the inbox {path} cannot be written (a read-only file or folder)")]
    ReadOnly { path: String },
    #[error("the inbox holds no contribution {0}")]
    NotFound(ContributionRef),
    #[error("{reference} was already {}; nothing was changed", status.as_str())]
    AlreadyDecided {
        reference: ContributionRef,
        status: Status,
    },
}

impl InboxError {
    /// SQLite's faults named by their cause, for the inbox at `path`.
    pub fn on(self, path: &Path) -> Self {
        let InboxError::Query(diesel::result::Error::DatabaseError(_, info)) = &self else {
            return self;
        };
        let message = info.message();
        let path = path.display().to_string();
        if message.contains("database or disk is full") {
            InboxError::NoSpace { path }
        } else if message.contains("database is locked") {
            InboxError::InUse { path }
        } else if message.contains("readonly database") {
            InboxError::ReadOnly { path }
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inbox_is_beside_the_database_unless_named() {
        assert_eq!(
            beside(Path::new("/var/lib/kompass/kompass.db")),
            Path::new("/var/lib/kompass/inbox.db")
        );
        assert_eq!(beside(Path::new("kompass.db")), Path::new("inbox.db"));
    }
}
