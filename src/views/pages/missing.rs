//! `/saknas`: what kompass does not know. Every evaluation it knows took
//! place but holds no figures for, municipality by municipality, with the
//! source that says it took place and a link to `/bidra` that names it
//! (municipality and year filled in); and, per municipality, how many more
//! the sources imply without a year, which can only be counted.

use maud::{Markup, html};

use crate::domain::answer::missing::Missing;
use crate::domain::snapshot::Snapshot;
use crate::domain::statement::site_name;
use crate::views::downloads::{self, TableFiles};
use crate::views::format::{self, bidra_href, count, genitive, municipality_href, ordinal};
use crate::views::layout::{PageMeta, layout};

/// The page's address, its table's and its social card's.
pub const PATH: &str = "/saknas";
pub const CARD: &str = "/saknas/bild.png";
/// The same list in the API.
pub const API: &str = "/api/v1/evaluations?scores=none";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPage {
    /// Evaluations held without figures.
    pub without_figures: usize,
    /// Evaluations held with a published figure.
    pub with_figures: usize,
    /// Evaluations the sources imply without a year.
    pub unknown: usize,
    pub municipalities: Vec<MunicipalityGaps>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityGaps {
    pub code: String,
    pub name: String,
    pub county: String,
    pub href: String,
    pub items: Vec<MissingItem>,
    /// "Källorna nämner minst 5 utvärderingar av Örebro; kompass känner till 3."
    pub counted: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingItem {
    pub id: String,
    pub when: String,
    pub year: i32,
    /// "kriterierna från 2010, kommunens tredje utvärdering"
    pub about: String,
    /// (address, what the link says): the title, else the site's name.
    pub source: Option<(String, String)>,
    /// `/bidra?kommun=1880&ar=2010`
    pub bidra: String,
}

pub fn model(data: &Snapshot, answer: &Missing<'_>) -> MissingPage {
    let municipalities = answer
        .municipalities
        .iter()
        .map(|g| {
            let m = g.municipality;
            let items = g
                .without_figures
                .iter()
                .map(|s| {
                    let e = &s.evaluation;
                    let mut about = format!(
                        "kriterierna från {}",
                        format::revision_short(&data.catalogue, e.revision)
                    );
                    if let Some(n) = e.evaluation_number {
                        about.push_str(&format!(", kommunens {} utvärdering", ordinal(n)));
                    }
                    MissingItem {
                        id: s.id.to_string(),
                        when: format::when(e.year, e.month),
                        year: e.year,
                        about,
                        source: e.source.url.as_ref().map(|url| {
                            let label = e.source.title.clone().unwrap_or_else(|| site_name(url));
                            (url.clone(), label)
                        }),
                        bidra: bidra_href(m.code.as_str(), Some(e.year)),
                    }
                })
                .collect();
            let c = g.coverage;
            MunicipalityGaps {
                code: m.code.to_string(),
                name: m.name.clone(),
                county: m.county.clone(),
                href: municipality_href(m),
                items,
                counted: (c.unknown() > 0).then(|| {
                    format!(
                        "Källorna nämner minst {} utvärderingar av {}; kompass känner till {}. När {} gjordes anger ingen källa.",
                        c.at_least,
                        m.name,
                        c.held,
                        if c.unknown() == 1 {
                            "den som saknas".to_string()
                        } else {
                            format!("de {} som saknas", c.unknown())
                        }
                    )
                }),
            }
        })
        .collect();
    let without_figures = answer.without_figures();
    MissingPage {
        without_figures,
        with_figures: data.evaluations.len() - without_figures,
        unknown: answer.unknown(),
        municipalities,
    }
}

fn municipality(g: &MunicipalityGaps) -> Markup {
    html! {
        section.gaps id=(format!("kommun-{}", g.code)) aria-labelledby=(format!("rubrik-{}", g.code)) {
            h2 id=(format!("rubrik-{}", g.code)) {
                a href=(g.href) { (g.name) } " " span.meta { (g.county) }
            }
            @if !g.items.is_empty() {
                ul.gap-list {
                    @for i in &g.items {
                        li {
                            strong { (i.when) } ", " (i.about) ". "
                            @match &i.source {
                                Some((url, label)) => { "Källa: " a href=(url) { (label) } ". " }
                                None => { span.missing { "Källa saknas" } ". " }
                            }
                            a.contribute href=(i.bidra) { "Bidra med " (genitive(&g.name)) " siffror från " (i.year) }
                        }
                    }
                }
            }
            @if let Some(text) = &g.counted {
                p.small { (text) }
            }
        }
    }
}

pub fn render(page: &MissingPage, url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        "Utvärderingar utan siffror",
        format!(
            "{} utvärderingar med Kommunkompassen som kompass vet har gjorts men saknar poäng för, kommun för kommun, med källa och ett sätt att bidra med siffrorna.",
            page.without_figures
        ),
    )
    .at(url)
    .image("saknas/bild.png", "Utvärderingar utan siffror i kompass");
    let listed = page
        .municipalities
        .iter()
        .filter(|g| !g.items.is_empty())
        .count();
    layout(
        &meta,
        html! {
            h1 { "Utvärderingar utan siffror" }
            p.lead {
                "kompass känner till " strong { (count(page.without_figures, "utvärdering", "utvärderingar")) } " i "
                (count(listed, "kommun", "kommuner"))
                " som har gjorts men vars poäng inte finns i de källor vi har hittat; "
                (page.with_figures) " utvärderingar har publicerade poäng. "
                "Här är de utan, kommun för kommun, med källan som säger att utvärderingen gjordes."
            }
            p {
                "Har du rapporten eller en sida med poängen? Varje utvärdering har en länk till "
                a href="/bidra" { "Bidra" } " där kommun och år redan är ifyllda. "
                "En utvärdering utan publicerade poäng visas aldrig som noll."
            }
            @if page.unknown > 0 {
                p {
                    "Källorna nämner dessutom minst " (count(page.unknown, "utvärdering", "utvärderingar"))
                    " som ingen källa daterar (till exempel när en kommun kallar en utvärdering sin fjärde men bara tre är kända). "
                    "De räknas under sin kommun men kan inte listas."
                }
            }
            div.gaps-list {
                @for g in &page.municipalities { (municipality(g)) }
            }
            h2 #ladda-ner { "Ladda ner" }
            ul.downloads {
                li { "Listan: " (downloads::links(&TableFiles::new(PATH, ""))) " · " a href=(API) { "JSON (API)" } }
                li { "Bild för delning: " a href=(CARD) download { "PNG" } }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::missing::missing;
    use crate::views::testdata::bundled;

    #[test]
    fn each_evaluation_without_figures_is_listed_with_its_source_and_a_bidra_link() {
        let data = bundled();
        let answer = missing(data);
        let page = model(data, &answer);
        let items: usize = page.municipalities.iter().map(|g| g.items.len()).sum();
        assert_eq!(items, page.without_figures);
        assert_eq!(
            page.with_figures + page.without_figures,
            data.evaluations.len()
        );
        let orebro = page
            .municipalities
            .iter()
            .find(|g| g.code == "1880")
            .unwrap();
        assert_eq!(orebro.items.len(), 1);
        assert_eq!(orebro.items[0].bidra, "/bidra?kommun=1880&ar=2010");
        assert_eq!(
            orebro.items[0].about,
            "kriterierna från 2010, kommunens tredje utvärdering"
        );
        assert_eq!(
            orebro.counted.as_deref(),
            Some(
                "Källorna nämner minst 5 utvärderingar av Örebro; kompass känner till 3. När de 2 som saknas gjordes anger ingen källa."
            )
        );
        let html = render(&page, None).into_string();
        assert!(html.contains(r#"<section class="gaps" id="kommun-1880""#));
        assert!(html.contains(
            r#"href="/bidra?kommun=1880&amp;ar=2010">Bidra med Örebros siffror från 2010</a>"#
        ));
        assert!(
            html.contains(r#"href="/saknas.xlsx""#) && html.contains(r#"href="/saknas/bild.png""#)
        );
        assert!(!html.contains("1881-2020"), "Kumla 2020 has figures");
    }
}
