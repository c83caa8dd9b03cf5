//! Pages made for other sites' `<iframe>`s: a municipality's latest result
//! or a comparison, compact and self-contained (the chart, its figures,
//! source, licence, a link back), without JavaScript. Any site may frame
//! them (their routes are declared `Kind::EMBED`); they ask search engines to index the full page.

use maud::{DOCTYPE, Markup, html};

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::views::chart::svg::Drawn;
use crate::views::chart::{areas, grouped};
use crate::views::format::{MISSING, and_list, figure};
use crate::views::layout::{ICON, STYLESHEET};
use crate::views::pages::compare::CompareResult;
use crate::views::pages::municipality::MunicipalityPage;

use super::{LICENCE, LICENCE_URL, frame, licence_line, source_line};
use crate::views::pages::municipality::headline;

/// One row of an embed's figures: a label and a published figure or none.
pub type FigureRow = (String, Option<crate::domain::Score>);

#[derive(Debug, Clone)]
pub struct Embed {
    pub title: String,
    /// What the figures are: "Utvärderingen november 2020, kriterierna från 2019/2020".
    pub lead: String,
    pub total: Option<String>,
    pub change: Option<String>,
    pub chart: Option<Drawn>,
    pub caption: String,
    pub rows: Vec<FigureRow>,
    pub source: String,
    pub licence: String,
    /// The full page, root-relative: inside a frame it still points at kompass.
    pub back_href: String,
    pub back_label: String,
}

impl Embed {
    pub fn suggested_height(&self) -> u32 {
        frame::height(self.chart.as_ref().map(|c| c.height), self.rows.len())
    }
}

/// A municipality's embed: its profile `p` as its page `page` shows it.
pub fn municipality(
    data: &Snapshot,
    p: &MunicipalityProfile<'_>,
    page: &MunicipalityPage,
) -> Embed {
    let shown = page.latest.as_ref().and_then(|l| l.shown.as_ref());
    let stored = p.shown.as_ref().map(|s| s.evaluation);
    let base = Embed {
        title: format!("{} i Kommunkompassen", page.name),
        lead: String::new(),
        total: None,
        change: None,
        chart: None,
        caption: String::new(),
        rows: vec![],
        source: source_line(&p.evaluations),
        licence: licence_line(data),
        back_href: page.href.clone(),
        back_label: format!("Hela resultatet för {} på kompass", page.name),
    };
    let (Some(s), Some(stored)) = (shown, stored) else {
        let lead = if page.years.is_empty() {
            format!(
                "{} har inte utvärderats enligt de källor kompass känner till.",
                page.name
            )
        } else {
            format!(
                "{} utvärderades {}; poängen har inte publicerats.",
                page.name,
                and_list(&page.years)
            )
        };
        return Embed { lead, ..base };
    };
    Embed {
        lead: format!(
            "Utvärderingen {}, kriterierna från {}.",
            s.evaluation.when, s.evaluation.criteria
        ),
        total: Some(
            s.total
                .map_or_else(|| MISSING.to_string(), |t| t.to_swedish()),
        ),
        // The same figure as the page's change card.
        change: page
            .latest
            .as_ref()
            .and_then(|l| l.change.as_ref())
            .and_then(headline::short),
        chart: s.chart.as_ref().map(areas::drawn),
        caption: format!(
            "{} {}: poäng per område (0–100)",
            page.name, s.evaluation.year
        ),
        rows: s
            .rows
            .iter()
            .map(|r| (format!("{} {}", r.number, r.name), r.points))
            .collect(),
        source: source_line(&[stored]),
        ..base
    }
}

pub fn compare(
    data: &Snapshot,
    result: &CompareResult,
    shown: &[&StoredEvaluation],
    list: &str,
) -> Embed {
    let names: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
    Embed {
        title: format!("{} i Kommunkompassen", and_list(&names)),
        lead: "Varje kommuns senaste publicerade poäng, som på dess sida (områdena från den senaste utvärdering som publicerade dem), eller den utvärdering som valts, område för område (0–100).".to_string(),
        total: None,
        change: None,
        chart: Some(grouped::drawn(&result.chart)),
        caption: "Totalpoäng (av 800)".to_string(),
        rows: names
            .into_iter()
            .zip(result.totals.iter().copied())
            .collect(),
        source: source_line(shown),
        licence: licence_line(data),
        back_href: format!("/jamfor?kommun={list}"),
        back_label: "Hela jämförelsen på kompass".to_string(),
    }
}

