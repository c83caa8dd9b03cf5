//! SVG building blocks shared by the charts: the accessible frame (role, title,
//! description), marker shapes and fill patterns. Colours and fonts are SVG
//! attributes, not page CSS, so a downloaded chart looks the same on its own.

use maud::{Markup, html};

use super::geometry::num;

pub const FONT: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/// Text: contrast above 12:1 on white.
pub const INK: &str = "#1f2933";
/// Secondary text: about 7:1 on white.
pub const MUTED: &str = "#4a5562";
pub const GRID: &str = "#d5dbe1";
pub const PRIMARY: &str = "#1c4e80";
pub const BENCHMARK: &str = "#9a4a00";

/// The outer element of every chart.
pub struct Frame<'a> {
    /// Unique on the page: element ids inside the chart start with it.
    pub id: &'a str,
    pub width: f64,
    pub height: f64,
    pub title: &'a str,
    pub desc: &'a str,
}

/// A chart drawn: its size, accessible name and the markup inside the frame.
/// Shown on a page with `inline`, or as a file with its context by
/// `document::file`.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub body: Markup,
}

impl Drawn {
    /// The chart inside a page: compact, its title given by the page.
    pub fn inline(&self) -> Markup {
        frame(
            &Frame {
                id: &self.id,
                width: self.width,
                height: self.height,
                title: &self.title,
                desc: &self.desc,
            },
            self.body.clone(),
        )
    }
}

/// Charts drawn one below the other (`Direction::Down`) or side by side
/// (`Direction::Across`), `gap` apart, as one chart with this id, title
/// and description. Each part keeps its own ids (give them different ones).
pub fn join(direction: Direction, gap: f64, parts: &[Drawn], outer: (&str, &str, &str)) -> Drawn {
    let mut offset = 0.0;
    let mut placed = Vec::new();
    for part in parts {
        placed.push((offset, part));
        offset += match direction {
            Direction::Down => part.height,
            Direction::Across => part.width,
        } + gap;
    }
    let along = (offset - gap).max(0.0);
    let across = parts
        .iter()
        .map(|p| match direction {
            Direction::Down => p.width,
            Direction::Across => p.height,
        })
        .fold(0.0, f64::max);
    let (width, height) = match direction {
        Direction::Down => (across, along),
        Direction::Across => (along, across),
    };
    let body = html! {
        @for (at, part) in &placed {
            @let (x, y) = match direction { Direction::Down => (0.0, *at), Direction::Across => (*at, 0.0) };
            g transform=(format!("translate({} {})", num(x), num(y))) { (part.body) }
        }
    };
    let (id, title, desc) = outer;
    Drawn {
        id: id.to_string(),
        title: title.to_string(),
        desc: desc.to_string(),
        width,
        height,
        body,
    }
}

/// How `join` places its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Down,
    Across,
}

pub fn frame(f: &Frame<'_>, body: Markup) -> Markup {
    let title_id = format!("{}-titel", f.id);
    let desc_id = format!("{}-beskrivning", f.id);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" id=(f.id)
            viewBox=(format!("0 0 {} {}", num(f.width), num(f.height)))
            width=(num(f.width)) height=(num(f.height))
            role="img" aria-labelledby=(format!("{title_id} {desc_id}"))
            font-family=(FONT) font-size="13" fill=(INK) {
            title id=(title_id) { (f.title) }
            desc id=(desc_id) { (f.desc) }
            rect x="0" y="0" width=(num(f.width)) height=(num(f.height)) fill="#ffffff" {}
            (body)
        }
    }
}

/// How a series' points are drawn, so series differ by shape, not colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Diamond,
    Triangle,
    Square,
}

/// A marker centred on (x, y) with "radius" `r`.
pub fn marker(shape: Shape, x: f64, y: f64, r: f64, fill: &str, stroke: &str) -> Markup {
    match shape {
        Shape::Circle => html! {
            circle cx=(num(x)) cy=(num(y)) r=(num(r)) fill=(fill) stroke=(stroke) stroke-width="1.5" {}
        },
        Shape::Square => html! {
            rect x=(num(x - r)) y=(num(y - r)) width=(num(2.0 * r)) height=(num(2.0 * r))
                fill=(fill) stroke=(stroke) stroke-width="1.5" {}
        },
        Shape::Diamond => {
            let d = format!(
                "M{} {} L{} {} L{} {} L{} {} Z",
                num(x),
                num(y - r * 1.25),
                num(x + r),
                num(y),
                num(x),
                num(y + r * 1.25),
                num(x - r),
                num(y)
            );
            html! { path d=(d) fill=(fill) stroke=(stroke) stroke-width="1.5" {} }
        }
        Shape::Triangle => {
            let d = format!(
                "M{} {} L{} {} L{} {} Z",
                num(x),
                num(y - r * 1.2),
                num(x + r * 1.1),
                num(y + r * 0.8),
                num(x - r * 1.1),
                num(y + r * 0.8)
            );
            html! { path d=(d) fill=(fill) stroke=(stroke) stroke-width="1.5" {} }
        }
    }
}

