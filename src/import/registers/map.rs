//! The map data (`maps/kommuner.geojson`): each municipality's boundary as
//! a GeoJSON Feature (WGS 84 longitude and latitude) keyed by its code in
//! `properties.KnKod`, named in `properties.KnNamn` as the register names it.
//! Each feature is reported at its line.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use super::places::Register;
use crate::domain::MunicipalityCode;
use crate::domain::geo::Lonlat;
use crate::domain::place::Outline;
use crate::import::problem::{Field, ImportError, Problems, RegisterField, RegisterProblem};
use crate::import::text::Lines;

/// The property that holds a feature's municipality code.
pub const CODE_KEY: &str = "KnKod";
/// The property that holds its name.
pub const NAME_KEY: &str = "KnNamn";

fn key(path: &str) -> Field {
    Field::Registers(RegisterField::Key(path.to_string()))
}

/// Every feature's municipality and outline, in the file's order.
pub fn parse_map(
    path: &Path,
    text: &str,
    register: &Register,
) -> Result<Vec<(MunicipalityCode, Outline)>, ImportError> {
    let json: Value = serde_json::from_str(text).map_err(|e| {
        ImportError::one(
            path,
            u32::try_from(e.line()).ok().filter(|l| *l > 0),
            Field::File,
            RegisterProblem::Json(e.to_string()),
        )
    })?;
    let features = match (
        json.get("type").and_then(Value::as_str),
        json.get("features"),
    ) {
        (Some("FeatureCollection"), Some(Value::Array(features))) => features,
        _ => {
            return Err(ImportError::one(
                path,
                Some(1),
                key("type"),
                RegisterProblem::NotFeatureCollection,
            ));
        }
    };
    // Where each feature begins: its `"Feature"` type, in order.
    let lines = Lines::of(text);
    let mut starts = text
        .match_indices("\"Feature\"")
        .map(|(at, _)| lines.line(at));
    let mut problems = Problems::default();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for feature in features {
        let line = starts.next();
        if feature.get("type").and_then(Value::as_str) != Some("Feature") {
            problems.push(line, key("type"), RegisterProblem::NotFeatureCollection);
            continue;
        }
        let property = |name: &str| {
            feature
                .get("properties")
                .and_then(|p| p.get(name))
                .and_then(Value::as_str)
                .unwrap_or("")
        };
        let code = register.row(
            line,
            (property(CODE_KEY), key(&format!("properties.{CODE_KEY}"))),
            (property(NAME_KEY), key(&format!("properties.{NAME_KEY}"))),
            &mut seen,
            &mut problems,
        );
        let outline = problems.check(line, key("geometry"), outline(feature.get("geometry")));
        if let (Some(code), Some(outline)) = (code, outline) {
            out.push((code, outline));
        }
    }
    problems.into_result(path, out)
}