/// The embed as a whole document. `canonical`: the full page's absolute
/// address, when known.
pub fn render(e: &Embed, canonical: Option<&str>) -> Markup {
    html! {
        (DOCTYPE)
        html lang="sv" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (e.title) " – kompass" }
                meta name="robots" content="noindex";
                @if let Some(url) = canonical { link rel="canonical" href=(url); }
                link rel="icon" href=(ICON) type="image/svg+xml";
                link rel="stylesheet" href=(STYLESHEET);
            }
            body.embed {
                main {
                    h1 { (e.title) }
                    @if !e.lead.is_empty() { p.embed-lead { (e.lead) } }
                    @if let Some(total) = &e.total {
                        p.embed-total {
                            strong { (total) } " av 800 poäng"
                            @if let Some(c) = &e.change { span.embed-change { " · " (c) } }
                        }
                    }
                    @if let Some(chart) = &e.chart {
                        figure.embed-chart {
                            (chart.inline())
                            figcaption.visually-hidden { (e.caption) }
                        }
                    }
                    @if !e.rows.is_empty() {
                        details.embed-figures open[e.chart.is_none()] {
                            summary { "Siffrorna som tabell" }
                            table {
                                caption { (e.caption) }
                                tbody {
                                    @for (label, value) in &e.rows {
                                        tr { th scope="row" { (label) } td.num { (figure(*value)) } }
                                    }
                                }
                            }
                        }
                    }
                }
                footer.embed-footer {
                    p { (e.source) "." }
                    p { (e.licence) ". " a href=(LICENCE_URL) target="_blank" rel="noopener license" { "Om licensen " (LICENCE) } }
                    p.embed-back { a href=(e.back_href) target="_blank" rel="noopener" { (e.back_label) " →" } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::profile::profile;
    use crate::domain::dataset::ReportTexts;
    use crate::views::pages::municipality as page;
    use crate::views::testdata::bundled;

    fn page_of<'a>(
        data: &'a Snapshot,
        code: &str,
    ) -> (MunicipalityProfile<'a>, page::MunicipalityPage) {
        let p = profile(data, code.parse().unwrap()).unwrap();
        let model = page::model(data, &p, &ReportTexts::none());
        (p, model)
    }

    #[test]
    fn kumlas_embed_has_the_chart_figures_source_licence_and_a_link_back() {
        let data = bundled();
        let (profile, p) = page_of(data, "1881");
        let e = municipality(data, &profile, &p);
        assert_eq!(e.total.as_deref(), Some("557"));
        assert_eq!(e.rows.len(), 8);
        // The same figure as the page's change card.
        assert_eq!(
            e.change.as_deref(),
            Some("+137 poäng jämfört med 2017 enligt kumla.se")
        );
        let html = render(&e, None).into_string();
        for text in [
            "Kumla i Kommunkompassen",
            "Källa: SKR:s utvärdering Kommunkompassen 2020",
            "CC BY 4.0",
            r#"href="/kommun/1881-kumla""#,
            "<svg",
        ] {
            assert!(html.contains(text), "{text}");
        }
        assert!(!html.contains("<script") && !html.contains("style="));
        assert!(e.suggested_height() >= 600 && e.suggested_height().is_multiple_of(10));
        assert_eq!(page::embed_height(&p), e.suggested_height());
    }

    #[test]
    fn an_embed_without_scores_says_so_and_still_links_back() {
        let data = bundled();
        let (profile, p) = page_of(data, "0117");
        let e = municipality(data, &profile, &p);
        assert!(e.chart.is_none() && e.total.is_none());
        assert!(e.lead.contains("inte utvärderats"));
        assert!(
            render(&e, None)
                .into_string()
                .contains(r#"href="/kommun/0117-osteraker""#)
        );
    }
}
