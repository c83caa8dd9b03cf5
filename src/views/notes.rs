//! What pages and tables say of an evaluation's figures, in Swedish and made
//! from the data: what its source published, and where the source's own
//! figures do not add up. The curators' English notes stay in the API; these
//! sentences (and the curator's Swedish `public_note`) are what readers see,
//! on the municipality page and in the `anmarkning` column of the tables.

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

/// A printed difference, said in Swedish from the figures themselves.
pub fn discrepancy_sentence(e: &Evaluation, figure: Figure) -> String {
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

/// A table's note on one figure: the source's printed differences for it,
/// in Swedish.
pub fn discrepancy_note(e: &Evaluation, figure: Figure) -> Option<String> {
    let notes: Vec<String> = e
        .discrepancies
        .iter()
        .filter(|d| d.figure == figure)
        .map(|d| discrepancy_sentence(e, d.figure))
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
            discrepancy_sentence(&kramfors.evaluation, Figure::Total),
            "Totalpoängen: källan trycker 359, men områdena summerar till 363; skillnaden är större än avrundning förklarar. Båda visas som de trycktes."
        );
        let area3 = Figure::Area(AreaNumber::ALL[2]);
        assert!(discrepancy_sentence(&kramfors.evaluation, area3).starts_with("Område 3: "));
    }
}
