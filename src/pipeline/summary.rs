//! What a run did, file by file, for the command line to print and tests
//! to check.

use std::path::PathBuf;

use super::held_back::HeldBack;
use crate::domain::{Catalogue, Evaluation, EvaluationId, Municipality, Provenance};
use crate::import::report::ReportDetails;
use crate::import::review::{InputKind, Received, Review};
use crate::import::validate::{Notice, RuleOutcome};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Inserted,
    Replaced,
    /// Stored before from the same bytes of the same file.
    Unchanged,
    /// Not stored: an evaluation imported by hand stays (the reason says why).
    Kept(String),
    /// A bundled file stored in place of the evaluation imported by hand
    /// it describes (`--prefer-bundle`; the text says which).
    Restored(String),
}

impl Action {
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Inserted => "new",
            Action::Replaced => "replaced",
            Action::Unchanged => "unchanged",
            Action::Kept(_) => "kept",
            Action::Restored(_) => "restored",
        }
    }
}

/// One file's outcome.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub path: PathBuf,
    pub evaluation: Evaluation,
    /// The public id it is stored under (for `Kept`: the evaluation that stays).
    pub id: EvaluationId,
    pub action: Action,
    pub notices: Vec<Notice>,
    /// The rules it passed, each by name (what a review lists).
    pub checks: Vec<RuleOutcome>,
    /// The municipality, from the register.
    pub municipality: Option<Municipality>,
    /// Where the evaluation was read (file and hash), as it is stored.
    pub provenance: Provenance,
    /// What a report showed besides the evaluation (for `--dry-run`).
    pub report: Option<ReportDetails>,
}

impl FileOutcome {
    /// The review of the file, as `/bidra` shows it for a file sent there.
    pub fn review(&self) -> Review {
        Review {
            received: Received {
                name: self.provenance.source_file.clone(),
                sha256: self.provenance.content_hash.clone(),
                input: if self.report.is_some() {
                    InputKind::Report
                } else {
                    InputKind::File
                },
            },
            evaluation: self.evaluation.clone(),
            municipality: self.municipality.clone(),
            report: self.report.clone(),
            rules: self.checks.clone(),
            notices: self.notices.clone(),
        }
    }
}

/// How many files each action befell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub new: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub kept: usize,
}

impl Tally {
    pub fn of<'a>(files: impl IntoIterator<Item = &'a FileOutcome>) -> Tally {
        let mut t = Tally::default();
        for f in files {
            match f.action {
                Action::Inserted => t.new += 1,
                Action::Replaced | Action::Restored(_) => t.replaced += 1,
                Action::Unchanged => t.unchanged += 1,
                Action::Kept(_) => t.kept += 1,
            }
        }
        t
    }
}

/// The bundled data folder brought in step with the database.
#[derive(Debug, Clone, Default)]
pub struct BundleSync {
    /// How many evaluation files the bundle holds.
    pub evaluations: usize,
    /// Each bundled file's outcome, in the bundle's order.
    pub files: Vec<FileOutcome>,
    /// Public ids of bundled evaluations whose file left the bundle.
    pub removed: Vec<EvaluationId>,
    /// Evaluations imported with `kompass import` that stay in place of the
    /// bundled file describing the same evaluation.
    pub kept: Vec<String>,
    /// Bundled files stored in place of evaluations imported by hand
    /// (`--prefer-bundle`), each said in a sentence.
    pub restored: Vec<String>,
}

impl BundleSync {
    pub fn tally(&self) -> Tally {
        Tally::of(&self.files)
    }

    /// Files new or changed since the last sync.
    pub fn changed(&self) -> usize {
        let t = self.tally();
        t.new + t.replaced
    }
}

#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// The bundled data folder the run used, and how many evaluation files it holds.
    pub bundle_folder: Option<(PathBuf, usize)>,
    /// Set when the bundled data was (re)imported: it had changed, or it was
    /// named to be checked.
    pub bundle: Option<BundleSync>,
    /// The named files' outcomes, in the order given.
    pub files: Vec<FileOutcome>,
    pub fingerprint: String,
    /// How many evaluations the database holds after the run.
    pub stored: usize,
    /// The catalogue the run checked against (for showing its results).
    pub catalogue: Catalogue,
    /// Bundled files whose evaluation is stored as imported by hand, so the
    /// bundle's version is not used (said on every run with a bundle).
    pub held_back: Vec<HeldBack>,
}
