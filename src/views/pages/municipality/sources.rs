//! The municipality page's sources: for every evaluation, what was and was
//! not published (a Swedish sentence made from the data), the source, the
//! evaluators, the curator's Swedish note, the changes the source states and
//! any difference between its printed figures; then where to download what
//! the page shows. The curators' English notes stay in the API.

use maud::{Markup, html};

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{Evaluation, Figure};
use crate::views::downloads::{self, TableFiles};
use crate::views::format;
use crate::views::notes::{published_sentence, quality_sentences};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceItem {
    /// The item's number in the list: the oldest is 1.
    pub position: usize,
    pub id: String,
    pub when: String,
    pub criteria: String,
    pub number: Option<u8>,
    /// What was and was not published, as a sentence.
    pub published: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub evaluators: Vec<String>,
    /// The curator's note for readers (Swedish).
    pub public_note: Option<String>,
    /// The changes the source states, as sentences.
    pub stated: Vec<String>,
    /// Differences between the source's own figures (a total that is not
    /// its areas' sum among them), as sentences.
    pub discrepancies: Vec<String>,
    /// "inskickad via kompass, granskad 8 december 2026 (B-2026-0007)",
    /// said after the source.
    pub contribution: Option<String>,
}

fn stated_sentences(data: &Dataset, e: &Evaluation) -> Vec<String> {
    let revision = data.catalogue.revision(e.revision);
    e.stated_changes
        .iter()
        .map(|s| {
            let what = match s.figure {
                Figure::Total => "totalpoängen".to_string(),
                Figure::Area(n) => revision.and_then(|r| r.area(n)).map_or_else(
                    || format!("område {n}"),
                    |a| format!("område {n} {}", a.name),
                ),
            };
            format!(
                "Enligt {}: {what} {} poäng jämfört med {}.",
                s.source_name(),
                s.change.to_swedish_signed(),
                s.since
            )
        })
        .collect()
}

fn item(data: &Dataset, position: usize, s: &StoredEvaluation) -> SourceItem {
    let e = &s.evaluation;
    SourceItem {
        position,
        id: s.id.to_string(),
        when: format::when(e.year, e.month),
        criteria: format::revision_short(&data.catalogue, e.revision),
        number: e.evaluation_number,
        published: published_sentence(e),
        title: e.source.title.clone(),
        url: e.source.url.clone(),
        evaluators: e.evaluators.clone(),
        public_note: e.public_note.clone(),
        stated: stated_sentences(data, e),
        discrepancies: quality_sentences(e),
        contribution: e.contribution.map(|c| {
            format!(
                "inskickad via kompass, granskad {} ({})",
                format::day(c.accepted),
                c.reference
            )
        }),
    }
}

/// Newest first, numbered from the oldest.
pub fn model(data: &Dataset, p: &MunicipalityProfile<'_>) -> Vec<SourceItem> {
    p.evaluations
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| item(data, i + 1, s))
        .collect()
}

pub fn render(code: &str, items: &[SourceItem], charts: &[(String, String)]) -> Markup {
    html! {
        @if items.is_empty() {
            p { "Det finns inga utvärderingar att redovisa källor för." }
        } @else {
            p { "Siffrorna kommer från de källor som anges här. Bara tal som faktiskt har publicerats visas; det som saknas står som ”ej publicerat”." }
            ol.sources-list reversed {
                @for s in items {
                    li value=(s.position) {
                        strong { "Utvärderingen " (s.when) }
                        ", kriterierna från " (s.criteria)
                        @if let Some(n) = s.number { ", kommunens " (format::ordinal(n)) " utvärdering" }
                        ". " (s.published)
                        br;
                        @match (&s.url, &s.title) {
                            (Some(url), Some(title)) => { "Källa: " a href=(url) { (title) } }
                            (Some(url), None) => { "Källa: " a.bare-url href=(url) { (url) } }
                            (None, Some(title)) => { "Källa: " (title) }
                            (None, None) => { span.missing { "Källa saknas" } }
                        }
                        @if let Some(line) = &s.contribution {
                            ", " (line)
                        }
                        @if !s.evaluators.is_empty() {
                            br; "Utvärderare: " (format::and_list(&s.evaluators))
                        }
                        @if let Some(note) = &s.public_note {
                            br; (note)
                        }
                        @for line in &s.stated {
                            br; (line)
                        }
                        @if !s.discrepancies.is_empty() {
                            div.note.warning {
                                p.note-heading { strong { "Uppgifternas kvalitet" } }
                                @for text in &s.discrepancies { p { (text) } }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contribution::{Contribution, ContributionRef};
    use crate::views::testdata;

    #[test]
    fn a_contribution_is_named_after_its_source() {
        let data = testdata::bundled();
        let mut kumla = data
            .evaluation(&"1881-2020".parse().expect("an id"))
            .expect("Kumla 2020 is bundled")
            .clone();
        assert_eq!(item(data, 2, &kumla).contribution, None);
        kumla.evaluation.contribution = Some(Contribution {
            reference: ContributionRef::new(2026, 7).expect("a reference"),
            accepted: chrono::NaiveDate::from_ymd_opt(2026, 12, 8).expect("a date"),
        });
        let shown = item(data, 2, &kumla);
        assert_eq!(
            shown.contribution.as_deref(),
            Some("inskickad via kompass, granskad 8 december 2026 (B-2026-0007)")
        );
        let html = render("1881", &[shown], &[]).into_string();
        assert!(
            html.contains("</a>, inskickad via kompass, granskad 8 december 2026"),
            "{html}"
        );
    }
}
