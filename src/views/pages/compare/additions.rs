//! The compare page's one-click additions: the first municipality's
//! kommungrupp, county and neighbours (`domain::answer::peers::additions`),
//! each one link adding as many as fit, and the rest one link each.

use maud::{Markup, html};

use super::address;
use crate::domain::Municipality;
use crate::domain::answer::compare::Choice;
use crate::domain::answer::peers::{AdditionKind, additions};
use crate::domain::snapshot::Snapshot;
use crate::views::format::and_list;

/// One addition as the page offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct AdditionView {
    /// "samma kommungrupp", "samma län", "grannkommuner".
    pub label: String,
    /// Who they are and why these: "B4 Pendlingskommun nära större stad
    /// (SKR:s indelning 2023), med publicerad totalpoäng, närmast i
    /// folkmängd".
    pub about: String,
    /// The comparison with them added.
    pub href: String,
    pub names: Vec<String>,
    /// The others, one link each: (name, address).
    pub rest: Vec<(String, String)>,
}

fn with(choices: &[Choice], added: &[&Municipality]) -> String {
    let mut more = choices.to_vec();
    more.extend(added.iter().map(|m| Choice::of(m.code)));
    address(&more)
}

pub fn model(data: &Snapshot, choices: &[Choice]) -> Vec<AdditionView> {
    additions(data, choices)
        .into_iter()
        .map(|a| {
            let (label, about) = match a.kind {
                AdditionKind::SameGroup => (
                    "samma kommungrupp".to_string(),
                    data.places.group_of(a.of.code).map_or_else(String::new, |g| {
                        format!(
                            "{}s kommungrupp {} {} (kommungrupp enligt SKR:s indelning 2023), de med publicerad totalpoäng som ligger närmast i folkmängd",
                            a.of.name, g.code, g.name
                        )
                    }),
                ),
                AdditionKind::SameCounty => (
                    "samma län".to_string(),
                    format!(
                        "{}, de med publicerad totalpoäng som ligger närmast {} i folkmängd",
                        a.of.county, a.of.name
                    ),
                ),
                AdditionKind::Neighbours => (
                    "grannkommuner".to_string(),
                    format!(
                        "kommunerna som gränsar till {}, längst gemensam gräns först, utvärderade eller inte",
                        a.of.name
                    ),
                ),
            };
            AdditionView {
                label,
                about,
                href: with(choices, &a.added),
                names: a.added.iter().map(|m| m.name.clone()).collect(),
                rest: a
                    .rest
                    .iter()
                    .map(|m| (m.name.clone(), with(choices, &[*m])))
                    .collect(),
            }
        })
        .collect()
}

pub fn render(additions: &[AdditionView]) -> Markup {
    html! {
        section.panel.additions aria-labelledby="lagg-till-liknande" {
            h2 #lagg-till-liknande { "Lägg till liknande kommuner" }
            ul.additions {
                @for a in additions {
                    li {
                        a href=(a.href) { "Lägg till " (a.label) }
                        ": " (and_list(&a.names)) "."
                        span.sub { " " (a.about) "." }
                        @if !a.rest.is_empty() {
                            span.sub {
                                " Fler: "
                                @for (i, (name, href)) in a.rest.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    a href=(href) { (name) }
                                }
                                "."
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    fn of(codes: &[&str]) -> Vec<AdditionView> {
        let choices: Vec<Choice> = codes
            .iter()
            .map(|c| Choice::of(c.parse().unwrap()))
            .collect();
        model(bundled(), &choices)
    }

    #[test]
    fn orebros_neighbours_are_one_link_and_the_rest_one_each() {
        let list = of(&["1880"]);
        let neighbours = list.iter().find(|a| a.label == "grannkommuner").unwrap();
        assert_eq!(
            neighbours.href,
            "/jamfor?kommun=1880,1884,1861,1885,1814,0428"
        );
        assert_eq!(
            neighbours.rest[0],
            ("Kumla".to_string(), "/jamfor?kommun=1880,1881".to_string())
        );
        let html = render(&list).into_string();
        assert!(
            html.contains(
                "Lägg till grannkommuner</a>: Nora, Hallsberg, Lindesberg, Lekeberg och Vingåker."
            ),
            "{html}"
        );
        assert!(html.contains(r#"<a href="/jamfor?kommun=1880,1881">Kumla</a>"#));
    }

    #[test]
    fn enkoping_is_offered_its_kommungrupp() {
        let list = of(&["0381"]);
        let group = list
            .iter()
            .find(|a| a.label == "samma kommungrupp")
            .unwrap();
        assert!(group.href.starts_with("/jamfor?kommun=0381,"));
        assert!(
            group.about.contains(
                "B4 Pendlingskommun nära större stad (kommungrupp enligt SKR:s indelning 2023)"
            ),
            "{}",
            group.about
        );
        assert_eq!(group.names.len(), group.href.matches(',').count());
    }
}