/// How many distinct fills `pattern_defs` provides.
pub const PATTERNS: usize = 6;

/// Fill patterns for up to six series: solid, stripes, light, dots, grid,
/// horizontal lines, all in the same blue so only the texture differs.
pub fn pattern_defs(prefix: &str) -> Markup {
    let id = |i: usize| format!("{prefix}-m{i}");
    html! {
        defs {
            pattern id=(id(1)) width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                rect width="6" height="6" fill="#ffffff" {}
                rect width="3" height="6" fill=(PRIMARY) {}
            }
            pattern id=(id(3)) width="6" height="6" patternUnits="userSpaceOnUse" {
                rect width="6" height="6" fill="#ffffff" {}
                circle cx="3" cy="3" r="1.8" fill=(PRIMARY) {}
            }
            pattern id=(id(4)) width="6" height="6" patternUnits="userSpaceOnUse" {
                rect width="6" height="6" fill="#ffffff" {}
                path d="M0 0 L6 0 M0 0 L0 6" stroke=(PRIMARY) stroke-width="2" {}
            }
            pattern id=(id(5)) width="6" height="5" patternUnits="userSpaceOnUse" {
                rect width="6" height="5" fill="#ffffff" {}
                rect width="6" height="2" fill=(PRIMARY) {}
            }
        }
    }
}

/// The fill of series `i` (see `pattern_defs`).
pub fn pattern_fill(prefix: &str, i: usize) -> String {
    match i % PATTERNS {
        0 => PRIMARY.to_string(),
        2 => "#a9c4de".to_string(),
        n => format!("url(#{prefix}-m{n})"),
    }
}

/// A filled bar with a dark outline, so patterned fills keep an edge.
/// Vertical grid lines at each tick `(value, x)`, from `top` to `bottom`.
pub fn grid(ticks: &[(f64, f64)], top: f64, bottom: f64) -> Markup {
    html! {
        @for (_, x) in ticks {
            line x1=(num(*x)) x2=(num(*x)) y1=(num(top)) y2=(num(bottom)) stroke=(GRID) stroke-width="1" {}
        }
    }
}

/// The value axis under horizontal bars: a line from `x0` to `x1` at `y`,
/// each tick's value `label_gap` below it.
pub fn value_axis(ticks: &[(f64, f64)], x0: f64, x1: f64, y: f64, label_gap: f64) -> Markup {
    html! {
        line x1=(num(x0)) x2=(num(x1)) y1=(num(y)) y2=(num(y)) stroke=(MUTED) stroke-width="1" {}
        @for (t, x) in ticks {
            text x=(num(*x)) y=(num(y + label_gap)) text-anchor="middle" font-size="11" fill=(MUTED) { (num(*t)) }
        }
    }
}

pub fn bar(x: f64, y: f64, w: f64, h: f64, fill: &str) -> Markup {
    html! {
        rect x=(num(x)) y=(num(y)) width=(num(w.max(0.0))) height=(num(h))
            fill=(fill) stroke=(PRIMARY) stroke-width="1" {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_is_an_accessible_image_with_title_and_description() {
        let svg = frame(
            &Frame {
                id: "c1",
                width: 100.0,
                height: 50.0,
                title: "Poäng <2020>",
                desc: "Beskrivning",
            },
            html! {},
        )
        .into_string();
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="c1-titel c1-beskrivning""#));
        assert!(svg.contains(r#"<title id="c1-titel">Poäng &lt;2020&gt;</title>"#));
        assert!(svg.contains(r#"viewBox="0 0 100 50""#));
    }

    #[test]
    fn joined_charts_are_placed_one_after_the_other() {
        let part = |id: &str, w: f64, h: f64| Drawn {
            id: id.into(),
            title: String::new(),
            desc: String::new(),
            width: w,
            height: h,
            body: html! { rect width=(num(w)) height=(num(h)) {} },
        };
        let down = join(
            Direction::Down,
            10.0,
            &[part("a", 100.0, 50.0), part("b", 80.0, 40.0)],
            ("c", "t", "d"),
        );
        assert_eq!((down.width, down.height), (100.0, 100.0));
        assert!(down.body.clone().into_string().contains("translate(0 60)"));
        let across = join(
            Direction::Across,
            20.0,
            &[part("a", 100.0, 50.0), part("b", 80.0, 40.0)],
            ("c", "t", "d"),
        );
        assert_eq!((across.width, across.height), (200.0, 50.0));
        assert!(across.body.into_string().contains("translate(120 0)"));
    }

    #[test]
    fn every_series_gets_its_own_fill() {
        let fills: std::collections::BTreeSet<String> =
            (0..PATTERNS).map(|i| pattern_fill("p", i)).collect();
        assert_eq!(fills.len(), PATTERNS);
        let defs = pattern_defs("p").into_string();
        for i in 0..PATTERNS {
            let fill = pattern_fill("p", i);
            if let Some(id) = fill.strip_prefix("url(#").and_then(|s| s.strip_suffix(')')) {
                assert!(defs.contains(&format!(r#"id="{id}""#)), "{id}");
            }
        }
    }
}
