//! `/kommun/{code}`: one municipality, with its kommungrupp and population.
//! Never evaluated: said plainly, with the county's evaluated
//! municipalities. Evaluated: the latest evaluation, the development over
//! time, the change between evaluations, sub-areas, report texts and every
//! source. Both: the evaluated municipalities of its kommungrupp.

pub mod headline;
pub mod history;
pub mod latest;
pub mod peers;
pub mod priorities;
pub mod progress;
pub mod sources;
pub mod summary;
pub mod texts;

use maud::{Markup, html};

use crate::domain::CountyCode;
use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::coverage::Coverage;
use crate::domain::dataset::ReportTexts;
use crate::domain::snapshot::Snapshot;
use crate::views::format::{self, count, genitive, municipality_href, ordinal};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::pages::search::{Hit, hit};
use crate::views::publish::frame;

#[derive(Debug, Clone, PartialEq)]
pub struct MunicipalityPage {
    pub code: String,
    pub name: String,
    pub county: String,
    pub county_code: CountyCode,
    pub href: String,
    /// When each evaluation took place: the year, with the month where a
    /// municipality had two in one year.
    pub years: Vec<String>,
    /// The evaluations held against those the sources imply.
    pub coverage: Coverage,
    pub latest: Option<latest::LatestSection>,
    /// "Att förbättra"; none when nothing was published.
    pub priorities: Option<priorities::PrioritiesSection>,
    pub history: Option<history::HistorySection>,
    pub progress: Vec<progress::ProgressStep>,
    /// The report's texts, by area, and their evaluation's year.
    pub texts: Vec<texts::TextArea>,
    pub texts_year: Option<i32>,
    pub sources: Vec<sources::SourceItem>,
    /// For a municipality never evaluated: the county's evaluated ones.
    pub county_peers: Vec<Hit>,
    /// "Kommungrupp B4 Pendlingskommun nära större stad".
    pub group_line: Option<String>,
    /// "45 287 invånare (2019)".
    pub population_line: Option<String>,
    /// Its kommungrupp's evaluated municipalities.
    pub peers: Option<peers::PeersSection>,
    /// The data version and licence, for the printed profile's footer.
    pub licence_line: String,
}

/// The page of the profile `p`, showing the report texts in `report_texts`
/// (the handler reads those of `p.detail()`; an evaluation held in memory
/// shows its own, so `ReportTexts::none()` serves the charts and embeds).
pub fn model(
    data: &Snapshot,
    p: &MunicipalityProfile<'_>,
    report_texts: &ReportTexts,
) -> MunicipalityPage {
    let m = p.municipality;
    let detail = p.detail();
    let dates: Vec<(i32, Option<u8>)> = p
        .evaluations
        .iter()
        .map(|s| (s.evaluation.year, s.evaluation.month))
        .collect();
    let years: Vec<String> = dates
        .iter()
        .map(|&(year, month)| {
            if dates.iter().filter(|(y, _)| *y == year).count() > 1 {
                crate::views::format::when(year, month)
            } else {
                year.to_string()
            }
        })
        .collect();
    let latest = latest::model(data, p);
    // Nothing ever published: one sentence at the top, not sections of gaps.
    let any_scores = latest.as_ref().is_some_and(|l| l.shown.is_some());
    // Over time needs two evaluations with figures; with one, the change
    // section says why there is nothing to follow.
    let with_scores = p
        .evaluations
        .iter()
        .filter(|s| s.evaluation.has_published_scores())
        .count();
    MunicipalityPage {
        code: m.code.to_string(),
        name: m.name.clone(),
        county: m.county.clone(),
        county_code: m.county_code,
        href: municipality_href(m),
        years,
        coverage: Coverage::of(p.evaluations.iter().map(|s| &s.evaluation)),
        latest,
        priorities: p
            .priorities
            .as_ref()
            .map(|x| priorities::model(data, &m.name, x)),
        history: history::model(data, p).filter(|_| with_scores >= 2),
        progress: if any_scores {
            progress::progress_model(data, &p.changes)
        } else {
            Vec::new()
        },
        texts: detail.map_or_else(Vec::new, |d| texts::model(data, d, report_texts.of(d))),
        texts_year: detail.map(|d| d.evaluation.year),
        sources: sources::model(data, p),
        county_peers: p.county_peers.iter().map(|m| hit(data, m)).collect(),
        group_line: peers::group_line(data, m),
        population_line: peers::population_line(data, m),
        peers: peers::model(data, m),
        licence_line: crate::views::publish::licence_line(data),
    }
}

