//! `/kommun/{code}/sammanfattning`: the municipality for a council report,
//! on one A4 page when printed: the latest result and its change, the areas
//! against the reference figure, what to improve first, the report's main
//! strengths and improvements (its own words, shortened), the source and
//! the citable data version. Built from the same profile as the full page.

use maud::{Markup, html};

use super::latest::{self, LatestSection};
use super::peers;
use super::priorities::{self, PrioritiesSection};
use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::{Dataset, ReportTexts, StoredEvaluation};
use crate::domain::prose;
use crate::domain::snapshot::Snapshot;
use crate::domain::{AreaNumber, AreaText, Municipality, Score, TextKind};
use crate::views::format::{self, municipality_href};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::publish::{licence_line, source_line};

/// How many areas give the report's strengths, and how many its
/// improvements: the highest and the lowest by points.
pub const HIGHLIGHT_AREAS: usize = 3;
/// A point is cut to this many characters.
pub const POINT_CHARS: usize = 140;

#[derive(Debug, Clone, PartialEq)]
pub struct SummaryPage {
    pub code: String,
    pub name: String,
    pub county: String,
    /// "Kommungrupp B4 Pendlingskommun nära större stad (kommungrupp enligt
    /// SKR:s indelning 2023) · 21 738 invånare (2019)": who it is like.
    pub place: Option<String>,
    /// The full page.
    pub href: String,
    pub latest: Option<LatestSection>,
    pub priorities: Option<PrioritiesSection>,
    pub highlights: Option<Highlights>,
    /// "Källa: SKR:s utvärdering Kommunkompassen 2020 (kumla.se) via kompass".
    pub source_line: String,
    /// The shown evaluations' sources: (when, title, address).
    pub sources: Vec<(String, Option<String>, Option<String>)>,
    /// "Licens CC BY 4.0 · data t.o.m. november 2020, version 2020-11.3f2a1c".
    pub licence_line: String,
}

/// The report's main strengths and improvements, area by area.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlights {
    pub year: i32,
    pub strengths: Vec<Highlight>,
    pub improvements: Vec<Highlight>,
    /// Why no improvements are quoted, when none are.
    pub improvements_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// "3 Styrning och kontroll (80 p)".
    pub area: String,
    pub text: String,
    /// Whether it is the summary chapter's first sentence about the area
    /// (the report's columns of strengths and improvements could not be
    /// told apart).
    pub from_summary: bool,
}

fn first_point(texts: &[&AreaText], kind: TextKind) -> Option<String> {
    let t = texts.iter().find(|t| t.kind == kind)?;
    prose::items(&t.text)
        .into_iter()
        .next()
        .map(|p| prose::shorten(&p, POINT_CHARS))
}

fn summary_sentence(texts: &[&AreaText]) -> Option<String> {
    let t = texts.iter().find(|t| t.kind == TextKind::Summary)?;
    let joined: Vec<String> = prose::paragraphs(&t.text)
        .into_iter()
        .filter_map(|b| match b {
            prose::Block::Paragraph(p) => Some(p),
            prose::Block::List(_) => None,
        })
        .collect();
    let first = joined.first()?;
    Some(prose::shorten(prose::first_sentence(first), POINT_CHARS))
}

