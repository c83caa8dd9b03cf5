//! `/kommuner`: all 290 municipalities, county by county (both in Swedish
//! alphabetical order), each with the years it was evaluated and whether
//! its scores were published. `?visa=utvarderade` keeps only the evaluated
//! ones, `?visa=poang` only those with published scores: a plain form and
//! links, no JavaScript.

use maud::{Markup, html};

use crate::domain::CountyCode;
use crate::domain::snapshot::Snapshot;
use crate::domain::text::sort_key;
use crate::views::format::{count, municipality_href};
use crate::views::layout::{Nav, PageMeta, layout};

/// Which municipalities the list shows (`visa` in the address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    #[default]
    All,
    /// Evaluated at least once.
    Evaluated,
    /// With at least one evaluation that published scores.
    Published,
}

/// Each choice, its word in the address (none for all) and its label.
pub const SHOW: [(Show, &str, &str); 3] = [
    (Show::All, "", "Alla kommuner"),
    (Show::Evaluated, "utvarderade", "Bara utvärderade"),
    (Show::Published, "poang", "Bara med publicerade poäng"),
];

impl Show {
    /// From `visa`: an unknown or blank word shows all.
    pub fn from_word(word: Option<&str>) -> Self {
        let word = word.map(str::trim).unwrap_or_default();
        SHOW.iter()
            .find(|(_, w, _)| !w.is_empty() && *w == word)
            .map_or(Show::All, |(s, _, _)| *s)
    }

