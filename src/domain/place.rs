//! What kompass knows of a municipality beside its evaluations: its
//! kommungrupp (SKR's grouping of 2023, the same for every year shown), its
//! population, its outline on the map and its neighbours, longest border
//! first. `Places` holds them for every municipality, built once when the
//! registers are imported (the neighbours from the outlines, by
//! `geo::borders`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::{Serialize, Serializer};

use super::MunicipalityCode;
use super::geo::{self, Lonlat, Shape};

/// The grouping kompass uses, for pages that show it beside older evaluations.
pub const GROUPING: &str = "SKR:s kommungruppsindelning 2023";

/// A kommungrupp's code in SKR's 2023 grouping: A1-A2 (big cities and their
/// commuter municipalities), B3-B5 (larger towns and theirs), C6-C9 (smaller
/// towns and the countryside).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct GroupCode([u8; 2]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a kommungrupp (A1-A2, B3-B5 or C6-C9)")]
pub struct BadGroupCode(pub String);

impl GroupCode {
    pub fn as_str(&self) -> &str {
        // Only the letters A-C and digits 1-9 are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for GroupCode {
    type Err = BadGroupCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.as_bytes() {
            [l @ b'A', d @ b'1'..=b'2']
            | [l @ b'B', d @ b'3'..=b'5']
            | [l @ b'C', d @ b'6'..=b'9'] => Ok(Self([*l, *d])),
            _ => Err(BadGroupCode(s.to_string())),
        }
    }
}

impl fmt::Display for GroupCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for GroupCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A kommungrupp: "B3", "Större stad".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MunicipalityGroup {
    pub code: GroupCode,
    pub name: String,
}

/// A municipality's population at the end of a year (SCB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Population {
    pub count: u32,
    /// Counted on 31 December of this year.
    pub year: i32,
}

/// A municipality across a border, and the border's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Neighbour {
    pub code: MunicipalityCode,
    pub border_metres: u32,
}

/// One municipality's place: group, population, outline and neighbours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    pub group: Option<GroupCode>,
    pub population: Option<Population>,
    /// Empty when the map data has no outline for it.
    #[serde(serialize_with = "shape_as_text")]
    pub shape: Shape,
    /// Longest border first.
    pub neighbours: Vec<Neighbour>,
}

fn shape_as_text<S: Serializer>(shape: &Shape, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&shape.encode())
}

/// Every municipality's place, and the kommungrupper's names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Places {
    groups: Vec<MunicipalityGroup>,
    places: BTreeMap<MunicipalityCode, Place>,
}

/// A municipality's outline as read: polygons of rings of longitudes and
/// latitudes, each polygon its outer ring first.
pub type Outline = Vec<Vec<Vec<Lonlat>>>;

impl Places {
    /// The places of the registers as read: each municipality's group,
    /// population and full outline. The outlines are rounded for the web
    /// (`Shape::rounded`); the neighbours are found on the outlines as read.
    pub fn from_registers(
        groups: &[(MunicipalityCode, MunicipalityGroup)],
        populations: &[(MunicipalityCode, Population)],
        outlines: &[(MunicipalityCode, Outline)],
    ) -> Places {
        let mut places: BTreeMap<MunicipalityCode, Place> = BTreeMap::new();
        let mut named: Vec<MunicipalityGroup> = Vec::new();
        for (code, group) in groups {
            places.entry(*code).or_default().group = Some(group.code);
            if !named.iter().any(|g| g.code == group.code) {
                named.push(group.clone());
            }
        }
        for (code, population) in populations {
            places.entry(*code).or_default().population = Some(*population);
        }
        for (code, polygons) in outlines {
            places.entry(*code).or_default().shape = Shape::rounded(polygons);
        }
        let rings: Vec<(MunicipalityCode, Vec<Vec<Lonlat>>)> = outlines
            .iter()
            .map(|(code, polygons)| (*code, polygons.iter().flatten().cloned().collect()))
            .collect();
        Places::new(named, places, &geo::borders(&rings))
    }

    /// The places with their borders: each place's `neighbours` are made
    /// from `borders`.
    pub fn new(
        mut groups: Vec<MunicipalityGroup>,
        mut places: BTreeMap<MunicipalityCode, Place>,
        borders: &[geo::Border],
    ) -> Places {
        groups.sort_by_key(|g| g.code);
        for place in places.values_mut() {
            place.neighbours.clear();
        }
        for border in borders {
            for (from, to) in [(border.a, border.b), (border.b, border.a)] {
                places.entry(from).or_default().neighbours.push(Neighbour {
                    code: to,
                    border_metres: border.metres,
                });
            }
        }
        for place in places.values_mut() {
            place
                .neighbours
                .sort_by_key(|n| (std::cmp::Reverse(n.border_metres), n.code));
        }
        Places { groups, places }
    }

