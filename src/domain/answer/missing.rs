//! What kompass does not know (`/saknas`): every evaluation it holds that
//! published no figure, per municipality, and the evaluations the sources
//! imply but whose year no source gives, which can only be counted. The
//! page, its CSV and the API's `scores=none` list are made from this.

use crate::domain::Municipality;
use crate::domain::coverage::Coverage;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::text::sort_key;

/// One municipality's gaps: its evaluations without figures (oldest first)
/// and how many more the sources imply.
#[derive(Debug, Clone)]
pub struct Gaps<'a> {
    pub municipality: &'a Municipality,
    pub without_figures: Vec<&'a StoredEvaluation>,
    pub coverage: Coverage,
}

#[derive(Debug, Clone)]
pub struct Missing<'a> {
    /// Municipalities with an evaluation without figures or one the sources
    /// imply, in Swedish alphabetical order.
    pub municipalities: Vec<Gaps<'a>>,
}

impl Missing<'_> {
    /// The evaluations held without figures: what `/saknas` lists.
    pub fn without_figures(&self) -> usize {
        self.municipalities
            .iter()
            .map(|g| g.without_figures.len())
            .sum()
    }

    /// The evaluations the sources imply that kompass does not hold.
    pub fn unknown(&self) -> usize {
        self.municipalities
            .iter()
            .map(|g| g.coverage.unknown())
            .sum()
    }

    /// Every evaluation held without figures, by municipality as listed.
    pub fn evaluations(&self) -> impl Iterator<Item = (&Municipality, &StoredEvaluation)> {
        self.municipalities
            .iter()
            .flat_map(|g| g.without_figures.iter().map(move |s| (g.municipality, *s)))
    }
}

/// The gaps of every municipality that has any.
pub fn missing(data: &Dataset) -> Missing<'_> {
    let mut municipalities: Vec<Gaps<'_>> = data
        .municipalities
        .iter()
        .filter_map(|m| {
            let held: Vec<&StoredEvaluation> = data.evaluations_of(m.code).collect();
            let coverage = Coverage::of(held.iter().map(|s| &s.evaluation));
            let without_figures: Vec<&StoredEvaluation> = held
                .into_iter()
                .filter(|s| !s.evaluation.has_published_scores())
                .collect();
            (!without_figures.is_empty() || coverage.unknown() > 0).then_some(Gaps {
                municipality: m,
                without_figures,
                coverage,
            })
        })
        .collect();
    municipalities.sort_by_key(|g| sort_key(&g.municipality.name));
    Missing { municipalities }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{KUMLA_2020, dataset, evaluation};

    #[test]
    fn evaluations_without_figures_are_listed_and_implied_ones_counted() {
        let mut orebro_2010 = evaluation("1880", 2010, "v2010", &[], None);
        orebro_2010.evaluation.evaluation_number = Some(3);
        let mut orebro_2012 = evaluation("1880", 2012, "v2010", &KUMLA_2020, Some(557));
        orebro_2012.evaluation.evaluation_number = Some(4);
        let data = dataset(vec![
            evaluation("0115", 2021, "v2020", &KUMLA_2020, Some(557)),
            evaluation("1881", 2017, "v2016", &[], None),
            evaluation("1881", 2020, "v2020", &KUMLA_2020, Some(557)),
            orebro_2010,
            orebro_2012,
        ]);
        let m = missing(&data);
        let names: Vec<&str> = m
            .municipalities
            .iter()
            .map(|g| g.municipality.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Kumla", "Örebro"],
            "Vallentuna lacks nothing; å, ä, ö last"
        );
        assert_eq!(m.without_figures(), 2);
        assert_eq!(m.unknown(), 2, "Örebro's first two");
        let ids: Vec<String> = m.evaluations().map(|(_, s)| s.id.to_string()).collect();
        assert_eq!(ids, ["1881-2017", "1880-2010"]);
    }

    #[test]
    fn a_municipality_with_only_implied_evaluations_is_counted_not_listed() {
        let mut gotland = evaluation("0115", 2014, "v2010", &[61], Some(551));
        gotland.evaluation.evaluation_number = Some(2);
        let data = dataset(vec![gotland]);
        let m = missing(&data);
        assert_eq!(m.municipalities.len(), 1);
        assert!(m.municipalities[0].without_figures.is_empty());
        assert_eq!((m.without_figures(), m.unknown()), (0, 1));
    }
}
