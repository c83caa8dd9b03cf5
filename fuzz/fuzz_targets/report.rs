//! Any bytes, read as a report's text, must give an evaluation or problems
//! naming lines of the text, never a panic.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use kompass::domain::{Catalogue, Municipality};
use kompass::import::ImportError;
use kompass::import::reference::{parse_catalogue, parse_municipalities};
use kompass::import::report::{self, ReportReference};
use libfuzzer_sys::fuzz_target;

static REFERENCE: LazyLock<(Vec<Municipality>, Catalogue)> = LazyLock::new(|| {
    let municipalities = parse_municipalities(
        Path::new("municipalities.csv"),
        include_str!("../../data-import/municipalities.csv"),
    );
    let catalogue = parse_catalogue(
        Path::new("catalogue.toml"),
        include_str!("../../data-import/catalogue.toml"),
    );
    match (municipalities, catalogue) {
        (Ok(m), Ok(c)) => (m, c),
        _ => panic!("the bundled reference data does not parse"),
    }
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (municipalities, catalogue) = &*REFERENCE;
    let reference = ReportReference {
        municipalities,
        catalogue,
    };
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    if let Err(ImportError::Invalid { problems, .. }) =
        report::parse(Path::new("fuzz.txt"), &text, &reference)
    {
        for p in problems {
            assert!(p.line.is_none_or(|l| (1..=lines).contains(&l)), "{p:?}");
        }
    }
});
