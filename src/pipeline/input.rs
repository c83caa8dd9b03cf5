//! The files of a run: read from disk (evaluation files parsed at once,
//! reports' text kept until the registers is at hand), the bundled data
//! folder told apart from files, and each file's provenance.

use std::path::{Path, PathBuf};

use super::batch::Item;
use super::error::PipelineError;
use super::registers::RunRegisters;
use crate::domain::{Origin, Provenance};
use crate::import::bundle::{self, SourceFile};
use crate::import::problem::RunProblem;
use crate::import::{Content, Field, ImportError, parse_input_with, read_content, report};

/// One input file, read: an evaluation file already parsed, or a report's
/// text waiting for the registers. Its bytes are not kept.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// SHA-256 of the file, hex.
    pub hash: String,
    pub content: Content,
}

/// Reads the given files (directories expand to the evaluation files and
/// reports under them): evaluation files are parsed, reports' text extracted.
/// Every file's problems are reported, not just the first.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, PipelineError> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in bundle::collect_inputs(paths)? {
        let read = SourceFile::read(&path).and_then(|file| {
            let content = read_content(&file)?;
            Ok(Input {
                path: file.path,
                hash: file.hash,
                content,
            })
        });
        match read {
            Ok(input) => inputs.push(input),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(PipelineError::Rejected(errors))
    }
}

/// What a command names: a bundled data folder (one at most) and files.
#[derive(Debug)]
pub struct Named {
    /// A folder that is a bundle (it holds the municipality register): it
    /// is imported as the bundle it is, never as a folder of evaluations.
    pub bundle: Option<PathBuf>,
    pub inputs: Vec<Input>,
}

/// Reads what a command names, telling a bundled data folder apart.
pub fn read_named(paths: &[PathBuf]) -> Result<Named, PipelineError> {
    let (bundles, files): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| bundle::is_bundle(p));
    let bundle = match bundles.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [first, second, ..] => {
            return Err(PipelineError::Rejected(vec![ImportError::one(
                second,
                None,
                Field::Folder,
                RunProblem::TwoBundles {
                    other: first.clone(),
                },
            )]));
        }
    };
    let inputs = if files.is_empty() {
        vec![]
    } else {
        read_inputs(&files)?
    };
    Ok(Named { bundle, inputs })
}

/// Where files sit: inside the bundled data folder or elsewhere.
pub struct Placement {
    /// The bundle folder, canonical (symbolic links and `..` resolved).
    bundle_dir: Option<PathBuf>,
}

impl Placement {
    pub fn new(bundle_dir: Option<&Path>) -> Self {
        Placement {
            bundle_dir: bundle_dir.and_then(|d| d.canonicalize().ok()),
        }
    }

    /// Bundled files are recorded by their path inside the bundle folder, so
    /// the record does not depend on where the project was checked out; a
    /// file from elsewhere by its name.
    pub fn provenance(&self, path: &Path, hash: &str, imported_at: &str) -> Provenance {
        let inside = self.bundle_dir.as_ref().and_then(|dir| {
            let path = path.canonicalize().ok()?;
            path.strip_prefix(dir).ok().map(Path::to_path_buf)
        });
        let (origin, source_file) = match inside {
            Some(relative) => (
                Origin::Bundle,
                relative.to_string_lossy().replace('\\', "/"),
            ),
            None => (
                Origin::Import,
                path.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
            ),
        };
        Provenance {
            origin,
            source_file,
            content_hash: hash.to_string(),
            imported_at: imported_at.to_string(),
        }
    }

    /// A named input as an item: a report is parsed now, against the run's
    /// registers.
    pub fn item(
        &self,
        input: Input,
        registers: &RunRegisters,
        imported_at: &str,
    ) -> Result<Item, ImportError> {
        let provenance = self.provenance(&input.path, &input.hash, imported_at);
        let (parsed, report, notices) = match input.content {
            Content::Evaluation(parsed) => (*parsed, None, vec![]),
            Content::Report(text) => {
                let r = report::parse(&input.path, &text, &registers.report())?;
                (r.file, Some(r.details), r.notices)
            }
        };
        Ok(Item {
            path: input.path,
            parsed,
            report,
            notices,
            provenance,
        })
    }

    /// A bundled file as an item.
    pub fn bundled_item(
        &self,
        file: &SourceFile,
        registers: &RunRegisters,
        imported_at: &str,
    ) -> Result<Item, ImportError> {
        let parsed = parse_input_with(file, Some(&registers.report()))?;
        Ok(Item {
            path: file.path.clone(),
            parsed,
            report: None,
            notices: vec![],
            provenance: self.provenance(&file.path, &file.hash, imported_at),
        })
    }
}
