//! The start page: what Kommunkompassen is, the search box, what the portal
//! holds, the latest evaluations, and the ways in (compare, rankings).

use maud::{Markup, html};

use crate::domain::Score;
use crate::domain::snapshot::Snapshot;
use crate::views::format::{self, count, figure, municipality_href, year_range};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::pages::map::{self, MapBlock};
use crate::views::partials::search_form;

/// How many of the newest evaluations the start page lists.
const LATEST: usize = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct HomePage {
    pub municipalities: usize,
    pub evaluated: usize,
    pub evaluations: usize,
    pub with_scores: usize,
    pub years: Option<String>,
    pub latest: Vec<LatestItem>,
    pub names: Vec<String>,
    pub themes: Vec<(String, String)>,
    /// Who was evaluated, on the map.
    pub map: MapBlock,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LatestItem {
    pub name: String,
    pub href: String,
    pub when: String,
    pub criteria: String,
    pub total: Option<Score>,
    pub has_scores: bool,
}

pub fn model(data: &Snapshot) -> HomePage {
    let derived = data.derived();
    let latest = derived
        .newest_first
        .iter()
        .take(LATEST)
        .filter_map(|&i| {
            let s = &data.evaluations[i];
            let m = data.municipality(s.evaluation.municipality)?;
            Some(LatestItem {
                name: m.name.clone(),
                href: municipality_href(m),
                when: format::when(s.evaluation.year, s.evaluation.month),
                criteria: format::revision_short(&data.catalogue, s.evaluation.revision),
                total: s.evaluation.total,
                has_scores: s.evaluation.has_published_scores(),
            })
        })
        .collect();
    HomePage {
        municipalities: data.municipalities.len(),
        evaluated: derived.evaluated_municipalities,
        evaluations: data.evaluations.len(),
        with_scores: data
            .evaluations
            .iter()
            .filter(|s| s.evaluation.has_published_scores())
            .count(),
        years: derived.years.map(year_range),
        latest,
        names: data.municipalities.iter().map(|m| m.name.clone()).collect(),
        themes: data
            .catalogue
            .themes
            .iter()
            .map(|t| (t.name.clone(), format!("/omrade/{}", t.slug)))
            .collect(),
        map: map::coverage(data),
    }
}

// A page template: long because it is the whole page's markup, with no
// logic beyond choosing what to show.
pub fn render(page: &HomePage, url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        "Kommunkompassen kommun för kommun",
        "Sök din kommun och se hur den klarat SKR:s utvärdering Kommunkompassen, jämför med andra kommuner och följ utvecklingen över tid.",
    )
    .at(url)
    .nav(Nav::Home);
    layout(
        &meta,
        html! {
            section.hero {
                h1 { "Hur styrs och leds din kommun?" }
                p.lead {
                    "Kommunkompassen är ett verktyg från Sveriges Kommuner och Regioner (SKR) för att granska hur en kommun styrs, leds och utvecklas. "
                    "Utvärderare går igenom kommunens dokument och webbplats, intervjuar politiker, tjänstepersoner och fackliga företrädare och sätter poäng på åtta områden – högst 100 per område och 800 totalt. "
                    "Här finns de resultat som kommunerna själva har publicerat, så att du kan jämföra kommuner och följa en kommun över tid."
                }
                (search_form("sok", "Sök kommun", "", &page.names))
                p.hint { "Skriv hela eller början av namnet, till exempel ”orebro” eller ”Upplands”." }
            }
            section.facts aria-labelledby="fakta" {
                h2 #fakta .visually-hidden { "Vad kompass innehåller" }
                ul.fact-list {
                    li { span.fact-number { (page.with_scores) } span.fact-label { "utvärderingar med publicerade poäng" } }
                    li {
                        a.fact-link href="/saknas" {
                            span.fact-number { (page.evaluations - page.with_scores) }
                            span.fact-label { "kända utvärderingar utan siffror" }
                        }
                    }
                    li { span.fact-number { (page.evaluated) } span.fact-label { "av " (page.municipalities) " kommuner utvärderade" } }
                    @if let Some(years) = &page.years {
                        li { span.fact-number { (years) } span.fact-label { "år som täcks" } }
                    }
                }
            }
            div.columns {
                section aria-labelledby="senaste" {
                    h2 #senaste { "Senaste utvärderingarna" }
                    ul.latest-list {
                        @for item in &page.latest {
                            li {
                                a href=(item.href) { (item.name) }
                                span.meta { " " (item.when) ", kriterier " (item.criteria) }
                                span.score {
                                    @if let Some(total) = item.total {
                                        (figure(Some(total))) " poäng"
                                    } @else if item.has_scores {
                                        "delresultat publicerade"
                                    } @else {
                                        span.missing { "poäng ej publicerade" }
                                    }
                                }
                            }
                        }
                    }
                    p { a href="/kommuner" { "Alla kommuner och deras utvärderingar" } }
                }
                section aria-labelledby="utforska" {
                    h2 #utforska { "Utforska" }
                    ul.link-cards {
                        li {
                            a href="/jamfor?kommun=1881,0115,1444" { "Jämför kommuner" }
                            p { "Ställ upp till sex kommuner bredvid varandra, område för område." }
                        }
                        li {
                            a href="/rankning" { "Rankning på totalpoäng" }
                            p { "Alla kommuner med publicerad totalpoäng, filtrerat på län och kriterier." }
                        }
                        li {
                            a href="/om" { "Så fungerar Kommunkompassen" }
                            p { "Vad som mäts, de olika versionerna av kriterierna och hur jämförbart det är." }
                        }
                    }
                    h3 { "Rankning per område" }
                    ul.theme-links {
                        @for (name, href) in &page.themes {
                            li { a href=(href) { (name) } }
                        }
                    }
                }
            }
            (map::render_block(&page.map, "Kommunerna på kartan"))
            p.small {
                "kompass känner till " (count(page.evaluations, "utvärdering", "utvärderingar")) ". "
                (count(page.evaluations - page.with_scores, "utvärdering", "utvärderingar"))
                " har genomförts utan att poängen publicerats där vi hittat dem; de visas som utvärderingar, aldrig som noll poäng. "
                a href="/saknas" { "Se vilka utvärderingar som saknar siffror" } "."
            }
        },
    )
}