    /// The kommungrupper, by code.
    pub fn groups(&self) -> &[MunicipalityGroup] {
        &self.groups
    }

    pub fn group(&self, code: GroupCode) -> Option<&MunicipalityGroup> {
        self.groups.iter().find(|g| g.code == code)
    }

    pub fn get(&self, code: MunicipalityCode) -> Option<&Place> {
        self.places.get(&code)
    }

    /// Every municipality with a place, by code.
    pub fn iter(&self) -> impl Iterator<Item = (MunicipalityCode, &Place)> {
        self.places.iter().map(|(code, place)| (*code, place))
    }

    /// A municipality's kommungrupp.
    pub fn group_of(&self, code: MunicipalityCode) -> Option<&MunicipalityGroup> {
        self.get(code)?.group.and_then(|g| self.group(g))
    }

    pub fn population_of(&self, code: MunicipalityCode) -> Option<Population> {
        self.get(code)?.population
    }

    /// The municipalities of a kommungrupp, by code.
    pub fn members(&self, group: GroupCode) -> impl Iterator<Item = MunicipalityCode> + '_ {
        self.iter()
            .filter(move |(_, p)| p.group == Some(group))
            .map(|(code, _)| code)
    }

    /// A municipality's neighbours, longest border first.
    pub fn neighbours(&self, code: MunicipalityCode) -> &[Neighbour] {
        self.get(code).map_or(&[], |p| p.neighbours.as_slice())
    }

    /// Every border once (`a` < `b`), by code.
    pub fn borders(&self) -> Vec<geo::Border> {
        self.iter()
            .flat_map(|(a, p)| {
                p.neighbours
                    .iter()
                    .filter(move |n| a < n.code)
                    .map(move |n| geo::Border {
                        a,
                        b: n.code,
                        metres: n.border_metres,
                    })
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> MunicipalityCode {
        c.parse().unwrap()
    }

    fn group(c: &str, name: &str) -> MunicipalityGroup {
        MunicipalityGroup {
            code: c.parse().unwrap(),
            name: name.into(),
        }
    }

    #[test]
    fn group_codes_are_skrs_nine() {
        for good in ["A1", "A2", "B3", "B4", "B5", "C6", "C7", "C8", "C9"] {
            assert_eq!(good.parse::<GroupCode>().unwrap().to_string(), good);
        }
        for bad in ["A3", "B2", "C5", "b3", "B", "B33", "D1", " B3"] {
            assert!(bad.parse::<GroupCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn places_know_groups_populations_and_neighbours_longest_border_first() {
        let square = |lon: f64, lat: f64| {
            vec![vec![vec![
                [lon, lat],
                [lon + 0.2, lat],
                [lon + 0.2, lat + 0.2],
                [lon, lat + 0.2],
                [lon, lat],
            ]]]
        };
        let b4 = group("B4", "Pendlingskommun nära större stad");
        let places = Places::from_registers(
            &[
                (code("1880"), group("B3", "Större stad")),
                (code("1814"), b4.clone()),
                (code("1881"), b4),
            ],
            &[(
                code("1880"),
                Population {
                    count: 155_696,
                    year: 2019,
                },
            )],
            &[
                (code("1880"), square(15.0, 59.0)),
                // Half of Örebro's east side; all of its west side.
                (code("1814"), square(15.2, 59.1)),
                (code("1881"), square(14.8, 59.0)),
            ],
        );
        let orebro = code("1880");
        assert_eq!(places.group_of(orebro).unwrap().name, "Större stad");
        assert_eq!(places.population_of(orebro).unwrap().count, 155_696);
        assert_eq!(places.population_of(code("1814")), None);
        let neighbours: Vec<MunicipalityCode> =
            places.neighbours(orebro).iter().map(|n| n.code).collect();
        assert_eq!(neighbours, [code("1881"), code("1814")]);
        let b4: Vec<MunicipalityCode> = places.members("B4".parse().unwrap()).collect();
        assert_eq!(b4, [code("1814"), code("1881")]);
        assert_eq!(places.groups().len(), 2);
        assert_eq!(places.borders().len(), 2, "each border once");
        assert!(!places.get(orebro).unwrap().shape.is_empty());
    }
}