/// The page's charts as (label, download address).
fn chart_links(page: &MunicipalityPage) -> Vec<(String, String)> {
    let base = format!("/kommun/{}/diagram", page.code);
    let mut out = Vec::new();
    if page
        .latest
        .as_ref()
        .and_then(|l| l.shown.as_ref())
        .is_some_and(|s| s.chart.is_some())
    {
        out.push((
            "Diagram: poäng per område".to_string(),
            format!("{base}/omraden.svg"),
        ));
    }
    if page.history.as_ref().is_some_and(|h| h.total.is_some()) {
        out.push((
            "Diagram: totalpoäng över tid".to_string(),
            format!("{base}/utveckling.svg"),
        ));
    }
    out
}

fn description(page: &MunicipalityPage) -> String {
    match page.latest.as_ref().and_then(|l| l.shown.as_ref()) {
        _ if page.years.is_empty() => format!(
            "{} ({}) har inte utvärderats med Kommunkompassen enligt de källor kompass känner till.",
            page.name, page.county
        ),
        Some(s) => match s.total {
            Some(t) => format!(
                "{} fick {} av 800 poäng i Kommunkompassen {}. Se områdena, jämför med andra kommuner och följ utvecklingen.",
                page.name,
                t.to_swedish(),
                s.evaluation.year
            ),
            None => format!(
                "{}s resultat i Kommunkompassen {}, område för område.",
                page.name, s.evaluation.year
            ),
        },
        None => format!(
            "{} har utvärderats med Kommunkompassen ({}), men poängen har inte publicerats.",
            page.name,
            page.years.join(", ")
        ),
    }
}

fn never_evaluated(page: &MunicipalityPage) -> Markup {
    html! {
        p.lead { (page.name) " är " strong { "ej utvärderad" } ": kompass känner inte till någon utvärdering med Kommunkompassen av kommunen." }
        p {
            "Har kommunen ändå utvärderats? Utvärderingar läggs till när resultaten finns publicerade. Har du rapporten eller en sida med resultatet: "
            a href=(format::bidra_href(&page.code, None)) { "bidra med utvärderingen" } ". "
            "Även utvärderingar vars poäng aldrig publicerades räknas: "
            a href="/saknas" { "de utvärderingar kompass känner till men saknar siffror för" } "."
        }
        h2 { "Utvärderade kommuner i " (page.county) }
        @if page.county_peers.is_empty() {
            p { "Ingen kommun i " (page.county) " har utvärderats enligt de källor kompass känner till." }
        } @else {
            ul.hit-list {
                @for h in &page.county_peers {
                    li { a href=(h.href) { (h.name) } span.meta { " " (h.evaluations) } }
                }
            }
            p { a href=(format!("/rankning?lan={}", page.county_code)) { "Rankning i " (page.county) } }
        }
    }
}

/// The height to suggest for the page's embed (`/kommun/{code}/inbadda`):
/// its area chart, else its table of areas.
pub fn embed_height(page: &MunicipalityPage) -> u32 {
    let shown = page.latest.as_ref().and_then(|l| l.shown.as_ref());
    let chart = shown
        .and_then(|s| s.chart.as_ref())
        .map(|c| crate::views::chart::areas::layout(c).height);
    frame::height(chart, shown.map_or(0, |s| s.rows.len()))
}

/// The iframe code for other sites, with a height that fits the embed.
fn embed_section(page: &MunicipalityPage, url: Option<&str>) -> Markup {
    let relative = format!("{}/inbadda", page.code);
    let src = url.map_or_else(
        || format!("/kommun/{relative}"),
        |u| crate::views::layout::resolve(u, &relative),
    );
    let height = embed_height(page);
    let code = format!(
        "<iframe src=\"{src}\" title=\"{} i Kommunkompassen\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        page.name
    );
    html! {
        section.embed-offer aria-labelledby="badda-in" {
            h2 #badda-in { "Bädda in på en annan webbplats" }
            p {
                "Visa " (page.name) "s senaste resultat på din egen webbplats: diagrammet, siffrorna, källan och en länk hit. "
                "Kopiera koden; föreslagen höjd " (height) " pixlar. "
                a href=(format!("/kommun/{relative}")) { "Förhandsvisa" } "."
            }
            label for="inbaddningskod" { "Kod att klistra in" }
            textarea #inbaddningskod readonly rows="3" { (code) }
        }
    }
}