/// The report's strengths (from the areas with the most points: each
/// area's first strength, else its summary's first sentence) and
/// improvements (from those with the fewest: each area's first
/// improvement, where the report's columns were told apart).
pub fn highlights(data: &Dataset, s: &StoredEvaluation, texts: &[AreaText]) -> Option<Highlights> {
    let e = &s.evaluation;
    let revision = data.catalogue.revision(e.revision);
    let mut areas: Vec<(AreaNumber, Option<Score>, Vec<&AreaText>)> = AreaNumber::ALL
        .into_iter()
        .map(|n| {
            let of: Vec<&AreaText> = texts
                .iter()
                .filter(|t| t.area == n && !t.text.trim().is_empty())
                .collect();
            (n, e.area(n).map(|a| a.points), of)
        })
        .filter(|(_, _, of)| !of.is_empty())
        .collect();
    if areas.is_empty() {
        return None;
    }
    let label = |n: AreaNumber, points: Option<Score>| {
        let name = revision
            .and_then(|r| r.area(n))
            .map_or_else(String::new, |a| format!(" {}", a.name));
        match points {
            Some(p) => format!("{n}{name} ({} p)", p.to_swedish()),
            None => format!("{n}{name}"),
        }
    };
    // Highest first; an area without points last.
    areas.sort_by_key(|(n, p, _)| (std::cmp::Reverse(p.map(|p| p.tenths())), *n));
    let strengths: Vec<Highlight> = areas
        .iter()
        .filter_map(|(n, p, of)| {
            let (text, from_summary) = match first_point(of, TextKind::Strengths) {
                Some(t) => (t, false),
                None => (summary_sentence(of)?, true),
            };
            Some(Highlight {
                area: label(*n, *p),
                text,
                from_summary,
            })
        })
        .take(HIGHLIGHT_AREAS)
        .collect();
    areas.sort_by_key(|(n, p, _)| (p.map_or(i64::MAX, |p| p.tenths()), *n));
    let improvements: Vec<Highlight> = areas
        .iter()
        .filter_map(|(n, p, of)| {
            Some(Highlight {
                area: label(*n, *p),
                text: first_point(of, TextKind::Improvements)?,
                from_summary: false,
            })
        })
        .take(HIGHLIGHT_AREAS)
        .collect();
    let joined = areas.iter().any(|(_, _, of)| {
        of.iter()
            .any(|t| t.kind == TextKind::StrengthsAndImprovements)
    });
    let improvements_note = (improvements.is_empty() && joined).then(|| {
        "Rapportens förbättringsmöjligheter står i samma lista som styrkorna (spalterna gick inte att skilja åt i rapportens text), så de citeras inte här; de finns under ”Ur utvärderingsrapporten” på kommunens sida.".to_string()
    });
    Some(Highlights {
        year: e.year,
        strengths,
        improvements,
        improvements_note,
    })
}

fn source(data: &Dataset, s: &StoredEvaluation) -> (String, Option<String>, Option<String>) {
    let e = &s.evaluation;
    let title = e.source.title.clone().or_else(|| {
        Some(format!(
            "Kommunkompassen {} ({})",
            e.year,
            format::revision_short(&data.catalogue, e.revision)
        ))
    });
    (format::when(e.year, e.month), title, e.source.url.clone())
}

/// The summary of the profile `p`, quoting the report texts in
/// `report_texts` (those of `p.detail()`).
pub fn model(
    data: &Snapshot,
    p: &MunicipalityProfile<'_>,
    report_texts: &ReportTexts,
) -> SummaryPage {
    let m = p.municipality;
    let mut shown: Vec<&StoredEvaluation> = Vec::new();
    if let Some(s) = &p.shown {
        shown.push(s.evaluation);
        if let Some(d) = s
            .detail
            .as_ref()
            .filter(|d| d.evaluation.id != s.evaluation.id)
        {
            shown.insert(0, d.evaluation);
        }
    }
    SummaryPage {
        code: m.code.to_string(),
        name: m.name.clone(),
        county: m.county.clone(),
        place: place_line(data, m),
        href: municipality_href(m),
        latest: latest::model(data, p),
        priorities: p
            .priorities
            .as_ref()
            .map(|x| priorities::model(data, &m.name, x)),
        highlights: p
            .detail()
            .and_then(|d| highlights(data, d, report_texts.of(d))),
        source_line: source_line(&shown),
        sources: shown.iter().map(|s| source(data, s)).collect(),
        licence_line: licence_line(data),
    }
}