/// A Polygon's or MultiPolygon's polygons.
fn outline(geometry: Option<&Value>) -> Result<Outline, RegisterProblem> {
    let kind = geometry
        .and_then(|g| g.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let coordinates = geometry.and_then(|g| g.get("coordinates"));
    let polygons: Vec<&Value> = match (kind, coordinates) {
        ("Polygon", Some(c)) => vec![c],
        ("MultiPolygon", Some(Value::Array(list))) => list.iter().collect(),
        _ => return Err(RegisterProblem::GeometryType(kind.to_string())),
    };
    polygons
        .iter()
        .enumerate()
        .map(|(p, rings)| {
            let bad = |ring| RegisterProblem::BadRing {
                polygon: p + 1,
                ring,
            };
            let rings = rings.as_array().filter(|r| !r.is_empty()).ok_or(bad(1))?;
            rings
                .iter()
                .enumerate()
                .map(|(r, ring)| self::ring(ring).ok_or(bad(r + 1)))
                .collect()
        })
        .collect()
}

/// A closed ring of at least four positions on Earth.
fn ring(value: &Value) -> Option<Vec<Lonlat>> {
    let positions: Vec<Lonlat> = value
        .as_array()?
        .iter()
        .map(position)
        .collect::<Option<_>>()?;
    (positions.len() >= 4 && positions.first() == positions.last()).then_some(positions)
}

/// A longitude and a latitude (an altitude after them is ignored).
fn position(value: &Value) -> Option<Lonlat> {
    let numbers = value.as_array()?;
    let lon = numbers.first()?.as_f64()?;
    let lat = numbers.get(1)?.as_f64()?;
    (lon.abs() <= 180.0 && lat.abs() <= 90.0).then_some([lon, lat])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::municipality;

    fn register() -> Register {
        Register::of(&[
            municipality("1880", "Örebro"),
            municipality("1881", "Kumla"),
        ])
    }

    fn feature(code: &str, name: &str, geometry: &str) -> String {
        format!(
            "{{ \"type\": \"Feature\", \"properties\": {{ \"KnKod\": \"{code}\", \"KnNamn\": \"{name}\" }}, \"geometry\": {geometry} }}"
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            "{{\n\"type\": \"FeatureCollection\",\n\"features\": [\n{}\n]\n}}\n",
            features.join(",\n")
        )
    }

    const SQUARE: &str = "{ \"type\": \"Polygon\", \"coordinates\": [ [ [15.0, 59.0], [15.2, 59.0], [15.2, 59.2], [15.0, 59.0] ] ] }";

    #[test]
    fn features_are_read_by_code_with_their_polygons() {
        let multi = "{ \"type\": \"MultiPolygon\", \"coordinates\": [ [ [ [15.0, 59.0], [15.2, 59.0], [15.2, 59.2], [15.0, 59.0] ] ], [ [ [16.0, 59.0], [16.2, 59.0], [16.2, 59.2, 12.5], [16.0, 59.0] ] ] ] }";
        let text = collection(&[
            feature("1880", "Örebro", SQUARE),
            feature("1881", "Kumla", multi),
        ]);
        let read = parse_map(Path::new("k.geojson"), &text, &register()).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].1.len(), 1);
        assert_eq!(read[1].1.len(), 2);
        assert_eq!(read[1].1[1][0][2], [16.2, 59.2], "the altitude is left out");
    }

    #[test]
    fn each_bad_feature_is_named_at_its_line() {
        let open = "{ \"type\": \"Polygon\", \"coordinates\": [ [ [15.0, 59.0], [15.2, 59.0], [15.2, 59.2], [15.1, 59.1] ] ] }";
        let text = collection(&[
            feature("1880", "Örebro", SQUARE),
            feature("1880", "Örebro", SQUARE),
            feature("1881", "Kumla kommun", open),
            feature(
                "0180",
                "Stockholm",
                "{ \"type\": \"Point\", \"coordinates\": [18.0, 59.3] }",
            ),
        ]);
        let e = parse_map(Path::new("k.geojson"), &text, &register())
            .unwrap_err()
            .to_string();
        for expected in [
            "k.geojson:5: properties.KnKod: 1880 is listed twice",
            "k.geojson:6: properties.KnNamn: \"Kumla kommun\" is not the register's name",
            "k.geojson:6: geometry: ring 1 of polygon 1 is not a closed ring",
            "k.geojson:7: properties.KnKod: 0180 is not a municipality in the register",
            "k.geojson:7: geometry: \"Point\" is not a Polygon or a MultiPolygon",
        ] {
            assert!(e.contains(expected), "{expected}\n  not in\n{e}");
        }
    }

    #[test]
    fn a_file_that_is_no_feature_collection_says_so() {
        let e = |text: &str| {
            parse_map(Path::new("k.geojson"), text, &register())
                .unwrap_err()
                .to_string()
        };
        assert!(e("{\n  \"type\": ").starts_with("k.geojson:2: file: not readable as JSON"));
        assert!(
            e("{\"type\": \"Feature\"}")
                .contains("k.geojson:1: type: the map data must be a GeoJSON FeatureCollection"),
        );
    }
}
