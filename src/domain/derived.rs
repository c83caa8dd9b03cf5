//! Figures the pages need again and again, computed once per data version
//! when its `Snapshot` is built: the search index, each revision's averages,
//! every evaluation's rank under its own revision, the newest evaluations,
//! the counties and the years covered.

use std::collections::{BTreeMap, HashMap};

use super::analysis::{
    Metric, RankingFilter, RevisionAverages, ranking, revision_averages, year_span,
};
use super::dataset::Dataset;
use super::search::SearchIndex;
use super::version::{DataVersion, data_version};
use super::{CountyCode, EvaluationId, MunicipalityCode, Revision};

/// Where an evaluation's published total stands among the latest totals of
/// all municipalities evaluated under the same revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankPosition {
    pub rank: usize,
    /// How many municipalities were compared.
    pub of: usize,
    /// The first and last year of the compared evaluations.
    pub years: (i32, i32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct County {
    pub code: CountyCode,
    pub name: String,
    /// In register (code) order.
    pub municipalities: Vec<MunicipalityCode>,
}

#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub search: SearchIndex,
    pub averages: BTreeMap<Revision, RevisionAverages>,
    /// By evaluation id; only evaluations that are their municipality's
    /// latest published total under their revision have one.
    pub total_ranks: HashMap<EvaluationId, RankPosition>,
    /// Indices into `Dataset::evaluations`, newest first.
    pub newest_first: Vec<usize>,
    pub counties: Vec<County>,
    /// Municipalities with at least one evaluation.
    pub evaluated_municipalities: usize,
    /// The first and last year of any evaluation.
    pub years: Option<(i32, i32)>,
    /// The citable version of the data (`2023-02.f8480c`), from the data alone.
    pub version: DataVersion,
}

impl Derived {
    pub fn compute(data: &Dataset) -> Self {
        let averages = data
            .catalogue
            .revisions
            .iter()
            .map(|r| (r.id, revision_averages(data, r.id)))
            .collect();
        let mut total_ranks = HashMap::new();
        for r in &data.catalogue.revisions {
            let filter = RankingFilter {
                revision: Some(r.id),
                ..RankingFilter::default()
            };
            let entries = ranking(data, Metric::Total, &filter);
            let Some(years) = year_span(entries.iter().map(|e| e.evaluation.evaluation.year))
            else {
                continue;
            };
            for e in &entries {
                total_ranks.insert(
                    e.evaluation.id.clone(),
                    RankPosition {
                        rank: e.rank,
                        of: entries.len(),
                        years,
                    },
                );
            }
        }
        let mut newest_first: Vec<usize> = (0..data.evaluations.len()).collect();
        newest_first.sort_by(|a, b| {
            let key = |i: &usize| {
                let e = &data.evaluations[*i].evaluation;
                (e.year, e.month.unwrap_or(0))
            };
            key(b).cmp(&key(a))
        });
        let mut counties: Vec<County> = Vec::new();
        for m in &data.municipalities {
            match counties.iter_mut().find(|c| c.code == m.county_code) {
                Some(c) => c.municipalities.push(m.code),
                None => counties.push(County {
                    code: m.county_code,
                    name: m.county.clone(),
                    municipalities: vec![m.code],
                }),
            }
        }
        counties.sort_by_key(|c| c.code);
        let evaluated_municipalities = data
            .municipalities
            .iter()
            .filter(|m| data.evaluation_count(m.code) > 0)
            .count();
        Self {
            search: SearchIndex::new(&data.municipalities),
            averages,
            total_ranks,
            newest_first,
            counties,
            evaluated_municipalities,
            years: year_span(data.evaluations.iter().map(|e| e.evaluation.year)),
            version: data_version(
                &data.municipalities,
                &data.catalogue,
                &data.benchmarks,
                &data.places,
                &data.evaluations,
                data.texts_digest(),
            ),
        }
    }

    pub fn county(&self, code: CountyCode) -> Option<&County> {
        self.counties.iter().find(|c| c.code == code)
    }
}
