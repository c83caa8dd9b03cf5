//! Which municipalities border which, and how long their border is, from
//! their outlines: the stretch of one boundary that runs within a small
//! tolerance of the other's. Boundaries drawn by different hands do not meet
//! exactly (in the bundled map data Örebro's and Lekeberg's lie some 15 m
//! apart for a few kilometres), so "touching" is "within `TOLERANCE_KM`"; and
//! two municipalities that meet only at a corner share no border, so a
//! border is at least `MIN_BORDER_KM` long.

use super::project;
use super::shape::Lonlat;
use crate::domain::MunicipalityCode;

/// How close two boundaries must run to count as one border.
pub const TOLERANCE_KM: f64 = 0.1;

/// The shortest stretch counted as a border: longer than the stretches a
/// corner gives within the tolerance (two tolerances along each boundary
/// where two squares meet at a corner).
pub const MIN_BORDER_KM: f64 = 0.5;

/// Two municipalities that border each other (`a` < `b`), and the length of
/// their border in metres.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Border {
    pub a: MunicipalityCode,
    pub b: MunicipalityCode,
    pub metres: u32,
}

/// Every border between the outlines (each municipality's rings, outer and
/// holes, in longitude and latitude), in the order of the outlines given.
/// A border's length is the mean of the two boundaries' stretches within
/// the tolerance of each other.
pub fn borders(outlines: &[(MunicipalityCode, Vec<Vec<Lonlat>>)]) -> Vec<Border> {
    let projected: Vec<(MunicipalityCode, Outline)> = outlines
        .iter()
        .map(|(code, rings)| (*code, Outline::of(rings)))
        .collect();
    let mut out = Vec::new();
    for (i, (a, outline_a)) in projected.iter().enumerate() {
        for (b, outline_b) in &projected[i + 1..] {
            if a == b || !outline_a.bounds.near(&outline_b.bounds, TOLERANCE_KM) {
                continue;
            }
            let km = f64::midpoint(
                outline_a.length_near(outline_b),
                outline_b.length_near(outline_a),
            );
            if km >= MIN_BORDER_KM {
                let (a, b) = if a < b { (*a, *b) } else { (*b, *a) };
                out.push(Border {
                    a,
                    b,
                    metres: metres(km),
                });
            }
        }
    }
    out
}

/// Kilometres as whole metres.
fn metres(km: f64) -> u32 {
    // A border is shorter than the Earth's circumference.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a positive length below 40 000 km"
    )]
    let m = (km * 1000.0).round() as u32;
    m
}

type Xy = (f64, f64);

#[derive(Debug, Clone, Copy)]
struct Bounds {
    min: Xy,
    max: Xy,
}

impl Bounds {
    fn of(points: impl IntoIterator<Item = Xy>) -> Bounds {
        points.into_iter().fold(
            Bounds {
                min: (f64::INFINITY, f64::INFINITY),
                max: (f64::NEG_INFINITY, f64::NEG_INFINITY),
            },
            |b, (x, y)| Bounds {
                min: (b.min.0.min(x), b.min.1.min(y)),
                max: (b.max.0.max(x), b.max.1.max(y)),
            },
        )
    }

    /// Whether the two boxes are within `d` of each other.
    fn near(&self, other: &Bounds, d: f64) -> bool {
        self.min.0 <= other.max.0 + d
            && other.min.0 <= self.max.0 + d
            && self.min.1 <= other.max.1 + d
            && other.min.1 <= self.max.1 + d
    }
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    from: Xy,
    to: Xy,
    bounds: Bounds,
}

impl Segment {
    fn length(&self) -> f64 {
        (self.to.0 - self.from.0).hypot(self.to.1 - self.from.1)
    }
}

/// A boundary projected to kilometres, as segments.
struct Outline {
    segments: Vec<Segment>,
    bounds: Bounds,
}

impl Outline {
    fn of(rings: &[Vec<Lonlat>]) -> Outline {
        let mut segments = Vec::new();
        for ring in rings {
            let points: Vec<Xy> = ring.iter().map(|[lon, lat]| project(*lon, *lat)).collect();
            segments.extend(points.windows(2).map(|w| Segment {
                from: w[0],
                to: w[1],
                bounds: Bounds::of([w[0], w[1]]),
            }));
        }
        let bounds = Bounds::of(segments.iter().flat_map(|s| [s.from, s.to]));
        Outline { segments, bounds }
    }

