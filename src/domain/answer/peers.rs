//! Peers: the municipalities to read one against. Its kommungrupp's evaluated
//! members, nearest in population first (its page lists them), and the
//! comparison's one-click additions: the same kommungrupp, the same county
//! and the neighbours. The kommungrupp is SKR's of 2023, the same whatever
//! the year of the evaluations shown beside it.

use std::cmp::Reverse;

use super::compare::{Choice, MAX_COMPARED};
use crate::domain::analysis::{Showing, showing};
use crate::domain::place::{MunicipalityGroup, Population};
use crate::domain::snapshot::Snapshot;
use crate::domain::{Municipality, MunicipalityCode};

/// An evaluated municipality beside another: what its page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer<'a> {
    pub municipality: &'a Municipality,
    pub population: Option<Population>,
    /// Its latest evaluation with published scores; none when it published
    /// none.
    pub shown: Option<Showing<'a>>,
}

/// A municipality's kommungrupp and its evaluated members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPeers<'a> {
    pub group: &'a MunicipalityGroup,
    /// How many municipalities the group has, evaluated or not.
    pub size: usize,
    /// The group's evaluated municipalities but this one, nearest in
    /// population first.
    pub members: Vec<Peer<'a>>,
}

/// The kommungrupp of the municipality `code` with its evaluated members;
/// none when its group is not known.
pub fn group_peers(data: &Snapshot, code: MunicipalityCode) -> Option<GroupPeers<'_>> {
    let group = data.places.group_of(code)?;
    let all: Vec<MunicipalityCode> = data.places.members(group.code).collect();
    let mut members: Vec<Peer<'_>> = all
        .iter()
        .filter(|c| **c != code && data.evaluation_count(**c) > 0)
        .filter_map(|c| peer(data, *c))
        .collect();
    let population = data.places.population_of(code);
    members.sort_by_key(|p| (distance(population, p.population), p.municipality.code));
    Some(GroupPeers {
        group,
        size: all.len(),
        members,
    })
}

fn peer(data: &Snapshot, code: MunicipalityCode) -> Option<Peer<'_>> {
    Some(Peer {
        municipality: data.municipality(code)?,
        population: data.places.population_of(code),
        shown: showing(data, code),
    })
}

/// How far two populations are apart; unknown ones last.
fn distance(a: Option<Population>, b: Option<Population>) -> u32 {
    match (a, b) {
        (Some(a), Some(b)) => a.count.abs_diff(b.count),
        _ => u32::MAX,
    }
}

/// How many one click adds, at most: the comparison's cap less the one it
/// starts from.
pub const MAX_ADDED: usize = MAX_COMPARED - 1;

/// Whom a one-click addition adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdditionKind {
    /// The kommungrupp's members with a published total, nearest in
    /// population first.
    SameGroup,
    /// The county's municipalities with a published total, nearest in
    /// population first.
    SameCounty,
    /// The municipalities across its borders, evaluated or not, longest
    /// border first.
    Neighbours,
}

/// A one-click addition to a comparison: the candidates that fit, and the
/// rest, each to add on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addition<'a> {
    pub kind: AdditionKind,
    /// Whose peers they are: the first municipality compared.
    pub of: &'a Municipality,
    /// Added by the one click: as many as the comparison has room for, at
    /// most `MAX_ADDED`, best first.
    pub added: Vec<&'a Municipality>,
    /// The other candidates, best first.
    pub rest: Vec<&'a Municipality>,
}

