//! `Dataset`: everything the portal serves, read once from the database and
//! indexed by code and id. What is computed from it for the pages lives in
//! `derived`; the two together are the `Snapshot` a request reads.
//!
//! Except the report texts: they are most of the stored bytes, and only the
//! answers about one evaluation show them, so the server's `Dataset` holds
//! their digest only (for the data version) and a handler reads the texts it
//! shows into `ReportTexts`. A dataset built in memory (tests) may hold them
//! in its evaluations; `ReportTexts` falls back to those.

use std::collections::HashMap;

use super::place::Places;
pub use super::provenance::{Origin, Provenance};
pub use super::stored::StoredEvaluation;
use super::version::held_texts_digest;
use super::{AreaText, Benchmark, Catalogue, EvaluationId, Municipality, MunicipalityCode};

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Sorted by code.
    pub municipalities: Vec<Municipality>,
    pub catalogue: Catalogue,
    pub benchmarks: Vec<Benchmark>,
    /// Each municipality's kommungrupp, population, outline and neighbours.
    pub places: Places,
    /// Sorted by municipality, then chronologically.
    pub evaluations: Vec<StoredEvaluation>,
    /// Fingerprint of the stored data; changes whenever any of it does.
    pub fingerprint: String,
    /// When the stored data last changed (RFC 3339).
    pub updated_at: String,
    /// The digest of every report text (`version::TextsHasher`).
    texts_digest: String,
    by_code: HashMap<MunicipalityCode, usize>,
    by_id: HashMap<EvaluationId, usize>,
}

impl Dataset {
    pub fn new(
        mut municipalities: Vec<Municipality>,
        catalogue: Catalogue,
        benchmarks: Vec<Benchmark>,
        mut evaluations: Vec<StoredEvaluation>,
        fingerprint: String,
        updated_at: String,
    ) -> Self {
        municipalities.sort_by_key(|m| m.code);
        evaluations.sort_by_key(|e| e.evaluation.key());
        let by_code = municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| (m.code, i))
            .collect();
        let by_id = evaluations
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let texts_digest = held_texts_digest(&evaluations);
        Self {
            municipalities,
            catalogue,
            benchmarks,
            places: Places::default(),
            evaluations,
            fingerprint,
            updated_at,
            texts_digest,
            by_code,
            by_id,
        }
    }

    /// The dataset with what is said of each municipality beside the
    /// register (kommungrupp, population, outline, neighbours).
    pub fn with_places(mut self, places: Places) -> Self {
        self.places = places;
        self
    }

    /// The dataset of evaluations whose report texts stay in the database,
    /// with the digest of those texts.
    pub fn with_texts_stored_apart(mut self, digest: String) -> Self {
        self.texts_digest = digest;
        self
    }

    /// The digest of every report text, held or stored apart.
    pub fn texts_digest(&self) -> &str {
        &self.texts_digest
    }

    pub fn municipality(&self, code: MunicipalityCode) -> Option<&Municipality> {
        self.by_code.get(&code).map(|i| &self.municipalities[*i])
    }

    /// The evaluation with this public id.
    pub fn evaluation(&self, id: &EvaluationId) -> Option<&StoredEvaluation> {
        self.by_id.get(id).map(|i| &self.evaluations[*i])
    }

    /// A municipality's evaluations, oldest first.
    pub fn evaluations_of(
        &self,
        code: MunicipalityCode,
    ) -> impl Iterator<Item = &StoredEvaluation> {
        let start = self
            .evaluations
            .partition_point(|e| e.evaluation.municipality < code);
        self.evaluations[start..]
            .iter()
            .take_while(move |e| e.evaluation.municipality == code)
    }

    pub fn evaluation_count(&self, code: MunicipalityCode) -> usize {
        self.evaluations_of(code).count()
    }
}

/// The report texts of the evaluations an answer shows, read for it (by
/// evaluation id). An evaluation not read here shows the texts it holds
/// itself, if any (a dataset built in memory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportTexts {
    read: HashMap<EvaluationId, Vec<AreaText>>,
}

impl ReportTexts {
    /// No texts read: each evaluation shows what it holds.
    pub fn none() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, id: EvaluationId, texts: Vec<AreaText>) {
        self.read.insert(id, texts);
    }

    /// The texts of `s`, in the order they were stored.
    pub fn of<'a>(&'a self, s: &'a StoredEvaluation) -> &'a [AreaText] {
        self.read
            .get(&s.id)
            .map_or(s.evaluation.texts.as_slice(), Vec::as_slice)
    }
}
