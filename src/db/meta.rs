//! The `meta` table: small named values about the stored data as a whole.

use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

use super::DbError;
use super::schema::meta;

/// Fingerprint of the bundled data folder last imported.
pub const BUNDLE_HASH: &str = "bundle_hash";
/// Fingerprint of everything stored (ETags derive from it).
pub const DATA_VERSION: &str = "data_version";
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
