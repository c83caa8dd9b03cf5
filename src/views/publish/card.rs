//! Social cards: the 1200×630 image a link preview shows (`og:image`) for a
//! municipality, a comparison or a ranking: the name, the figure, the change
//! and a small bar chart, with source and licence along the bottom.

use maud::{Markup, html};

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::domain::{AreaNumber, TOTAL_MAX};
use crate::views::chart::fonts::{FILE_FONT, text_width, wrap};
use crate::views::chart::geometry::num;
use crate::views::chart::raster::{self, RasterError};
use crate::views::chart::svg::{GRID, INK, MUTED, PRIMARY};
use crate::views::format::{number, when};
use crate::views::pages::compare::CompareResult;
use crate::views::pages::missing::MissingPage;
use crate::views::pages::ranking::RankingPage;

use super::{LICENCE, source_line};
use crate::views::pages::municipality::headline;

pub const WIDTH: f64 = 1200.0;
pub const HEIGHT: f64 = 630.0;

/// What a card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub eyebrow: String,
    pub title: String,
    /// The big figure and what it is: ("557", "av 800 poäng").
    pub figure: Option<(String, String)>,
    pub lines: Vec<String>,
    pub chart_title: String,
    pub bars: Vec<CardBar>,
    pub max: f64,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CardBar {
    pub label: String,
    /// `None`: not published (written, never drawn as zero).
    pub value: Option<f64>,
}

fn footer(shown: &[&StoredEvaluation]) -> String {
    if shown.is_empty() {
        return format!("kompass · Kommunkompassens resultat som öppna data · {LICENCE}");
    }
    format!("{} · {LICENCE}", source_line(shown))
}

/// A municipality's profile: its latest published total, the change since
/// the evaluation before, and its areas (or its totals over time).
pub fn municipality(data: &Snapshot, p: &MunicipalityProfile<'_>) -> Card {
    let m = p.municipality;
    let Some(s) = p.shown.as_ref().map(|s| s.evaluation) else {
        let years: Vec<String> = p
            .evaluations
            .iter()
            .map(|s| s.evaluation.year.to_string())
            .collect();
        return Card {
            eyebrow: format!("Kommunkompassen · {}", m.county),
            title: m.name.clone(),
            figure: None,
            lines: vec![if years.is_empty() {
                "Ej utvärderad enligt de källor kompass känner till".to_string()
            } else {
                format!(
                    "Utvärderad {}; poängen har inte publicerats",
                    years.join(", ")
                )
            }],
            chart_title: String::new(),
            bars: vec![],
            max: 100.0,
            footer: footer(&p.evaluations),
        };
    };
    let e = &s.evaluation;
    let mut lines = vec![format!("Utvärderingen {}", when(e.year, e.month))];
    // The same figure as the page's change card.
    if let Some(line) = headline::short(&headline::model(data, &p.changes)) {
        lines.push(line);
    }
    let (chart_title, bars, max) = if e.areas.is_empty() {
        let totals: Vec<CardBar> = p
            .evaluations
            .iter()
            .map(|x| CardBar {
                label: x.evaluation.year.to_string(),
                value: x.evaluation.total.map(|t| t.as_f64()),
            })
            .collect();
        (
            "Totalpoäng per utvärdering".to_string(),
            totals,
            TOTAL_MAX.as_f64(),
        )
    } else {
        let bars = AreaNumber::ALL
            .iter()
            .map(|n| CardBar {
                label: format!("Område {}", n.get()),
                value: e.area(*n).map(|a| a.points.as_f64()),
            })
            .collect();
        (format!("Poäng per område {}", e.year), bars, 100.0)
    };
    Card {
        eyebrow: format!("Kommunkompassen · {}", m.county),
        title: m.name.clone(),
        figure: e
            .total
            .map(|t| (t.to_swedish(), "av 800 poäng".to_string())),
        lines,
        chart_title,
        bars,
        max,
        footer: footer(&[s]),
    }
}

/// A comparison: each municipality's total in the compared evaluation.
pub fn compare(result: &CompareResult, shown: &[&StoredEvaluation]) -> Card {
    let names: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
    let mut lines = vec![format!("{} kommuner, område för område", names.len())];
    // As the page and the chart file say: the figures are not quite
    // comparable.
    if result.revisions_differ() {
        lines.push("Obs! Olika versioner av kriterierna:".to_string());
        lines.push("poängen är inte helt jämförbara".to_string());
    }
    Card {
        eyebrow: "Kommunkompassen · jämförelse".to_string(),
        title: crate::views::format::and_list(&names),
        figure: None,
        lines,
        chart_title: "Totalpoäng (av 800)".to_string(),
        bars: result
            .columns
            .iter()
            .zip(&result.totals)
            .map(|(c, t)| CardBar {
                label: c.name.clone(),
                value: t.map(|t| t.as_f64()),
            })
            .collect(),
        max: TOTAL_MAX.as_f64(),
        footer: footer(shown),
    }
}

