//! Reference shapes: the criteria revisions, the eight canonical themes with
//! the crosswalk, and the published benchmark series.

use serde::Serialize;
use utoipa::ToSchema;

use super::ConfidenceName;
use crate::domain::{Benchmark, Catalogue, Revision, Score, SubareaCode, ThemeNumber};

/// A short list, whole: how many items and the items.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemList<T: ToSchema> {
    pub total: usize,
    pub items: Vec<T>,
}

impl<T: ToSchema> ItemList<T> {
    pub fn new(items: Vec<T>) -> Self {
        Self {
            total: items.len(),
            items,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubareaDefinitionJson {
    #[schema(value_type = String, example = "3.2")]
    pub code: SubareaCode,
    pub name: String,
    #[schema(value_type = f64)]
    pub max: Score,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaDefinitionJson {
    pub number: u8,
    pub name: String,
    /// Other names seen in print for this area.
    pub aliases: Vec<String>,
    /// The canonical theme (1-8) the area maps to.
    pub theme: u8,
    pub theme_slug: String,
    pub confidence: ConfidenceName,
    pub crosswalk_note: Option<String>,
    /// Empty when the revision's sub-areas are not yet known.
    pub subareas: Vec<SubareaDefinitionJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionJson {
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2020")]
    pub id: Revision,
    pub name: String,
    /// When the revision was used, in Swedish words.
    pub used: String,
    pub areas: Vec<AreaDefinitionJson>,
}

pub fn revisions(catalogue: &Catalogue) -> ItemList<RevisionJson> {
    let items = catalogue
        .revisions
        .iter()
        .map(|r| RevisionJson {
            id: r.id,
            name: r.name.clone(),
            used: r.used.clone(),
            areas: r
                .areas
                .iter()
                .map(|a| AreaDefinitionJson {
                    number: a.number.get(),
                    name: a.name.clone(),
                    aliases: a.aliases.clone(),
                    theme: a.theme.get(),
                    theme_slug: catalogue
                        .theme(a.theme)
                        .map(|t| t.slug.clone())
                        .unwrap_or_default(),
                    confidence: a.confidence.into(),
                    crosswalk_note: a.crosswalk_note.clone(),
                    subareas: a
                        .subareas
                        .iter()
                        .map(|s| SubareaDefinitionJson {
                            code: s.code,
                            name: s.name.clone(),
                            max: s.max,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    ItemList::new(items)
}

/// An area of some revision that maps to a theme.
#[derive(Debug, Serialize, ToSchema)]
pub struct CrosswalkEntry {
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2016")]
    pub revision: Revision,
    pub area: u8,
    pub name: String,
    pub confidence: ConfidenceName,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeJson {
    pub number: u8,
    pub name: String,
    /// Used in URLs: `/omrade/{slug}`, `/api/v1/rankings/{slug}`.
    pub slug: String,
    /// SKR's heading the theme belongs to.
    pub heading: String,
    /// Every revision's area that maps to this theme.
    pub crosswalk: Vec<CrosswalkEntry>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeadingJson {
    pub name: String,
    /// Theme numbers under the heading.
    pub themes: Vec<u8>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThemesJson {
    pub themes: Vec<ThemeJson>,
    /// SKR's four headings over the themes.
    pub headings: Vec<HeadingJson>,
}

pub fn themes(catalogue: &Catalogue) -> ThemesJson {
    let themes = catalogue
        .themes
        .iter()
        .map(|t| ThemeJson {
            number: t.number.get(),
            name: t.name.clone(),
            slug: t.slug.clone(),
            heading: t.heading.clone(),
            crosswalk: catalogue
                .revisions
                .iter()
                .flat_map(|r| {
                    r.areas
                        .iter()
                        .filter(|a| a.theme == t.number)
                        .map(|a| CrosswalkEntry {
                            revision: r.id,
                            area: a.number.get(),
                            name: a.name.clone(),
                            confidence: a.confidence.into(),
                            note: a.crosswalk_note.clone(),
                        })
                })
                .collect(),
        })
        .collect();
    let headings = catalogue
        .headings()
        .into_iter()
        .map(|(name, themes)| HeadingJson {
            name,
            themes: themes.into_iter().map(ThemeNumber::get).collect(),
        })
        .collect();
    ThemesJson { themes, headings }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BenchmarkArea {
    pub number: u8,
    #[schema(value_type = f64)]
    pub points: Score,
}

/// A published reference series ("Sverigesnitt"), as printed.
#[derive(Debug, Serialize, ToSchema)]
pub struct BenchmarkJson {
    pub label: String,
    #[schema(value_type = String, pattern = "^v[0-9]{4}$", example = "v2020")]
    pub revision: Revision,
    pub year: i32,
    /// How many evaluations the average covers, when stated.
    pub evaluations: Option<u32>,
    /// Only the areas that were printed.
    pub areas: Vec<BenchmarkArea>,
    #[schema(value_type = Option<f64>)]
    pub total: Option<Score>,
    pub source_url: String,
    pub notes: Option<String>,
}

pub fn benchmarks(list: &[Benchmark]) -> ItemList<BenchmarkJson> {
    ItemList::new(
        list.iter()
            .map(|b| BenchmarkJson {
                label: b.label.clone(),
                revision: b.revision,
                year: b.year,
                evaluations: b.evaluations,
                areas: b
                    .areas
                    .iter()
                    .map(|(number, points)| BenchmarkArea {
                        number: number.get(),
                        points: *points,
                    })
                    .collect(),
                total: b.total,
                source_url: b.source_url.clone(),
                notes: b.notes.clone(),
            })
            .collect(),
    )
}
