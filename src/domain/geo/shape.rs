//! A municipality's outline rounded for the web: each point to a thousandth
//! of a degree (about 110 m north-south, 55 m east-west in Sweden), repeated
//! points dropped. Neighbours share their border's points, and a point
//! rounds the same way in both, so the rounded outlines still meet. Points
//! are whole thousandths, so a shape is exact, compares equal and is stored
//! as text without loss.

use std::fmt;

use super::project;

/// A longitude and latitude in degrees, as GeoJSON writes them.
pub type Lonlat = [f64; 2];

/// How many units a degree has in a `Point`.
const PER_DEGREE: f64 = 1000.0;

/// A point of a rounded outline, in thousandths of a degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Point {
    pub lon: i32,
    pub lat: i32,
}

impl Point {
    /// The point a longitude and latitude round to; none when they are not
    /// a place on Earth.
    pub fn rounded([lon, lat]: Lonlat) -> Option<Point> {
        if !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0) {
            return None;
        }
        // In range by the check above: at most 180 000 thousandths.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to be within ±180°"
        )]
        let round = |v: f64| (v * PER_DEGREE).round() as i32;
        Some(Point {
            lon: round(lon),
            lat: round(lat),
        })
    }

    /// The longitude in degrees.
    pub fn lon(self) -> f64 {
        f64::from(self.lon) / PER_DEGREE
    }

    /// The latitude in degrees.
    pub fn lat(self) -> f64 {
        f64::from(self.lat) / PER_DEGREE
    }

    /// Kilometres east of 15° E and north of the equator (`geo::project`).
    pub fn projected(self) -> (f64, f64) {
        project(self.lon(), self.lat())
    }
}

/// A closed ring: its last point is its first; at least three others.
pub type Ring = Vec<Point>;

/// One or more polygons, each an outer ring and any holes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    polygons: Vec<Vec<Ring>>,
}

/// A stored shape that cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a stored shape: {0}")]
pub struct BadShape(pub String);

impl Shape {
    /// The outline rounded: each point to a thousandth of a degree, a point
    /// the same as the one before dropped, each ring closed, and a ring left
    /// with fewer than three corners dropped (with its polygon, when it was
    /// the outer one). Points that are no place on Earth are dropped.
    pub fn rounded(polygons: &[Vec<Vec<Lonlat>>]) -> Shape {
        let polygons = polygons
            .iter()
            .filter_map(|rings| {
                let mut rings = rings.iter().map(|r| rounded_ring(r));
                let outer = rings.next().flatten()?;
                Some(std::iter::once(outer).chain(rings.flatten()).collect())
            })
            .collect();
        Shape { polygons }
    }

    /// The polygons, each its outer ring first.
    pub fn polygons(&self) -> &[Vec<Ring>] {
        &self.polygons
    }

    pub fn is_empty(&self) -> bool {
        self.polygons.is_empty()
    }

    /// Every ring, outer and holes.
    pub fn rings(&self) -> impl Iterator<Item = &Ring> {
        self.polygons.iter().flatten()
    }

    /// How many points the shape is drawn with.
    pub fn point_count(&self) -> usize {
        self.rings().map(Vec::len).sum()
    }

    /// The smallest and largest longitude and latitude, in thousandths of a
    /// degree (`[min, max]`); none for an empty shape.
    pub fn bounds(&self) -> Option<[Point; 2]> {
        let mut points = self.rings().flatten();
        let first = *points.next()?;
        Some(points.fold([first, first], |[lo, hi], p| {
            [
                Point {
                    lon: lo.lon.min(p.lon),
                    lat: lo.lat.min(p.lat),
                },
                Point {
                    lon: hi.lon.max(p.lon),
                    lat: hi.lat.max(p.lat),
                },
            ]
        }))
    }