/// A ranking: the first five and how many are ranked.
pub fn ranking(page: &RankingPage) -> Card {
    let mut lines = vec![format!("{} kommuner rankade", page.rows.len())];
    if let Some(first) = page.rows.first() {
        lines.push(format!(
            "Högst: {} ({})",
            first.name,
            first.value.to_swedish()
        ));
    }
    Card {
        eyebrow: "Kommunkompassen · rankning".to_string(),
        title: page.heading.clone(),
        figure: None,
        lines,
        chart_title: format!("{} (av {})", page.metric_name, page.max),
        bars: page
            .rows
            .iter()
            .take(5)
            .map(|r| CardBar {
                label: format!("{}. {}", r.rank, r.name),
                value: Some(r.value.as_f64()),
            })
            .collect(),
        max: f64::from(page.max),
        footer: format!("Källa: SKR:s utvärderingar Kommunkompassen via kompass · {LICENCE}"),
    }
}

/// `/saknas`: how many evaluations kompass knows without figures, beside
/// those with figures and those the sources only count.
pub fn missing(page: &MissingPage) -> Card {
    let bars = vec![
        CardBar {
            label: "Med publicerade poäng".to_string(),
            value: Some(page.with_figures as f64),
        },
        CardBar {
            label: "Utan siffror".to_string(),
            value: Some(page.without_figures as f64),
        },
        CardBar {
            label: "Nämnda utan årtal".to_string(),
            value: Some(page.unknown as f64),
        },
    ];
    let max = bars.iter().filter_map(|b| b.value).fold(1.0, f64::max);
    Card {
        eyebrow: "Kommunkompassen · vad kompass saknar".to_string(),
        title: "Utvärderingar utan siffror".to_string(),
        figure: Some((
            page.without_figures.to_string(),
            "utvärderingar utan poäng".to_string(),
        )),
        lines: vec!["Har du siffrorna? Bidra på kompass".to_string()],
        chart_title: "Utvärderingar som kompass känner till".to_string(),
        bars,
        max,
        footer: format!("kompass · Kommunkompassens resultat som öppna data · {LICENCE}"),
    }
}

const LEFT: f64 = 64.0;
const CHART_X: f64 = 700.0;
const CHART_RIGHT: f64 = 1136.0;
const TEXT_RIGHT: f64 = 660.0;

/// The largest size up to `max` at which `text` fits `width`.
fn fitting_size(text: &str, max: f64, width: f64, bold: bool) -> f64 {
    let w = text_width(text, max, bold);
    if w <= width {
        max
    } else {
        (max * width / w).floor().max(10.0)
    }
}

/// The largest of `sizes` at which `text` wraps into at most `max_lines`
/// lines that each fit `width`; else the smallest size, one shrunk line.
fn fit_lines(
    text: &str,
    sizes: &[f64],
    max_lines: usize,
    width: f64,
    bold: bool,
) -> (f64, Vec<String>) {
    for &size in sizes {
        let lines = wrap(text, size, bold, width);
        if lines.len() <= max_lines && lines.iter().all(|l| text_width(l, size, bold) <= width) {
            return (size, lines);
        }
    }
    let smallest = sizes.last().copied().unwrap_or(20.0);
    (
        fitting_size(text, smallest, width, bold),
        vec![text.to_string()],
    )
}

/// The title: one line at 72 px when it fits, else up to three smaller ones.
fn title_lines(title: &str, width: f64) -> (f64, Vec<String>) {
    if text_width(title, 72.0, true) <= width {
        return (72.0, vec![title.to_string()]);
    }
    fit_lines(title, &[60.0, 52.0, 46.0, 40.0, 34.0], 3, width, true)
}

impl Card {
    /// The card as an SVG document, 1200×630 units: the text on the left,
    /// the chart (when there is one) on the right, the footer across.
    pub fn svg(&self) -> String {
        let svg = html! {
            svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630" width="1200" height="630"
                font-family=(FILE_FONT) fill=(INK) role="img" aria-label=(self.title) {
                rect width="1200" height="630" fill="#ffffff" {}
                rect width="16" height="630" fill=(PRIMARY) {}
                (self.text_column())
                @if !self.bars.is_empty() {
                    (self.chart())
                }
                (self.footer())
            }
        };
        svg.into_string()
    }