/// Its kommungrupp and population, as under the full page's heading.
fn place_line(data: &Snapshot, m: &Municipality) -> Option<String> {
    let group = peers::group_line(data, m).map(|g| format!("{g} ({})", peers::GROUPING));
    let parts: Vec<String> = group
        .into_iter()
        .chain(peers::population_line(data, m))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn highlight_list(list: &[Highlight]) -> Markup {
    html! {
        ul.highlights {
            @for h in list {
                li { strong { (h.area) } ": " (h.text) }
            }
        }
    }
}

fn report_section(h: &Highlights) -> Markup {
    let summary_only = !h.strengths.is_empty() && h.strengths.iter().all(|s| s.from_summary);
    let strengths = html! {
        h3 { "Styrkor" }
        p.small {
            @if summary_only { "Ur rapportens sammanfattning av de områden som fick flest poäng." }
            @else { "De områden som fick flest poäng." }
        }
        (highlight_list(&h.strengths))
    };
    let improvements = html! {
        h3 { "Förbättringsmöjligheter" }
        @if h.improvements.is_empty() {
            p.small { (h.improvements_note.as_deref().unwrap_or("Rapportens texter om förbättringsmöjligheter finns inte i kompass.")) }
        } @else {
            p.small { "De områden som fick minst poäng." }
            (highlight_list(&h.improvements))
        }
    };
    html! {
        section aria-labelledby="ur-rapporten" {
            h2 #ur-rapporten { "Ur utvärderingsrapporten " (h.year) }
            // Two columns only when both have points to list.
            @if h.strengths.is_empty() {
                (improvements)
            } @else if h.improvements.is_empty() {
                (strengths) (improvements)
            } @else {
                div.summary-columns { div { (strengths) } div { (improvements) } }
            }
        }
    }
}

/// The total, its change, the reference and the place in kompass.
fn results(page: &SummaryPage, l: &LatestSection) -> Markup {
    let Some(s) = &l.shown else {
        return html! {
            p { (page.name) " utvärderades senast " (l.latest.when) ", men poängen har inte publicerats i de källor kompass har hittat." }
        };
    };
    html! {
        section aria-labelledby="resultat" {
            h2 #resultat { "Resultat " (s.evaluation.year) }
            p { "Utvärderingen " (s.evaluation.when) " gjordes enligt kriterierna från " (s.evaluation.criteria) "." }
            (latest::key_figures(s, l.change.as_ref()))
        }
    }
}

/// The areas against the reference, beside what to improve first.
fn areas_and_priorities(page: &SummaryPage) -> Markup {
    let shown = page
        .latest
        .as_ref()
        .and_then(|l| l.shown.as_ref())
        .filter(|s| !s.rows.is_empty());
    let priorities = page.priorities.as_ref().map(|p| {
        html! {
            section aria-labelledby="att-forbattra" {
                h2 #att-forbattra { "Att förbättra" }
                (priorities::render(p))
            }
        }
    });
    html! {
        div.summary-columns {
            @if let Some(s) = shown {
                section aria-labelledby="omraden" {
                    h2 #omraden { "Områdena" }
                    @if let Some(from) = &s.areas_from {
                        p.small { "Områdespoängen från " (s.evaluation.year) " har inte publicerats; tabellen visar de senast publicerade, från " (from.when) "." }
                    }
                    (latest::area_table(&page.name, s))
                }
            }
            @if let Some(p) = priorities { (p) }
        }
    }
}

pub fn render(page: &SummaryPage, url: Option<String>, page_url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        format!("{}: sammanfattning av Kommunkompassen", page.name),
        format!(
            "{}s resultat i Kommunkompassen på en sida: resultat, förändring, områden mot jämförelsevärdet, vad som kan förbättras och källan.",
            page.name
        ),
    )
    .at(url)
    // The municipality's own card: the summary is shared as its page is.
    .image(
        "bild.png",
        format!("{}: resultat i Kommunkompassen", page.name),
    )
    .nav(Nav::Municipalities);
    let full = page_url.unwrap_or_else(|| page.href.clone());
    layout(
        &meta,
        html! {
            div.summary-page {
                div.page-head {
                    p.eyebrow { a href=(page.href) { (page.name) } " · " (page.county) }
                    h1 { (page.name) " i Kommunkompassen: sammanfattning" }
                    @if let Some(place) = &page.place { p.meta.place { (place) } }
                    p.no-print {
                        "En sida att skriva ut (A4), till exempel som bilaga till ett ärende: använd webbläsarens utskrift. "
                        a href=(page.href) { "Hela sidan om " (page.name) } " har alla siffror, delområden och rapportens texter."
                    }
                }
                @match &page.latest {
                    None => p { (page.name) " har inte utvärderats med Kommunkompassen enligt de källor kompass känner till." },
                    Some(l) => (results(page, l)),
                }
                (areas_and_priorities(page))
                @if let Some(h) = &page.highlights { (report_section(h)) }
                section.summary-sources aria-labelledby="kalla" {
                    h2 #kalla { "Källa och data" }
                    p { (page.source_line) "." }
                    @if !page.sources.is_empty() {
                        ul {
                            @for (when, title, url) in &page.sources {
                                li {
                                    (when) ": "
                                    @if let Some(t) = title { (t) }
                                    @if let Some(u) = url { " – " a.bare-url href=(u) { (u) } }
                                }
                            }
                        }
                    }
                    p {
                        "Uppgifterna kommer från kompass, Kommunkompassens resultat som öppna data. "
                        (page.licence_line) ". Hela sidan: " a.bare-url href=(page.href) { (full) }
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::profile::profile;
    use crate::views::testdata::bundled;

    fn text(area: usize, kind: TextKind, text: &str) -> AreaText {
        AreaText {
            area: AreaNumber::ALL[area - 1],
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn strengths_from_the_highest_areas_and_improvements_from_the_lowest() {
        let data = bundled();
        let kumla = data
            .evaluations
            .iter()
            .find(|s| s.id == "1881-2020")
            .unwrap();
        let texts = vec![
            text(
                3,
                TextKind::Strengths,
                "Väl utvecklad\nuppföljning\nTydlig styrmodell",
            ),
            text(3, TextKind::Improvements, "Mer analys"),
            text(4, TextKind::Strengths, "Ekonomisk medvetenhet"),
            text(
                4,
                TextKind::Improvements,
                "Fler jämförelser med\nandra kommuner\nNy teknik",
            ),
            text(5, TextKind::Summary, "Inom område 5 lyfts LSS. Mer om det."),
        ];
        let h = highlights(data, kumla, &texts).unwrap();
        let strengths: Vec<(&str, &str)> = h
            .strengths
            .iter()
            .map(|s| (s.area.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            strengths,
            vec![
                (
                    "3 Styrning och kontroll (80 p)",
                    "Väl utvecklad uppföljning"
                ),
                ("5 Brukarens fokus (65 p)", "Inom område 5 lyfts LSS."),
                ("4 Effektivitet (60 p)", "Ekonomisk medvetenhet"),
            ],
            "highest first; area 5's from its summary"
        );
        assert!(h.strengths[1].from_summary);
        assert_eq!(
            h.improvements
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>(),
            vec!["Fler jämförelser med andra kommuner", "Mer analys"],
            "lowest first"
        );
        assert_eq!(h.improvements_note, None);
    }

    #[test]
    fn kumlas_joined_columns_give_strengths_from_the_summary_and_say_why_no_improvements() {
        let data = bundled();
        let p = profile(data, "1881".parse().unwrap()).unwrap();
        let page = model(data, &p, &ReportTexts::none());
        let h = page.highlights.unwrap();
        assert_eq!(h.strengths.len(), HIGHLIGHT_AREAS);
        assert!(
            h.strengths[0]
                .area
                .starts_with("3 Styrning och kontroll (80 p)")
        );
        assert!(
            h.strengths
                .iter()
                .all(|s| s.from_summary && s.text.chars().count() <= POINT_CHARS)
        );
        assert!(h.improvements.is_empty());
        assert!(
            h.improvements_note
                .unwrap()
                .contains("spalterna gick inte att skilja åt")
        );
        assert!(page.licence_line.contains(&data.derived().version.label));
        let html = render(
            &page_of("1881"),
            Some("http://h/kommun/1881/sammanfattning".into()),
            None,
        )
        .into_string();
        assert!(html.contains("Att förbättra") && html.contains("1.2 Kommunens information"));
        assert!(
            html.contains(r#"<meta property="og:image" content="http://h/kommun/1881/bild.png">"#),
            "the municipality's card"
        );
        assert!(html.contains("version "));
    }

    fn page_of(code: &str) -> SummaryPage {
        let data = bundled();
        let p = profile(data, code.parse().unwrap()).unwrap();
        model(data, &p, &ReportTexts::none())
    }

    #[test]
    fn orebros_summary_names_both_sources_and_a_never_evaluated_one_says_so() {
        let orebro = page_of("1880");
        assert_eq!(
            orebro
                .sources
                .iter()
                .map(|s| s.0.as_str())
                .collect::<Vec<_>>(),
            vec!["2012", "september 2015"],
            "the areas' evaluation and the total's"
        );
        assert_eq!(
            orebro.place.as_deref(),
            Some(
                "Kommungrupp B3 Större stad (kommungrupp enligt SKR:s indelning 2023) · 155\u{a0}696 invånare (2019)"
            ),
            "who Örebro is like, under the heading"
        );
        let osteraker = render(&page_of("0117"), None, None).into_string();
        assert!(osteraker.contains("har inte utvärderats"));
        assert!(!osteraker.contains("Att förbättra"));
    }
}
