//! `StoredEvaluation`: an evaluation as stored, with its public id and
//! where it came from. The dataset holds them, and the citable version
//! (`version`) is computed from them.

#[cfg(test)]
use super::Origin;
use super::{Evaluation, EvaluationId, Provenance};

/// A stored evaluation. Loaded by the server, its `evaluation.texts` is
/// empty: the texts are read on demand (`ReportTexts`).
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
