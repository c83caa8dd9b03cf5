//! The one path every file takes, bundled or named: parsed -> one file per
//! evaluation -> validated -> stored. A batch goes on past a refused file,
//! so that a run reports every problem at once (and then stores nothing).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::registers::RunRegisters;
use super::store::{Feed, Ids, Store};
use super::summary::{Action, FileOutcome};
use crate::db::DbError;
use crate::db::rows::RowId;
use crate::domain::{EvaluationKey, MunicipalityCode, Provenance, Revision, Score, SubareaCode};
use crate::import::evaluation_file::ParsedFile;
use crate::import::problem::RunProblem;
use crate::import::replacement;
use crate::import::report::ReportDetails;
use crate::import::validate::{Notice, RuleOutcome, check_all};
use crate::import::{Field, ImportError, NoticeKind, Problem};

/// One file read and parsed, with where it came from.
#[derive(Debug)]
pub struct Item {
    pub path: PathBuf,
    pub parsed: ParsedFile,
    /// What a report showed besides the evaluation.
    pub report: Option<ReportDetails>,
    /// What reading it found worth saying.
    pub notices: Vec<Notice>,
    pub provenance: Provenance,
}

/// A file stored (or kept), waiting for the ids the run ends with.
#[derive(Debug)]
struct Done {
    row: RowId,
    item: Item,
    action: Action,
    notices: Vec<Notice>,
    /// Every rule it passed.
    checks: Vec<RuleOutcome>,
}

pub struct Batch<'r> {
    feed: Feed,
    registers: &'r RunRegisters,
    /// Sub-areas of revisions the catalogue lists none of: what is stored,
    /// and what this batch's accepted files printed first.
    recorded: BTreeMap<(Revision, SubareaCode), Score>,
    /// The files of this batch so far, by municipality and year.
    seen: HashMap<(MunicipalityCode, i32), Vec<(EvaluationKey, PathBuf)>>,
    done: Vec<Done>,
    errors: Vec<ImportError>,
}

impl<'r> Batch<'r> {
    pub fn new(
        feed: Feed,
        registers: &'r RunRegisters,
        recorded: BTreeMap<(Revision, SubareaCode), Score>,
    ) -> Self {
        Batch {
            feed,
            registers,
            recorded,
            seen: HashMap::new(),
            done: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// A file that could not be read or parsed.
    pub fn refuse(&mut self, error: ImportError) {
        self.errors.push(error);
    }

    /// Checks one file and stores it (a refused file is remembered, and the
    /// batch goes on). Only the database failing stops it.
    pub fn add(&mut self, store: &mut Store<'_>, mut item: Item) -> Result<(), DbError> {
        if let Err(problem) = self.check_distinct(&item) {
            self.errors
                .push(ImportError::invalid(&item.path, vec![problem]));
            return Ok(());
        }
        let mut notices = std::mem::take(&mut item.notices);
        let evaluation = &item.parsed.evaluation;
        let registers = self.registers.validation(&self.recorded);
        let validation = check_all(evaluation, &item.parsed.facts, &registers);
        if !validation.passed() {
            let problems = validation.problems();
            self.errors.push(ImportError::invalid(&item.path, problems));
            return Ok(());
        }
        notices.extend(validation.notices);
        self.record_subareas(&item);
        match store.store(evaluation, &item.provenance, self.feed)? {
            Ok(stored) => {
                notices.extend(stored.replaced.and_then(|old| {
                    let dropped = replacement::dropped(&old.evaluation, evaluation);
                    (!dropped.is_empty()).then(|| {
                        Notice::about(NoticeKind::Replaces {
                            evaluation: old.evaluation.key(),
                            source_file: old.provenance.source_file.clone(),
                            dropped,
                        })
                    })
                }));
                self.done.push(Done {
                    row: stored.row,
                    item,
                    action: stored.action,
                    notices,
                    checks: validation.outcomes,
                });
            }
            Err(problem) => self
                .errors
                .push(ImportError::invalid(&item.path, vec![problem])),
        }
        Ok(())
    }

    /// Two files of one batch must not describe the same evaluation.
    fn check_distinct(&mut self, item: &Item) -> Result<(), Problem> {
        let e = &item.parsed.evaluation;
        let same_year = self.seen.entry((e.municipality, e.year)).or_default();
        if let Some((_, first)) = same_year.iter().find(|(k, _)| k.same_evaluation(&e.key())) {
            return Err(Problem::new(
                None,
                Field::Identity,
                RunProblem::DescribedTwice {
                    evaluation: e.key(),
                    other: first.clone(),
                },
            ));
        }
        same_year.push((e.key(), item.path.clone()));
        Ok(())
    }

    /// The first max printed for each sub-area of a revision without
    /// catalogue sub-areas becomes the one later files must agree with.
    fn record_subareas(&mut self, item: &Item) {
        let e = &item.parsed.evaluation;
        let listed = self
            .registers
            .catalogue
            .revision(e.revision)
            .is_some_and(|r| r.knows_subareas());
        if listed {
            return;
        }
        for s in &e.subareas {
            self.recorded.entry((e.revision, s.code)).or_insert(s.max);
        }
    }

    /// The sub-areas recorded once the batch is through.
    pub fn recorded(&self) -> &BTreeMap<(Revision, SubareaCode), Score> {
        &self.recorded
    }

    /// Every problem, if any file was refused.
    pub fn errors(&mut self) -> Option<Vec<ImportError>> {
        (!self.errors.is_empty()).then(|| std::mem::take(&mut self.errors))
    }

    /// The outcomes, with the ids the run ended with.
    pub fn outcomes(self, ids: &Ids) -> Result<Vec<FileOutcome>, DbError> {
        let register = &self.registers.register;
        self.done
            .into_iter()
            .map(|d| {
                let evaluation = d.item.parsed.evaluation;
                let id = ids
                    .of(d.row, &evaluation.key())
                    .ok_or_else(|| DbError::Corrupt(format!("no id for {}", evaluation.label())))?;
                Ok(FileOutcome {
                    path: d.item.path,
                    municipality: register.get(&evaluation.municipality).cloned(),
                    evaluation,
                    id,
                    action: d.action,
                    notices: d.notices,
                    checks: d.checks,
                    provenance: d.item.provenance,
                    report: d.item.report,
                })
            })
            .collect()
    }
}
