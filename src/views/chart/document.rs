//! A chart as a file that carries its own context: a visible title, the
//! chart, the source, the licence and the data version, all inside the
//! image, so it still says what it is when republished on its own.
//! Presentation attributes only (no `<style>`, no `@font-face`): the text is
//! set in the bundled font, which the PNG rasteriser also uses.

use maud::{Markup, html};

use super::fonts::{FILE_FONT, text_width, wrap};
use super::geometry::num;
use super::svg::{Drawn, GRID, INK, MUTED};

/// What a chart needs around it to be understood on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// "Kumla: poäng per område 2020".
    pub title: String,
    /// What the figures are: "Kommunkompassen, kriterierna från 2019/2020 ...".
    pub subtitle: Option<String>,
    /// "Källa: SKR:s utvärdering Kommunkompassen 2020 (kumla.se) via kompass".
    pub source: String,
    /// "Licens CC BY 4.0 · data t.o.m. november 2020, version 2020-11.3f2a1c".
    pub licence: String,
    /// A caveat the figures need, first under the chart (in the text's
    /// colour): e.g. that compared evaluations used different criteria.
    pub note: Option<String>,
}

const PAD: f64 = 16.0;
const TITLE_SIZE: f64 = 17.0;
const TITLE_LINE: f64 = 22.0;
const SUBTITLE_SIZE: f64 = 12.0;
const SUBTITLE_LINE: f64 = 16.0;
const FOOT_SIZE: f64 = 10.5;
const FOOT_LINE: f64 = 14.0;

/// A line of text placed in the file: baseline, size, bold, colour, text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f64,
    pub size: f64,
    pub bold: bool,
    pub fill: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileLayout {
    pub width: f64,
    pub height: f64,
    /// Where the chart's own drawing starts.
    pub chart_y: f64,
    /// The rule between the chart and the footer.
    pub rule_y: f64,
    pub lines: Vec<Line>,
}

/// Places the title above and the source and licence below the chart, each
/// wrapped to the chart's width with the bundled font's real glyph widths.
pub fn layout(chart_width: f64, chart_height: f64, ctx: &Context) -> FileLayout {
    let width = chart_width + 2.0 * PAD;
    let text_width = chart_width;
    let mut lines = Vec::new();
    let mut y = PAD;
    let mut block = |y: &mut f64, text: &str, size: f64, step: f64, bold: bool, fill| {
        for line in wrap(text, size, bold, text_width) {
            *y += step;
            lines.push(Line {
                y: *y - (step - size) / 2.0,
                size,
                bold,
                fill,
                text: line,
            });
        }
    };
    block(&mut y, &ctx.title, TITLE_SIZE, TITLE_LINE, true, INK);
    if let Some(sub) = &ctx.subtitle {
        block(&mut y, sub, SUBTITLE_SIZE, SUBTITLE_LINE, false, MUTED);
    }
    let chart_y = y + 10.0;
    let rule_y = chart_y + chart_height + 6.0;
    y = rule_y + 4.0;
    if let Some(note) = &ctx.note {
        block(&mut y, note, FOOT_SIZE, FOOT_LINE, false, INK);
    }
    block(&mut y, &ctx.source, FOOT_SIZE, FOOT_LINE, false, MUTED);
    block(&mut y, &ctx.licence, FOOT_SIZE, FOOT_LINE, false, MUTED);
    FileLayout {
        width,
        height: y + PAD - 4.0,
        chart_y,
        rule_y,
        lines,
    }
}

/// The chart with its context, as the markup of a standalone SVG.
pub fn markup(drawn: &Drawn, ctx: &Context) -> Markup {
    let g = layout(drawn.width, drawn.height, ctx);
    let title_id = format!("{}-titel", drawn.id);
    let desc_id = format!("{}-beskrivning", drawn.id);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" id=(drawn.id)
            viewBox=(format!("0 0 {} {}", num(g.width), num(g.height)))
            width=(num(g.width)) height=(num(g.height))
            role="img" aria-labelledby=(format!("{title_id} {desc_id}"))
            font-family=(FILE_FONT) font-size="13" fill=(INK) {
            title id=(title_id) { (ctx.title) }
            desc id=(desc_id) { (drawn.desc) " " (ctx.source) ". " (ctx.licence) "." }
            rect x="0" y="0" width=(num(g.width)) height=(num(g.height)) fill="#ffffff" {}
            @for l in &g.lines {
                @if l.bold {
                    text x=(num(PAD)) y=(num(l.y)) font-size=(num(l.size)) font-weight="bold" fill=(l.fill) { (l.text) }
                } @else {
                    text x=(num(PAD)) y=(num(l.y)) font-size=(num(l.size)) fill=(l.fill) { (l.text) }
                }
            }
            g transform=(format!("translate({} {})", num(PAD), num(g.chart_y))) { (drawn.body) }
            line x1=(num(PAD)) x2=(num(g.width - PAD)) y1=(num(g.rule_y)) y2=(num(g.rule_y)) stroke=(GRID) stroke-width="1" {}
        }
    }
}

