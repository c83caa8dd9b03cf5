//! Storing evaluations inside the run's transaction. The store keeps an
//! index of what is stored (identity and provenance, no figures), read once
//! per run, and decides with the domain's one rule
//! (`EvaluationKey::resolve`) which stored evaluation a file replaces. Public
//! ids are given when a run ends, for the municipality-years it touched.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use diesel::sqlite::SqliteConnection;

use super::summary::Action;
use crate::db::read::{self, Which};
use crate::db::rows::{RowId, StoredRow};
use crate::db::{DbError, write};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::identity::Match;
use crate::domain::{
    Evaluation, EvaluationId, EvaluationKey, MunicipalityCode, Origin, Provenance,
};
use crate::import::problem::RunProblem;
use crate::import::{Field, Problem};

/// Who is storing: the bundle being kept in step, or files named by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    Bundle,
    /// The bundle, replacing evaluations imported by hand (`--prefer-bundle`).
    BundleFirst,
    Named,
}

/// What storing one evaluation did.
#[derive(Debug)]
pub struct Stored {
    /// The stored row the file now stands for (its own, or the one kept).
    pub row: RowId,
    pub action: Action,
    /// For a replacement: the evaluation replaced (read only for named files,
    /// to say what the replacement drops).
    pub replaced: Option<StoredEvaluation>,
}

type Year = (MunicipalityCode, i32);

pub struct Store<'c> {
    conn: &'c mut SqliteConnection,
    /// What is stored, by municipality and year.
    index: HashMap<Year, Vec<StoredRow>>,
    /// Municipality-years whose evaluations changed: their ids are given anew.
    touched: BTreeSet<Year>,
}

impl<'c> Store<'c> {
    /// The store over `conn`, with its index read (one query).
    pub fn open(conn: &'c mut SqliteConnection) -> Result<Self, DbError> {
        let mut index: HashMap<Year, Vec<StoredRow>> = HashMap::new();
        for row in read::load_index(conn)? {
            index
                .entry((row.municipality_code, row.year))
                .or_default()
                .push(row);
        }
        Ok(Store {
            conn,
            index,
            touched: BTreeSet::new(),
        })
    }

    pub fn conn(&mut self) -> &mut SqliteConnection {
        self.conn
    }

    /// How many evaluations are stored.
    pub fn count(&self) -> usize {
        self.index.values().map(Vec::len).sum()
    }

    /// Stores `e`, replacing the stored evaluation it names. A bundled file
    /// never replaces an evaluation imported by hand: the import was a
    /// deliberate choice, and the bundle changing elsewhere must not undo it.
    /// `Err(problem)`: which stored evaluation it names cannot be told.
    pub fn store(
        &mut self,
        e: &Evaluation,
        provenance: &Provenance,
        feed: Feed,
    ) -> Result<Result<Stored, Problem>, DbError> {
        let year = (e.municipality, e.year);
        let group = self.index.get(&year).map(Vec::as_slice).unwrap_or_default();
        let matched = match e
            .key()
            .resolve(group.iter().map(|s| (s.evaluation_key(), s)))
        {
            Match::New => None,
            Match::Same(s) => Some(s.clone()),
            Match::Ambiguous(found) => {
                return Ok(Err(Problem::new(
                    None,
                    Field::Month,
                    RunProblem::MonthNeeded {
                        municipality: e.municipality,
                        year: e.year,
                        months: found.iter().map(|(m, _)| *m).collect(),
                    },
                )));
            }
        };
        let (action, replaced) = match matched {
            Some(s)
                if s.content_hash == provenance.content_hash
                    && s.source_file == provenance.source_file =>
            {
                return Ok(Ok(Stored {
                    row: s.row,
                    action: Action::Unchanged,
                    replaced: None,
                }));
            }
            Some(s) if feed == Feed::Bundle && s.origin == Origin::Import => {
                let why = format!(
                    "{} stays as imported from {}; the bundled {} describes the same evaluation \
                     (import the bundled file to use it instead)",
                    s.id, s.source_file, provenance.source_file
                );
                return Ok(Ok(Stored {
                    row: s.row,
                    action: Action::Kept(why),
                    replaced: None,
                }));
            }
            Some(s) => {
                let old = match feed {
                    Feed::Named => read::load_evaluations(self.conn, Which::Rows(&[s.row]))?.pop(),
                    Feed::Bundle | Feed::BundleFirst => None,
                };
                let action = if s.origin == Origin::Import && feed == Feed::BundleFirst {
                    Action::Restored(format!(
                        "{} restores {} in place of the evaluation imported by hand from {}",
                        provenance.source_file, s.id, s.source_file
                    ))
                } else {
                    Action::Replaced
                };
                self.delete(&[s.row])?;
                (action, old)
            }
            None => (Action::Inserted, None),
        };
        let row = self.insert(e, provenance)?;
        Ok(Ok(Stored {
            row,
            action,
            replaced,
        }))
    }