    /// The shape as stored: GeoJSON's nesting of coordinates, in whole
    /// thousandths of a degree (`[[[[17928,59499],...]]]`).
    pub fn encode(&self) -> String {
        let nested: Vec<Vec<Vec<[i32; 2]>>> = self
            .polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|r| r.iter().map(|p| [p.lon, p.lat]).collect())
                    .collect()
            })
            .collect();
        serde_json::to_string(&nested).unwrap_or_default()
    }

    /// Reads what `encode` wrote; every ring must be closed, with at least
    /// three corners.
    pub fn decode(text: &str) -> Result<Shape, BadShape> {
        let nested: Vec<Vec<Vec<[i32; 2]>>> =
            serde_json::from_str(text).map_err(|e| BadShape(e.to_string()))?;
        let polygons: Vec<Vec<Ring>> = nested
            .into_iter()
            .map(|rings| {
                rings
                    .into_iter()
                    .map(|r| r.into_iter().map(|[lon, lat]| Point { lon, lat }).collect())
                    .collect()
            })
            .collect();
        let closed = |r: &Ring| r.len() >= 4 && r.first() == r.last();
        if polygons
            .iter()
            .any(|p| p.is_empty() || !p.iter().all(closed))
        {
            return Err(BadShape(
                "a ring is open or has fewer than three corners".into(),
            ));
        }
        Ok(Shape { polygons })
    }
}

/// A ring rounded, closed, without repeated points; none when fewer than
/// three corners are left.
fn rounded_ring(ring: &[Lonlat]) -> Option<Ring> {
    let mut out: Ring = Vec::with_capacity(ring.len());
    for p in ring.iter().filter_map(|p| Point::rounded(*p)) {
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    if out.len() < 3 {
        return None;
    }
    out.push(out[0]);
    Some(out)
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} {:.3}", self.lon(), self.lat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lon: i32, lat: i32) -> Point {
        Point { lon, lat }
    }

    #[test]
    fn points_round_to_thousandths_of_a_degree() {
        assert_eq!(Point::rounded([17.92794, 59.4992]), Some(p(17928, 59499)));
        assert_eq!(Point::rounded([-0.0004, 0.0005]), Some(p(0, 1)));
        assert_eq!(Point::rounded([181.0, 59.0]), None);
        assert_eq!(Point::rounded([f64::NAN, 59.0]), None);
        assert_eq!(p(17928, 59499).lat(), 59.499);
    }

    #[test]
    fn rounding_drops_repeated_points_and_rings_without_three_corners() {
        let square = vec![
            [15.0, 59.0],
            [15.0001, 59.0001],
            [15.1, 59.0],
            [15.1, 59.1],
            [15.0, 59.1],
            [15.0, 59.0],
        ];
        let sliver = vec![[16.0, 60.0], [16.0002, 60.0], [16.0, 60.0003], [16.0, 60.0]];
        let shape = Shape::rounded(&[vec![square, sliver.clone()], vec![sliver]]);
        assert_eq!(shape.polygons().len(), 1, "the sliver polygon is gone");
        assert_eq!(
            shape.polygons()[0],
            vec![vec![
                p(15000, 59000),
                p(15100, 59000),
                p(15100, 59100),
                p(15000, 59100),
                p(15000, 59000),
            ]],
            "the repeated corner and the sliver hole are gone"
        );
        assert_eq!(shape.point_count(), 5);
        assert_eq!(shape.bounds(), Some([p(15000, 59000), p(15100, 59100)]));
    }

    #[test]
    fn an_open_ring_is_closed() {
        let shape = Shape::rounded(&[vec![vec![[15.0, 59.0], [15.1, 59.0], [15.1, 59.1]]]]);
        let ring = &shape.polygons()[0][0];
        assert_eq!(ring.len(), 4);
        assert_eq!(ring.first(), ring.last());
    }

    #[test]
    fn a_shape_is_stored_as_text_and_read_back_the_same() {
        let shape = Shape::rounded(&[
            vec![vec![[15.0, 59.0], [15.1, 59.0], [15.1, 59.1], [15.0, 59.0]]],
            vec![vec![[11.0, 58.0], [11.2, 58.0], [11.2, 58.3], [11.0, 58.0]]],
        ]);
        let text = shape.encode();
        assert!(text.starts_with("[[[[15000,59000],[15100,59000]"), "{text}");
        assert_eq!(Shape::decode(&text), Ok(shape));
        assert!(
            Shape::decode("[[[[1,2],[3,4]]]]").is_err(),
            "too few corners"
        );
        assert!(
            Shape::decode("[[[[1,2],[3,4],[5,6],[7,8]]]]").is_err(),
            "not closed"
        );
        assert!(Shape::decode("nonsense").is_err());
        assert_eq!(Shape::decode("[]"), Ok(Shape::default()));
    }
}
