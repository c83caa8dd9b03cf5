//! What pages and tables say of an evaluation's figures, in Swedish and made
//! from the data: what its source published, and where the source's own
//! figures do not add up. The curators' English notes stay in the API; these
//! sentences (and the curator's Swedish `public_note`) are what readers see,
//! on the municipality page and in the `anmarkning` column of the tables.

use crate::domain::printed_total::{DifferenceKind, TotalDifference};
use crate::domain::{AreaNumber, Evaluation, Figure, Score};

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

/// "Områdenas poäng summerar till 363; källan anger totalpoängen 359, en
/// skillnad på 4 poäng i källan som avrundning inte förklarar.": a printed
/// total beside all eight areas that do not add up to it, in one sentence.
pub fn total_difference_sentence(d: &TotalDifference) -> String {
    let both = format!(
        "Områdenas poäng summerar till {}; källan anger totalpoängen {}",
        d.areas_sum.to_swedish(),
        d.printed_total.to_swedish()
    );
    let size = d.size().to_swedish();
    match d.kind {
        DifferenceKind::Rounding => {
            format!("{both}, en skillnad på {size} poäng som avrundning förklarar.")
        }
        DifferenceKind::Source => {
            format!("{both}, en skillnad på {size} poäng i källan som avrundning inte förklarar.")
        }
    }
}

/// A printed difference, said in Swedish from the figures themselves. The
/// total beside eight areas is said as every such total is, recorded or not.
pub fn discrepancy_sentence(e: &Evaluation, figure: Figure) -> String {
    if figure == Figure::Total
        && let Some(d) = TotalDifference::of(e)
    {
        return total_difference_sentence(&d);
    }
    let parts = match figure {
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
            figure_name(figure),
            printed.to_swedish()
        ),
        None => format!(
            "{}: källans siffror går inte ihop; de visas som de trycktes.",
            figure_name(figure)
        ),
    }
}

/// Whether a recorded difference is about the total that
/// `total_difference_sentence` already speaks of.
fn said_by_the_total(e: &Evaluation, figure: Figure, difference: Option<&TotalDifference>) -> bool {
    difference.is_some() && figure == Figure::Total && e.total.is_some()
}

/// Every sentence on the quality of an evaluation's figures, in Swedish: a
/// printed total that differs from its eight areas (recorded under
/// `[[discrepancies]]` or not, said once), then each other recorded
/// difference.
pub fn quality_sentences(e: &Evaluation) -> Vec<String> {
    let difference = TotalDifference::of(e);
    difference
        .iter()
        .map(total_difference_sentence)
        .chain(
            e.discrepancies
                .iter()
                .filter(|d| !said_by_the_total(e, d.figure, difference.as_ref()))
                .map(|d| discrepancy_sentence(e, d.figure)),
        )
        .collect()
}

/// A table's note on one figure: what `quality_sentences` says of it.
pub fn quality_note(e: &Evaluation, figure: Figure) -> Option<String> {
    let difference = TotalDifference::of(e).filter(|_| figure == Figure::Total);
    let notes: Vec<String> = difference
        .iter()
        .map(total_difference_sentence)
        .chain(
            e.discrepancies
                .iter()
                .filter(|d| d.figure == figure)
                .filter(|d| !said_by_the_total(e, d.figure, difference.as_ref()))
                .map(|d| discrepancy_sentence(e, d.figure)),
        )
        .collect();
    (!notes.is_empty()).then(|| notes.join(" "))
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

    const KRAMFORS_2011: [i64; 8] = [51, 45, 62, 34, 52, 27, 39, 53];
    const KRAMFORS_2013: [i64; 8] = [58, 56, 73, 53, 58, 45, 44, 60];

    fn kramfors(year: i32, areas: &[i64], total: i64) -> Evaluation {
        evaluation("2282", year, "v2010", areas, Some(total)).evaluation
    }

    #[test]
    fn a_total_that_differs_from_its_areas_is_said_with_both_figures() {
        let e = kramfors(2011, &KRAMFORS_2011, 359);
        let said = "Områdenas poäng summerar till 363; källan anger totalpoängen 359, en skillnad på 4 poäng i källan som avrundning inte förklarar.";
        assert_eq!(quality_sentences(&e), vec![said]);
        assert_eq!(quality_note(&e, Figure::Total).as_deref(), Some(said));
        assert_eq!(quality_note(&e, Figure::Area(AreaNumber::ALL[0])), None);
        let rounded = kramfors(2013, &KRAMFORS_2013, 448);
        assert_eq!(
            quality_sentences(&rounded),
            vec![
                "Områdenas poäng summerar till 447; källan anger totalpoängen 448, en skillnad på 1 poäng som avrundning förklarar."
            ]
        );
        assert!(quality_sentences(&kramfors(2013, &KRAMFORS_2013, 447)).is_empty());
    }

    #[test]
    fn a_recorded_difference_of_the_total_is_said_once_in_the_same_words() {
        let mut e = kramfors(2011, &KRAMFORS_2011, 359);
        e.discrepancies = vec![
            crate::domain::Discrepancy {
                figure: Figure::Total,
                note: "The areas sum to 363; the page states 359.".into(),
            },
            crate::domain::Discrepancy {
                figure: Figure::Area(AreaNumber::ALL[2]),
                note: "Printed as 63 in the summary.".into(),
            },
        ];
        let sentences = quality_sentences(&e);
        assert_eq!(sentences.len(), 2, "{sentences:?}");
        assert!(
            sentences[0]
                .starts_with("Områdenas poäng summerar till 363; källan anger totalpoängen 359")
        );
        assert!(sentences[1].starts_with("Område 3: "));
        assert_eq!(discrepancy_sentence(&e, Figure::Total), sentences[0]);
        assert_eq!(
            quality_note(&e, Figure::Total).as_deref(),
            Some(sentences[0].as_str())
        );
        assert_eq!(
            quality_note(&e, Figure::Area(AreaNumber::ALL[2])).as_deref(),
            Some(sentences[1].as_str())
        );
    }
}
