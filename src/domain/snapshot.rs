//! `Snapshot`: one version of the data as the server reads it, the loaded
//! `Dataset` and what is `Derived` from it (search index, averages, ranks),
//! built together in one place when a data version is loaded, so no request
//! pays for the aggregates and no request sees them half made.
//!
//! It dereferences to its `Dataset`, so whatever reads only the data takes
//! `&Dataset` and is handed a snapshot as it is.

use std::ops::Deref;

use super::dataset::Dataset;
use super::derived::Derived;

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    dataset: Dataset,
    derived: Derived,
}

impl Snapshot {
    /// The dataset with its aggregates computed.
    pub fn new(dataset: Dataset) -> Self {
        let derived = Derived::compute(&dataset);
        Self { dataset, derived }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The aggregates the pages share (search index, averages, ranks, ...).
    pub fn derived(&self) -> &Derived {
        &self.derived
    }
}

impl Deref for Snapshot {
    type Target = Dataset;

    fn deref(&self) -> &Dataset {
        &self.dataset
    }
}