    pub fn word(self) -> &'static str {
        SHOW.iter()
            .find(|(s, _, _)| *s == self)
            .map_or("", |(_, w, _)| w)
    }

    pub fn href(self) -> String {
        match self.word() {
            "" => "/kommuner".to_string(),
            w => format!("/kommuner?visa={w}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalitiesPage {
    pub show: Show,
    pub total: usize,
    pub evaluated: usize,
    /// Municipalities with at least one evaluation that published scores.
    pub published: usize,
    /// Counties with at least one municipality shown.
    pub counties: Vec<CountyList>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyList {
    pub code: CountyCode,
    pub name: String,
    pub municipalities: Vec<Listed>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub href: String,
    /// Each evaluation's year and whether it published scores; empty when
    /// never evaluated.
    pub years: Vec<(i32, bool)>,
}

impl Listed {
    pub fn has_scores(&self) -> bool {
        self.years.iter().any(|(_, published)| *published)
    }

    fn shown(&self, show: Show) -> bool {
        match show {
            Show::All => true,
            Show::Evaluated => !self.years.is_empty(),
            Show::Published => self.has_scores(),
        }
    }
}

pub fn model(data: &Snapshot, show: Show) -> MunicipalitiesPage {
    let derived = data.derived();
    let mut all: Vec<CountyList> = derived
        .counties
        .iter()
        .map(|c| {
            let mut municipalities: Vec<Listed> = c
                .municipalities
                .iter()
                .filter_map(|code| data.municipality(*code))
                .map(|m| Listed {
                    name: m.name.clone(),
                    href: municipality_href(m),
                    years: data
                        .evaluations_of(m.code)
                        .map(|s| (s.evaluation.year, s.evaluation.has_published_scores()))
                        .collect(),
                })
                .collect();
            municipalities.sort_by_key(|l| sort_key(&l.name));
            CountyList {
                code: c.code,
                name: c.name.clone(),
                municipalities,
            }
        })
        .collect();
    all.sort_by_key(|c| sort_key(&c.name));
    let published = all
        .iter()
        .flat_map(|c| &c.municipalities)
        .filter(|l| l.has_scores())
        .count();
    let counties = all
        .into_iter()
        .map(|mut c| {
            c.municipalities.retain(|l| l.shown(show));
            c
        })
        .filter(|c| !c.municipalities.is_empty())
        .collect();
    MunicipalitiesPage {
        show,
        total: data.municipalities.len(),
        evaluated: derived.evaluated_municipalities,
        published,
        counties,
    }
}

/// The filter: three choices as radio buttons and a button, and the same as
/// links for a quick switch.
fn filter(page: &MunicipalitiesPage) -> Markup {
    html! {
        form.panel action="/kommuner" method="get" {
            fieldset {
                legend { "Visa" }
                div.form-row {
                    @for (show, word, label) in SHOW {
                        label.choice {
                            input type="radio" name="visa" value=(word) checked[page.show == show];
                            " " (label)
                        }
                    }
                    button type="submit" { "Visa" }
                }
            }
        }
    }
}

/// One municipality: its years, the ones that published scores marked.
fn listed(l: &Listed) -> Markup {
    html! {
        li {
            a href=(l.href) { (l.name) }
            @if l.years.is_empty() {
                span.missing { "ej utvärderad" }
            } @else {
                span.meta {
                    @for (i, (year, published)) in l.years.iter().enumerate() {
                        @if i > 0 { ", " }
                        @if *published { strong { (year) } } @else { (year) }
                    }
                    @if !l.has_scores() { " " span.sub-inline { "(inga poäng publicerade)" } }
                }
            }
        }
    }
}

pub fn render(page: &MunicipalitiesPage, url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        "Alla kommuner",
        "Sveriges 290 kommuner län för län, med de år de utvärderats med Kommunkompassen och om poängen publicerats.",
    )
    .at(url)
    .nav(Nav::Municipalities);
    let shown: usize = page.counties.iter().map(|c| c.municipalities.len()).sum();
    layout(
        &meta,
        html! {
            h1 { "Alla kommuner" }
            p.lead {
                (page.evaluated) " av Sveriges " (page.total) " kommuner har utvärderats med Kommunkompassen enligt de källor kompass känner till, och "
                (page.published) " av dem har publicerat poäng. "
                "Årtalen visar när; ett fetstilt år har publicerade poäng. ”ej utvärderad” betyder att ingen utvärdering är känd."
            }
            (filter(page))
            @if page.show != Show::All {
                p role="status" { "Visar " (count(shown, "kommun", "kommuner")) ". " a href=(Show::All.href()) { "Visa alla kommuner" } }
            }
            nav aria-label="Län" {
                ul.toc {
                    @for c in &page.counties {
                        li { a href=(format!("#lan-{}", c.code)) { (c.name) } }
                    }
                }
            }
            div.counties {
                @for c in &page.counties {
                    section.county aria-labelledby=(format!("lan-{}", c.code)) {
                        h2 id=(format!("lan-{}", c.code)) { (c.name) }
                        ul {
                            @for l in &c.municipalities { (listed(l)) }
                        }
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    #[test]
    fn every_municipality_is_listed_once_under_its_county() {
        let p = model(bundled(), Show::All);
        let listed: usize = p.counties.iter().map(|c| c.municipalities.len()).sum();
        assert_eq!(listed, 290);
        assert_eq!(p.counties.len(), 21);
        let orebro = p.counties.iter().find(|c| c.code == *"18").unwrap();
        let kumla = orebro
            .municipalities
            .iter()
            .find(|l| l.name == "Kumla")
            .unwrap();
        assert_eq!(kumla.years, vec![(2017, false), (2020, true)]);
        assert_eq!(orebro.municipalities.last().unwrap().name, "Örebro");
        let names: Vec<&str> = p.counties.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"Blekinge län"));
        assert_eq!(names.last(), Some(&"Östergötlands län"), "ö last");
        assert!(names.windows(2).all(|w| sort_key(w[0]) <= sort_key(w[1])));
    }

    #[test]
    fn the_list_can_show_only_the_evaluated_or_those_with_published_scores() {
        let data = bundled();
        let all = model(data, Show::All);
        let evaluated = model(data, Show::Evaluated);
        let published = model(data, Show::Published);
        let count = |p: &MunicipalitiesPage| -> usize {
            p.counties.iter().map(|c| c.municipalities.len()).sum()
        };
        assert_eq!(count(&evaluated), all.evaluated);
        assert_eq!(count(&published), all.published);
        assert!(count(&published) <= count(&evaluated) && count(&evaluated) < 290);
        assert!(evaluated.counties.len() < 21, "counties with none left out");
        assert_eq!(Show::from_word(Some("utvarderade")), Show::Evaluated);
        assert_eq!(Show::from_word(Some("x")), Show::All);
        assert_eq!(Show::Published.href(), "/kommuner?visa=poang");
        let html = render(&evaluated, None).into_string();
        assert!(html.contains(r#"value="utvarderade" checked"#), "{html}");
        assert!(!html.contains("ej utvärderad</span>"));
    }
}
