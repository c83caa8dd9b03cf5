//! What replacing a stored evaluation with a newly read one would lose: the
//! figures and texts the old one has and the new source does not print (a
//! report prints no grand total, a curated file may carry notes and a total
//! from the municipality's site).

use crate::domain::Evaluation;

/// The parts of `old` that `new` lacks, in words ("the total 557", ...).
pub fn dropped(old: &Evaluation, new: &Evaluation) -> Vec<String> {
    let mut lost = Vec::new();
    if let (Some(month), None) = (old.month, new.month) {
        lost.push(format!("the month ({month})"));
    }
    if let (Some(n), None) = (old.evaluation_number, new.evaluation_number) {
        lost.push(format!("the evaluation number ({n})"));
    }
    if let (Some(total), None) = (old.total, new.total) {
        lost.push(format!("the total {total}"));
    }
    let areas: Vec<String> = old
        .areas
        .iter()
        .filter(|a| new.area(a.number).is_none())
        .map(|a| format!("{} ({})", a.number, a.points))
        .collect();
    if !areas.is_empty() {
        lost.push(format!("area(s) {}", areas.join(", ")));
    }
    let subareas: Vec<String> = old
        .subareas
        .iter()
        .filter(|s| !new.subareas.iter().any(|n| n.code == s.code))
        .map(|s| s.code.to_string())
        .collect();
    if !subareas.is_empty() {
        lost.push(format!("sub-area(s) {}", subareas.join(", ")));
    }
    if !old.discrepancies.is_empty() && new.discrepancies.is_empty() {
        lost.push("the recorded discrepancies".into());
    }
    if old.notes.is_some() && new.notes.is_none() {
        lost.push("the notes".into());
    }
    if old.source.url.is_some() && new.source.url.is_none() {
        lost.push("the source address".into());
    }
    if old.source.title.is_some() && new.source.title.is_none() {
        lost.push("the source title".into());
    }
    if !old.evaluators.is_empty() && new.evaluators.is_empty() {
        lost.push("the evaluators".into());
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
        lost.push(format!("{texts} text(s)"));
    }
    lost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AreaNumber, AreaScore, Revision, Score};

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
        assert_eq!(dropped(&old, &new), vec!["the total 557", "the notes"]);
        assert!(dropped(&old, &old).is_empty());
        let mut undated = old.clone();
        undated.month = None;
        old.month = Some(11);
        old.evaluation_number = Some(2);
        assert_eq!(
            dropped(&old, &undated)[..2],
            ["the month (11)", "the evaluation number (2)"]
        );
        old.month = None;
        old.evaluation_number = None;
        new.areas.clear();
        assert_eq!(dropped(&old, &new)[1], "area(s) 1 (66)");
    }
}
