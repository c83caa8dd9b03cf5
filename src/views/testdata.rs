//! The bundled data as a `Snapshot`, read straight from `data-import/`
//! without a database, for unit tests of the view models on real figures.

use std::path::Path;
use std::sync::OnceLock;

use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::snapshot::Snapshot;
use crate::import::{bundle, parse_input};

pub fn bundled() -> &'static Snapshot {
    static DATA: OnceLock<Snapshot> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-import");
        let b = bundle::load(&dir).expect("bundled data reads");
        let evaluations = b
            .evaluations
            .iter()
            .map(|file| {
                let e = parse_input(file).expect("bundled file parses").evaluation;
                let id = format!("{}-{}", e.municipality, e.year);
                StoredEvaluation::for_test(&id, e, &file.path.display().to_string(), &file.hash)
            })
            .collect();
        let r = b.registers;
        Snapshot::new(
            Dataset::new(
                r.municipalities,
                r.catalogue,
                r.benchmarks,
                evaluations,
                "test".into(),
                String::new(),
            )
            .with_places(r.places),
        )
    })
}
