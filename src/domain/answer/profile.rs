//! The municipality profile answer: one municipality with all its
//! evaluations, the latest that published scores with the one figure to read
//! it against (`reference::Reference`) and its place in kompass, the
//! changes between evaluations, what to improve first (`priorities`), and,
//! when it was never evaluated, the evaluated municipalities of its county. The municipality page,
//! `/api/v1/municipalities/{code}` and `/kommun/{code}.csv` render it.

use super::changes::{Changes, changes};
use super::priorities::{Priorities, priorities};
use super::reference::{GroupMean, Reference, group_mean, reference_for};
use crate::domain::analysis::showing;
use crate::domain::dataset::StoredEvaluation;
use crate::domain::derived::RankPosition;
use crate::domain::snapshot::Snapshot;
use crate::domain::{Municipality, MunicipalityCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityProfile<'a> {
    pub municipality: &'a Municipality,
    /// Oldest first.
    pub evaluations: Vec<&'a StoredEvaluation>,
    /// The newest evaluation with published scores, and what to read it
    /// against.
    pub shown: Option<Shown<'a>>,
    pub changes: Changes<'a>,
    /// What to improve first, read from the shown figures; none when no
    /// evaluation published scores.
    pub priorities: Option<Priorities<'a>>,
    /// When never evaluated: the county's evaluated municipalities, in
    /// register order.
    pub county_peers: Vec<&'a Municipality>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<'a> {
    pub evaluation: &'a StoredEvaluation,
    /// The one figure it is read against, when there is one.
    pub reference: Option<Reference<'a>>,
    /// Where its total stands among the latest totals of its revision in
    /// kompass (never a national rank).
    pub rank: Option<RankPosition>,
    /// Its kommungrupp's mean total under its criteria, beside the
    /// reference, when five or more of the group's evaluations make it.
    pub group_mean: Option<GroupMean<'a>>,
    /// The evaluation whose areas, sub-areas and texts are shown: this one,
    /// or when it printed no area, the latest that did (Örebro's 2015 total
    /// is read with 2012's areas); none when no evaluation printed areas.
    pub detail: Option<Detail<'a>>,
}

/// The evaluation whose areas are shown, and its own reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail<'a> {
    pub evaluation: &'a StoredEvaluation,
    pub reference: Option<Reference<'a>>,
}

impl<'a> MunicipalityProfile<'a> {
    /// The newest evaluation, scores published or not.
    pub fn latest(&self) -> Option<&'a StoredEvaluation> {
        self.evaluations.last().copied()
    }

    /// The evaluation whose areas, sub-areas and report texts are shown
    /// (`Shown::detail`): the texts a page of the profile needs read.
    pub fn detail(&self) -> Option<&'a StoredEvaluation> {
        Some(self.shown.as_ref()?.detail.as_ref()?.evaluation)
    }
}

/// The profile of the municipality with this code; none for a code no
/// municipality has.
pub fn profile(data: &Snapshot, code: MunicipalityCode) -> Option<MunicipalityProfile<'_>> {
    let municipality = data.municipality(code)?;
    let evaluations: Vec<&StoredEvaluation> = data.evaluations_of(code).collect();
    let shown = showing(data, code).map(|showing| {
        let s = showing.evaluation;
        Shown {
            evaluation: s,
            reference: reference_for(data, s.evaluation.revision, s.evaluation.year),
            rank: data.derived().total_ranks.get(&s.id).copied(),
            group_mean: data
                .places
                .get(code)
                .and_then(|p| p.group)
                .and_then(|g| group_mean(data, g, s.evaluation.revision)),
            detail: showing.detail.map(|e| Detail {
                evaluation: e,
                reference: reference_for(data, e.evaluation.revision, e.evaluation.year),
            }),
        }
    });
    let priorities = shown.as_ref().map(|s| {
        let detail = s.detail.as_ref();
        priorities(
            s.evaluation,
            detail.map(|d| d.evaluation),
            detail.and_then(|d| d.reference),
            &evaluations,
        )
    });
    let county_peers = if evaluations.is_empty() {
        county_peers(data, municipality)
    } else {
        vec![]
    };
    Some(MunicipalityProfile {
        municipality,
        evaluations,
        shown,
        changes: changes(data, municipality),
        priorities,
        county_peers,
    })
}

fn county_peers<'a>(data: &'a Snapshot, m: &Municipality) -> Vec<&'a Municipality> {
    data.derived()
        .county(m.county_code)
        .map(|c| {
            c.municipalities
                .iter()
                .filter(|c| data.evaluation_count(**c) > 0)
                .filter_map(|c| data.municipality(*c))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::{dataset, evaluation};

    fn sample() -> Snapshot {
        Snapshot::new(dataset(vec![
            evaluation("0115", 2021, "v2020", &[73, 75], Some(648)),
            evaluation("0180", 2022, "v2020", &[64], None),
            evaluation("1881", 2017, "v2016", &[], None),
            evaluation("1881", 2020, "v2020", &[66, 73, 80], Some(557)),
            evaluation("1881", 2023, "v2020", &[], None),
        ]))
    }

    #[test]
    fn the_profile_shows_the_latest_published_scores_and_their_place_in_kompass() {
        let data = sample();
        let kumla = profile(&data, "1881".parse().unwrap()).unwrap();
        assert_eq!(kumla.evaluations.len(), 3);
        assert_eq!(kumla.latest().unwrap().id, "1881-2023");
        let shown = kumla.shown.as_ref().unwrap();
        assert_eq!(shown.evaluation.id, "1881-2020");
        assert_eq!(
            shown.reference, None,
            "two totals are no mean, and no benchmark"
        );
        assert_eq!(shown.rank.map(|r| (r.rank, r.of)), Some((2, 2)));
        assert_eq!(kumla.changes.steps.len(), 2);
        assert!(kumla.county_peers.is_empty());
        assert_eq!(
            kumla.detail().map(|d| d.id.to_string()),
            Some("1881-2020".into())
        );
    }

    #[test]
    fn a_municipality_never_evaluated_gets_its_countys_evaluated_ones() {
        let data = sample();
        let orebro = profile(&data, "1880".parse().unwrap()).unwrap();
        assert!(orebro.evaluations.is_empty() && orebro.shown.is_none());
        let peers: Vec<&str> = orebro
            .county_peers
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(peers, vec!["Kumla"]);
        assert!(profile(&data, "9999".parse().unwrap()).is_none());
    }
}
