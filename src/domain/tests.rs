//! Test fixtures for the domain's unit tests: the real catalogue, four
//! municipalities and evaluations made of the figures a test names.

use std::path::Path;

use super::dataset::{Dataset, StoredEvaluation};
use super::{AreaNumber, AreaScore, Catalogue, Evaluation, Municipality, MunicipalityCode, Score};
use crate::import::registers::parse_catalogue;

/// Area points as published: Vallentuna 2021 (v2020), Kumla 2020 (v2020),
/// Vallentuna 2014 (v2010).
pub const VALLENTUNA_2021: [i64; 8] = [73, 75, 80, 83, 86, 82, 86, 83];
pub const KUMLA_2020: [i64; 8] = [66, 73, 80, 60, 65, 71, 70, 72];
pub const VALLENTUNA_2014: [i64; 8] = [61, 60, 73, 53, 70, 56, 65, 68];

pub fn catalogue() -> Catalogue {
    let text = include_str!("../../data-import/catalogue.toml");
    parse_catalogue(Path::new("catalogue.toml"), text).unwrap()
}

pub fn municipality(code: &str, name: &str) -> Municipality {
    let code: MunicipalityCode = code.parse().unwrap();
    Municipality {
        code,
        name: name.into(),
        county_code: code.county_code(),
        county: format!("län {}", code.county_code()),
    }
}

/// An evaluation with areas 1, 2, ... as listed, and the total if given.
pub fn evaluation(
    code: &str,
    year: i32,
    revision: &str,
    areas: &[i64],
    total: Option<i64>,
) -> StoredEvaluation {
    let mut e = Evaluation::new(code.parse().unwrap(), year, revision.parse().unwrap());
    e.areas = areas
        .iter()
        .enumerate()
        .map(|(i, p)| AreaScore {
            number: AreaNumber::ALL[i],
            printed_name: None,
            points: Score::whole(*p),
            percent: None,
            line: None,
        })
        .collect();
    e.total = total.map(Score::whole);
    StoredEvaluation::for_test(&format!("{code}-{year}"), e, "", "")
}

/// Vallentuna, Stockholm, Kumla and Örebro with these evaluations.
pub fn dataset(evaluations: Vec<StoredEvaluation>) -> Dataset {
    let municipalities = vec![
        municipality("0115", "Vallentuna"),
        municipality("0180", "Stockholm"),
        municipality("1881", "Kumla"),
        municipality("1880", "Örebro"),
    ];
    Dataset::new(
        municipalities,
        catalogue(),
        vec![],
        evaluations,
        "v".into(),
        String::new(),
    )
}
