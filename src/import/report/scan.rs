//! Small recognisers shared by the report parsers: printed figures, bullets,
//! table-of-contents lines and folded keywords.

use crate::domain::Score;
use crate::domain::text::fold_name;

/// A number as printed in a report: "66", "72,5", "63%".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub value: Score,
    pub percent: bool,
}

/// Reads one word as a figure; "63%" is a percent, "(26)" is not a figure.
pub fn figure(word: &str) -> Option<Figure> {
    let (number, percent) = match word.strip_suffix('%') {
        Some(n) => (n, true),
        None => (word, false),
    };
    if number.is_empty()
        || !number
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    if !number.as_bytes()[0].is_ascii_digit()
        || !number.as_bytes()[number.len() - 1].is_ascii_digit()
    {
        return None;
    }
    Score::parse_printed(number)
        .ok()
        .map(|value| Figure { value, percent })
}

/// The words of a text with a lone "%" joined to the number before it
/// ("63 %" -> "63%"), as extraction sometimes splits them.
pub fn words_joining_percent(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        match out.last_mut() {
            Some(last) if w == "%" && figure(last).is_some_and(|f| !f.percent) => last.push('%'),
            _ => out.push(w.to_string()),
        }
    }
    out
}

/// Splits a line into its leading words and the run of figures that ends it.
pub fn trailing_figures(text: &str) -> (Vec<String>, Vec<Figure>) {
    let words = words_joining_percent(text);
    let split = words
        .iter()
        .rposition(|w| figure(w).is_none())
        .map_or(0, |i| i + 1);
    let figures = words[split..].iter().filter_map(|w| figure(w)).collect();
    (words[..split].to_vec(), figures)
}

/// A line that is only a figure, optionally labelled: "66", "Poäng: 66", "66 poäng".
pub fn lone_figure(text: &str) -> Option<Score> {
    let words = words_joining_percent(text);
    let figures: Vec<Figure> = words.iter().filter_map(|w| figure(w)).collect();
    let labels_ok = words
        .iter()
        .filter(|w| figure(w).is_none())
        .all(|w| matches!(fold_name(w).as_str(), "poäng" | "p" | "totalt" | ""));
    match figures.as_slice() {
        [f] if !f.percent && labels_ok => Some(f.value),
        _ => None,
    }
}

/// Characters that start a bullet-list item in extracted text.
pub fn strip_bullet(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    let is_bullet = matches!(
        first,
        '•' | '●'
            | '▪'
            | '■'
            | '◦'
            | '○'
            | '·'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '–'
            | '-'
            | '*'
            | '→'
            | '►'
    );
    is_bullet.then(|| text[first.len_utf8()..].trim_start())
}

/// A table-of-contents entry: dot leaders, or a title followed by a page number
/// after dots ("Område 1 Offentlighet och demokrati... 8").
pub fn is_toc_entry(text: &str) -> bool {
    text.contains("...") || text.contains("\u{2026}") || text.contains(". . .")
}

/// Whether the text starts with a lower-case letter (a wrapped continuation).
pub fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_figures_as_printed() {
        assert_eq!(figure("66").map(|f| f.value), Some(Score::whole(66)));
        assert_eq!(figure("72,5").map(|f| f.value.tenths()), Some(725));
        assert!(figure("63%").is_some_and(|f| f.percent));
        for not in ["(26)", "2018-05-03", "1.1.", "%", "a1", ",5", "1,"] {
            assert_eq!(figure(not), None, "{not}");
        }
    }

    #[test]
    fn splits_a_row_into_name_and_figures() {
        let (name, figs) = trailing_figures("1.2 Kommunens information 5 10 48 %");
        assert_eq!(name, vec!["1.2", "Kommunens", "information"]);
        let values: Vec<i64> = figs.iter().map(|f| f.value.tenths() / 10).collect();
        assert_eq!(values, vec![5, 10, 48]);
        assert!(figs[2].percent);
        let (name, figs) = trailing_figures("tjänsteperson");
        assert_eq!((name.len(), figs.len()), (1, 0));
    }

    #[test]
    fn knows_a_lone_score() {
        assert_eq!(lone_figure("66"), Some(Score::whole(66)));
        assert_eq!(lone_figure("Poäng: 72,5").map(|s| s.tenths()), Some(725));
        assert_eq!(lone_figure("66 100 66%"), None);
        assert_eq!(lone_figure("66%"), None);
        assert_eq!(lone_figure("år 2020"), None);
    }

    #[test]
    fn knows_bullets_and_toc_entries() {
        assert_eq!(
            strip_bullet("• Social hållbarhet"),
            Some("Social hållbarhet")
        );
        assert_eq!(strip_bullet("Social"), None);
        assert!(is_toc_entry("Område 1 Offentlighet och demokrati... 8"));
        assert!(!is_toc_entry("Område 1 Offentlighet och demokrati"));
    }
}