/// The additions offered beside a comparison of `choices`: of the first
/// municipality's kommungrupp, county and neighbours, those with any
/// candidate not compared yet; none when the comparison is full or empty.
pub fn additions<'a>(data: &'a Snapshot, choices: &[Choice]) -> Vec<Addition<'a>> {
    let room = MAX_COMPARED.saturating_sub(choices.len()).min(MAX_ADDED);
    let Some(of) = choices
        .first()
        .and_then(|c| data.municipality(c.municipality))
    else {
        return vec![];
    };
    if room == 0 {
        return vec![];
    }
    let chosen = |code: &MunicipalityCode| choices.iter().any(|c| c.municipality == *code);
    let population = data.places.population_of(of.code);
    let with_total = |codes: Vec<MunicipalityCode>| {
        let mut list: Vec<MunicipalityCode> = codes
            .into_iter()
            .filter(|c| !chosen(c))
            .filter(|c| showing(data, *c).is_some_and(|s| s.evaluation.evaluation.total.is_some()))
            .collect();
        list.sort_by_key(|c| (distance(population, data.places.population_of(*c)), *c));
        list
    };
    let group = data
        .places
        .group_of(of.code)
        .map(|g| with_total(data.places.members(g.code).collect()))
        .unwrap_or_default();
    let county = with_total(
        data.municipalities
            .iter()
            .filter(|m| m.county_code == of.county_code)
            .map(|m| m.code)
            .collect(),
    );
    let mut neighbours = data.places.neighbours(of.code).to_vec();
    neighbours.sort_by_key(|n| (Reverse(n.border_metres), n.code));
    let neighbours = neighbours
        .into_iter()
        .map(|n| n.code)
        .filter(|c| !chosen(c))
        .collect();
    [
        (AdditionKind::SameGroup, group),
        (AdditionKind::SameCounty, county),
        (AdditionKind::Neighbours, neighbours),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .map(|(kind, list)| {
        let mut municipalities: Vec<&Municipality> =
            list.iter().filter_map(|c| data.municipality(*c)).collect();
        let rest = municipalities.split_off(room.min(municipalities.len()));
        Addition {
            kind,
            of,
            added: municipalities,
            rest,
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled as bundled_snapshot;

    fn names(list: &[&Municipality]) -> Vec<String> {
        list.iter().map(|m| m.name.clone()).collect()
    }

    fn choices(codes: &[&str]) -> Vec<Choice> {
        codes
            .iter()
            .map(|c| Choice::of(c.parse().unwrap()))
            .collect()
    }

    #[test]
    fn a_municipality_has_its_groups_evaluated_members_nearest_in_population_first() {
        let data = bundled_snapshot();
        let enkoping = group_peers(data, "0381".parse().unwrap()).unwrap();
        assert_eq!(enkoping.group.code.as_str(), "B4");
        assert_eq!(enkoping.size, 63);
        assert!(enkoping.members.len() >= 5, "{:?}", enkoping.members.len());
        assert!(
            enkoping
                .members
                .iter()
                .all(|p| p.municipality.code.as_str() != "0381")
        );
        let gaps: Vec<u32> = enkoping
            .members
            .iter()
            .map(|p| p.population.unwrap().count.abs_diff(45_287))
            .collect();
        assert!(gaps.windows(2).all(|w| w[0] <= w[1]), "{gaps:?}");
        assert!(
            enkoping
                .members
                .iter()
                .all(|p| data.places.group_of(p.municipality.code) == Some(enkoping.group))
        );
    }

    #[test]
    fn neighbours_are_added_longest_border_first_and_the_rest_offered_one_by_one() {
        let data = bundled_snapshot();
        let offered = additions(data, &choices(&["1880"]));
        let neighbours = offered
            .iter()
            .find(|a| a.kind == AdditionKind::Neighbours)
            .unwrap();
        assert_eq!(
            names(&neighbours.added),
            ["Nora", "Hallsberg", "Lindesberg", "Lekeberg", "Vingåker"]
        );
        assert_eq!(
            names(&neighbours.rest),
            ["Kumla", "Arboga", "Finspång", "Karlskoga"]
        );
        // Room for two more: two are added, Kumla already compared.
        let offered = additions(data, &choices(&["1880", "1881", "0115", "0180"]));
        let neighbours = offered
            .iter()
            .find(|a| a.kind == AdditionKind::Neighbours)
            .unwrap();
        assert_eq!(names(&neighbours.added), ["Nora", "Hallsberg"]);
        assert!(!names(&neighbours.rest).contains(&"Kumla".to_string()));
        let full = choices(&["1880", "1881", "0115", "0180", "0114", "1884"]);
        assert!(additions(data, &full).is_empty(), "six is the cap");
        assert!(additions(data, &[]).is_empty());
    }

    #[test]
    fn the_group_and_the_county_add_members_with_a_published_total_nearest_in_population() {
        let data = bundled_snapshot();
        let offered = additions(data, &choices(&["0381"]));
        let group = offered
            .iter()
            .find(|a| a.kind == AdditionKind::SameGroup)
            .unwrap();
        assert!(!group.added.is_empty() && group.added.len() <= MAX_ADDED);
        for m in group.added.iter().chain(&group.rest) {
            let shown = showing(data, m.code).unwrap();
            assert!(shown.evaluation.evaluation.total.is_some(), "{}", m.name);
            assert_eq!(data.places.group_of(m.code).unwrap().code.as_str(), "B4");
        }
        let gap = |m: &&Municipality| {
            data.places
                .population_of(m.code)
                .unwrap()
                .count
                .abs_diff(45_287)
        };
        let gaps: Vec<u32> = group.added.iter().chain(&group.rest).map(gap).collect();
        assert!(gaps.windows(2).all(|w| w[0] <= w[1]), "{gaps:?}");
        let orebro = additions(data, &choices(&["1880"]));
        let county = orebro
            .iter()
            .find(|a| a.kind == AdditionKind::SameCounty)
            .unwrap();
        assert!(
            county
                .added
                .iter()
                .all(|m| m.county_code.to_string() == "18")
        );
        assert!(names(&county.added).contains(&"Kumla".to_string()));
    }
}
