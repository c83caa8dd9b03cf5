//! The inbox as the server holds it: where it is, what it takes (the
//! options of `serve`), and the door a send goes through: the per-client
//! count and one writer at a time, the file opened at the first send.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::Utc;

use super::super::per_client::HourlyLimit;
use crate::domain::contribution::ContributionRef;
use crate::inbox::{self, Caps, Inbox, InboxError, NewEntry};

/// Sends one client may make in an hour, by default.
pub const PER_HOUR: u32 = 10;

/// Where the inbox is and what it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxSettings {
    /// The file; none: `inbox.db` beside the database.
    pub path: Option<PathBuf>,
    pub per_hour: u32,
    pub caps: Caps,
}

impl Default for InboxSettings {
    fn default() -> Self {
        Self {
            path: None,
            per_hour: PER_HOUR,
            caps: Caps::default(),
        }
    }
}

/// The command-line options of the inbox, for `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct InboxArgs {
    /// The inbox for evaluations sent with "Skicka in" on /bidra: an SQLite
    /// file of its own, the server's one write (never on a network share).
    /// Default: inbox.db beside --db. Unused with --contribute-to.
    #[arg(long, env = "KOMPASS_INBOX", value_name = "PATH")]
    pub inbox: Option<PathBuf>,
    /// How many evaluations one client may send in an hour.
    #[arg(long, env = "KOMPASS_INBOX_PER_HOUR", default_value_t = PER_HOUR, value_name = "N")]
    pub inbox_per_hour: u32,
    /// How many entries the inbox holds waiting for a curator.
    #[arg(
        long,
        env = "KOMPASS_INBOX_MAX_ENTRIES",
        default_value_t = 1000,
        value_name = "N"
    )]
    pub inbox_max_entries: u64,
    /// How many MiB the entries waiting may take.
    #[arg(
        long,
        env = "KOMPASS_INBOX_MAX_MB",
        default_value_t = 200,
        value_name = "MIB"
    )]
    pub inbox_max_mb: u64,
}

impl InboxArgs {
    pub fn settings(&self) -> InboxSettings {
        InboxSettings {
            path: self.inbox.clone(),
            per_hour: self.inbox_per_hour,
            caps: Caps {
                entries: self.inbox_max_entries,
                bytes: self.inbox_max_mb.saturating_mul(1024 * 1024),
            },
        }
    }
}

/// The inbox as the server holds it: opened at the first send (so a server
/// that is never sent anything makes no file), one writer at a time.
pub struct InboxDoor {
    path: PathBuf,
    caps: Caps,
    pub(super) sends: HourlyLimit,
    store: Mutex<Option<Inbox>>,
}

impl InboxDoor {
    /// The inbox of a server on `db`; none when evaluations go to an
    /// address (`--contribute-to`).
    pub fn new(settings: &super::super::Settings, db: &Path) -> Option<Self> {
        if settings.contribute_to.is_some() {
            return None;
        }
        let s = &settings.inbox;
        Some(Self {
            path: s.path.clone().unwrap_or_else(|| inbox::beside(db)),
            caps: s.caps,
            sends: HourlyLimit::new(s.per_hour),
            store: Mutex::new(None),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts an entry in the inbox (blocking: run it on the blocking pool).
    pub(super) fn put(&self, entry: &NewEntry) -> Result<ContributionRef, InboxError> {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if store.is_none() {
            *store = Some(Inbox::open(&self.path)?);
        }
        let Some(open) = store.as_mut() else {
            return Err(InboxError::Missing(self.path.display().to_string()));
        };
        let added = open.add(entry, self.caps, Utc::now());
        if matches!(added, Err(InboxError::Query(_) | InboxError::Open { .. })) {
            // Opened again at the next send.
            *store = None;
        }
        added
    }
}
