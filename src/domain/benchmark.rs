//! Published reference series: national means and other averages printed
//! beside municipalities' results.

use serde::Serialize;

use super::code::AreaNumber;
use super::revision::Revision;
use super::score::Score;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Benchmark {
    /// The label as printed ("Sverigesnitt").
    pub label: String,
    pub revision: Revision,
    pub year: i32,
    /// How many evaluations the average covers, when stated.
    pub evaluations: Option<u32>,
    /// Area averages, only those printed.
    pub areas: Vec<(AreaNumber, Score)>,
    pub total: Option<Score>,
    pub source_url: String,
    pub notes: Option<String>,
}

impl Benchmark {
    pub fn area(&self, number: AreaNumber) -> Option<Score> {
        self.areas
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, s)| *s)
    }
}