    /// Eyebrow, title, the big figure and the lines under it.
    fn text_column(&self) -> Markup {
        let text_right = if self.bars.is_empty() {
            WIDTH - LEFT
        } else {
            TEXT_RIGHT
        };
        let (title_size, title_lines) = title_lines(&self.title, text_right - LEFT);
        let mut y = 96.0 + 10.0;
        let title_ys: Vec<f64> = title_lines
            .iter()
            .map(|_| {
                y += title_size * 1.15;
                y
            })
            .collect();
        let figure_y = y + 150.0;
        if self.figure.is_some() {
            y = figure_y;
        }
        let line_ys: Vec<f64> = (0..self.lines.len())
            .map(|i| y + 60.0 + i as f64 * 48.0)
            .collect();
        html! {
            text x=(num(LEFT)) y="96" font-size="28" fill=(MUTED) { (self.eyebrow) }
            @for (line, ty) in title_lines.iter().zip(&title_ys) {
                text x=(num(LEFT)) y=(num(*ty)) font-size=(num(title_size)) font-weight="bold" { (line) }
            }
            @if let Some((value, what)) = &self.figure {
                text x=(num(LEFT)) y=(num(figure_y)) font-size="120" font-weight="bold" fill=(PRIMARY) { (value) }
                text x=(num(LEFT + text_width(value, 120.0, true) + 20.0)) y=(num(figure_y)) font-size="36" fill=(MUTED) { (what) }
            }
            @for (line, ly) in self.lines.iter().zip(&line_ys) {
                text x=(num(LEFT)) y=(num(*ly)) font-size=(num(fitting_size(line, 32.0, text_right - LEFT, false))) { (line) }
            }
        }
    }

    /// The chart's title and one bar per row ("ej publicerat" where a
    /// figure is missing, never a zero-length bar).
    fn chart(&self) -> Markup {
        let (chart_title_size, chart_title_lines) = fit_lines(
            &self.chart_title,
            &[24.0, 21.0, 18.0],
            2,
            CHART_RIGHT - CHART_X,
            false,
        );
        let chart_top = 124.0 + (chart_title_lines.len() as f64 - 1.0) * chart_title_size * 1.2;
        let n = self.bars.len().max(1) as f64;
        let row = ((464.0 - chart_top) / n).min(48.0);
        let label_width = self
            .bars
            .iter()
            .map(|b| text_width(&b.label, 22.0, false))
            .fold(0.0, f64::max);
        let bar_x = CHART_X + label_width + 14.0;
        let bar_end = CHART_RIGHT - 64.0;
        html! {
            @for (k, line) in chart_title_lines.iter().enumerate() {
                text x=(num(CHART_X)) y=(num(96.0 + k as f64 * chart_title_size * 1.2)) font-size=(num(chart_title_size)) fill=(MUTED) { (line) }
            }
            @for (i, b) in self.bars.iter().enumerate() {
                @let top = chart_top + i as f64 * row;
                @let h = (row * 0.62).min(30.0);
                @let baseline = top + h / 2.0 + 8.0;
                text x=(num(CHART_X)) y=(num(baseline)) font-size="22" { (b.label) }
                rect x=(num(bar_x)) y=(num(top)) width=(num(bar_end - bar_x)) height=(num(h)) fill=(GRID) {}
                @match b.value {
                    Some(v) => {
                        rect x=(num(bar_x)) y=(num(top)) width=(num((v / self.max).clamp(0.0, 1.0) * (bar_end - bar_x))) height=(num(h)) fill=(PRIMARY) {}
                        text x=(num(bar_end + 10.0)) y=(num(baseline)) font-size="22" font-weight="bold" { (number(v)) }
                    }
                    None => {
                        text x=(num(bar_x + 8.0)) y=(num(baseline)) font-size="20" fill=(MUTED) font-style="italic" { "ej publicerat" }
                    }
                }
            }
        }
    }

    /// The source line, on a grey band across the bottom.
    fn footer(&self) -> Markup {
        let (footer_size, footer_lines) = fit_lines(
            &self.footer,
            &[22.0, 19.0, 17.0],
            2,
            WIDTH - 2.0 * LEFT,
            false,
        );
        let footer_top = 601.0 - (footer_lines.len() as f64 - 1.0) * footer_size * 0.6;
        html! {
            rect x="16" y="556" width="1184" height="74" fill="#f1f4f7" {}
            @for (k, line) in footer_lines.iter().enumerate() {
                text x=(num(LEFT)) y=(num(footer_top + k as f64 * footer_size * 1.2)) font-size=(num(footer_size)) fill=(MUTED) { (line) }
            }
        }
    }

