//! The filters the ranking and the change ranking share: the county and the
//! kommungrupp, their options and their fields in a page's form.

use maud::{Markup, html};

use crate::domain::analysis::RankingFilter;
use crate::domain::snapshot::Snapshot;

/// The options of the two filters: (value, what the reader sees).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceFilters {
    /// Each county: its code, its name.
    pub counties: Vec<(String, String)>,
    /// Each kommungrupp (SKR 2023): its code, "B3 Större stad".
    pub groups: Vec<(String, String)>,
}

impl PlaceFilters {
    pub fn of(data: &Snapshot) -> Self {
        Self {
            counties: data
                .derived()
                .counties
                .iter()
                .map(|c| (c.code.to_string(), c.name.clone()))
                .collect(),
            groups: data
                .places
                .groups()
                .iter()
                .map(|g| (g.code.to_string(), format!("{} {}", g.code, g.name)))
                .collect(),
        }
    }

    /// The county's and the kommungrupp's fields, `filter`'s chosen.
    pub fn fields(&self, filter: &RankingFilter) -> Markup {
        html! {
            div.field {
                label for="filter-lan" { "Län" }
                select #filter-lan name="lan" {
                    option value="" selected[filter.county.is_none()] { "Hela landet" }
                    @for (code, name) in &self.counties {
                        option value=(code) selected[filter.county.is_some_and(|c| c == *code.as_str())] { (name) }
                    }
                }
            }
            div.field {
                label for="filter-kommungrupp" { "Kommungrupp" }
                select #filter-kommungrupp name="kommungrupp" aria-describedby="om-kommungrupp" {
                    option value="" selected[filter.group.is_none()] { "Alla kommungrupper" }
                    @for (code, name) in &self.groups {
                        option value=(code) selected[filter.group.is_some_and(|g| g.as_str() == code)] { (name) }
                    }
                }
            }
        }
    }
}

/// What the kommungrupp field's `aria-describedby` names: which grouping.
pub fn group_note() -> Markup {
    html! {
        p.small #om-kommungrupp { "Kommungrupp enligt SKR:s indelning 2023, samma för alla år." }
    }
}
