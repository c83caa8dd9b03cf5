//! The municipality page's peers: its kommungrupp (SKR's of 2023, said so
//! beside evaluations of any year) and population, and the evaluated
//! municipalities of its group with their latest total and criteria,
//! nearest in population first, with one link comparing them.

use maud::{Markup, html};

use crate::domain::answer::compare::Choice;
use crate::domain::answer::peers::{AdditionKind, additions, group_peers};
use crate::domain::snapshot::Snapshot;
use crate::domain::{Municipality, Score};
use crate::views::format::{self, municipality_href, thousands};
use crate::views::pages::compare::address;
use crate::views::partials::table_wrap;

/// How the page names the grouping wherever it stands beside evaluations.
pub const GROUPING: &str = "kommungrupp enligt SKR:s indelning 2023";

#[derive(Debug, Clone, PartialEq)]
pub struct PeersSection {
    /// "B4 Pendlingskommun nära större stad".
    pub group: String,
    pub group_code: String,
    /// How many municipalities the group has.
    pub size: usize,
    pub members: Vec<PeerRow>,
    /// The comparison with the group's nearest in population added.
    pub compare_href: Option<String>,
    /// The ranking of the group.
    pub ranking_href: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeerRow {
    pub name: String,
    pub href: String,
    pub population: Option<String>,
    /// The latest total; none when its latest scores have none.
    pub total: Option<Score>,
    /// The year of the evaluation shown; none when none published scores.
    pub year: Option<i32>,
    pub criteria: Option<String>,
}

/// "45 287 invånare (2019)".
pub fn population_line(data: &Snapshot, m: &Municipality) -> Option<String> {
    let p = data.places.population_of(m.code)?;
    Some(format!("{} invånare ({})", thousands(p.count), p.year))
}

/// "Kommungrupp B4 Pendlingskommun nära större stad".
pub fn group_line(data: &Snapshot, m: &Municipality) -> Option<String> {
    let g = data.places.group_of(m.code)?;
    Some(format!("Kommungrupp {} {}", g.code, g.name))
}

pub fn model(data: &Snapshot, m: &Municipality) -> Option<PeersSection> {
    let peers = group_peers(data, m.code)?;
    let members = peers
        .members
        .iter()
        .map(|p| {
            let shown = p.shown.map(|s| s.evaluation);
            PeerRow {
                name: p.municipality.name.clone(),
                href: municipality_href(p.municipality),
                population: p.population.map(|n| thousands(n.count)),
                total: shown.and_then(|s| s.evaluation.total),
                year: shown.map(|s| s.evaluation.year),
                criteria: shown
                    .map(|s| format::revision_short(&data.catalogue, s.evaluation.revision)),
            }
        })
        .collect();
    let compare_href = additions(data, &[Choice::of(m.code)])
        .into_iter()
        .find(|a| a.kind == AdditionKind::SameGroup)
        .map(|a| {
            let mut choices = vec![Choice::of(m.code)];
            choices.extend(a.added.iter().map(|x| Choice::of(x.code)));
            address(&choices)
        });
    Some(PeersSection {
        group: format!("{} {}", peers.group.code, peers.group.name),
        group_code: peers.group.code.to_string(),
        size: peers.size,
        members,
        compare_href,
        ranking_href: format!("/rankning?revision=alla&kommungrupp={}", peers.group.code),
    })
}

pub fn render(name: &str, s: &PeersSection) -> Markup {
    html! {
        p {
            (name) " hör till kommungrupp " strong { (s.group) } " (" (GROUPING) ", samma för alla år), en av " (s.size) " kommuner i gruppen. "
            @if s.members.is_empty() {
                "Ingen annan kommun i gruppen har utvärderats enligt de källor kompass känner till."
            } @else {
                "De som utvärderats, närmast " (name) " i folkmängd först:"
            }
        }
        @if !s.members.is_empty() {
            (table_wrap("Utvärderade kommuner i samma kommungrupp", html! {
                table #tabell-kommungrupp .cards {
                    caption { "Utvärderade kommuner i kommungrupp " (s.group) }
                    thead {
                        tr {
                            th scope="col" { "Kommun" }
                            th.num scope="col" { "Invånare" }
                            th.num scope="col" { "Senaste totalpoäng" }
                            th scope="col" { "Kriterier" }
                        }
                    }
                    tbody {
                        @for r in &s.members {
                            tr {
                                th scope="row" { a href=(r.href) { (r.name) } }
                                td.num data-label="Invånare" { @if let Some(p) = &r.population { (p) } @else { span.missing { "okänt" } } }
                                td.num data-label="Senaste totalpoäng" {
                                    @match (r.total, r.year) {
                                        (Some(t), Some(y)) => { (t.to_swedish()) " (" (y) ")" }
                                        (None, Some(y)) => { span.missing { (format::MISSING) } " (" (y) ")" }
                                        _ => { span.missing { "inga poäng publicerade" } }
                                    }
                                }
                                td data-label="Kriterier" { @if let Some(c) = &r.criteria { (c) } @else { "–" } }
                            }
                        }
                    }
                }
            }))
            p.small { "Totalpoängen jämförs bara rakt av inom samma version av kriterierna." }
        }
        p {
            @if let Some(href) = &s.compare_href {
                a href=(href) { "Jämför " (name) " med kommuner i samma kommungrupp" } " · "
            }
            a href=(s.ranking_href) { "Rankning inom kommungrupp " (s.group_code) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    #[test]
    fn enkoping_is_b4_with_its_evaluated_peers_and_a_link_comparing_them() {
        let data = bundled();
        let enkoping = data.municipality("0381".parse().unwrap()).unwrap();
        assert_eq!(
            group_line(data, enkoping).as_deref(),
            Some("Kommungrupp B4 Pendlingskommun nära större stad")
        );
        assert_eq!(
            population_line(data, enkoping).as_deref(),
            Some("45\u{a0}287 invånare (2019)")
        );
        let s = model(data, enkoping).unwrap();
        assert!(s.members.len() >= 5);
        assert!(
            s.members
                .iter()
                .any(|r| r.name == "Kumla" && r.total.is_some())
        );
        assert!(
            s.compare_href
                .as_deref()
                .unwrap()
                .starts_with("/jamfor?kommun=0381,")
        );
        assert_eq!(s.ranking_href, "/rankning?revision=alla&kommungrupp=B4");
        let html = render(&enkoping.name, &s).into_string();
        assert!(
            html.contains("kommungrupp enligt SKR:s indelning 2023"),
            "{html}"
        );
        assert!(html.contains("id=\"tabell-kommungrupp\""));
    }
}
