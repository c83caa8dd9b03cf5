//! The import pipeline: files -> parse -> validate -> store, all in one
//! database transaction, so that a run either stores everything or nothing.
//! `kompass serve`, `import` and `check` all go through `run`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use diesel::sqlite::SqliteConnection;

use crate::db::write::{Origin, Provenance};
use crate::db::{self, DbError, write};
use crate::domain::{
    Catalogue, Evaluation, Municipality, MunicipalityCode, Revision, Score, SubareaCode,
};
use crate::import::bundle::{self, Bundle, SourceFile};
use crate::import::evaluation_file::ParsedFile;
use crate::import::validate::{Notice, Reference, validate};
use crate::import::{ImportError, Problem, parse_input};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Rejected(Vec<ImportError>),
    #[error(transparent)]
    Db(#[from] DbError),
    /// A dry run's report, carried out of its rolled-back transaction.
    #[error("dry run rolled back")]
    RolledBack(Box<RunReport>),
    #[error(
        "no bundled data folder at {0} and no reference data in the database; \
         run from the project folder or pass --data DIR"
    )]
    NoReference(PathBuf),
}

impl From<diesel::result::Error> for PipelineError {
    fn from(e: diesel::result::Error) -> Self {
        PipelineError::Db(DbError::Query(e))
    }
}

impl From<ImportError> for PipelineError {
    fn from(e: ImportError) -> Self {
        PipelineError::Rejected(vec![e])
    }
}

/// Where the run writes.
#[derive(Debug, Clone)]
pub enum Target {
    /// A database file; created if missing.
    File(PathBuf),
    /// The database file if it exists (else an empty in-memory one), always
    /// rolled back: for `check`.
    DryRun(PathBuf),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Inserted,
    Replaced,
    Unchanged,
}

impl Action {
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Inserted => "new",
            Action::Replaced => "replaced",
            Action::Unchanged => "unchanged",
        }
    }
}

#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub path: PathBuf,
    pub evaluation: Evaluation,
    pub id: String,
    pub action: Action,
    pub notices: Vec<Notice>,
}

#[derive(Debug, Clone, Default)]
pub struct BundleSync {
    pub evaluations: usize,
    pub changed: usize,
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct RunReport {
    /// Set when the bundled data was (re)imported.
    pub bundle: Option<BundleSync>,
    pub files: Vec<FileOutcome>,
    pub data_version: String,
}

/// Reads and parses the given files (directories expand to the evaluation
/// files under them). Every file's problems are reported, not just the first.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<(SourceFile, ParsedFile)>, PipelineError> {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for path in bundle::collect_inputs(paths)? {
        match SourceFile::read(&path).and_then(|f| parse_input(&f).map(|p| (f, p))) {
            Ok(pair) => parsed.push(pair),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(PipelineError::Rejected(errors))
    }
}

