//! The municipality page's sources: for every evaluation, what was and was
//! not published (a Swedish sentence made from the data), the source, the
//! evaluators, the curator's Swedish note, the changes the source states and
//! any difference between its printed figures; then where to download what
//! the page shows. The curators' English notes stay in the API.

use maud::{Markup, html};

use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, Evaluation, Figure, Score};
use crate::views::downloads::{self, TableFiles};
use crate::views::format;

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
    /// Differences between the source's own figures, as sentences.
    pub discrepancies: Vec<String>,
}

/// "Bara totalpoängen publicerades.", "Totalpoängen och 2 av 8 områden
/// publicerades.": what an evaluation's source printed, from the data.
pub fn published_sentence(e: &Evaluation) -> String {
    let areas = e.areas.len();
    let subareas = match e.subareas.len() {
        0 => String::new(),
        n => format!(", och {n} delområden"),
    };
    match (e.total.is_some(), areas) {
        (false, 0) if e.subareas.is_empty() => "Poängen publicerades inte.".to_string(),
        (false, 0) => format!(
            "Bara delområdenas poäng publicerades ({}).",
            e.subareas.len()
        ),
        (true, 0) => "Bara totalpoängen publicerades.".to_string(),
        (true, 8) => format!("Totalpoängen och alla åtta områden publicerades{subareas}."),
        (true, n) => format!("Totalpoängen och {n} av 8 områden publicerades{subareas}."),
        (false, n) => format!(
            "Områdespoäng publicerades för {n} av 8 områden{subareas}, men inte totalpoängen."
        ),
    }
}

/// "Totalpoängen" or "Område 3".
fn figure_name(figure: Figure) -> String {
    match figure {
        Figure::Total => "Totalpoängen".to_string(),
        Figure::Area(n) => format!("Område {n}"),
    }
}

fn sum(values: impl Iterator<Item = Score>) -> String {
    let tenths: i64 = values.map(|s| s.tenths()).sum();
    // Decimals 0: a whole sum prints as one; a sum with tenths keeps them.
    Score::from_tenths(tenths, 0).to_swedish()
}

/// A printed difference, said in Swedish from the figures themselves.
fn discrepancy_sentence(e: &Evaluation, figure: &str) -> String {
    let Ok(parsed) = figure.parse::<Figure>() else {
        return "Källans siffror går inte ihop; de visas som de trycktes.".to_string();
    };
    let parts = match parsed {
        Figure::Total if e.areas.len() == AreaNumber::ALL.len() => e
            .total
            .map(|t| (t, sum(e.areas.iter().map(|a| a.points)), "områdena")),
        Figure::Area(n) => e.area(n).and_then(|a| {
            let subs: Vec<Score> = e
                .subareas
                .iter()
                .filter(|s| s.code.area == n)
                .map(|s| s.points)
                .collect();
            (!subs.is_empty()).then(|| (a.points, sum(subs.into_iter()), "delområdena"))
        }),
        Figure::Total => None,
    };
    match parts {
        Some((printed, total, of)) => format!(
            "{}: källan trycker {}, men {of} summerar till {total}; skillnaden är större än avrundning förklarar. Båda visas som de trycktes.",
            figure_name(parsed),
            printed.to_swedish()
        ),
        None => format!(
            "{}: källans siffror går inte ihop; de visas som de trycktes.",
            figure_name(parsed)
        ),
    }
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
        discrepancies: e
            .discrepancies
            .iter()
            .map(|d| discrepancy_sentence(e, &d.figure))
            .collect(),
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
                        @if let Some(n) = s.number { ", kommunens " (ordinal(n)) " utvärdering" }
                        ". " (s.published)
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
    use crate::domain::tests::{KUMLA_2020, evaluation};

    #[test]
    fn what_was_published_is_said_from_the_data() {
        let say = |areas: &[i64], total: Option<i64>| {
            published_sentence(&evaluation("1881", 2020, "v2020", areas, total).evaluation)
        };
        assert_eq!(say(&[], None), "Poängen publicerades inte.");
        assert_eq!(say(&[], Some(557)), "Bara totalpoängen publicerades.");
        assert_eq!(
            say(&KUMLA_2020, Some(557)),
            "Totalpoängen och alla åtta områden publicerades."
        );
        assert_eq!(
            say(&[54, 55], Some(519)),
            "Totalpoängen och 2 av 8 områden publicerades."
        );
        assert_eq!(
            say(&[54], None),
            "Områdespoäng publicerades för 1 av 8 områden, men inte totalpoängen."
        );
    }

    #[test]
    fn printed_differences_are_said_in_swedish_with_their_figures() {
        let kramfors = evaluation(
            "1881",
            2010,
            "v2010",
            &[40, 45, 50, 44, 46, 42, 48, 48],
            Some(359),
        );
        assert_eq!(
            discrepancy_sentence(&kramfors.evaluation, "total"),
            "Totalpoängen: källan trycker 359, men områdena summerar till 363; skillnaden är större än avrundning förklarar. Båda visas som de trycktes."
        );
        assert!(discrepancy_sentence(&kramfors.evaluation, "area 3").starts_with("Område 3: "));
        assert_eq!(ordinal(2), "andra");
        assert_eq!(ordinal(7), "7:e");
    }
}
