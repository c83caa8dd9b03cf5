//! The import pipeline: files -> parse -> validate -> store, all in one
//! database transaction, so that a run either stores everything or nothing.
//! `kompass serve`, `import` and `check` all go through `execute`.
//!
//! A run reads its registers once (the bundled data folder's when it
//! is given, else the database's), brings the database in step with the
//! bundle when the bundle changed (`sync`), then takes the named files. Both
//! go through the same `Batch`: parsed (a report against the registers
//! data), one file per evaluation, validated, stored by the `Store`, which
//! decides with the domain's one rule which stored evaluation a file
//! replaces, and gives the public ids when the run ends.

mod batch;
mod error;
pub mod held_back;
mod input;
mod registers;
mod store;
mod summary;
mod sync;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use diesel::sqlite::SqliteConnection;

use crate::db::meta::{self, BUNDLE_HASH, BUNDLE_STAT};
use crate::db::{self, DbError, read, write, writer};
use crate::import::bundle::{self, Bundle};

use batch::Batch;
pub use error::PipelineError;
use input::Placement;
pub use input::{Input, Named, read_inputs, read_named};
use registers::RunRegisters;
use store::{Feed, Store};
pub use summary::{Action, BundleSync, FileOutcome, RunSummary, Tally};

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
    /// Sync the bundle with its files replacing the evaluations imported by
    /// hand they describe (`kompass import data-import --prefer-bundle`).
    pub prefer_bundle: bool,
    pub inputs: Vec<Input>,
}

/// Imports the bundled data folder (when it exists and changed) and then
/// `inputs`, in one transaction.
pub fn run(
    target: &Target,
    data_dir: Option<&Path>,
    inputs: Vec<Input>,
) -> Result<RunSummary, PipelineError> {
    execute(Request {
        target: target.clone(),
        bundle: data_dir.map(Path::to_path_buf),
        recheck_bundle: false,
        prefer_bundle: false,
        inputs,
    })
}

/// Runs one import. Whatever fails, the database is left as it was: a new
/// database file is removed, an existing one rolled back, with no journal
/// left beside it; the error names the cause (a refused file, no space
/// left, another process holding the database, a read-only database).
pub fn execute(mut request: Request) -> Result<RunSummary, PipelineError> {
    let inputs = std::mem::take(&mut request.inputs);
    let folder = match &request.bundle {
        Some(dir) if bundle::is_bundle(dir) => Some(Folder {
            dir: dir.clone(),
            stat: bundle::stat(dir)?,
        }),
        _ => None,
    };
    // The files are read and hashed unless they are the very files whose
    // hash the database holds (a start of `serve` with nothing changed):
    // then there is nothing to do, and no write transaction is opened.
    let unchanged = inputs.is_empty() && folder.as_ref().is_some_and(|f| same_files(&request, f));
    if let (true, Some(f)) = (unchanged, &folder)
        && let Some(report) = nothing_to_do(&request, f)
    {
        return Ok(report);
    }
    let bundle = match &folder {
        Some(f) if !unchanged => Some(bundle::load(&f.dir)?),
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
        writer::in_transaction(&mut conn, commit, |conn| {
            let report = import_all(conn, &request, folder.as_ref(), bundle.as_ref(), inputs)?;
            pause_before_commit();
            Ok(report)
        })
    })();
    let (Some(p), Err(e)) = (&path, &result) else {
        return result;
    };
    let cause = match e {
        PipelineError::Db(e) => e.to_string(),
        _ => "a file was refused".to_string(),
    };
    if let Err(left) = clean_up(p, created, cause) {
        return Err(PipelineError::Db(left));
    }
    result.map_err(|e| match e {
        PipelineError::Db(e) => PipelineError::Db(writer::classify(e, p)),
        other => other,
    })
}

/// The bundled data folder of a run, with what the file system says of it.
struct Folder {
    dir: PathBuf,
    stat: bundle::BundleStat,
}

/// Whether the database was last synced with these very files: the
/// `BundleStat` recorded with the bundle's hash is the folder's now, and
/// the files it holds are recorded (`held_back`). Read without writing (a
/// database that cannot be read so says no).
fn same_files(request: &Request, folder: &Folder) -> bool {
    let Target::File(path) = &request.target else {
        return false;
    };
    !request.recheck_bundle
        && !request.prefer_bundle
        && folder.stat.settled
        && db::meta::peek(path, BUNDLE_STAT).as_deref() == Some(folder.stat.digest.as_str())
        && db::meta::peek(path, meta::BUNDLE_FILES).is_some()
}

