//! The import pipeline: files -> parse -> validate -> store, all in one
//! database transaction, so that a run either stores everything or nothing.
//! `kompass serve`, `import` and `check` all go through `execute`.
//!
//! A run reads its reference data once (the bundled data folder's when it
//! is given, else the database's), brings the database in step with the
//! bundle when the bundle changed (`sync`), then takes the named files. Both
//! go through the same `Batch`: parsed (a report against the reference
//! data), one file per evaluation, validated, stored by the `Store`, which
//! decides with the domain's one rule which stored evaluation a file
//! replaces, and gives the public ids when the run ends.

mod batch;
mod error;
mod input;
mod reference;
mod report;
mod store;
mod sync;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use diesel::sqlite::SqliteConnection;

use crate::db::meta::{self, BUNDLE_HASH};
use crate::db::{self, read, write};
use crate::import::bundle::{self, Bundle};

use batch::Batch;
pub use error::PipelineError;
use input::Placement;
pub use input::{Input, Named, read_inputs, read_named};
use reference::RunReference;
pub use report::{Action, BundleSync, FileOutcome, RunReport, Tally};
use store::{Feed, Store};

/// Where the run writes.
#[derive(Debug, Clone)]
pub enum Target {
    /// A database file; created if missing.
    File(PathBuf),
    /// The database file if it exists (else an empty in-memory one), always
    /// rolled back: for `check`.
    DryRun(PathBuf),
}

/// One run: where it writes, the bundled data folder, and the named files.
#[derive(Debug)]
pub struct Request {
    pub target: Target,
    /// The bundled data folder: synced when it changed since the last run.
    pub bundle: Option<PathBuf>,
    /// Sync the bundle even when it did not change (`kompass check data-import`).
    pub recheck_bundle: bool,
    pub inputs: Vec<Input>,
}

/// Imports the bundled data folder (when it exists and changed) and then
/// `inputs`, in one transaction.
pub fn run(
    target: &Target,
    data_dir: Option<&Path>,
    inputs: Vec<Input>,
) -> Result<RunReport, PipelineError> {
    execute(Request {
        target: target.clone(),
        bundle: data_dir.map(Path::to_path_buf),
        recheck_bundle: false,
        inputs,
    })
}

pub fn execute(mut request: Request) -> Result<RunReport, PipelineError> {
    let inputs = std::mem::take(&mut request.inputs);
    let bundle = match &request.bundle {
        Some(dir) if bundle::is_bundle(dir) => Some(bundle::load(dir)?),
        _ => None,
    };
    let (path, commit) = match &request.target {
        Target::File(p) => (Some(p.clone()), true),
        Target::DryRun(p) if p.exists() => (Some(p.clone()), false),
        Target::DryRun(_) => (None, false),
    };
    let created = path.as_ref().is_some_and(|p| !p.exists());
    let result = (|| {
        let mut conn = match &path {
            Some(p) => db::open_writable(p)?,
            None => db::open_in_memory()?,
        };
        let outcome = conn.immediate_transaction(|conn| {
            let report = import_all(conn, &request, bundle.as_ref(), inputs)?;
            if commit {
                Ok(report)
            } else {
                // Returning an error is how a diesel transaction rolls back.
                Err(PipelineError::RolledBack(Box::new(report)))
            }
        });
        match outcome {
            Err(PipelineError::RolledBack(report)) => Ok(*report),
            other => other,
        }
    })();
    if let (Err(_), true, Some(p)) = (&result, created, &path) {
        // The run made this file; leave no half-made database behind.
        let _ = std::fs::remove_file(p);
        let _ = std::fs::remove_file(p.with_extension("db-journal"));
    }
    result
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn import_all(
    conn: &mut SqliteConnection,
    request: &Request,
    bundle: Option<&Bundle>,
    inputs: Vec<Input>,
) -> Result<RunReport, PipelineError> {
    let imported_at = now();
    let reference = match bundle {
        Some(b) => RunReference::of_bundle(&b.reference),
        None => RunReference::of_database(conn)?,
    };
    if reference.municipalities.is_empty() {
        let dir = request.bundle.clone().unwrap_or_default();
        return Err(PipelineError::NoReference(dir));
    }
    let mut store = Store::open(conn)?;
    let stored_hash = meta::get(store.conn(), BUNDLE_HASH)?;
    let synced = match bundle {
        Some(b) if request.recheck_bundle || stored_hash.as_deref() != Some(b.hash.as_str()) => {
            Some(sync::sync(&mut store, b, &reference, &imported_at)?)
        }
        _ => None,
    };
    let recorded = read::recorded_subareas(store.conn(), &reference.catalogue)?;
    let mut batch = Batch::new(Feed::Named, &reference, recorded);
    let placement = Placement::new(request.bundle.as_deref());
    for input in inputs {
        match placement.item(input, &reference, &imported_at) {
            Ok(item) => batch.add(&mut store, item)?,
            Err(e) => batch.refuse(e),
        }
    }
    if let Some(errors) = batch.errors() {
        return Err(PipelineError::Rejected(errors));
    }
    let ids = store.finish()?;
    let data_version = write::refresh_data_version(store.conn(), &imported_at)?;
    Ok(RunReport {
        bundle_folder: bundle.map(|b| (b.dir.clone(), b.evaluations.len())),
        bundle: synced.map(|s| s.report(&ids)).transpose()?,
        files: batch.outcomes(&ids)?,
        data_version,
        stored: store.count(),
        catalogue: reference.catalogue.clone(),
    })
}
