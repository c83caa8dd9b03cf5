//! `kommun` and `ar` on `/bidra` and `/bidra/siffror`: the evaluation a
//! visitor came to contribute. Forgiving, as the pages are: a code no
//! municipality has, or a year outside the years kompass takes, fills in
//! nothing rather than refusing the page.

use serde::Deserialize;

use crate::domain::dataset::Dataset;
use crate::domain::{MunicipalityCode, YEARS};
use crate::views::pages::contribute::prefill::Prefill;

#[derive(Debug, Default, Deserialize)]
pub struct PrefillQuery {
    pub kommun: Option<String>,
    pub ar: Option<String>,
}

impl PrefillQuery {
    /// The two names read from a query's pairs (the first of each), for a
    /// page that reads other names too.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let first = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        Self {
            kommun: first("kommun"),
            ar: first("ar"),
        }
    }

    pub fn parse(&self, data: &Dataset) -> Prefill {
        Prefill {
            municipality: self
                .kommun
                .as_deref()
                .and_then(|k| k.trim().parse::<MunicipalityCode>().ok())
                .filter(|c| data.municipality(*c).is_some()),
            year: self
                .ar
                .as_deref()
                .and_then(|y| y.trim().parse::<i32>().ok())
                .filter(|y| YEARS.contains(y)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    fn parse(kommun: Option<&str>, ar: Option<&str>) -> Prefill {
        PrefillQuery {
            kommun: kommun.map(Into::into),
            ar: ar.map(Into::into),
        }
        .parse(bundled())
    }

    #[test]
    fn a_known_municipality_and_a_year_are_taken_anything_else_is_left_out() {
        let p = parse(Some("1880"), Some(" 2010 "));
        assert_eq!(
            p.municipality.map(|c| c.to_string()).as_deref(),
            Some("1880")
        );
        assert_eq!(p.year, Some(2010));
        assert_eq!(parse(Some("9999"), Some("1066")), Prefill::default());
        assert_eq!(parse(Some("orebro"), Some("tjugo")), Prefill::default());
        assert_eq!(parse(None, None), Prefill::default());
    }
}