    /// Inserts `e` under the id its municipality-year gives it now.
    fn insert(&mut self, e: &Evaluation, provenance: &Provenance) -> Result<RowId, DbError> {
        let year = (e.municipality, e.year);
        let group = self.index.entry(year).or_default();
        let mut keys: Vec<_> = group.iter().map(StoredRow::evaluation_key).collect();
        keys.push(e.key());
        let id = EvaluationId::assign(&keys)
            .pop()
            .ok_or_else(|| DbError::Corrupt(format!("no id for {}", e.label())))?;
        let row = write::insert_evaluation(self.conn, e, &id, provenance)?;
        group.push(StoredRow {
            row,
            id,
            municipality_code: e.municipality,
            year: e.year,
            month: e.month.map(i32::from),
            origin: provenance.origin,
            source_file: provenance.source_file.clone(),
            content_hash: provenance.content_hash.clone(),
        });
        self.touched.insert(year);
        Ok(row)
    }

    fn delete(&mut self, rows: &[RowId]) -> Result<(), DbError> {
        write::delete_evaluations(self.conn, rows)?;
        for (year, group) in &mut self.index {
            let before = group.len();
            group.retain(|s| !rows.contains(&s.row));
            if group.len() != before {
                self.touched.insert(*year);
            }
        }
        Ok(())
    }

    /// Removes the bundled evaluations whose file is not among `files`;
    /// returns their ids.
    pub fn remove_bundled_except(
        &mut self,
        files: &BTreeSet<String>,
    ) -> Result<Vec<EvaluationId>, DbError> {
        let gone: Vec<&StoredRow> = self
            .index
            .values()
            .flatten()
            .filter(|s| s.origin == Origin::Bundle && !files.contains(&s.source_file))
            .collect();
        let mut ids: Vec<EvaluationId> = gone.iter().map(|s| s.id.clone()).collect();
        let rows: Vec<RowId> = gone.iter().map(|s| s.row).collect();
        self.delete(&rows)?;
        ids.sort();
        Ok(ids)
    }

    /// Gives the evaluations of every municipality-year the run touched
    /// their public ids (see `EvaluationId::assign`), and returns them.
    pub fn finish(&mut self) -> Result<Ids, DbError> {
        let mut changes = Vec::new();
        for year in std::mem::take(&mut self.touched) {
            let Some(group) = self.index.get_mut(&year) else {
                continue;
            };
            group.sort_by_key(StoredRow::evaluation_key);
            let keys: Vec<_> = group.iter().map(StoredRow::evaluation_key).collect();
            for (stored, id) in group.iter_mut().zip(EvaluationId::assign(&keys)) {
                if stored.id != id {
                    stored.id = id.clone();
                    changes.push((stored.row, id));
                }
            }
        }
        write::set_ids(self.conn, &changes)?;
        let mut by_year: HashMap<Year, Vec<(EvaluationKey, EvaluationId)>> = HashMap::new();
        let mut by_row = BTreeMap::new();
        for s in self.index.values().flatten() {
            by_row.insert(s.row, s.id.clone());
            by_year
                .entry((s.municipality_code, s.year))
                .or_default()
                .push((s.evaluation_key(), s.id.clone()));
        }
        Ok(Ids { by_row, by_year })
    }
}

/// The public ids a run ended with.
pub struct Ids {
    by_row: BTreeMap<RowId, EvaluationId>,
    by_year: HashMap<Year, Vec<(EvaluationKey, EvaluationId)>>,
}

impl Ids {
    /// The id of what row `row` was stored as: that row's, or, when a later
    /// file of the run replaced it, the id of the evaluation it names.
    pub fn of(&self, row: RowId, key: &EvaluationKey) -> Option<EvaluationId> {
        if let Some(id) = self.by_row.get(&row) {
            return Some(id.clone());
        }
        let group = self.by_year.get(&(key.municipality, key.year))?;
        match key.resolve(group.iter().map(|(k, id)| (*k, id))) {
            Match::Same(id) => Some(id.clone()),
            Match::New | Match::Ambiguous(_) => None,
        }
    }
}
