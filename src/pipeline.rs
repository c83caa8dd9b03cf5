//! The import pipeline: files -> parse -> validate -> store, all in one
//! database transaction, so that a run either stores everything or nothing.
//! `kompass serve`, `import` and `check` all go through `run`.
//!
//! Evaluation files are parsed when read; a report needs the reference data
//! (municipality names, area names) to be read, so its text is parsed inside
//! the run, against the same register and catalogue validation uses: the
//! bundled data folder's when it is given, else the database's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use diesel::sqlite::SqliteConnection;

use crate::db::write::{Origin, Provenance};
use crate::db::{self, DbError, write};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{
    Catalogue, Evaluation, Municipality, MunicipalityCode, Revision, Score, SubareaCode,
};
use crate::import::bundle::{self, Bundle, SourceFile};
use crate::import::evaluation_file::{FileFacts, ParsedFile};
use crate::import::replacement;
use crate::import::report::{self, ReportDetails, ReportReference};
use crate::import::validate::{Notice, Reference, validate};
use crate::import::{Content, ImportError, Problem, parse_input_with, read_content};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Inserted,
    Replaced,
    Unchanged,
    /// Not stored: an evaluation imported by hand stays (the reason says why).
    Kept(String),
}

impl Action {
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Inserted => "new",
            Action::Replaced => "replaced",
            Action::Unchanged => "unchanged",
            Action::Kept(_) => "kept",
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
    /// The municipality, from the register.
    pub municipality: Option<Municipality>,
    /// Where the evaluation was read (file and hash), as it is stored.
    pub provenance: crate::domain::dataset::Provenance,
    /// What a report showed besides the evaluation (for `--dry-run`).
    pub report: Option<ReportDetails>,
}

/// One input file, read: an evaluation file already parsed, or a report's
/// text waiting for the reference data.
#[derive(Debug, Clone)]
pub struct Input {
    pub file: SourceFile,
    pub content: Content,
}

#[derive(Debug, Clone, Default)]
pub struct BundleSync {
    pub evaluations: usize,
    pub changed: usize,
    pub removed: Vec<String>,
    /// Evaluations imported with `kompass import` that stay in place of the
    /// bundled file describing the same evaluation.
    pub kept: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct RunReport {
    /// Set when the bundled data was (re)imported.
    pub bundle: Option<BundleSync>,
    pub files: Vec<FileOutcome>,
    pub data_version: String,
    /// The catalogue the run checked against (for showing its results).
    pub catalogue: Catalogue,
}

/// Reads the given files (directories expand to the evaluation files and
/// reports under them): evaluation files are parsed, reports' text extracted.
/// Every file's problems are reported, not just the first.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, PipelineError> {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for path in bundle::collect_inputs(paths)? {
        let read = SourceFile::read(&path)
            .and_then(|file| read_content(&file).map(|content| Input { file, content }));
        match read {
            Ok(input) => parsed.push(input),
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
    inputs: &[Input],
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

/// An input parsed, with what a report showed besides the evaluation.
struct Parsed<'a> {
    file: &'a SourceFile,
    parsed: ParsedFile,
    report: Option<ReportDetails>,
    notices: Vec<Notice>,
}

/// Parses the reports among the inputs against the reference data.
fn parse_all<'a>(
    inputs: &'a [Input],
    reference: &ReportReference<'_>,
) -> Result<Vec<Parsed<'a>>, PipelineError> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match &input.content {
            Content::Evaluation(parsed) => out.push(Parsed {
                file: &input.file,
                parsed: (**parsed).clone(),
                report: None,
                notices: vec![],
            }),
            Content::Report(text) => match report::parse(&input.file.path, text, reference) {
                Ok(r) => out.push(Parsed {
                    file: &input.file,
                    parsed: r.file,
                    report: Some(r.details),
                    notices: r.notices.into_iter().map(Notice).collect(),
                }),
                Err(e) => errors.push(e),
            },
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(PipelineError::Rejected(errors))
    }
}

/// The stored evaluation an import would replace.
fn stored_match<'a>(stored: &'a Dataset, e: &Evaluation) -> Option<&'a StoredEvaluation> {
    stored.evaluations_of(e.municipality).find(|s| {
        s.evaluation.year == e.year
            && (e.month.is_none() || s.evaluation.month.is_none() || s.evaluation.month == e.month)
    })
}

/// Says out loud what a replacement drops, so that a report never silently
/// loses a curated figure.
fn dropped(old: &StoredEvaluation, new: &Evaluation) -> Option<Notice> {
    let lost = replacement::dropped(&old.evaluation, new);
    (!lost.is_empty()).then(|| {
        Notice(format!(
            "replaces {} from {}, dropping what this source does not print: {}",
            old.evaluation.label(),
            old.provenance.source_file,
            lost.join("; ")
        ))
    })
}

