//! `Dataset`: everything the portal serves, read once from the database and
//! indexed by code and id. What is computed from it for the pages lives in
//! `derived`; the two together are the `Snapshot` a request reads.

use std::collections::HashMap;

pub use super::provenance::{Origin, Provenance};
use super::{Benchmark, Catalogue, Evaluation, EvaluationId, Municipality, MunicipalityCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvaluation {
    /// The public id: "1881-2020".
    pub id: EvaluationId,
    pub evaluation: Evaluation,
    pub provenance: Provenance,
}

#[cfg(test)]
impl StoredEvaluation {
    /// An evaluation as if stored from the bundled file `source_file`.
    pub(crate) fn for_test(
        id: &str,
        evaluation: Evaluation,
        source_file: &str,
        content_hash: &str,
    ) -> Self {
        Self {
            id: id.parse().expect("a test evaluation id"),
            evaluation,
            provenance: Provenance {
                origin: Origin::Bundle,
                source_file: source_file.to_string(),
                content_hash: content_hash.to_string(),
                imported_at: String::new(),
            },
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Sorted by code.
    pub municipalities: Vec<Municipality>,
    pub catalogue: Catalogue,
    pub benchmarks: Vec<Benchmark>,
    /// Sorted by municipality, then chronologically.
    pub evaluations: Vec<StoredEvaluation>,
    /// Fingerprint of the stored data; changes whenever any of it does.
    pub data_version: String,
    /// When the stored data last changed (RFC 3339).
    pub updated_at: String,
    by_code: HashMap<MunicipalityCode, usize>,
    by_id: HashMap<EvaluationId, usize>,
}

impl Dataset {
    pub fn new(
        mut municipalities: Vec<Municipality>,
        catalogue: Catalogue,
        benchmarks: Vec<Benchmark>,
        mut evaluations: Vec<StoredEvaluation>,
        data_version: String,
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
        Self {
            municipalities,
            catalogue,
            benchmarks,
            evaluations,
            data_version,
            updated_at,
            by_code,
            by_id,
        }
    }

    pub fn municipality(&self, code: MunicipalityCode) -> Option<&Municipality> {
        self.by_code.get(&code).map(|i| &self.municipalities[*i])
    }

    /// The evaluation with this public id ("1881-2020"); none for a string
    /// that is not an id.
    pub fn evaluation(&self, id: &str) -> Option<&StoredEvaluation> {
        let id: EvaluationId = id.parse().ok()?;
        self.by_id.get(&id).map(|i| &self.evaluations[*i])
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
