//! The report's own words, area by area, below the figures: each area
//! collapsed (`<details>`) so the page's figures come first; the prose
//! reflowed (`domain::prose`), strengths and improvements as two lists where
//! the report's columns were told apart, else one list in the report's order.

use maud::{Markup, html};

use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::prose::{self, Block};
use crate::domain::{AreaNumber, AreaText, TextKind};

#[derive(Debug, Clone, PartialEq)]
pub struct TextArea {
    pub title: String,
    pub parts: Vec<TextPart>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextPart {
    pub heading: String,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Points(Vec<String>),
    Prose(Vec<Block>),
}

fn part(t: &AreaText) -> TextPart {
    let (heading, content) = match t.kind {
        TextKind::Summary => (
            "Ur sammanfattningen",
            Content::Prose(prose::paragraphs(&t.text)),
        ),
        TextKind::Strengths => ("Styrkor", Content::Points(prose::items(&t.text))),
        TextKind::Improvements => (
            "Förbättringsmöjligheter",
            Content::Points(prose::items(&t.text)),
        ),
        TextKind::StrengthsAndImprovements => (
            "Styrkor och förbättringsmöjligheter",
            Content::Points(prose::items(&t.text)),
        ),
    };
    TextPart {
        heading: heading.to_string(),
        content,
    }
}

/// The texts of `s` (`texts`: the ones read for it from the database, or
/// those it holds), by area, in the order: summary, strengths, improvements
/// (or both in one list).
pub fn model(data: &Dataset, s: &StoredEvaluation, texts: &[AreaText]) -> Vec<TextArea> {
    let e = &s.evaluation;
    let revision = data.catalogue.revision(e.revision);
    let order = |k: TextKind| match k {
        TextKind::Summary => 0,
        TextKind::Strengths => 1,
        TextKind::Improvements => 2,
        TextKind::StrengthsAndImprovements => 3,
    };
    AreaNumber::ALL
        .into_iter()
        .filter_map(|n| {
            let mut texts: Vec<&AreaText> = texts
                .iter()
                .filter(|t| t.area == n && !t.text.trim().is_empty())
                .collect();
            if texts.is_empty() {
                return None;
            }
            texts.sort_by_key(|t| order(t.kind));
            let name = revision
                .and_then(|r| r.area(n))
                .map_or_else(String::new, |a| a.name.clone());
            Some(TextArea {
                title: format!("{n} {name}"),
                parts: texts.into_iter().map(part).collect(),
            })
        })
        .collect()
}

fn blocks(list: &[Block]) -> Markup {
    html! {
        @for b in list {
            @match b {
                Block::Paragraph(p) => p { (p) },
                Block::List(items) => ul { @for i in items { li { (i) } } },
            }
        }
    }
}

pub fn render(year: i32, areas: &[TextArea]) -> Markup {
    let joined = areas.iter().any(|a| {
        a.parts
            .iter()
            .any(|p| p.heading == "Styrkor och förbättringsmöjligheter")
    });
    html! {
        p {
            "Utdrag ur utvärderingsrapporten " (year) ", område för område."
            span.no-print { " Öppna ett område för att läsa." }
            @if joined {
                " Rapporten ställer styrkor och förbättringsmöjligheter i två spalter; där spalterna inte gick att skilja åt står punkterna i en lista, i rapportens ordning (styrkorna först)."
            }
        }
        div.texts {
            @for area in areas {
                details.report-area {
                    summary { h3 { (area.title) } }
                    @for part in &area.parts {
                        h4 { (part.heading) }
                        @match &part.content {
                            Content::Points(items) => ul.points { @for i in items { li { (i) } } },
                            Content::Prose(list) => div.prose { (blocks(list)) },
                        }
                    }
                }
            }
        }
    }
}