    pub fn png(&self) -> Result<Vec<u8>, RasterError> {
        raster::png(&self.svg(), WIDTH as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::profile::profile;
    use crate::views::testdata::bundled;

    fn card(code: &str) -> Card {
        let data = bundled();
        municipality(data, &profile(data, code.parse().unwrap()).unwrap())
    }

    fn six_municipalities() -> crate::views::pages::compare::PageRequest {
        crate::views::pages::compare::PageRequest {
            choices: ["0488", "1904", "0114", "1881", "0115", "0486"]
                .iter()
                .map(|c| crate::domain::answer::compare::Choice::of(c.parse().unwrap()))
                .collect(),
            add: None,
            tidy: false,
        }
    }
    #[test]
    fn kumla_shows_its_total_change_and_areas() {
        let c = card("1881");
        assert_eq!(c.title, "Kumla");
        assert_eq!(c.figure, Some(("557".into(), "av 800 poäng".into())));
        assert_eq!(c.lines[0], "Utvärderingen november 2020");
        // The page's change card says the same: the source's statement.
        assert_eq!(c.lines[1], "+137 poäng jämfört med 2017 enligt kumla.se");
        assert_eq!(
            card("0115").lines[1],
            "+45 poäng sedan 2019 (olika kriterier)"
        );
        assert_eq!(c.bars.len(), 8);
        assert!(c.footer.contains("CC BY 4.0"));
    }

    #[test]
    fn a_comparison_across_criteria_says_so_and_one_within_them_does_not() {
        let data = bundled();
        let card_of = |codes: &[&str]| {
            let choices: Vec<_> = codes
                .iter()
                .map(|c| crate::domain::answer::compare::Choice::of(c.parse().unwrap()))
                .collect();
            let answer = crate::domain::answer::compare::compare(data, &choices);
            compare(&crate::views::pages::compare::result(data, &answer), &[])
        };
        let mixed = card_of(&["1881", "0486"]);
        assert_eq!(
            mixed.lines[1..],
            [
                "Obs! Olika versioner av kriterierna:",
                "poängen är inte helt jämförbara"
            ]
        );
        assert!(mixed.svg().contains("inte helt jämförbara"));
        assert!(raster::texts_outside(&mixed.svg()).unwrap().is_empty());
        assert_eq!(card_of(&["1881", "0115"]).lines.len(), 1);
    }

    #[test]
    fn a_municipality_never_evaluated_says_so_without_a_chart() {
        let c = card("0117");
        assert!(c.figure.is_none() && c.bars.is_empty());
        assert!(c.lines[0].starts_with("Ej utvärderad"));
    }

    #[test]
    fn every_card_keeps_its_text_inside_the_image() {
        let data = bundled();
        for m in &data.municipalities {
            let svg = municipality(data, &profile(data, m.code).unwrap()).svg();
            let outside = raster::texts_outside(&svg).unwrap();
            assert!(outside.is_empty(), "{}: {outside:?}", m.name);
        }
        for theme in &data.catalogue.themes {
            let request = crate::domain::answer::ranking::RankingRequest::of(
                crate::domain::analysis::Metric::Theme(theme.number),
            );
            let answer = crate::domain::answer::ranking::rank(data, &request);
            let page = crate::views::pages::ranking::model(data, &answer);
            let outside = raster::texts_outside(&ranking(&page).svg()).unwrap();
            assert!(outside.is_empty(), "{}: {outside:?}", theme.name);
        }
        let six = six_municipalities();
        let answer = crate::domain::answer::compare::compare(data, &six.choices);
        let card = compare(&crate::views::pages::compare::result(data, &answer), &[]);
        assert!(
            raster::texts_outside(&card.svg()).unwrap().is_empty(),
            "{:?}",
            card.title
        );
    }

    #[test]
    fn the_card_of_what_kompass_lacks_counts_it_and_stays_inside_the_image() {
        let data = bundled();
        let answer = crate::domain::answer::missing::missing(data);
        let page = crate::views::pages::missing::model(data, &answer);
        let card = missing(&page);
        assert_eq!(
            card.figure.as_ref().map(|f| f.0.clone()),
            Some(page.without_figures.to_string())
        );
        assert_eq!(card.bars.len(), 3);
        assert!(raster::texts_outside(&card.svg()).unwrap().is_empty());
    }
}
