//! `/kommuner`: all 290 municipalities, county by county, each with the
//! years it was evaluated.

use maud::{Markup, html};

use crate::domain::snapshot::Snapshot;
use crate::views::format::municipality_href;
use crate::views::layout::{Nav, PageMeta, layout};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalitiesPage {
    pub total: usize,
    pub evaluated: usize,
    pub counties: Vec<CountyList>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyList {
    pub code: String,
    pub name: String,
    /// (name, address, evaluation years; empty when never evaluated).
    pub municipalities: Vec<(String, String, Vec<i32>)>,
}

pub fn model(data: &Snapshot) -> MunicipalitiesPage {
    let derived = data.derived();
    let counties = derived
        .counties
        .iter()
        .map(|c| {
            let mut municipalities: Vec<(String, String, Vec<i32>)> = c
                .municipalities
                .iter()
                .filter_map(|code| data.municipality(*code))
                .map(|m| {
                    let years = data
                        .evaluations_of(m.code)
                        .map(|s| s.evaluation.year)
                        .collect();
                    (m.name.clone(), municipality_href(m), years)
                })
                .collect();
            municipalities.sort_by_key(|(name, _, _)| crate::domain::text::sort_key(name));
            CountyList {
                code: c.code.clone(),
                name: c.name.clone(),
                municipalities,
            }
        })
        .collect();
    MunicipalitiesPage {
        total: data.municipalities.len(),
        evaluated: derived.evaluated_municipalities,
        counties,
    }
}

pub fn render(page: &MunicipalitiesPage, url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        "Alla kommuner",
        "Sveriges 290 kommuner län för län, med de år de utvärderats med Kommunkompassen.",
    )
    .at(url)
    .nav(Nav::Municipalities);
    layout(
        &meta,
        html! {
            h1 { "Alla kommuner" }
            p.lead {
                (page.evaluated) " av Sveriges " (page.total) " kommuner har utvärderats med Kommunkompassen enligt de källor kompass känner till. "
                "Årtalen visar när; ”ej utvärderad” betyder att ingen utvärdering är känd."
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
                            @for (name, href, years) in &c.municipalities {
                                li {
                                    a href=(href) { (name) }
                                    @if years.is_empty() {
                                        span.missing { "ej utvärderad" }
                                    } @else {
                                        span.meta { (years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")) }
                                    }
                                }
                            }
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
        let p = model(bundled());
        let listed: usize = p.counties.iter().map(|c| c.municipalities.len()).sum();
        assert_eq!(listed, 290);
        assert_eq!(p.counties.len(), 21);
        let orebro = p.counties.iter().find(|c| c.code == "18").unwrap();
        let kumla = orebro
            .municipalities
            .iter()
            .find(|(n, _, _)| n == "Kumla")
            .unwrap();
        assert_eq!(kumla.2, vec![2017, 2020]);
        assert_eq!(orebro.municipalities.last().unwrap().0, "Örebro");
    }
}