/// The file's text: an XML declaration before the markup.
pub fn file(drawn: &Drawn, ctx: &Context) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        markup(drawn, ctx).into_string()
    )
}

/// Whether a line of the layout fits the file's width (for tests and
/// callers that build their own text).
pub fn fits(g: &FileLayout, l: &Line) -> bool {
    PAD + text_width(&l.text, l.size, l.bold) <= g.width - PAD + 0.5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(title: &str) -> Context {
        Context {
            title: title.into(),
            subtitle: Some("Kommunkompassen, 0–100 poäng per område".into()),
            source: "Källa: SKR:s utvärdering Kommunkompassen 2020 (kumla.se) via kompass".into(),
            licence: "Licens CC BY 4.0 · data t.o.m. november 2020, version 2020-11.3f2a1c".into(),
            note: None,
        }
    }

    fn drawn() -> Drawn {
        Drawn {
            id: "c".into(),
            title: "t".into(),
            desc: "Beskrivning.".into(),
            width: 400.0,
            height: 200.0,
            body: html! { rect width="400" height="200" fill="#eeeeee" {} },
        }
    }

    #[test]
    fn title_above_source_and_licence_below_the_chart() {
        let g = layout(400.0, 200.0, &ctx("Kumla: poäng per område 2020"));
        assert_eq!(g.width, 432.0);
        let title = &g.lines[0];
        assert!(title.bold && title.y < g.chart_y);
        let below: Vec<&Line> = g.lines.iter().filter(|l| l.y > g.rule_y).collect();
        assert!(below.iter().any(|l| l.text.starts_with("Källa:")));
        assert!(below.iter().any(|l| l.text.contains("CC BY 4.0")));
        assert!(g.lines.iter().all(|l| fits(&g, l)), "{:?}", g.lines);
        assert!(g.lines.last().unwrap().y < g.height);
        assert!(g.rule_y > g.chart_y + 200.0);
    }

    #[test]
    fn a_note_comes_first_under_the_chart_and_makes_room() {
        let plain = layout(400.0, 200.0, &ctx("Kumla och Strängnäs"));
        let mut with = ctx("Kumla och Strängnäs");
        with.note =
            Some("Obs! Olika versioner av kriterierna: poängen är inte helt jämförbara.".into());
        let g = layout(400.0, 200.0, &with);
        let below: Vec<&Line> = g.lines.iter().filter(|l| l.y > g.rule_y).collect();
        assert!(below[0].text.starts_with("Obs!"), "{below:?}");
        assert_eq!(below[0].fill, INK);
        assert!(g.lines.iter().all(|l| fits(&g, l)), "{:?}", g.lines);
        assert!(g.height > plain.height);
    }

    #[test]
    fn a_long_title_wraps_and_pushes_the_chart_down() {
        let short = layout(400.0, 200.0, &ctx("Kumla"));
        let long = layout(
            400.0,
            200.0,
            &ctx(
                "Upplands Väsby, Vallentuna, Strängnäs, Kumla och Skinnskatteberg: poäng per område",
            ),
        );
        assert!(long.chart_y > short.chart_y);
        assert!(long.lines.iter().filter(|l| l.bold).count() > 1);
    }

    #[test]
    fn the_file_is_svg_with_presentation_attributes_only() {
        let svg = file(&drawn(), &ctx("Kumla <2020>"));
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"));
        assert!(svg.contains(">Kumla &lt;2020&gt;</text>"));
        assert!(svg.contains("<title id=\"c-titel\">Kumla &lt;2020&gt;</title>"));
        for banned in ["<style", "@font-face", "style=", "<script", "class="] {
            assert!(!svg.contains(banned), "{banned}");
        }
        assert!(svg.contains("translate(16 "));
    }
}
