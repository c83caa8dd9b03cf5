//! The criteria catalogue: revisions, their areas and sub-areas, the eight
//! canonical themes, and the crosswalk from every area to a theme.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use diesel::sql_types::Text;
use diesel::{AsExpression, FromSqlRow};
use serde::Serialize;

use super::code::{AreaNumber, SubareaCode, ThemeNumber};
use super::revision::Revision;
use super::score::Score;
use super::text::fold_name;

/// How well an area of one revision corresponds to a canonical theme.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, AsExpression, FromSqlRow,
)]
#[diesel(sql_type = Text)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Linked by position only; sources call scores across it not comparable.
    None,
    Weak,
    Medium,
    Strong,
    /// The area is the theme (the v2020 areas).
    Same,
}

impl Confidence {
    pub fn as_str(&self) -> &'static str {
        match self {
            Confidence::None => "none",
            Confidence::Weak => "weak",
            Confidence::Medium => "medium",
            Confidence::Strong => "strong",
            Confidence::Same => "same",
        }
    }

    /// Swedish label for pages.
    pub fn label_sv(&self) -> &'static str {
        match self {
            Confidence::None => "ej jämförbar",
            Confidence::Weak => "svag",
            Confidence::Medium => "medel",
            Confidence::Strong => "stark",
            Confidence::Same => "samma område",
        }
    }
}

