//! The ranking answer: every municipality's latest published figure (the
//! total or one theme), under a revision and in a county when asked, highest
//! first or in another order, with the reference figure beside them. The
//! ranking pages, `/api/v1/rankings/{metric}` and `/rankning.csv`,
//! `/omrade/{slug}.csv` all render this one value.

use super::reference::{VersionReference, references_for};
use crate::domain::Revision;
use crate::domain::analysis::{Metric, RankEntry, RankingFilter, ranking};
use crate::domain::dataset::Dataset;
use crate::domain::snapshot::Snapshot;
use crate::domain::text::sort_key;

/// The order of the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Highest first (the rank).
    #[default]
    Rank,
    /// By the municipality's name, in Swedish order.
    Name,
    /// By county, then rank.
    County,
    /// Newest evaluation first, then rank.
    Year,
}

/// What to rank, among whom, in which order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankingRequest {
    pub metric: Metric,
    pub filter: RankingFilter,
    pub order: Order,
}

impl RankingRequest {
    /// Every municipality, highest first.
    pub fn of(metric: Metric) -> Self {
        Self {
            metric,
            filter: RankingFilter::default(),
            order: Order::Rank,
        }
    }
}

/// The revision the ranking pages and their files rank when not told: the
/// latest, as totals are comparable only within one.
pub fn default_revision(data: &Dataset) -> Option<Revision> {
    data.catalogue.revisions.iter().map(|r| r.id).max()
}

/// A place in the ranking: the rule's entry, which carries the area, the
/// confidence and a newer evaluation without the figure.
pub type Place<'a> = RankEntry<'a>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking<'a> {
    pub request: RankingRequest,
    /// In the order asked for.
    pub places: Vec<Place<'a>>,
    /// The reference figures shown beside the places (`points` is the
    /// metric's figure): one for the criteria version when all places are
    /// of one, none when they mix versions (a reference stands among the
    /// places by its figure, which means nothing across versions) or the
    /// version has no figure for the metric.
    pub references: Vec<VersionReference<'a>>,
}

impl Ranking<'_> {
    /// The criteria versions of the places, oldest first.
    pub fn revisions(&self) -> Vec<Revision> {
        let mut list: Vec<Revision> = self
            .places
            .iter()
            .map(|p| p.evaluation.evaluation.revision)
            .collect();
        list.sort();
        list.dedup();
        list
    }

    /// Where a reference stands among the places: before the first place
    /// below it. Only in rank order; in another the places are not ordered
    /// by their figure, and a reference has no place among them.
    pub fn reference_at(&self, reference: &VersionReference<'_>) -> Option<usize> {
        (self.request.order == Order::Rank).then(|| {
            self.places
                .iter()
                .position(|p| p.value < reference.points)
                .unwrap_or(self.places.len())
        })
    }
}

/// Ranks as `request` asks.
pub fn rank<'a>(data: &'a Snapshot, request: &RankingRequest) -> Ranking<'a> {
    let mut places = ranking(data, request.metric, &request.filter);
    sort(&mut places, request.order);
    let shown = places.iter().map(|p| p.evaluation);
    let mut references = references_for(data, shown, request.metric);
    if references.len() > 1 || places_mix_versions(&places) {
        references.clear();
    }
    Ranking {
        request: request.clone(),
        places,
        references,
    }
}