/// Imports the bundled data folder (when it exists and changed) and then
/// `inputs`, in one transaction.
pub fn run(
    target: &Target,
    data_dir: Option<&Path>,
    inputs: &[(SourceFile, ParsedFile)],
) -> Result<RunReport, PipelineError> {
    let bundle = match data_dir {
        Some(dir) if dir.join(bundle::MUNICIPALITIES_FILE).exists() => Some(bundle::load(dir)?),
        _ => None,
    };
    let (path, commit) = match target {
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
            let report = import_all(conn, bundle.as_ref(), data_dir, inputs)?;
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
    bundle: Option<&Bundle>,
    data_dir: Option<&Path>,
    inputs: &[(SourceFile, ParsedFile)],
) -> Result<RunReport, PipelineError> {
    let mut report = RunReport::default();
    let imported_at = now();
    let stored_hash = write::get_meta(conn, write::BUNDLE_HASH)?;
    if let Some(bundle) = bundle.filter(|b| stored_hash.as_deref() != Some(b.hash.as_str())) {
        report.bundle = Some(sync_bundle(conn, bundle, &imported_at)?);
    }
    let municipalities = db::read::load_municipalities(conn)?;
    if municipalities.is_empty() {
        return Err(PipelineError::NoReference(
            data_dir.map(Path::to_path_buf).unwrap_or_default(),
        ));
    }
    let catalogue = db::read::load_catalogue(conn)?;
    let register: BTreeMap<MunicipalityCode, Municipality> =
        municipalities.into_iter().map(|m| (m.code, m)).collect();

    check_distinct(
        inputs
            .iter()
            .map(|(f, p)| (f.path.as_path(), &p.evaluation)),
    )?;
    let mut errors = Vec::new();
    for (file, parsed) in inputs {
        let recorded = write::recorded_subareas(conn, &catalogue)?;
        let reference = Reference {
            municipalities: &register,
            catalogue: &catalogue,
            recorded_subareas: &recorded,
        };
        let notices = match validate(
            &parsed.evaluation,
            parsed.municipality_name.as_ref(),
            &reference,
        ) {
            Ok(n) => n,
            Err(problems) => {
                errors.push(ImportError::invalid(&file.path, problems));
                continue;
            }
        };
        let provenance = provenance_of(file, data_dir, &imported_at);
        match store(conn, &parsed.evaluation, &provenance)? {
            Ok(action) => report.files.push(FileOutcome {
                path: file.path.clone(),
                evaluation: parsed.evaluation.clone(),
                id: String::new(),
                action,
                notices,
            }),
            Err(problem) => errors.push(ImportError::invalid(&file.path, vec![problem])),
        }
    }
    if !errors.is_empty() {
        return Err(PipelineError::Rejected(errors));
    }
    write::assign_public_ids(conn)?;
    write::refresh_data_version(conn, &imported_at)?;
    let dataset = db::read::load_dataset(conn)?;
    for outcome in &mut report.files {
        let e = &outcome.evaluation;
        outcome.id = dataset
            .evaluations_of(e.municipality)
            .find(|s| {
                s.evaluation.year == e.year && (e.month.is_none() || s.evaluation.month == e.month)
            })
            .map(|s| s.id.clone())
            .unwrap_or_default();
    }
    report.data_version = dataset.data_version;
    Ok(report)
}

/// Bundled files are recorded by their path inside the bundle folder, so the
/// record does not depend on where the project was checked out.
fn provenance_of(file: &SourceFile, data_dir: Option<&Path>, imported_at: &str) -> Provenance {
    let inside = data_dir.and_then(|dir| {
        let dir = dir.canonicalize().ok()?;
        let path = file.path.canonicalize().ok()?;
        path.strip_prefix(&dir).ok().map(Path::to_path_buf)
    });
    let (origin, source_file) = match inside {
        Some(relative) => (
            Origin::Bundle,
            relative.to_string_lossy().replace('\\', "/"),
        ),
        None => (
            Origin::Import,
            file.path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
        ),
    };
    Provenance {
        origin,
        source_file,
        content_hash: file.hash.clone(),
        imported_at: imported_at.to_string(),
    }
}

/// Two files in one run must not describe the same evaluation.
fn check_distinct<'a>(
    items: impl Iterator<Item = (&'a Path, &'a Evaluation)>,
) -> Result<(), PipelineError> {
    let mut seen: BTreeMap<(MunicipalityCode, i32, Option<u8>), &Path> = BTreeMap::new();
    let mut errors = Vec::new();
    for (path, e) in items {
        let key = (e.municipality, e.year, e.month);
        if let Some(first) = seen.get(&key) {
            errors.push(ImportError::one(
                path,
                None,
                "municipality, year, month",
                format!(
                    "{} is also described by {}; keep one file per evaluation",
                    e.label(),
                    first.display()
                ),
            ));
        } else {
            seen.insert(key, path);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(PipelineError::Rejected(errors))
    }
}

/// Stores an evaluation, replacing the stored one with the same identity
/// (municipality + year, + month when two fall in one year).
fn store(
    conn: &mut SqliteConnection,
    e: &Evaluation,
    provenance: &Provenance,
) -> Result<Result<Action, Problem>, DbError> {
    let existing = write::evaluations_in_year(conn, e.municipality, e.year)?;
    let same_month = existing
        .iter()
        .find(|x| x.month.is_some() && x.month == e.month);
    let matched = match (same_month, existing.as_slice()) {
        (Some(x), _) => Some(x),
        (None, [only]) if only.month.is_none() || e.month.is_none() => Some(only),
        (None, [_, _, ..]) if e.month.is_none() => {
            let months: Vec<String> = existing
                .iter()
                .map(|x| x.month.map(|m| m.to_string()).unwrap_or_else(|| "?".into()))
                .collect();
            return Ok(Err(Problem::new(
                None,
                "month",
                format!(
                    "{} has {} evaluations stored in {} (months {}); give the month to say which this is",
                    e.municipality,
                    existing.len(),
                    e.year,
                    months.join(", ")
                ),
            )));
        }
        _ => None,
    };
    let action = match matched {
        Some(x)
            if x.content_hash == provenance.content_hash
                && x.source_file == provenance.source_file =>
        {
            return Ok(Ok(Action::Unchanged));
        }
        Some(x) => {
            write::delete_evaluation(conn, x.key)?;
            Action::Replaced
        }
        None => Action::Inserted,
    };
    write::insert_evaluation(conn, e, provenance)?;
    Ok(Ok(action))
}

/// Brings the database in step with the bundled data folder.
fn sync_bundle(
    conn: &mut SqliteConnection,
    bundle: &Bundle,
    imported_at: &str,
) -> Result<BundleSync, PipelineError> {
    let r = &bundle.reference;
    write::replace_reference(conn, &r.municipalities, &r.catalogue, &r.benchmarks)?;
    let register: BTreeMap<MunicipalityCode, Municipality> = r
        .municipalities
        .iter()
        .map(|m| (m.code, m.clone()))
        .collect();

    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for file in &bundle.evaluations {
        match parse_input(file) {
            Ok(p) => parsed.push((file, p)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(PipelineError::Rejected(errors));
    }
    check_distinct(
        parsed
            .iter()
            .map(|(f, p)| (f.path.as_path(), &p.evaluation)),
    )?;

    // Sub-areas of revisions the catalogue does not list are recorded by the
    // bundle's own files first, so that they agree among themselves.
    let recorded = recorded_in(&r.catalogue, parsed.iter().map(|(_, p)| &p.evaluation));
    let reference = Reference {
        municipalities: &register,
        catalogue: &r.catalogue,
        recorded_subareas: &recorded,
    };
    let mut sync = BundleSync {
        evaluations: parsed.len(),
        ..BundleSync::default()
    };
    let mut files = BTreeSet::new();
    for (file, p) in &parsed {
        if let Err(problems) = validate(&p.evaluation, p.municipality_name.as_ref(), &reference) {
            errors.push(ImportError::invalid(&file.path, problems));
            continue;
        }
        let provenance = provenance_of(file, Some(&bundle.dir), imported_at);
        files.insert(provenance.source_file.clone());
        match store(conn, &p.evaluation, &provenance)? {
            Ok(Action::Unchanged) => {}
            Ok(_) => sync.changed += 1,
            Err(problem) => errors.push(ImportError::invalid(&file.path, vec![problem])),
        }
    }
    if !errors.is_empty() {
        return Err(PipelineError::Rejected(errors));
    }
    sync.removed = write::remove_bundle_evaluations_except(conn, &files)?;
    write::set_meta(conn, write::BUNDLE_HASH, &bundle.hash)?;
    Ok(sync)
}

/// The first max printed for each sub-area of revisions without catalogue sub-areas.
fn recorded_in<'a>(
    catalogue: &Catalogue,
    evaluations: impl Iterator<Item = &'a Evaluation>,
) -> BTreeMap<(Revision, SubareaCode), Score> {
    let mut out = BTreeMap::new();
    for e in evaluations {
        if catalogue
            .revision(e.revision)
            .is_some_and(|r| r.knows_subareas())
        {
            continue;
        }
        for s in &e.subareas {
            out.entry((e.revision, s.code)).or_insert(s.max);
        }
    }
    out
}
