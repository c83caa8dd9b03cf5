//! The municipality page's sources: every evaluation's source address,
//! evaluators and notes, the data-quality notes (differences the sources
//! printed), and where to download what the page shows.

use maud::{Markup, html};

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::views::downloads::{self, TableFiles};
use crate::views::format;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceItem {
    pub id: String,
    pub when: String,
    pub criteria: String,
    pub number: Option<u8>,
    pub has_scores: bool,
    pub title: Option<String>,
    pub url: Option<String>,
    pub evaluators: Vec<String>,
    /// The curator's notes from the evaluation file (written in English).
    pub notes: Option<String>,
    /// (figure, note): differences between published figures.
    pub discrepancies: Vec<(String, String)>,
}

fn figure_label(figure: &str) -> String {
    match figure.strip_prefix("area ") {
        Some(n) => format!("Område {n}"),
        None if figure == "total" => "Totalpoäng".to_string(),
        None => figure.to_string(),
    }
}

fn item(data: &Dataset, s: &StoredEvaluation) -> SourceItem {
    let e = &s.evaluation;
    SourceItem {
        id: s.id.to_string(),
        when: format::when(e.year, e.month),
        criteria: format::revision_short(&data.catalogue, e.revision),
        number: e.evaluation_number,
        has_scores: e.has_published_scores(),
        title: e.source.title.clone(),
        url: e.source.url.clone(),
        evaluators: e.evaluators.clone(),
        notes: e
            .notes
            .as_ref()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        discrepancies: e
            .discrepancies
            .iter()
            .map(|d| (figure_label(&d.figure), d.note.clone()))
            .collect(),
    }
}

/// Newest first.
pub fn model(data: &Dataset, p: &MunicipalityProfile<'_>) -> Vec<SourceItem> {
    p.evaluations.iter().rev().map(|s| item(data, s)).collect()
}

pub fn render(code: &str, items: &[SourceItem], charts: &[(String, String)]) -> Markup {
    html! {
        @if items.is_empty() {
            p { "Det finns inga utvärderingar att redovisa källor för." }
        } @else {
            p { "Siffrorna kommer från de källor som anges här. Bara tal som faktiskt har publicerats visas; det som saknas står som ”ej publicerat”." }
            ol.sources-list reversed {
                @for s in items {
                    li {
                        strong { "Utvärderingen " (s.when) }
                        ", kriterierna från " (s.criteria)
                        @if let Some(n) = s.number { ", kommunens " (ordinal(n)) " utvärdering" }
                        @if !s.has_scores { " – poängen har inte publicerats" }
                        "."
                        br;
                        @match (&s.url, &s.title) {
                            (Some(url), Some(title)) => { "Källa: " a href=(url) { (title) } }
                            (Some(url), None) => { "Källa: " a.bare-url href=(url) { (url) } }
                            (None, Some(title)) => { "Källa: " (title) }
                            (None, None) => { span.missing { "Källa saknas" } }
                        }
                        @if !s.evaluators.is_empty() {
                            br; "Utvärderare: " (format::and_list(&s.evaluators))
                        }
                        @if !s.discrepancies.is_empty() {
                            div.note.warning {
                                p.note-heading { strong { "Uppgifternas kvalitet" } }
                                ul {
                                    @for (figure, text) in &s.discrepancies {
                                        li { (figure) ": " span lang="en" { (text) } }
                                    }
                                }
                            }
                        }
                        @if let Some(notes) = &s.notes {
                            details.notes {
                                summary { "Anteckningar om källan (på engelska)" }
                                p lang="en" { (notes) }
                            }
                        }
                        " " a.small href=(format!("/api/v1/evaluations/{}", s.id)) { "Utvärderingen som JSON" }
                    }
                }
            }
        }
        h3 #ladda-ner { "Ladda ner" }
        ul.downloads {
            li {
                "Sidans uppgifter: " (downloads::links(&TableFiles::new(&format!("/kommun/{code}"), "")))
                " · " a href=(format!("/api/v1/municipalities/{code}")) { "JSON" }
            }
            li { "Alla kommuner: " (downloads::links(&TableFiles::new("/data/kompass", ""))) }
            @for (label, href) in charts {
                li { (label) ": " a href=(crate::views::publish::png_href(href)) download { "PNG" } " · " a href=(href) download { "SVG" } }
            }
        }
    }
}

fn ordinal(n: u8) -> String {
    match n {
        1 => "första".into(),
        2 => "andra".into(),
        3 => "tredje".into(),
        4 => "fjärde".into(),
        5 => "femte".into(),
        n => format!("{n}:e"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_ordinals_read_as_swedish() {
        assert_eq!(figure_label("total"), "Totalpoäng");
        assert_eq!(figure_label("area 3"), "Område 3");
        assert_eq!(ordinal(2), "andra");
        assert_eq!(ordinal(7), "7:e");
    }
}