/// How often it was evaluated: "Utvärderad 2 gånger: 2017, 2020", or, where
/// a source numbers an evaluation beyond those held, "kompass känner till 3
/// av Örebros minst 5 utvärderingar: 2010, 2012, 2015".
fn status(page: &MunicipalityPage) -> String {
    let c = page.coverage;
    if page.years.is_empty() {
        "Ej utvärderad".to_string()
    } else if c.at_least > c.held {
        format!(
            "kompass känner till {} av {} minst {} utvärderingar: {}",
            c.held,
            genitive(&page.name),
            c.at_least,
            page.years.join(", ")
        )
    } else {
        format!(
            "Utvärderad {}: {}",
            count(page.years.len(), "gång", "gånger"),
            page.years.join(", ")
        )
    }
}

/// Why there were more evaluations than kompass holds: "Enligt källan var
/// utvärderingen 2012 Örebros fjärde, och 1 utvärdering kom efter den; när
/// de 2 övriga gjordes anger ingen källa."
fn unknown_sentence(page: &MunicipalityPage) -> Option<String> {
    let c = page.coverage;
    let (year, number) = c.stated_by?;
    let after = c.at_least.saturating_sub(usize::from(number));
    let later = match after {
        0 => String::new(),
        n => format!(
            ", och {} kom efter den",
            count(n, "utvärdering", "utvärderingar")
        ),
    };
    let rest = match c.unknown() {
        1 => "när den övriga gjordes anger ingen källa".to_string(),
        n => format!("när de {n} övriga gjordes anger ingen källa"),
    };
    Some(format!(
        "Enligt källan var utvärderingen {year} {} {}{later}; {rest}.",
        genitive(&page.name),
        ordinal(number)
    ))
}

/// The name, county, how often it was evaluated and the page's own table of
/// contents (only the sections it has).
fn page_head(page: &MunicipalityPage) -> Markup {
    let shown = page.latest.as_ref().and_then(|l| l.shown.as_ref());
    html! {
        div.page-head {
            p.eyebrow { a href="/kommuner" { "Kommuner" } " · " (page.county) }
            h1 { (page.name) }
            p { span.status { (status(page)) } " " span.meta { "Kommunkod " (page.code) } }
            @if page.group_line.is_some() || page.population_line.is_some() {
                p.meta.place {
                    @if let Some(g) = &page.group_line { a href="#kommungrupp" { (g) } " (" (peers::GROUPING) ")" }
                    @if page.group_line.is_some() && page.population_line.is_some() { " · " }
                    @if let Some(p) = &page.population_line { (p) }
                }
            }
            @if let Some(text) = unknown_sentence(page) {
                p.small.coverage { (text) " " a href=(format!("/saknas#kommun-{}", page.code)) { "Vad kompass saknar" } "." }
            }
            @if !page.years.is_empty() {
                nav aria-label="På sidan" {
                    ul.toc {
                        li { a href="#senaste" { "Senaste utvärderingen" } }
                        @if page.priorities.is_some() { li { a href="#att-forbattra" { "Att förbättra" } } }
                        @if page.history.is_some() { li { a href="#over-tid" { "Över tid" } } }
                        @if !page.progress.is_empty() { li { a href="#forandring" { "Förändring" } } }
                        @if shown.is_some_and(|s| !s.subareas.is_empty()) { li { a href="#delomraden" { "Delområden" } } }
                        @if !page.texts.is_empty() { li { a href="#styrkor" { "Ur rapporten" } } }
                        @if page.peers.is_some() { li { a href="#kommungrupp" { "Samma kommungrupp" } } }
                        li { a href="#kallor" { "Källor och data" } }
                        li { a href=(format!("/jamfor?kommun={}", page.code)) { "Jämför med andra" } }
                        li { a href=(format!("/kommun/{}/sammanfattning", page.code)) { "Skriv ut sammanfattning" } }
                    }
                }
            }
        }
    }
}