    /// How many kilometres of this boundary lie within the tolerance of
    /// `other`'s.
    fn length_near(&self, other: &Outline) -> f64 {
        let mut total = 0.0;
        let mut spans = Vec::new();
        for s in &self.segments {
            if !s.bounds.near(&other.bounds, TOLERANCE_KM) {
                continue;
            }
            spans.clear();
            spans.extend(
                other
                    .segments
                    .iter()
                    .filter(|o| s.bounds.near(&o.bounds, TOLERANCE_KM))
                    .filter_map(|o| span_near(s.from, s.to, o.from, o.to, TOLERANCE_KM)),
            );
            total += covered(&mut spans) * s.length();
        }
        total
    }
}

/// The share of [0, 1] the spans cover together.
fn covered(spans: &mut [(f64, f64)]) -> f64 {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut total = 0.0;
    let mut reach = 0.0_f64;
    for &(start, end) in spans.iter() {
        let start = start.max(reach);
        if end > start {
            total += end - start;
            reach = end;
        }
    }
    total
}

/// The part `[t0, t1]` of the segment p→q (p at 0, q at 1) that lies within
/// `d` of the segment u→v, if any. The points within `d` of a segment form
/// a convex region (a rectangle with two half-discs), so the part is one
/// interval: the hull of the segment's parts in the rectangle and in the
/// discs around u and v.
fn span_near(p: Xy, q: Xy, u: Xy, v: Xy, d: f64) -> Option<(f64, f64)> {
    let parts = [
        in_band(p, q, u, v, d),
        in_disc(p, q, u, d),
        in_disc(p, q, v, d),
    ];
    let (lo, hi) = parts
        .into_iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, b)| {
            (lo.min(a), hi.max(b))
        });
    let (lo, hi) = (lo.max(0.0), hi.min(1.0));
    (lo <= hi).then_some((lo, hi))
}

/// The part of p→q within the rectangle along u→v, `d` to either side.
fn in_band(p: Xy, q: Xy, u: Xy, v: Xy, d: f64) -> Option<(f64, f64)> {
    let length = (v.0 - u.0).hypot(v.1 - u.1);
    if length == 0.0 {
        return None;
    }
    // The segment in u→v's frame: `along` from u toward v, `across` to its left.
    let (ex, ey) = ((v.0 - u.0) / length, (v.1 - u.1) / length);
    let (rx, ry) = (p.0 - u.0, p.1 - u.1);
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let along = (rx * ex + ry * ey, dx * ex + dy * ey);
    let across = (ey.mul_add(-rx, ex * ry), ey.mul_add(-dx, ex * dy));
    let mut range = (0.0_f64, 1.0_f64);
    for (start, step, lo, hi) in [(along.0, along.1, 0.0, length), (across.0, across.1, -d, d)] {
        if step == 0.0 {
            if start < lo || start > hi {
                return None;
            }
            continue;
        }
        let (a, b) = ((lo - start) / step, (hi - start) / step);
        range = (range.0.max(a.min(b)), range.1.min(a.max(b)));
    }
    (range.0 <= range.1).then_some(range)
}