fn import_all(
    conn: &mut SqliteConnection,
    bundle: Option<&Bundle>,
    data_dir: Option<&Path>,
    inputs: &[Input],
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
    let parsed = parse_all(
        inputs,
        &ReportReference {
            municipalities: &municipalities,
            catalogue: &catalogue,
        },
    )?;
    let register: BTreeMap<MunicipalityCode, Municipality> =
        municipalities.into_iter().map(|m| (m.code, m)).collect();

    check_distinct(
        parsed
            .iter()
            .map(|p| (p.file.path.as_path(), &p.parsed.evaluation)),
    )?;
    let stored = if parsed.is_empty() {
        Dataset::default()
    } else {
        db::read::load_dataset(conn)?
    };
    let mut errors = Vec::new();
    for p in parsed {
        let (file, evaluation) = (p.file, &p.parsed.evaluation);
        let recorded = write::recorded_subareas(conn, &catalogue)?;
        let reference = Reference {
            municipalities: &register,
            catalogue: &catalogue,
            recorded_subareas: &recorded,
        };
        let mut notices = p.notices;
        match validate(evaluation, &p.parsed.facts, &reference) {
            Ok(n) => notices.extend(n),
            Err(problems) => {
                errors.push(ImportError::invalid(&file.path, problems));
                continue;
            }
        }
        let provenance = provenance_of(file, data_dir, &imported_at);
        let replaced = stored_match(&stored, evaluation);
        match store(conn, evaluation, &provenance, Sync::Named)? {
            Ok(action) => {
                if action == Action::Replaced {
                    notices.extend(replaced.and_then(|old| dropped(old, evaluation)));
                }
                report.files.push(FileOutcome {
                    path: file.path.clone(),
                    evaluation: evaluation.clone(),
                    id: String::new(),
                    action,
                    notices,
                    municipality: register.get(&evaluation.municipality).cloned(),
                    provenance: crate::domain::dataset::Provenance {
                        origin: provenance.origin.as_str().to_string(),
                        source_file: provenance.source_file.clone(),
                        content_hash: provenance.content_hash.clone(),
                        imported_at: provenance.imported_at.clone(),
                    },
                    report: p.report,
                })
            }
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
    report.catalogue = catalogue;
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
    // Two files clash when they name the same municipality and year and
    // either gives no month or both give the same one.
    type FilesOfYear<'p> = Vec<(Option<u8>, &'p Path)>;
    let mut seen: BTreeMap<(MunicipalityCode, i32), FilesOfYear> = BTreeMap::new();
    let mut errors = Vec::new();
    for (path, e) in items {
        let same_year = seen.entry((e.municipality, e.year)).or_default();
        let clash = same_year
            .iter()
            .find(|(month, _)| month.is_none() || e.month.is_none() || *month == e.month);
        if let Some((_, first)) = clash {
            errors.push(ImportError::one(
                path,
                None,
                "municipality, year, month",
                format!(
                    "{} is also described by {}; keep one file per evaluation \
                     (two evaluations in one year need their months)",
                    e.label(),
                    first.display()
                ),
            ));
        } else {
            same_year.push((e.month, path));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(PipelineError::Rejected(errors))
    }
}

/// Who is storing: the bundle being kept in step, or files named by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sync {
    Bundle,
    Named,
}

/// Stores an evaluation, replacing the stored one with the same identity
/// (municipality + year, + month when two fall in one year). A bundled file
/// never replaces an evaluation imported by hand: the import was a deliberate
/// choice, and the bundle changing elsewhere must not undo it.
fn store(
    conn: &mut SqliteConnection,
    e: &Evaluation,
    provenance: &Provenance,
    sync: Sync,
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
        Some(x) if sync == Sync::Bundle && x.origin == Origin::Import.as_str() => {
            return Ok(Ok(Action::Kept(format!(
                "{} stays as imported from {}; the bundled {} describes the same evaluation \
                 (import the bundled file to use it instead)",
                x.id, x.source_file, provenance.source_file
            ))));
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

    let report_reference = ReportReference {
        municipalities: &r.municipalities,
        catalogue: &r.catalogue,
    };
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for file in &bundle.evaluations {
        match parse_input_with(file, Some(&report_reference)) {
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
        if let Err(problems) = validate(&p.evaluation, &p.facts, &reference) {
            errors.push(ImportError::invalid(&file.path, problems));
            continue;
        }
        let provenance = provenance_of(file, Some(&bundle.dir), imported_at);
        files.insert(provenance.source_file.clone());
        match store(conn, &p.evaluation, &provenance, Sync::Bundle)? {
            Ok(Action::Unchanged) => {}
            Ok(Action::Kept(why)) => sync.kept.push(why),
            Ok(_) => sync.changed += 1,
            Err(problem) => errors.push(ImportError::invalid(&file.path, vec![problem])),
        }
    }
    if !errors.is_empty() {
        return Err(PipelineError::Rejected(errors));
    }
    sync.removed = write::remove_bundle_evaluations_except(conn, &files)?;
    // Evaluations imported by hand passed the old register and catalogue; a
    // changed bundle must not leave them standing against the new ones.
    let stored = db::read::load_dataset(conn)?;
    for s in stored
        .evaluations
        .iter()
        .filter(|s| s.provenance.origin == Origin::Import.as_str())
    {
        if let Err(problems) = validate(&s.evaluation, &FileFacts::default(), &reference) {
            let label = format!(
                "stored evaluation {} (imported from {})",
                s.id, s.provenance.source_file
            );
            errors.push(ImportError::invalid(Path::new(&label), problems));
        }
    }
    if !errors.is_empty() {
        return Err(PipelineError::Rejected(errors));
    }
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
