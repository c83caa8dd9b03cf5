//! What the inbox's commands do with a contribution: review what was sent
//! again (the same parse -> rules path as `kompass check`, against the data
//! held), say what it would change, and accept it: the evaluation file,
//! with its source and its `[contribution]`, written into the bundle folder
//! under today's name rule, refused over a bundled file unless asked to
//! replace it, and checked as `kompass check data-import` checks, the folder
//! put back as it was when the check fails.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use diesel::Connection as _;
use diesel::sqlite::SqliteConnection;

use super::entry::{Entry, InputKind, received_swedish};
use crate::domain::contribution::{self, Comparison, Contribution};
use crate::domain::dataset::Dataset;
use crate::domain::{Evaluation, EvaluationKey};
use crate::import::Content;
use crate::import::bundle::{EVALUATIONS_DIR, sha256_hex};
use crate::import::evaluation_file::{self, to_toml};
use crate::import::replacement::{self, Dropped};
use crate::import::review::{self, Received, Review, ReviewRegisters, SnapshotRegisters, Unread};
use crate::pipeline::{self, PipelineError, Request, RunSummary, Target};

#[derive(Debug, thiserror::Error)]
pub enum CurateError {
    #[error("the database {0} does not exist; run `kompass serve` or `kompass import` first")]
    NoDatabase(String),
    #[error("cannot read the database {path}: {cause}")]
    Database { path: String, cause: String },
    #[error("{reference}: the evaluation file it holds cannot be read: {cause}")]
    Unreadable { reference: String, cause: String },
    #[error(
        "{path} holds this evaluation; accepting {reference} would replace it, losing {lost}. \
         Nothing was written: give --replace to replace it"
    )]
    WouldReplace {
        reference: String,
        path: String,
        lost: String,
    },
    #[error("{reference}: {refusal}")]
    Refused { reference: String, refusal: String },
    #[error("cannot write {path}: {cause}")]
    Write { path: String, cause: String },
    #[error(
        "{reference} was written as {path}, but `kompass check` refused the bundle, so it was \
         taken out again and the entry is still waiting:\n{cause}"
    )]
    CheckFailed {
        reference: String,
        path: String,
        cause: String,
    },
}

/// The data the served database holds, read without writing.
pub fn held(db: &Path) -> Result<Dataset, CurateError> {
    if !db.exists() {
        return Err(CurateError::NoDatabase(db.display().to_string()));
    }
    let error = |cause: String| CurateError::Database {
        path: db.display().to_string(),
        cause,
    };
    let mut conn = SqliteConnection::establish(&crate::db::read_only_uri(db))
        .map_err(|e| error(e.to_string()))?;
    crate::db::read::load_dataset(&mut conn).map_err(|e| error(e.to_string()))
}

/// Reviews what a contribution carries, as `/bidra` reviewed it: a
/// report's text is read as a report, an evaluation file (sent as one, or
/// made by the figures form) parsed as a file.
pub fn review_content(
    input: InputKind,
    name: &str,
    content: &str,
    registers: &ReviewRegisters<'_>,
) -> Result<Review, Unread> {
    let received = Received {
        name: name.to_string(),
        sha256: sha256_hex(content.as_bytes()),
        input,
    };
    let content = match input {
        InputKind::Report => Content::Report(content.to_string()),
        InputKind::File | InputKind::Form => match evaluation_file::parse(Path::new(name), content)
        {
            Ok(parsed) => Content::Evaluation(Box::new(parsed)),
            Err(e) => return Err(Unread::from_error(received, e)),
        },
    };
    review::review(received, content, registers)
}

/// The entry's review against `data`: of the report's text when one was
/// kept (its lines are the report's), else of its evaluation file.
pub fn review_entry(entry: &Entry, data: &Dataset) -> Result<Review, Unread> {
    let registers = SnapshotRegisters::new(data);
    let sent = &entry.sent;
    match (&sent.report_text, sent.input) {
        (Some(text), InputKind::Report) => review_content(
            InputKind::Report,
            &sent.received_name,
            text,
            &registers.get(),
        ),
        (_, InputKind::Report) => review_content(
            InputKind::File,
            &sent.file_name,
            &sent.evaluation_toml,
            &registers.get(),
        ),
        (_, input) => review_content(
            input,
            &sent.received_name,
            &sent.evaluation_toml,
            &registers.get(),
        ),
    }
}

/// The evaluation in the entry's file, as it was sent.
pub fn evaluation(entry: &Entry) -> Result<Evaluation, CurateError> {
    evaluation_file::parse(
        Path::new(&entry.sent.file_name),
        &entry.sent.evaluation_toml,
    )
    .map(|p| p.evaluation)
    .map_err(|e| CurateError::Unreadable {
        reference: entry.reference.to_string(),
        cause: e.to_string(),
    })
}

/// What the entry would change in `data`, on `today`.
pub fn comparison(
    entry: &Entry,
    data: &Dataset,
    today: NaiveDate,
) -> Result<Comparison, CurateError> {
    Ok(contribution::compare(
        &evaluation(entry)?,
        &data.evaluations,
        today,
    ))
}

/// The evaluation as it is accepted: its source (the address the sender
/// gave, when the file names none), a note that it was contributed, and
/// its `[contribution]`.
fn as_accepted(entry: &Entry, today: NaiveDate) -> Result<Evaluation, CurateError> {
    let mut e = evaluation(entry)?;
    if e.source.url.is_none() {
        e.source.url = Some(entry.sent.source_url.clone());
    }
    let note = format!(
        "Sent in through kompass ({}, received {}) and accepted on {today}.",
        entry.reference,
        entry.received_at.date_naive()
    );
    e.notes = Some(match e.notes.take() {
        Some(notes) => format!("{notes}\n{note}"),
        None => note,
    });
    e.contribution = Some(Contribution {
        reference: entry.reference,
        accepted: today,
    });
    Ok(e)
}

