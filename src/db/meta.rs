//! The `meta` table: small named values about the stored data as a whole.

use std::path::Path;

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

use super::DbError;
use super::schema::meta;

/// The content hash of the bundled data folder last imported.
pub const BUNDLE_HASH: &str = "bundle_hash";
/// What the file system said of that folder's files when they were hashed
/// (`import::bundle::stat`): the same again means the same files.
pub const BUNDLE_STAT: &str = "bundle_stat";
/// The bundled evaluation files last synced, each with the evaluation it
/// describes (JSON, `pipeline::held_back`): which bundled files an
/// evaluation imported by hand holds back, told on every run without
/// reading the bundle.
pub const BUNDLE_FILES: &str = "bundle_files";
/// The fingerprint of everything stored: it changes whenever any of it does,
/// and tells a running server to reload (not the citable `DataVersion`).
pub const FINGERPRINT: &str = "fingerprint";
/// The recorded `TextsDigest`.
const TEXTS_DIGEST: &str = "texts_digest";
/// When the stored data last changed (RFC 3339).
pub const DATA_UPDATED_AT: &str = "data_updated_at";

pub fn get(conn: &mut SqliteConnection, key: &str) -> Result<Option<String>, DbError> {
    Ok(meta::table
        .filter(meta::key.eq(key))
        .select(meta::value)
        .first(conn)
        .optional()?)
}

pub fn set(conn: &mut SqliteConnection, key: &str, value: &str) -> Result<(), DbError> {
    diesel::insert_into(meta::table)
        .values((meta::key.eq(key), meta::value.eq(value)))
        .on_conflict(meta::key)
        .do_update()
        .set(meta::value.eq(value))
        .execute(conn)?;
    Ok(())
}

/// The digest of every report text, with the fingerprint it was taken
/// of: recorded by the import when the fingerprint changes, so that
/// loading the data need not read all the texts (the digest enters the
/// citable version). Stored as `{fingerprint}:{digest}`, read and written
/// only here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextsDigest {
    pub fingerprint: String,
    pub digest: String,
}

impl TextsDigest {
    /// The recorded digest, if any (none for a value that does not read).
    pub fn read(conn: &mut SqliteConnection) -> Result<Option<Self>, DbError> {
        Ok(get(conn, TEXTS_DIGEST)?.as_deref().and_then(Self::parse))
    }

    /// The recorded digest of the database at `path`, as `peek` reads.
    pub fn peek(path: &Path) -> Option<Self> {
        Self::parse(&peek(path, TEXTS_DIGEST)?)
    }

    pub fn write(&self, conn: &mut SqliteConnection) -> Result<(), DbError> {
        let value = format!("{}:{}", self.fingerprint, self.digest);
        set(conn, TEXTS_DIGEST, &value)
    }

    fn parse(value: &str) -> Option<Self> {
        let (fingerprint, digest) = value.split_once(':')?;
        Some(Self {
            fingerprint: fingerprint.to_string(),
            digest: digest.to_string(),
        })
    }

    /// The digest, when it was taken of `fingerprint`.
    pub fn of(self, fingerprint: &str) -> Option<String> {
        (self.fingerprint == fingerprint).then_some(self.digest)
    }
}

/// A value from the database at `path`, opened read-only for this one
/// question; `None` when it is not there or cannot be read (no file yet, a
/// journal an interrupted import left, an older schema).
pub fn peek(path: &Path, key: &str) -> Option<String> {
    if !path.is_file() {
        return None;
    }
    let mut conn = SqliteConnection::establish(&super::read_only_uri(path)).ok()?;
    get(&mut conn, key).ok().flatten()
}