/// The part of p→q within `d` of the point c.
fn in_disc(p: Xy, q: Xy, c: Xy, d: f64) -> Option<(f64, f64)> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (fx, fy) = (p.0 - c.0, p.1 - c.1);
    let a = dx * dx + dy * dy;
    let b = 2.0 * (fx * dx + fy * dy);
    let c = fx * fx + fy * fy - d * d;
    if a == 0.0 {
        return (c <= 0.0).then_some((0.0, 1.0));
    }
    let discriminant = b * b - 4.0 * a * c;
    if discriminant < 0.0 {
        return None;
    }
    let root = discriminant.sqrt();
    Some(((-b - root) / (2.0 * a), (-b + root) / (2.0 * a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> MunicipalityCode {
        c.parse().unwrap()
    }

    /// A rectangle of longitudes and latitudes, as one closed ring.
    fn rect(lon0: f64, lat0: f64, lon1: f64, lat1: f64) -> Vec<Vec<Lonlat>> {
        vec![vec![
            [lon0, lat0],
            [lon1, lat0],
            [lon1, lat1],
            [lon0, lat1],
            [lon0, lat0],
        ]]
    }

    /// Kilometres along the meridian for `degrees` of latitude.
    fn km_of_latitude(degrees: f64) -> f64 {
        super::super::EARTH_RADIUS_KM * degrees.to_radians()
    }

    #[test]
    fn two_squares_side_by_side_share_their_common_side() {
        let borders = borders(&[
            (code("1880"), rect(15.0, 59.0, 15.2, 59.2)),
            (code("1814"), rect(15.2, 59.1, 15.4, 59.3)),
        ]);
        assert_eq!(borders.len(), 1);
        let expected = km_of_latitude(0.1) * 1000.0;
        let m = f64::from(borders[0].metres);
        // The shared side, and the tolerance's reach round its two ends.
        assert!(
            m >= expected && m < expected + 250.0,
            "{m} against {expected}"
        );
        assert_eq!((borders[0].a, borders[0].b), (code("1814"), code("1880")));
    }

    #[test]
    fn boundaries_a_few_metres_apart_still_border() {
        // 0.0002° of longitude at 59° N is about 11 m: as Örebro and Lekeberg.
        let borders = borders(&[
            (code("1880"), rect(15.0, 59.0, 15.2, 59.2)),
            (code("1814"), rect(15.2002, 59.0, 15.4, 59.2)),
        ]);
        assert_eq!(borders.len(), 1);
        let m = f64::from(borders[0].metres);
        let side = km_of_latitude(0.2) * 1000.0;
        assert!((m - side).abs() < 250.0, "{m} against {side}");
    }

    #[test]
    fn a_corner_or_a_gap_is_no_border() {
        let corner = borders(&[
            (code("1880"), rect(15.0, 59.0, 15.2, 59.2)),
            (code("1814"), rect(15.2, 59.2, 15.4, 59.4)),
        ]);
        assert!(corner.is_empty(), "{corner:?}");
        // 0.01° of longitude: about 570 m apart.
        let gap = borders(&[
            (code("1880"), rect(15.0, 59.0, 15.2, 59.2)),
            (code("1814"), rect(15.21, 59.0, 15.4, 59.2)),
        ]);
        assert!(gap.is_empty(), "{gap:?}");
    }

    #[test]
    fn an_enclave_borders_the_municipality_around_it() {
        let mut outer = rect(15.0, 59.0, 16.0, 60.0);
        outer.extend(rect(15.4, 59.4, 15.6, 59.6));
        let borders = borders(&[
            (code("0180"), outer),
            (code("0181"), rect(15.4, 59.4, 15.6, 59.6)),
        ]);
        assert_eq!(borders.len(), 1);
        let perimeter = 2.0 * km_of_latitude(0.2)
            + 2.0 * (super::super::project(15.6, 59.5).0 - super::super::project(15.4, 59.5).0);
        let m = f64::from(borders[0].metres) / 1000.0;
        assert!((m - perimeter).abs() < 1.0, "{m} against {perimeter}");
    }

    #[test]
    fn a_segment_crossing_the_band_counts_only_where_it_is_near() {
        // A segment from (0,0) to (10,0) against one 0.05 above it from x
        // 4 to 6: near from where the disc round (4, 0.05) meets it.
        let near = span_near((0.0, 0.0), (10.0, 0.0), (4.0, 0.05), (6.0, 0.05), 0.1).unwrap();
        let reach = 0.0075_f64.sqrt();
        assert!((near.0 - (4.0 - reach) / 10.0).abs() < 1e-9, "{near:?}");
        assert!((near.1 - (6.0 + reach) / 10.0).abs() < 1e-9, "{near:?}");
        // Crossing at a right angle: only where it passes within 0.1.
        let crossing = span_near((5.0, -5.0), (5.0, 5.0), (0.0, 0.0), (10.0, 0.0), 0.1).unwrap();
        assert!((crossing.0 - 0.49).abs() < 1e-9 && (crossing.1 - 0.51).abs() < 1e-9);
        assert_eq!(
            span_near((0.0, 1.0), (10.0, 1.0), (0.0, 0.0), (10.0, 0.0), 0.1),
            None
        );
        let mut spans = vec![(0.5, 0.7), (0.0, 0.2), (0.1, 0.3), (0.6, 0.65)];
        assert!((covered(&mut spans) - 0.5).abs() < 1e-12);
    }
}