/// The file's comments, in Swedish.
fn header(entry: &Entry, today: NaiveDate) -> String {
    format!(
        "Utvärderingsfil för kompass, inskickad via kompass ({}).\n\
         Mottagen {} ur {}, granskad och godtagen {today}.\n\
         Källan är den adress som angavs när den skickades in; formatet beskrivs på /bidra/filformat.",
        entry.reference,
        entry.received_at.date_naive(),
        received_swedish(entry.sent.input, &entry.sent.received_name)
    )
}

/// A bundled file and the evaluation it holds.
struct Bundled {
    path: PathBuf,
    evaluation: Evaluation,
}

/// The bundled evaluation files, each with the evaluation it holds (a file
/// that cannot be read is left to the check).
fn bundled(data_dir: &Path) -> Vec<Bundled> {
    let Ok(dir) = std::fs::read_dir(data_dir.join(EVALUATIONS_DIR)) else {
        return vec![];
    };
    let mut out: Vec<Bundled> = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let parsed = evaluation_file::parse(&path, &text).ok()?;
            Some(Bundled {
                path,
                evaluation: parsed.evaluation,
            })
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// What accepting did.
#[derive(Debug)]
pub struct Accepted {
    pub path: PathBuf,
    /// What the replaced bundled file had that the contribution lacks.
    pub replaced: Option<Vec<Dropped>>,
    pub check: RunSummary,
}

/// Where the accepted file goes: the bundled file holding the same
/// evaluation (which it would replace), else the name rule's file
/// (`CODE-NAME-YEAR.toml`, with `-MM` when that name is taken).
fn target(
    data_dir: &Path,
    key: EvaluationKey,
    name: impl Fn(bool) -> String,
) -> (PathBuf, Option<Bundled>) {
    let files = bundled(data_dir);
    let mut same = files
        .into_iter()
        .filter(|b| key.same_evaluation(&b.evaluation.key()));
    if let Some(found) = same.next() {
        return (found.path.clone(), Some(found));
    }
    let folder = data_dir.join(EVALUATIONS_DIR);
    let plain = folder.join(name(false));
    if plain.exists() {
        (folder.join(name(true)), None)
    } else {
        (plain, None)
    }
}

/// Writes `text` to `path` through a temporary file beside it.
fn write(path: &Path, text: &str) -> Result<(), CurateError> {
    let error = |e: std::io::Error| CurateError::Write {
        path: path.display().to_string(),
        cause: e.to_string(),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(error)?;
    let temp = tempfile::NamedTempFile::new_in(dir).map_err(error)?;
    std::fs::write(temp.path(), text).map_err(error)?;
    temp.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}

/// Accepts `entry` into the bundle folder `data_dir`, checking the bundle
/// with the database `db` as `kompass check data-import` does.
pub fn accept(
    entry: &Entry,
    data: &Dataset,
    data_dir: &Path,
    db: &Path,
    replace: bool,
    today: NaiveDate,
) -> Result<Accepted, CurateError> {
    let reference = entry.reference.to_string();
    let comparison = comparison(entry, data, today)?;
    if let Some(refusal) = comparison.year {
        return Err(CurateError::Refused {
            reference,
            refusal: refusal.to_string(),
        });
    }
    let evaluation = as_accepted(entry, today)?;
    let municipality = data.municipality(evaluation.municipality);
    let file_name = |with_month| review::file_name(&evaluation, municipality, with_month);
    let (path, existing) = target(data_dir, evaluation.key(), file_name);
    let replaced = existing
        .as_ref()
        .map(|b| replacement::dropped(&b.evaluation, &evaluation));
    if let (Some(lost), false) = (&replaced, replace) {
        let lost = if lost.is_empty() {
            "nothing it lacks (its figures and notes are all in the contribution)".to_string()
        } else {
            lost.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        return Err(CurateError::WouldReplace {
            reference,
            path: path.display().to_string(),
            lost,
        });
    }
    let before = existing
        .as_ref()
        .and_then(|_| std::fs::read_to_string(&path).ok());
    let name = municipality.map(|m| m.name.as_str());
    let text = to_toml(&evaluation, name, &header(entry, today));
    write(&path, &text)?;
    match check(data_dir, db) {
        Ok(check) => Ok(Accepted {
            path,
            replaced,
            check,
        }),
        Err(e) => {
            let _ = match &before {
                Some(old) => write(&path, old),
                None => std::fs::remove_file(&path).map_err(|e| CurateError::Write {
                    path: path.display().to_string(),
                    cause: e.to_string(),
                }),
            };
            Err(CurateError::CheckFailed {
                reference,
                path: path.display().to_string(),
                cause: describe(&e),
            })
        }
    }
}

/// `kompass check data-import`: every bundled file checked, nothing written.
pub fn check(data_dir: &Path, db: &Path) -> Result<RunSummary, PipelineError> {
    pipeline::execute(Request {
        target: Target::DryRun(db.to_path_buf()),
        bundle: Some(data_dir.to_path_buf()),
        recheck_bundle: true,
        prefer_bundle: false,
        inputs: vec![],
    })
}

fn describe(e: &PipelineError) -> String {
    match e {
        PipelineError::Rejected(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}
