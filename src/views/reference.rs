//! The reference figure as readers meet it: its name ("Sverigesnitt 2021",
//! "Snitt, 7 kommuner i kompass"), what it is and where it was published,
//! and why a view shows none. The domain chooses the figure
//! (`domain::answer::reference`); the municipality page, the comparison and
//! the ranking, as pages, JSON and CSV, name it from here.

use crate::domain::answer::reference::{MIN_AVERAGE_BASE, Reference, VersionReference};
use crate::domain::dataset::Dataset;
use crate::domain::statement::site_name;
use crate::domain::{AreaNumber, Catalogue, Revision, Score};
use crate::views::format::{self, count, year_range};

/// Its name: the published label with its year, or kompass's own mean
/// with its base.
pub fn label(r: &Reference<'_>) -> String {
    match r {
        Reference::Published(b) => format!("{} {}", b.label, b.year),
        Reference::Kompass(_) => format!(
            "Snitt, {} i kompass",
            count(r.base().unwrap_or(0), "kommun", "kommuner")
        ),
    }
}

/// Why a comparison or a ranking of evaluations under `revisions` shows no
/// reference figure; none when nothing is shown.
pub fn why_none(catalogue: &Catalogue, revisions: &[Revision]) -> Option<String> {
    match revisions {
        [] => None,
        [revision] => Some(why_none_for(catalogue, *revision)),
        _ => Some(
            "Inget referensvärde visas: utvärderingarna gjordes enligt olika versioner av kriterierna, och ett snitt gäller bara en version.".to_string(),
        ),
    }
}

/// Why evaluations under `revision` have no reference figure.
pub fn why_none_for(catalogue: &Catalogue, revision: Revision) -> String {
    format!(
        "Inget referensvärde finns för {}: inget publicerat riksgenomsnitt för siffran, och färre än {MIN_AVERAGE_BASE} kommuner i kompass att räkna ett snitt på.",
        format::criteria(catalogue, revision)
    )
}

/// The one reference figure, named: what it is, its base and its source.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceView {
    /// "Sverigesnitt 2021", "Snitt, 7 kommuner i kompass".
    pub label: String,
    pub total: Option<Score>,
    /// One per area 1-8; `None` where it has no figure.
    pub areas: Vec<Option<Score>>,
    /// Says what it is, its base, its source and why this one.
    pub about: String,
    pub source_url: Option<String>,
}

impl ReferenceView {
    /// A comparison's or a ranking's reference.
    pub fn of(data: &Dataset, r: &VersionReference<'_>) -> Self {
        Self::new(data, &r.reference, r.revision, r.year)
    }

    /// The reference of an evaluation of `revision` in `year`.
    pub fn new(data: &Dataset, r: &Reference<'_>, revision: Revision, year: i32) -> Self {
        let criteria = format::criteria(&data.catalogue, revision);
        let areas = AreaNumber::ALL.into_iter().map(|n| r.area(n)).collect();
        match r {
            Reference::Published(b) => {
                let others: Vec<String> = data
                    .benchmarks
                    .iter()
                    .filter(|o| o.revision == revision && !std::ptr::eq(*o, *b))
                    .filter_map(|o| o.total.map(|t| t.to_swedish()))
                    .collect();
                let base = b.evaluations.map_or_else(String::new, |n| {
                    format!(", medelvärdet av {n} utvärderingar")
                });
                let choice = if others.is_empty() {
                    String::new()
                } else {
                    format!(
                        " Det finns fler publicerade medelvärden för {criteria} ({}); här visas det som ligger närmast {year} i tid.",
                        format::and_list(&others)
                    )
                };
                Self {
                    label: label(r),
                    total: b.total,
                    areas,
                    about: format!(
                        "{} {} är ett publicerat riksgenomsnitt för {criteria}{base}, tryckt på {}.{choice}",
                        b.label,
                        b.year,
                        site_name(&b.source_url)
                    ),
                    source_url: Some(b.source_url.clone()),
                }
            }
            Reference::Kompass(a) => {
                let n = r.base().unwrap_or(0);
                let years = a.years.map(year_range).unwrap_or_default();
                Self {
                    label: label(r),
                    total: r.total(),
                    areas,
                    about: format!(
                        "Snittet är medelvärdet av den senaste utvärderingen i var och en av {} i kompass utvärderade enligt {criteria} ({years}). Något publicerat riksgenomsnitt för de kriterierna finns inte; områden som färre än {MIN_AVERAGE_BASE} kommuner publicerat får inget snitt.",
                        count(n, "kommun", "kommuner"),
                    ),
                    source_url: None,
                }
            }
        }
    }

    pub fn has_areas(&self) -> bool {
        self.areas.iter().any(Option::is_some)
    }
}
