//! Bringing the database in step with the bundled data folder: its
//! registers replaces what is stored, its evaluation files go through
//! the one batch path, bundled evaluations whose file left are removed, and
//! evaluations imported by hand must still pass the new registers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::batch::Batch;
use super::error::PipelineError;
use super::held_back;
use super::input::Placement;
use super::registers::RunRegisters;
use super::store::{Feed, Ids, Store};
use super::summary::{Action, BundleSync};
use crate::db::meta::{self, BUNDLE_HASH};
use crate::db::read::{self, Which};
use crate::db::{DbError, write};
use crate::domain::{EvaluationId, Origin};
use crate::import::ImportError;
use crate::import::bundle::Bundle;
use crate::import::evaluation_file::FileFacts;
use crate::import::validate::validate;

/// The bundle's files, stored; the ids are known once the run ends.
pub struct Synced<'r> {
    pub batch: Batch<'r>,
    pub evaluations: usize,
    pub removed: Vec<EvaluationId>,
}

/// Syncs `bundle` (whose registers `registers` are) into the store.
/// `prefer_bundle`: its files replace the evaluations imported by hand
/// they describe, instead of being held back.
pub fn sync<'r>(
    store: &mut Store<'_>,
    bundle: &Bundle,
    registers: &'r RunRegisters,
    imported_at: &str,
    prefer_bundle: bool,
) -> Result<Synced<'r>, PipelineError> {
    let data = &bundle.registers;
    write::replace_registers(
        store.conn(),
        &data.municipalities,
        &data.catalogue,
        &data.benchmarks,
    )?;
    write::replace_places(store.conn(), &data.places)?;
    // Sub-areas of revisions the catalogue does not list are recorded by the
    // bundle's own files, in order, so that they agree among themselves.
    let feed = if prefer_bundle {
        Feed::BundleFirst
    } else {
        Feed::Bundle
    };
    let mut batch = Batch::new(feed, registers, BTreeMap::new());
    let placement = Placement::new(Some(&bundle.dir));
    let mut files = BTreeSet::new();
    let mut described = Vec::with_capacity(bundle.evaluations.len());
    for file in &bundle.evaluations {
        match placement.bundled_item(file, registers, imported_at) {
            Ok(item) => {
                files.insert(item.provenance.source_file.clone());
                described.push((
                    item.provenance.source_file.clone(),
                    item.parsed.evaluation.key(),
                ));
                batch.add(store, item)?;
            }
            Err(e) => batch.refuse(e),
        }
    }
    if let Some(errors) = batch.errors() {
        return Err(PipelineError::Rejected(errors));
    }
    let removed = store.remove_bundled_except(&files)?;
    let errors = recheck_imported(store, registers, &batch)?;
    if !errors.is_empty() {
        return Err(PipelineError::Rejected(errors));
    }
    held_back::record(store.conn(), &described)?;
    meta::set(store.conn(), BUNDLE_HASH, &bundle.hash)?;
    Ok(Synced {
        batch,
        evaluations: bundle.evaluations.len(),
        removed,
    })
}

/// Evaluations imported by hand passed the old register and catalogue; a
/// changed bundle must not leave them standing against the new ones.
fn recheck_imported(
    store: &mut Store<'_>,
    registers: &RunRegisters,
    batch: &Batch<'_>,
) -> Result<Vec<ImportError>, DbError> {
    let imported = read::load_evaluations(store.conn(), Which::Origin(Origin::Import))?;
    let rules = registers.validation(batch.recorded());
    Ok(imported
        .iter()
        .filter_map(|s| {
            let problems = validate(&s.evaluation, &FileFacts::default(), &rules).err()?;
            let label = format!(
                "stored evaluation {} (imported from {})",
                s.id, s.provenance.source_file
            );
            Some(ImportError::invalid(Path::new(&label), problems))
        })
        .collect())
}

impl Synced<'_> {
    /// What the sync did, with the ids the run ended with.
    pub fn report(self, ids: &Ids) -> Result<BundleSync, DbError> {
        let files = self.batch.outcomes(ids)?;
        let said = |pick: fn(&Action) -> Option<&String>| {
            files
                .iter()
                .filter_map(|f| pick(&f.action).cloned())
                .collect()
        };
        let kept = said(|a| match a {
            Action::Kept(why) => Some(why),
            _ => None,
        });
        let restored = said(|a| match a {
            Action::Restored(what) => Some(what),
            _ => None,
        });
        Ok(BundleSync {
            evaluations: self.evaluations,
            files,
            removed: self.removed,
            kept,
            restored,
        })
    }
}