/// The report of a run that finds the database in step with the bundle's
/// very files and has no named file: read without writing. `None` when the
/// database cannot say (a journal an interrupted import left, a texts
/// digest not yet recorded for this fingerprint): the full run then
/// checks, repairs and records.
fn nothing_to_do(request: &Request, folder: &Folder) -> Option<RunSummary> {
    let Target::File(path) = &request.target else {
        return None;
    };
    if db::writer::journal_path(path).exists() {
        return None;
    }
    let fingerprint = meta::peek(path, meta::FINGERPRINT)?;
    meta::TextsDigest::peek(path)?.of(&fingerprint)?;
    let stored = db::count_evaluations(path)?;
    let held_back = held_back::peek(path)?;
    Some(RunSummary {
        bundle_folder: Some((folder.dir.clone(), folder.stat.evaluations)),
        bundle: None,
        files: vec![],
        fingerprint,
        stored,
        catalogue: Default::default(),
        held_back,
    })
}

/// Leaves no trace of a failed run in `path`: a database the run created is
/// removed, an existing one restored (see `writer::restore`).
fn clean_up(path: &Path, created: bool, cause: String) -> Result<(), DbError> {
    if created {
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(writer::journal_path(path));
        return Ok(());
    }
    writer::restore(path, cause)
}

/// For tests that stop an import at a known point (`kill -9` before the
/// commit): with `KOMPASS_PAUSE_BEFORE_COMMIT=FILE`, the run creates FILE
/// when all is stored and waits there.
fn pause_before_commit() {
    let Some(marker) = std::env::var_os("KOMPASS_PAUSE_BEFORE_COMMIT") else {
        return;
    };
    if std::fs::write(&marker, b"stored, not committed").is_ok() {
        std::thread::sleep(std::time::Duration::from_secs(600));
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn import_all(
    conn: &mut SqliteConnection,
    request: &Request,
    folder: Option<&Folder>,
    bundle: Option<&Bundle>,
    inputs: Vec<Input>,
) -> Result<RunSummary, PipelineError> {
    let imported_at = now();
    let registers = match bundle {
        Some(b) => RunRegisters::of_bundle(&b.registers),
        None => RunRegisters::of_database(conn)?,
    };
    if registers.municipalities.is_empty() {
        let dir = request.bundle.clone().unwrap_or_default();
        return Err(PipelineError::NoRegisters(dir));
    }
    let mut store = Store::open(conn)?;
    let stored_hash = meta::get(store.conn(), BUNDLE_HASH)?;
    let files_recorded = meta::get(store.conn(), meta::BUNDLE_FILES)?.is_some();
    let synced = match bundle {
        Some(b)
            if request.recheck_bundle
                || request.prefer_bundle
                || !files_recorded
                || stored_hash.as_deref() != Some(b.hash.as_str()) =>
        {
            Some(sync::sync(
                &mut store,
                b,
                &registers,
                &imported_at,
                request.prefer_bundle,
            )?)
        }
        _ => None,
    };
    // The hash the database now holds is this bundle's: so are its files
    // (recorded only once they have settled; see `BundleStat::settled`).
    if let (Some(f), Some(_)) = (folder, bundle)
        && f.stat.settled
        && meta::get(store.conn(), BUNDLE_STAT)?.as_deref() != Some(f.stat.digest.as_str())
    {
        meta::set(store.conn(), BUNDLE_STAT, &f.stat.digest)?;
    }
    // A dry run says what the database holds back already, not what its
    // own named files would (their notes say what they replace).
    let dry_run = matches!(request.target, Target::DryRun(_));
    let mut held_back = match folder {
        Some(_) if dry_run => held_back::find(store.conn())?.unwrap_or_default(),
        _ => vec![],
    };
    let recorded = read::recorded_subareas(store.conn(), &registers.catalogue)?;
    let mut batch = Batch::new(Feed::Named, &registers, recorded);
    let placement = Placement::new(request.bundle.as_deref());
    for input in inputs {
        match placement.item(input, &registers, &imported_at) {
            Ok(item) => batch.add(&mut store, item)?,
            Err(e) => batch.refuse(e),
        }
    }
    if let Some(errors) = batch.errors() {
        return Err(PipelineError::Rejected(errors));
    }
    let ids = store.finish()?;
    if folder.is_some() && !dry_run {
        held_back = held_back::find(store.conn())?.unwrap_or_default();
    }
    let fingerprint = write::refresh_fingerprint(store.conn(), &imported_at)?;
    Ok(RunSummary {
        bundle_folder: folder.map(|f| (f.dir.clone(), f.stat.evaluations)),
        bundle: synced.map(|s| s.report(&ids)).transpose()?,
        files: batch.outcomes(&ids)?,
        fingerprint,
        stored: store.count(),
        catalogue: registers.catalogue.clone(),
        held_back,
    })
}
