//! What replacing a stored evaluation with a newly read one would lose: the
//! figures and texts the old one has and the new source does not print (a
//! report prints no grand total, a curated file may carry notes and a total
//! from the municipality's site).

use std::fmt;

use crate::domain::{AreaNumber, Evaluation, Score, SubareaCode};

/// A part of a stored evaluation that the new source does not print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    Month(u8),
    EvaluationNumber(u8),
    Total(Score),
    /// Areas, with their points.
    Areas(Vec<(AreaNumber, Score)>),
    Subareas(Vec<SubareaCode>),
    Discrepancies,
    Notes,
    /// The curator's Swedish note for readers.
    PublicNote,
    /// How many changes the source states (`[[stated_changes]]`).
    StatedChanges(usize),
    /// When the results were published.
    Published(chrono::NaiveDate),
    SourceUrl,
    SourceTitle,
    Evaluators,
    /// How many texts.
    Texts(usize),
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dropped::Month(m) => write!(f, "the month ({m})"),
            Dropped::EvaluationNumber(n) => write!(f, "the evaluation number ({n})"),
            Dropped::Total(total) => write!(f, "the total {total}"),
            Dropped::Areas(areas) => {
                let list: Vec<String> = areas.iter().map(|(n, p)| format!("{n} ({p})")).collect();
                write!(f, "area(s) {}", list.join(", "))
            }
            Dropped::Subareas(codes) => {
                let list: Vec<String> = codes.iter().map(ToString::to_string).collect();
                write!(f, "sub-area(s) {}", list.join(", "))
            }
            Dropped::Discrepancies => f.write_str("the recorded discrepancies"),
            Dropped::Notes => f.write_str("the notes"),
            Dropped::PublicNote => f.write_str("the public note"),
            Dropped::StatedChanges(1) => f.write_str("1 stated change"),
            Dropped::StatedChanges(n) => write!(f, "{n} stated changes"),
            Dropped::Published(date) => write!(f, "the publication date ({date})"),
            Dropped::SourceUrl => f.write_str("the source address"),
            Dropped::SourceTitle => f.write_str("the source title"),
            Dropped::Evaluators => f.write_str("the evaluators"),
            Dropped::Texts(n) => write!(f, "{n} text(s)"),
        }
    }
}

/// The parts of `old` that `new` lacks.
pub fn dropped(old: &Evaluation, new: &Evaluation) -> Vec<Dropped> {
    let mut lost = Vec::new();
    if let (Some(month), None) = (old.month, new.month) {
        lost.push(Dropped::Month(month));
    }
    if let (Some(n), None) = (old.evaluation_number, new.evaluation_number) {
        lost.push(Dropped::EvaluationNumber(n));
    }
    if let (Some(total), None) = (old.total, new.total) {
        lost.push(Dropped::Total(total));
    }
    let areas: Vec<(AreaNumber, Score)> = old
        .areas
        .iter()
        .filter(|a| new.area(a.number).is_none())
        .map(|a| (a.number, a.points))
        .collect();
    if !areas.is_empty() {
        lost.push(Dropped::Areas(areas));
    }
    let subareas: Vec<SubareaCode> = old
        .subareas
        .iter()
        .filter(|s| !new.subareas.iter().any(|n| n.code == s.code))
        .map(|s| s.code)
        .collect();
    if !subareas.is_empty() {
        lost.push(Dropped::Subareas(subareas));
    }
    if !old.discrepancies.is_empty() && new.discrepancies.is_empty() {
        lost.push(Dropped::Discrepancies);
    }
    if old.notes.is_some() && new.notes.is_none() {
        lost.push(Dropped::Notes);
    }
    if old.public_note.is_some() && new.public_note.is_none() {
        lost.push(Dropped::PublicNote);
    }
    let stated = old
        .stated_changes
        .iter()
        .filter(|s| new.stated_change(s.figure, s.since).is_none())
        .count();
    if stated > 0 {
        lost.push(Dropped::StatedChanges(stated));
    }
    if let (Some(date), None) = (old.published, new.published) {
        lost.push(Dropped::Published(date));
    }
    if old.source.url.is_some() && new.source.url.is_none() {
        lost.push(Dropped::SourceUrl);
    }
    if old.source.title.is_some() && new.source.title.is_none() {
        lost.push(Dropped::SourceTitle);
    }
    if !old.evaluators.is_empty() && new.evaluators.is_empty() {
        lost.push(Dropped::Evaluators);
    }
    let texts = old
        .texts
        .iter()
        .filter(|t| {
            !new.texts
                .iter()
                .any(|n| n.area == t.area && n.kind == t.kind)
        })
        .count();
    if texts > 0 {
        lost.push(Dropped::Texts(texts));
    }
    lost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AreaScore, Revision};

    fn words(lost: &[Dropped]) -> Vec<String> {
        lost.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn names_what_the_new_source_does_not_print() {
        let mut old = Evaluation::new("1881".parse().unwrap(), 2020, Revision::new(2020));
        old.total = Some(Score::whole(557));
        old.notes = Some("from kumla.se".into());
        old.areas.push(AreaScore {
            number: AreaNumber::ALL[0],
            printed_name: None,
            points: Score::whole(66),
            percent: None,
            line: None,
        });
        let mut new = old.clone();
        new.total = None;
        new.notes = None;
        assert_eq!(words(&dropped(&old, &new)), ["the total 557", "the notes"]);
        assert!(dropped(&old, &old).is_empty());
        let mut undated = old.clone();
        undated.month = None;
        old.month = Some(11);
        old.evaluation_number = Some(2);
        assert_eq!(
            words(&dropped(&old, &undated))[..2],
            ["the month (11)", "the evaluation number (2)"]
        );
        old.month = None;
        old.evaluation_number = None;
        new.areas.clear();
        assert_eq!(words(&dropped(&old, &new))[1], "area(s) 1 (66)");
    }
}
