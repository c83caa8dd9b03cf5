//! Municipal boundaries as kompass keeps them: each municipality's outline
//! rounded for the web (`shape`), and which municipalities border which, with
//! the length of the border (`border`), computed once when the map data is
//! imported. Pure geometry on values: no file, no drawing.

pub mod border;
pub mod shape;

pub use border::{Border, borders};
pub use shape::{BadShape, Lonlat, Point, Ring, Shape};

/// The Earth's mean radius in kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The meridian the projection is centred on: 15° E, SWEREF 99 TM's own.
const CENTRAL_MERIDIAN: f64 = 15.0;

/// A longitude and latitude in degrees projected to kilometres east of 15° E
/// and north of the equator, by the sinusoidal (equal-area) projection: true
/// to scale along every parallel and, near 15° E, along the meridians, so a
/// border's length and a municipality's area read in kilometres, and the map
/// of Sweden (11-24° E) is drawn without the width that plain degrees give
/// the north.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    let phi = lat.to_radians();
    (
        EARTH_RADIUS_KM * (lon - CENTRAL_MERIDIAN).to_radians() * phi.cos(),
        EARTH_RADIUS_KM * phi,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projection_keeps_kilometres_along_parallels_and_meridians() {
        // One degree of latitude is ~111.2 km; one of longitude at 60° N half that.
        let (x0, y0) = project(15.0, 60.0);
        let (_, y1) = project(15.0, 61.0);
        assert!((y1 - y0 - 111.19).abs() < 0.01, "{}", y1 - y0);
        let (x1, _) = project(16.0, 60.0);
        assert!((x1 - x0 - 55.60).abs() < 0.01, "{}", x1 - x0);
        assert!(x0.abs() < 1e-9, "15° E is the centre");
    }
}