fn places_mix_versions(places: &[Place<'_>]) -> bool {
    places
        .windows(2)
        .any(|w| w[0].evaluation.evaluation.revision != w[1].evaluation.evaluation.revision)
}

/// Stable sorts, so equal keys keep the rank order.
fn sort(places: &mut [Place<'_>], order: Order) {
    match order {
        Order::Rank => {}
        Order::Name => places.sort_by_key(|p| sort_key(&p.municipality.name)),
        Order::County => places.sort_by(|a, b| {
            a.municipality
                .county
                .cmp(&b.municipality.county)
                .then(a.rank.cmp(&b.rank))
        }),
        Order::Year => places.sort_by(|a, b| {
            b.evaluation
                .evaluation
                .year
                .cmp(&a.evaluation.evaluation.year)
                .then(a.rank.cmp(&b.rank))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{dataset, evaluation};
    use crate::domain::{Confidence, ThemeNumber};

    fn sample() -> Snapshot {
        Snapshot::new(dataset(vec![
            evaluation("0115", 2021, "v2020", &[73, 75, 80, 83, 86], Some(648)),
            evaluation("0180", 2021, "v2020", &[80], Some(557)),
            evaluation("1881", 2017, "v2016", &[], Some(420)),
            evaluation("1881", 2020, "v2020", &[66, 73, 80, 60, 65], None),
            evaluation("1880", 2014, "v2010", &[61, 60, 73, 53, 70], Some(506)),
        ]))
    }

    fn names(r: &Ranking<'_>) -> Vec<String> {
        r.places
            .iter()
            .map(|p| format!("{} {}", p.rank, p.municipality.name))
            .collect()
    }

    #[test]
    fn places_carry_the_area_and_a_newer_evaluation_without_the_figure() {
        let data = sample();
        let r = rank(&data, &RankingRequest::of(Metric::Total));
        assert_eq!(
            names(&r),
            vec!["1 Vallentuna", "2 Stockholm", "3 Örebro", "4 Kumla"]
        );
        let kumla = &r.places[3];
        assert_eq!(kumla.evaluation.id, "1881-2017");
        assert_eq!(kumla.newer.map(|n| n.evaluation.year), Some(2020));
        assert_eq!(kumla.area, None);
        let mut v2016 = RankingRequest::of(Metric::Total);
        v2016.filter.revision = Some("v2016".parse().unwrap());
        let r = rank(&data, &v2016);
        assert_eq!(r.places.len(), 1);
        assert_eq!(r.places[0].newer, None, "2020 is another revision");
        let theme = rank(
            &data,
            &RankingRequest::of(Metric::Theme(ThemeNumber::ALL[4])),
        );
        let orebro = theme
            .places
            .iter()
            .find(|p| p.municipality.name == "Örebro")
            .unwrap();
        assert_eq!(orebro.area.map(|a| a.get()), Some(2));
        assert_eq!(orebro.confidence, Confidence::Medium);
    }

    #[test]
    fn other_orders_keep_the_ranks() {
        let data = sample();
        let order = |o: Order| {
            let mut request = RankingRequest::of(Metric::Total);
            request.order = o;
            names(&rank(&data, &request))
        };
        assert_eq!(
            order(Order::Name),
            vec!["4 Kumla", "2 Stockholm", "1 Vallentuna", "3 Örebro"]
        );
        assert_eq!(
            order(Order::Year),
            vec!["1 Vallentuna", "2 Stockholm", "4 Kumla", "3 Örebro"]
        );
        assert_eq!(
            order(Order::County),
            vec!["1 Vallentuna", "2 Stockholm", "3 Örebro", "4 Kumla"]
        );
    }

    #[test]
    fn a_reference_stands_before_the_first_place_below_it_in_rank_order_only() {
        use crate::domain::Score;
        use crate::domain::answer::reference::{Reference, VersionReference};
        let data = sample();
        let r = rank(&data, &RankingRequest::of(Metric::Total));
        assert!(r.references.is_empty(), "the places mix versions");
        assert_eq!(r.revisions().len(), 3);
        // A reference of 600 among 648, 557, ...: second; above all: first.
        let reference = |points: i64| VersionReference {
            revision: "v2020".parse().unwrap(),
            year: 2021,
            reference: Reference::Kompass(data.derived().averages.values().next().unwrap()),
            points: Score::whole(points),
        };
        assert_eq!(r.reference_at(&reference(600)), Some(1));
        assert_eq!(r.reference_at(&reference(700)), Some(0));
        assert_eq!(r.reference_at(&reference(100)), Some(r.places.len()));
        let mut by_name = RankingRequest::of(Metric::Total);
        by_name.order = Order::Name;
        assert_eq!(rank(&data, &by_name).reference_at(&reference(600)), None);
    }
}
