//! Which evaluation of the municipality a report is: its number, from an
//! ordinal ("kommunens andra utvärdering", "andra gången kommunen
//! utvärderas"). Ordinals about other evaluations ("Den första utvärderingen
//! gjordes 2017") are told apart by the year their sentence gives, and the
//! municipality's own ("kommunens", "Kumlas") outrank the rest.

use std::sync::LazyLock;

use regex::Regex;

use super::super::prose::Prose;
use super::{Found, regex};
use crate::domain::text::fold_name;
use crate::import::problem::{Notice, NoticeKind};

const ORDINALS: [&str; 10] = [
    "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde",
    "tionde",
];

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(?P<ordinal>{})\s+(?:utvärdering\w*|(?P<time>gången))\b",
        ORDINALS.join("|")
    ))
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(?:19|20)\d\d\b"));

/// How sure an ordinal is to be this evaluation's number, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NumberRank {
    /// "kommunens andra utvärdering", "Kumlas andra utvärdering".
    Owned,
    /// "andra gången kommunen utvärderas".
    Time,
    /// "den andra utvärderingen".
    Other,
}

/// Whether the words before an ordinal make it the municipality's own
/// ("kommunens", "Kumlas", "Kumla kommuns").
fn owned(before: &str, names_it: &dyn Fn(&str) -> bool) -> bool {
    let words: Vec<&str> = before.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let folded = fold_name(last);
    if matches!(folded.as_str(), "kommunens" | "stadens" | "regionens") {
        return true;
    }
    if matches!(folded.as_str(), "kommuns" | "stads") {
        return words.len() >= 2 && names_it(words[words.len() - 2]);
    }
    folded.ends_with('s') && last.chars().next().is_some_and(char::is_uppercase) && {
        // "Kumlas", "Region Gotlands", "Upplands Väsbys".
        let from = words.len().saturating_sub(2);
        names_it(&words[from..].join(" ")) || names_it(last)
    }
}

/// The evaluation's number, from ordinals in sentences that give no other
/// year than the evaluation's ("Den första utvärderingen gjordes 2017" is
/// about another one). Different numbers of the best rank are left out,
/// with a notice.
pub fn evaluation_number(
    prose: &Prose,
    year: i32,
    names_it: &dyn Fn(&str) -> bool,
    notices: &mut Vec<Notice>,
) -> Option<Found<u8>> {
    let text = prose.text.as_str();
    let mut found: Vec<(NumberRank, Found<u8>, String)> = Vec::new();
    for caps in NUMBER.captures_iter(text) {
        let (Some(all), Some(word)) = (caps.get(0), caps.name("ordinal")) else {
            continue;
        };
        let (start, end) = prose.sentence_around(word.start());
        let sentence = &text[start..end];
        let other_year = YEAR
            .find_iter(sentence)
            .any(|y| y.as_str().parse::<i32>().ok() != Some(year));
        if other_year {
            continue;
        }
        let rank = if caps.name("time").is_some() {
            if !fold_name(sentence).contains("utvärder") {
                continue;
            }
            NumberRank::Time
        } else if owned(&text[start..word.start()], names_it) {
            NumberRank::Owned
        } else {
            NumberRank::Other
        };
        let folded = fold_name(word.as_str());
        let Some(n) = ORDINALS
            .iter()
            .position(|o| *o == folded)
            .and_then(|n| u8::try_from(n + 1).ok())
        else {
            continue;
        };
        found.push((
            rank,
            Found {
                value: n,
                line: prose.line_at(word.start()),
            },
            all.as_str().to_string(),
        ));
    }
    let rank = found.iter().map(|f| f.0).min()?;
    let best: Vec<&(NumberRank, Found<u8>, String)> =
        found.iter().filter(|f| f.0 == rank).collect();
    let first = &best.first()?.1;
    if best.iter().all(|f| f.1.value == first.value) {
        return Some(first.clone());
    }
    let found = best
        .iter()
        .map(|(_, n, quote)| (n.line, quote.clone()))
        .collect();
    notices.push(Notice::at(first.line, NoticeKind::NumberLeftOut(found)));
    None
}

#[cfg(test)]
mod tests {
    use super::super::super::normalize::normalize;
    use super::*;

    fn kumla(phrase: &str) -> bool {
        matches!(fold_name(phrase).as_str(), "kumla" | "kumlas")
    }

    fn number(text: &str) -> (Option<(u8, u32)>, Vec<String>) {
        let prose = Prose::of(&normalize(text));
        let mut notices = Vec::new();
        let n = evaluation_number(&prose, 2020, &kumla, &mut notices);
        let notices = notices.iter().map(ToString::to_string).collect();
        (n.map(|n| (n.value, n.line)), notices)
    }

    #[test]
    fn prefers_the_municipalitys_own_ordinal() {
        assert_eq!(
            number(
                "Utvärderingen genomfördes 2020 och var\nkommunens andra utvärdering. Den första utvärderingen gjordes 2017."
            )
            .0,
            Some((2, 2))
        );
        assert_eq!(
            number("Detta var den tredje utvärderingen. Det var Kumlas andra utvärdering.").0,
            Some((2, 1))
        );
        assert_eq!(
            number("Det är andra gången kommunen utvärderas enligt Kommunkompassen.").0,
            Some((2, 1))
        );
        assert_eq!(number("Medborgarpanelen hölls för andra gången.").0, None);
        assert_eq!(
            number(
                "Kumlas första utvärdering genomfördes i maj 2017. Nu kommunens andra utvärdering."
            )
            .0,
            Some((2, 1))
        );
    }

    #[test]
    fn different_numbers_of_one_rank_are_left_out_with_a_notice() {
        let (n, notices) =
            number("Det var kommunens andra utvärdering.\nDet var kommunens tredje utvärdering.");
        assert_eq!(n, None);
        assert!(
            notices[0].contains("line 1: \"andra utvärdering\"")
                && notices[0].contains("line 2: \"tredje utvärdering\""),
            "{notices:?}"
        );
    }
}