impl FromStr for Confidence {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Confidence::None),
            "weak" => Ok(Confidence::Weak),
            "medium" => Ok(Confidence::Medium),
            "strong" => Ok(Confidence::Strong),
            "same" => Ok(Confidence::Same),
            other => Err(format!(
                "{other:?} is not a confidence (same, strong, medium, weak, none)"
            )),
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One of the eight canonical themes (the v2020 areas).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Theme {
    pub number: ThemeNumber,
    pub name: String,
    /// Used in URLs: `/omrade/{slug}`.
    pub slug: String,
    /// SKR's heading the theme belongs to.
    pub heading: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubareaDefinition {
    pub code: SubareaCode,
    pub name: String,
    pub max: Score,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaDefinition {
    pub number: AreaNumber,
    pub name: String,
    /// Other names seen in print for this area of this revision.
    pub aliases: Vec<String>,
    /// The canonical theme this area maps to.
    pub theme: ThemeNumber,
    pub confidence: Confidence,
    pub crosswalk_note: Option<String>,
    /// Empty when the revision's sub-areas are not yet known.
    pub subareas: Vec<SubareaDefinition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionDefinition {
    pub id: Revision,
    pub name: String,
    /// When the revision was in use, in words.
    pub used: String,
    /// Chosen by revision detection when the printed names fit several revisions.
    pub fallback: bool,
    pub areas: Vec<AreaDefinition>,
}

impl RevisionDefinition {
    pub fn area(&self, number: AreaNumber) -> Option<&AreaDefinition> {
        self.areas.iter().find(|a| a.number == number)
    }

    pub fn subarea(&self, code: SubareaCode) -> Option<&SubareaDefinition> {
        self.area(code.area)?
            .subareas
            .iter()
            .find(|s| s.code == code)
    }

    /// Whether the catalogue lists this revision's sub-areas.
    pub fn knows_subareas(&self) -> bool {
        self.areas.iter().any(|a| !a.subareas.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Catalogue {
    pub themes: Vec<Theme>,
    pub revisions: Vec<RevisionDefinition>,
}

/// The outcome of detecting a revision from printed area names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedRevision {
    pub revision: Revision,
    /// Printed names that are not this revision's (old names kept in print).
    pub foreign_names: Vec<(AreaNumber, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    #[error("none of the printed area names is known to the catalogue")]
    NoKnownName,
    /// Each revision with the areas whose printed names only it has.
    #[error("the area names point to different revisions: {}", conflicting(.0))]
    Conflicting(Vec<(Revision, Vec<AreaNumber>)>),
    #[error("the area names fit several revisions ({}) and none is preferred", join(.0))]
    Ambiguous(Vec<Revision>),
}

/// "v2016 (area 1, 2), v2020 (area 5)".
fn conflicting(parts: &[(Revision, Vec<AreaNumber>)]) -> String {
    let parts: Vec<String> = parts
        .iter()
        .map(|(r, areas)| format!("{r} (area {})", join(areas)))
        .collect();
    parts.join(", ")
}

fn join<T: ToString>(items: &[T]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    items.join(", ")
}

impl Catalogue {
    pub fn revision(&self, id: Revision) -> Option<&RevisionDefinition> {
        self.revisions.iter().find(|r| r.id == id)
    }

    /// An area's name as its report printed it, else as its revision names
    /// it (empty when neither is known).
    pub fn area_name(&self, revision: Revision, area: &super::AreaScore) -> String {
        area.printed_name
            .clone()
            .or_else(|| {
                self.revision(revision)
                    .and_then(|r| r.area(area.number))
                    .map(|d| d.name.clone())
            })
            .unwrap_or_default()
    }

    pub fn theme(&self, number: ThemeNumber) -> Option<&Theme> {
        self.themes.iter().find(|t| t.number == number)
    }

    pub fn theme_by_slug(&self, slug: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.slug == slug)
    }

    /// SKR's headings in order, each with its themes.
    pub fn headings(&self) -> Vec<(String, Vec<ThemeNumber>)> {
        let mut out: Vec<(String, Vec<ThemeNumber>)> = Vec::new();
        for theme in &self.themes {
            match out.iter_mut().find(|(h, _)| *h == theme.heading) {
                Some((_, numbers)) => numbers.push(theme.number),
                None => out.push((theme.heading.clone(), vec![theme.number])),
            }
        }
        out
    }

    /// The revisions in which area `number` is printed as `name` (or an alias).
    fn revisions_naming(&self, number: AreaNumber, name: &str) -> BTreeSet<Revision> {
        let folded = fold_name(name);
        self.revisions
            .iter()
            .filter(|r| {
                r.area(number).is_some_and(|a| {
                    fold_name(&a.name) == folded || a.aliases.iter().any(|x| fold_name(x) == folded)
                })
            })
            .map(|r| r.id)
            .collect()
    }

    /// Detects the revision from printed area names (domain.md §2): a name only
    /// one revision uses decides (the latest such revision, when several);
    /// otherwise the revision that fits most names, and among equals the
    /// catalogue's fallback (v2010). Names of other revisions are refused when
    /// they outnumber the names that fit.
    pub fn detect_revision(
        &self,
        printed: &[(AreaNumber, String)],
    ) -> Result<DetectedRevision, DetectError> {
        let matches: Vec<(AreaNumber, &String, BTreeSet<Revision>)> = printed
            .iter()
            .map(|(n, name)| (*n, name, self.revisions_naming(*n, name)))
            .collect();
        if matches.iter().all(|(_, _, set)| set.is_empty()) {
            return Err(DetectError::NoKnownName);
        }
        let distinctive: BTreeMap<Revision, Vec<AreaNumber>> = matches
            .iter()
            .filter(|(_, _, set)| set.len() == 1)
            .fold(BTreeMap::new(), |mut acc, (n, _, set)| {
                if let Some(r) = set.iter().next() {
                    acc.entry(*r).or_insert_with(Vec::new).push(*n);
                }
                acc
            });
        // Old names live on in print after a revision (v2020 reports still say
        // "Offentlighet och demokrati"), new names never appear before their
        // revision: the latest revision with a name of its own decides.
        let chosen = if let Some((r, _)) = distinctive.iter().next_back() {
            *r
        } else {
            let mut counts: BTreeMap<Revision, usize> = BTreeMap::new();
            for (_, _, set) in &matches {
                for r in set {
                    *counts.entry(*r).or_default() += 1;
                }
            }
            let best = counts.values().copied().max().unwrap_or(0);
            let top: Vec<Revision> = counts
                .iter()
                .filter(|(_, c)| **c == best)
                .map(|(r, _)| *r)
                .collect();
            match top.as_slice() {
                [one] => *one,
                _ => {
                    let fallback = top
                        .iter()
                        .find(|r| self.revision(**r).is_some_and(|d| d.fallback));
                    match fallback {
                        Some(r) => *r,
                        None => return Err(DetectError::Ambiguous(top)),
                    }
                }
            }
        };
        let fitting = matches
            .iter()
            .filter(|(_, _, set)| set.contains(&chosen))
            .count();
        let other_known = matches
            .iter()
            .filter(|(_, _, set)| !set.is_empty() && !set.contains(&chosen))
            .count();
        if other_known > fitting {
            return Err(DetectError::Conflicting(distinctive.into_iter().collect()));
        }
        let foreign_names = matches
            .iter()
            .filter(|(_, _, set)| !set.contains(&chosen))
            .map(|(n, name, _)| (*n, (*name).clone()))
            .collect();
        Ok(DetectedRevision {
            revision: chosen,
            foreign_names,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small catalogue shaped like the real one (names as in domain.md §2).
    pub(crate) fn sample() -> Catalogue {
        let area = |number: usize, name: &str, aliases: &[&str], theme: usize, confidence| {
            AreaDefinition {
                number: AreaNumber::ALL[number - 1],
                name: name.to_string(),
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
                theme: ThemeNumber::ALL[theme - 1],
                confidence,
                crosswalk_note: None,
                subareas: vec![],
            }
        };
        let v2010_names = [
            "Offentlighet och demokrati",
            "Tillgänglighet och brukarorientering",
            "Politisk styrning och kontroll",
            "Ledarskap, ansvar och delegation",
            "Resultat och effektivitet",
            "Kommunen som arbetsgivare - personalpolitik",
            "Verksamhetsutveckling",
            "Kommunen som samhällsbyggare",
        ];
        let themes = [1, 5, 3, 8, 4, 7, 6, 2];
        let v2010: Vec<AreaDefinition> = v2010_names
            .iter()
            .zip(themes)
            .enumerate()
            .map(|(i, (n, t))| area(i + 1, n, &[], t, Confidence::Medium))
            .collect();
        let mut v2016 = v2010.clone();
        v2016[1].name = "Brukarfokus, tillgänglighet och bemötande".into();
        v2016[6].name = "Ständiga förbättringar".into();
        let v2020_names = [
            "Samspel mellan förtroendevalda och medborgare",
            "Samhällsutveckling",
            "Styrning och kontroll",
            "Effektivitet",
            "Brukarens fokus",
            "Kvalitetsutveckling",
            "Arbetsliv",
            "Chefs- och ledarskap samt medarbetarskap",
        ];
        let v2020: Vec<AreaDefinition> = v2020_names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let aliases: &[&str] = if i == 0 {
                    &["Offentlighet och demokrati"]
                } else {
                    &[]
                };
                area(i + 1, n, aliases, i + 1, Confidence::Same)
            })
            .collect();
        let revision = |year, fallback, areas| RevisionDefinition {
            id: Revision::new(year),
            name: format!("Kommunkompassen {year}"),
            used: String::new(),
            fallback,
            areas,
        };
        Catalogue {
            themes: v2020_names
                .iter()
                .enumerate()
                .map(|(i, n)| Theme {
                    number: ThemeNumber::ALL[i],
                    name: n.to_string(),
                    slug: format!("t{}", i + 1),
                    heading: format!("h{}", i / 2 + 1),
                })
                .collect(),
            revisions: vec![
                revision(2010, true, v2010),
                revision(2016, false, v2016),
                revision(2020, false, v2020),
            ],
        }
    }

    fn names(list: &[(u8, &str)]) -> Vec<(AreaNumber, String)> {
        list.iter()
            .map(|(n, s)| (AreaNumber::try_from(*n).unwrap(), s.to_string()))
            .collect()
    }

    #[test]
    fn v2020_names_mean_v2020_even_with_an_old_area_1_name() {
        let detected = sample()
            .detect_revision(&names(&[
                (1, "Offentlighet och demokrati"),
                (2, "Samhällsutveckling"),
                (5, "Brukarens fokus"),
            ]))
            .unwrap();
        assert_eq!(detected.revision, Revision::new(2020));
        assert!(detected.foreign_names.is_empty());
    }

    #[test]
    fn a_v2016_only_name_means_v2016() {
        let detected = sample()
            .detect_revision(&names(&[
                (1, "Offentlighet och demokrati"),
                (2, "Tillgänglighet och brukarorientering"),
                (7, "Ständiga förbättringar"),
            ]))
            .unwrap();
        assert_eq!(detected.revision, Revision::new(2016));
        assert_eq!(
            detected.foreign_names,
            names(&[(2, "Tillgänglighet och brukarorientering")])
        );
    }

    #[test]
    fn shared_names_fall_back_to_v2010() {
        let detected = sample()
            .detect_revision(&names(&[
                (3, "Politisk styrning och kontroll"),
                (6, "Kommunen som arbetsgivare – personalpolitik"),
            ]))
            .unwrap();
        assert_eq!(detected.revision, Revision::new(2010));
    }

    #[test]
    fn conflicting_or_unknown_names_are_refused() {
        let cat = sample();
        assert!(matches!(
            cat.detect_revision(&names(&[
                (7, "Ständiga förbättringar"),
                (2, "Brukarfokus, tillgänglighet och bemötande"),
                (5, "Brukarens fokus")
            ])),
            Err(DetectError::Conflicting(_))
        ));
        assert_eq!(
            cat.detect_revision(&names(&[(1, "Något helt annat")])),
            Err(DetectError::NoKnownName)
        );
    }

    #[test]
    fn headings_group_themes_in_order() {
        let h = sample().headings();
        assert_eq!(h.len(), 4);
        assert_eq!(h[0], ("h1".to_string(), ThemeNumber::ALL[..2].to_vec()));
    }
}