pub fn render(page: &MunicipalityPage, url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        format!("{} i Kommunkompassen", page.name),
        description(page),
    )
    .at(url.clone())
    .image(
        format!("{}/bild.png", page.code),
        format!("{}: resultat i Kommunkompassen", page.name),
    )
    .feed(
        format!("{}: nya resultat", page.name),
        format!("/kommun/{}/nytt.atom", page.code),
    )
    .nav(Nav::Municipalities);
    let shown = page.latest.as_ref().and_then(|l| l.shown.as_ref());
    layout(
        &meta,
        html! {
            div.municipality {
            (page_head(page))
            @if page.years.is_empty() {
                (never_evaluated(page))
            } @else {
                section aria-labelledby="senaste" {
                    h2 #senaste { "Senaste utvärderingen" }
                    @if let Some(l) = &page.latest { (latest::render(&page.name, &page.code, l)) }
                    @if shown.is_none() && page.years.len() > 1 {
                        p {
                            "Inte heller de tidigare utvärderingarna (" (format::and_list(&page.years[..page.years.len() - 1])) ") har publicerade poäng, så det finns ingen utveckling att visa. "
                            a href=(format!("/saknas#kommun-{}", page.code)) { "Bidra med siffrorna för någon av dem" } "."
                        }
                    }
                }
                @if let Some(p) = &page.priorities {
                    section aria-labelledby="att-forbattra" {
                        h2 #att-forbattra { "Att förbättra" }
                        (priorities::render(p))
                    }
                }
                @if let Some(h) = &page.history {
                    section aria-labelledby="over-tid" {
                        h2 #over-tid { "Över tid" }
                        (history::render_history(&page.code, h))
                    }
                }
                @if !page.progress.is_empty() {
                    section aria-labelledby="forandring" {
                        h2 #forandring { "Förändring mellan utvärderingarna" }
                        (progress::render_progress(&page.progress))
                    }
                }
                @if let Some(s) = shown.filter(|s| !s.subareas.is_empty()) {
                    section aria-labelledby="delomraden" {
                        h2 #delomraden { "Delområden " (s.areas_year()) }
                        (latest::render_subareas(&page.name, s))
                    }
                }
                @if let (Some(year), false) = (page.texts_year, page.texts.is_empty()) {
                    section aria-labelledby="styrkor" {
                        h2 #styrkor { "Ur utvärderingsrapporten " (year) }
                        (texts::render(year, &page.texts))
                    }
                }
            }
            @if let Some(peers) = &page.peers {
                section aria-labelledby="kommungrupp" {
                    h2 #kommungrupp { "Samma kommungrupp" }
                    (peers::render(&page.name, peers))
                }
            }
            section aria-labelledby="kallor" {
                h2 #kallor { "Källor och data" }
                (sources::render(&page.code, &page.sources, &chart_links(page)))
            }
            @if !page.years.is_empty() {
                (embed_section(page, url.as_deref()))
            }
            p.print-only.print-footer {
                "Utskrift från kompass, Kommunkompassens resultat som öppna data"
                @if let Some(u) = &url { ": " (u) }
                ". " (page.licence_line) "."
            }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::profile::profile;
    use crate::domain::dataset::Dataset;
    use crate::domain::{AreaNumber, AreaText, Discrepancy, Figure, TextKind};
    use crate::views::testdata::bundled;

    /// The page of the municipality with this code, its texts as held.
    fn page_of(data: &Snapshot, code: &str) -> MunicipalityPage {
        let p = profile(data, code.parse().unwrap()).unwrap();
        model(data, &p, &ReportTexts::none())
    }

    /// The bundled data with report texts and a printed discrepancy added to
    /// Kumla 2020 (the bundle has neither yet).
    fn with_texts_and_a_discrepancy() -> Snapshot {
        let data = bundled();
        let mut evaluations = data.evaluations.clone();
        let kumla = evaluations
            .iter_mut()
            .find(|s| s.id == "1881-2020")
            .unwrap();
        kumla.evaluation.texts = vec![
            AreaText {
                area: AreaNumber::ALL[2],
                kind: TextKind::Improvements,
                text: "Tydligare mål <i>för</i> nämnderna.".into(),
            },
            AreaText {
                area: AreaNumber::ALL[2],
                kind: TextKind::Strengths,
                text: "Väl utvecklad uppföljning.".into(),
            },
        ];
        kumla.evaluation.discrepancies = vec![Discrepancy {
            figure: Figure::Total,
            note: "The areas sum to 557; the page states 557.".into(),
        }];
        Snapshot::new(Dataset::new(
            data.municipalities.clone(),
            data.catalogue.clone(),
            data.benchmarks.clone(),
            evaluations,
            "t".into(),
            String::new(),
        ))
    }

    #[test]
    fn strengths_improvements_and_data_quality_notes_are_shown_when_imported() {
        let data = with_texts_and_a_discrepancy();
        let page = page_of(&data, "1881");
        assert_eq!(page.texts.len(), 1);
        assert_eq!(page.texts[0].title, "3 Styrning och kontroll");
        let headings: Vec<&str> = page.texts[0]
            .parts
            .iter()
            .map(|p| p.heading.as_str())
            .collect();
        assert_eq!(headings, vec!["Styrkor", "Förbättringsmöjligheter"]);
        let html = render(&page, None).into_string();
        assert!(html.contains("Ur utvärderingsrapporten 2020"));
        assert!(
            html.contains("Tydligare mål &lt;i&gt;för&lt;/i&gt; nämnderna."),
            "text is escaped"
        );
        assert!(html.contains("Uppgifternas kvalitet"));
        assert!(
            html.contains("Totalpoängen: källan trycker 557, men områdena summerar till 557"),
            "said in Swedish from the figures"
        );
        assert!(!html.contains("The areas sum"), "no English note");
    }

    #[test]
    fn the_bundled_kumla_shows_the_reports_texts() {
        let page = page_of(bundled(), "1881");
        let html = render(&page, None).into_string();
        assert!(html.contains("id=\"styrkor\""));
        assert!(
            html.contains(
                "<li>Demokrati och dialog är ett av de nio övergripande strategiska målen</li>"
            ),
            "a point of the report, its lines joined"
        );
        assert!(html.contains("<details class=\"report-area\"><summary><h3>1 Samspel"));
        let osteraker = page_of(bundled(), "0117");
        assert!(
            !render(&osteraker, None)
                .into_string()
                .contains("id=\"styrkor\"")
        );
    }

    #[test]
    fn evaluations_that_never_published_a_figure_are_one_sentence_not_sections_of_gaps() {
        let page = page_of(bundled(), "0114");
        assert!(page.history.is_none() && page.progress.is_empty());
        let html = render(&page, None).into_string();
        assert!(html.contains(
            "Inte heller de tidigare utvärderingarna (2011 och 2014) har publicerade poäng"
        ));
        assert!(!html.contains("id=\"over-tid\"") && !html.contains("id=\"forandring\""));
    }

    #[test]
    fn a_place_in_kompass_reads_of_how_many_and_under_which_criteria_on_the_card() {
        let orebro = page_of(bundled(), "1880");
        let rank = orebro
            .latest
            .as_ref()
            .unwrap()
            .shown
            .as_ref()
            .unwrap()
            .rank
            .clone()
            .unwrap();
        assert_eq!(rank.criteria_of, "2010 års kriterier");
        let html = render(&orebro, None).into_string();
        let card = &html[html.find("Plats i kompass").unwrap()..];
        let card = &card[..card.find("</li>").unwrap()];
        assert!(
            card.contains(&format!(
                "<span class=\"big\">{} av {} i kompass</span>",
                rank.rank, rank.of
            )),
            "{card}"
        );
        assert!(
            card.contains("<span class=\"label criteria\">enligt 2010 års kriterier</span>"),
            "{card}"
        );
        assert!(html.contains("Kommungrupp B3 Större stad</a> (kommungrupp enligt SKR:s indelning 2023) · 155\u{a0}696 invånare (2019)"));
    }

    #[test]
    fn a_municipality_never_evaluated_lists_its_countys_evaluated_ones() {
        let osteraker = page_of(bundled(), "0117");
        assert!(osteraker.latest.is_none());
        assert_eq!(
            osteraker.county_peers.first().map(|h| h.name.as_str()),
            Some("Upplands Väsby")
        );
        let html = render(&osteraker, None).into_string();
        assert!(
            html.contains(r#"<a href="/bidra?kommun=0117">bidra med utvärderingen</a>"#),
            "a way to report a missing evaluation, the municipality chosen"
        );
        assert!(html.contains(r#"href="/saknas""#));
    }
}
