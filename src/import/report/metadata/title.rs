//! The title page: the report's title and the evaluators.
//!
//! A title is a phrase at the top of the report that names the evaluated
//! municipality and a year: "Analys av Kumla kommun 2020" (also split over
//! lines: "Analys av" / "Kumla kommun" / "2020") or "Kommunkompassen Region
//! Gotland 2020"; SKL's reports of 2002-2010 give the visit instead,
//! "Analys av Borlänge kommun 2010-06-15--17", "Analys av Ale kommun 8-9
//! november 2006", "Analys av Stockholms Stad Januari 2009", and even
//! without its year, "Analys av Skövde kommun 29-30 september" (the year is
//! then the report's date's, the last such month before it). Prose that happens to contain "analys av" ("... ett verktyg
//! för utvärdering och analys av en kommuns") is not a title, nor is the
//! evaluators' line; a report without a title page has none.
//!
//! The evaluators follow "Utvärderare:" (or "Analys av:" on a title page,
//! when what follows is people, not the municipality), each a person's name
//! with roles and organisations stripped: "Lars Strid, senior konsult SKL,
//! Anna Eklöf SKL och Leif Eldås SKL" gives Lars Strid, Anna Eklöf, Leif Eldås.

use std::sync::LazyLock;

use regex::Regex;

use super::super::normalize::Line;
use super::super::prose::Prose;
use super::{Found, month_number, regex};
use crate::domain::evaluation::MONTHS_SV;
use crate::domain::text::fold_name;

/// A title found on the title page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The phrase as printed, on one line.
    pub text: String,
    /// The line it starts on.
    pub line: u32,
    pub year: Found<i32>,
    pub month: Option<Found<u8>>,
    /// The title gives no year; it is the report's date's (its line).
    pub year_from_report: Option<u32>,
}

/// How many lines at the top may hold the title page.
const TITLE_LINES: usize = 12;

/// The visit's days before its month: "8-9", "den 15", "genomförd 21-22".
const DAYS: &str = r"(?:(?:genomförd|den)\s+)?(?:\d{1,2}(?:\s*[-–]+\s*\d{1,2})?\s+)?";

/// "Analys av <name words> <visit or year>" and "Kommunkompassen <name
/// words> <year>"; the name words are checked against the municipality
/// afterwards. A year may be an ISO date with a range of days
/// ("2010-06-15--17"): its month is the visit's.
static TITLES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let months = MONTHS_SV.join("|");
    ["analys\\s+av", "kommunkompassen"]
        .iter()
        .map(|lead| {
            regex(&format!(
                r"(?i)\b{lead}:?\s+(?P<name>[\p{{L}},\s-]{{1,60}}?)\s+(?:{DAYS}(?P<month>{months})\s+)?(?P<year>(?:19|20)\d\d)(?:-(?P<iso>[01]\d)-[0-3]\d(?:\s*-{{1,2}}\s*[0-3]?\d)?)?\b"
            ))
        })
        .collect()
});

/// A visit without its year: "Analys av Skövde kommun 29-30 september".
static WITHOUT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTHS_SV.join("|");
    regex(&format!(
        r"(?i)\banalys\s+av:?\s+(?P<name>[\p{{L}},\s-]{{1,60}}?)\s+{DAYS}(?P<month>{months})\b(?P<after>\s*\S*)"
    ))
});

/// Words that name an organisation or a role, never a person.
const NOT_A_NAME: [&str; 12] = [
    "kommun",
    "kommuner",
    "stad",
    "region",
    "regioner",
    "landsting",
    "sveriges",
    "skl",
    "skr",
    "utvärderare",
    "analys",
    "kommunkompassen",
];

/// The lines at the top before the first that ends a sentence.
fn title_block(front: &[Line]) -> &[Line] {
    let top = &front[..front.len().min(TITLE_LINES)];
    let end = top
        .iter()
        .position(|l| l.text.ends_with(['.', '?', '!']))
        .unwrap_or(top.len());
    &top[..end]
}

/// The name words of a title phrase ("Region Gotland", "KUMLA KOMMUN
/// NOVEMBER"): the name, and the month when one ends it.
fn name_and_month(words: &str) -> Option<(String, Option<u8>)> {
    let mut words: Vec<&str> = words
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = words.last().and_then(|w| month_number(w));
    if month.is_some() {
        words.pop();
    }
    if words
        .last()
        .is_some_and(|w| matches!(fold_name(w).as_str(), "kommun" | "stad"))
    {
        words.pop();
    }
    if words.first().is_some_and(|w| fold_name(w) == "region") {
        words.remove(0);
    }
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    ((1..=3).contains(&words.len()) && words.iter().all(capitalised))
        .then(|| (words.join(" "), month))
}

/// Whether a phrase at `start` opens its line, or follows only
/// "Kommunkompassen" there, as a title does.
fn opens_line(prose: &Prose, start: usize) -> bool {
    let lead = fold_name(&prose.text[prose.line_start(start)..start]);
    lead.is_empty() || lead == "kommunkompassen"
}

fn titled(prose: &Prose, all: regex::Match<'_>, year: Found<i32>, month: Option<u8>) -> Title {
    let line = prose.line_at(all.start());
    Title {
        text: all.as_str().trim().to_string(),
        line,
        month: month.map(|value| Found {
            value,
            line: year.line,
        }),
        year,
        year_from_report: None,
    }
}

/// A title with its year (and the visit's month, when it gives one).
fn with_year(prose: &Prose, pattern: &Regex, names_it: &dyn Fn(&str) -> bool) -> Option<Title> {
    pattern.captures_iter(&prose.text).find_map(|caps| {
        let (all, name, year) = (caps.get(0)?, caps.name("name")?, caps.name("year")?);
        if !opens_line(prose, all.start()) {
            return None;
        }
        let (name_words, named_month) = name_and_month(name.as_str())?;
        if !names_it(&name_words) {
            return None;
        }
        let iso = caps
            .name("iso")
            .and_then(|m| m.as_str().parse::<u8>().ok())
            .filter(|m| (1..=12).contains(m));
        let month = caps
            .name("month")
            .and_then(|m| month_number(m.as_str()))
            .or(iso)
            .or(named_month);
        let year = Found {
            value: year.as_str().parse().ok()?,
            line: prose.line_at(year.start()),
        };
        Some(titled(prose, all, year, month))
    })
}

/// A visit without its year, dated by the report's date (year, month,
/// line): the last such month before it.
fn without_year(
    prose: &Prose,
    names_it: &dyn Fn(&str) -> bool,
    report: (i32, u8, u32),
) -> Option<Title> {
    WITHOUT_YEAR.captures_iter(&prose.text).find_map(|caps| {
        let (all, name, month) = (caps.get(0)?, caps.name("name")?, caps.name("month")?);
        let after = caps.name("after").map_or("", |a| a.as_str().trim());
        if after.bytes().next().is_some_and(|b| b.is_ascii_digit())
            || !opens_line(prose, all.start())
        {
            return None;
        }
        let (name_words, _) = name_and_month(name.as_str())?;
        let month = month_number(month.as_str())?;
        if !names_it(&name_words) {
            return None;
        }
        let (year, report_month, report_line) = report;
        let value = if month <= report_month {
            year
        } else {
            year - 1
        };
        let found = Found {
            value,
            line: prose.line_at(all.start()),
        };
        let mut title = titled(prose, all, found, Some(month));
        title.text = all.as_str()[..all.as_str().len() - caps.name("after").map_or(0, |a| a.len())]
            .trim()
            .to_string();
        title.year_from_report = Some(report_line);
        Some(title)
    })
}

/// The title, when the top of the report has one naming the municipality;
/// `report` is the report's own date (year, month, line), for a visit
/// printed without its year.
pub fn title(
    front: &[Line],
    names_it: &dyn Fn(&str) -> bool,
    report: Option<(i32, u8, u32)>,
) -> Option<Title> {
    let block = title_block(front);
    let prose = Prose::of(block);
    TITLES
        .iter()
        .find_map(|pattern| with_year(&prose, pattern, names_it))
        .or_else(|| without_year(&prose, names_it, report?))
}

/// A word of a person's name: capitalised letters ("Eklöf", "Britt-Marie")
/// or an initial ("J", "J."); never an acronym ("SKL") or an organisation.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || NOT_A_NAME.contains(&fold_name(word).as_str()) {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    let initial = rest.is_empty() || rest == ['.'];
    initial
        || (rest.iter().all(|c| c.is_alphabetic() || *c == '-')
            && rest.iter().any(|c| c.is_lowercase()))
}

/// One piece of an evaluators' list ("Anna Eklöf SKL", "senior konsult
/// (SKL)", "Ulrika Elming"): the person's name that starts it, if any.
fn person(piece: &str) -> Option<String> {
    let words: Vec<&str> = piece.split_whitespace().collect();
    let mut run = words.iter().take_while(|w| is_name_word(w)).count();
    // "Anna Andersson Örebro kommun": the last capitalised word is the
    // organisation's name.
    if words
        .get(run)
        .is_some_and(|w| matches!(fold_name(w).as_str(), "kommun" | "stad" | "region"))
    {
        run = run.saturating_sub(1);
    }
    (2..=4).contains(&run).then(|| words[..run].join(" "))
}

/// The people named in an evaluators' list.
pub fn persons(list: &str) -> Vec<String> {
    list.split([',', ';', '&'])
        .flat_map(|part| part.split(" och ").flat_map(|p| p.split(" samt ")))
        .filter_map(|p| person(p.trim()))
        .collect()
}

/// The text after a label on line `at`, joined with the next lines while the
/// list is evidently unfinished (nothing yet, or a trailing "och" or comma).
fn list_after(front: &[Line], at: usize, rest: String) -> String {
    let mut rest = rest;
    let mut next = at + 1;
    while next < front.len().min(at + 4)
        && (rest.is_empty() || rest.ends_with(" och") || rest.ends_with(','))
    {
        rest = format!("{rest} {}", front[next].collapsed())
            .trim()
            .to_string();
        next += 1;
    }
    rest
}

/// The evaluators: after "Utvärderare", or after "Analys av" on the title
/// page when that line is not the title itself.
pub fn evaluators(front: &[Line], title: Option<&Title>) -> Vec<String> {
    let labelled = front.iter().position(|l| {
        l.words()
            .any(|w| matches!(w.trim_end_matches(':'), "Utvärderare" | "UTVÄRDERARE"))
    });
    if let Some(at) = labelled {
        let line = front[at].collapsed();
        let word_at = line
            .find("Utvärderare")
            .or_else(|| line.find("UTVÄRDERARE"))
            .unwrap_or(0);
        let rest = line[word_at..]
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r)
            .trim_start_matches(':')
            .trim()
            .to_string();
        return persons(&list_after(front, at, rest));
    }
    let block = title_block(front);
    for (at, line) in block.iter().enumerate() {
        let text = line.collapsed();
        let folded = fold_name(&text);
        let is_title = title.is_some_and(|t| t.line == line.number);
        if is_title || !folded.starts_with("analys av") {
            continue;
        }
        let rest = text
            .splitn(3, char::is_whitespace)
            .nth(2)
            .unwrap_or("")
            .trim_start_matches(':')
            .trim()
            .to_string();
        let found = persons(&list_after(block, at, rest));
        if !found.is_empty() {
            return found;
        }
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use super::super::super::normalize::normalize;
    use super::*;

    fn names(phrase: &str) -> bool {
        matches!(
            fold_name(phrase).as_str(),
            "kumla" | "gotland" | "strängnäs" | "upplands väsby"
        )
    }

    fn title_of(text: &str) -> Option<(String, u32, i32)> {
        title(&normalize(text), &names, None).map(|t| (t.text, t.line, t.year.value))
    }

    #[test]
    fn reads_a_title_split_over_lines() {
        assert_eq!(
            title_of(
                "Kommunkompassen\n\nAnalys av\n\nKumla kommun\n\n2020\n\nUtvärderare:\nLars Strid\n"
            ),
            Some(("Analys av Kumla kommun 2020".into(), 3, 2020))
        );
        assert_eq!(
            title_of("KommunKompassen\nANALYS AV UPPLANDS VÄSBY KOMMUN 2021\nUtvärderare: A B"),
            Some(("ANALYS AV UPPLANDS VÄSBY KOMMUN 2021".into(), 2, 2021))
        );
        assert_eq!(
            title_of("Kommunkompassen Region Gotland 2020 Analys av: Utvärderare Marit Melbi"),
            Some(("Kommunkompassen Region Gotland 2020".into(), 1, 2020))
        );
        assert_eq!(
            title_of(
                "Kommunkompassen\nSträngnäs kommun 2020\nAnalys av J Henrik Bergström, SKL\n2021-01-09"
            ),
            Some(("Kommunkompassen Strängnäs kommun 2020".into(), 1, 2020))
        );
        let t = title(
            &normalize("Analys av Kumla kommun november 2020"),
            &names,
            None,
        )
        .unwrap();
        assert_eq!(t.month.map(|m| m.value), Some(11));
    }

    #[test]
    fn reads_the_visit_as_skl_printed_it_before_2011() {
        let when = |text: &str, report: Option<(i32, u8, u32)>| {
            title(&normalize(text), &names, report).map(|t| {
                (
                    t.text,
                    t.year.value,
                    t.month.map(|m| m.value),
                    t.year_from_report,
                )
            })
        };
        assert_eq!(
            when(
                "Kommunkompassen Analys av Kumla kommun 2010-06-15--17 Innehåll:",
                None
            ),
            Some((
                "Analys av Kumla kommun 2010-06-15--17".into(),
                2010,
                Some(6),
                None
            ))
        );
        assert_eq!(
            when(
                "Kommunkompassen\nAnalys av Kumla kommun\n8-9 november 2006\n",
                None
            ),
            Some((
                "Analys av Kumla kommun 8-9 november 2006".into(),
                2006,
                Some(11),
                None
            ))
        );
        assert_eq!(
            when("Analys av Kumla Stad Januari 2009", None).map(|t| (t.1, t.2)),
            Some((2009, Some(1)))
        );
        assert_eq!(
            when("Analys av Kumla kommun genomförd 21-22 juni 2005", None).map(|t| (t.1, t.2)),
            Some((2005, Some(6)))
        );
        // Without its year: the report's date's, the last such month before it.
        assert_eq!(
            when(
                "Analys av Kumla kommun 29-30 september\nText.",
                Some((2006, 1, 7))
            ),
            Some((
                "Analys av Kumla kommun 29-30 september".into(),
                2005,
                Some(9),
                Some(7)
            ))
        );
        assert_eq!(when("Analys av Kumla kommun 29-30 september", None), None);
    }

    #[test]
    fn prose_and_other_municipalities_are_not_titles() {
        // The Kumla report's first lines: no title page.
        assert_eq!(
            title_of(
                " 1 Vad är kommunkompassen?\n\nKommunkompassen är ett verktyg för utvärdering och analys av en kommuns\n\nsätt att styra 2020."
            ),
            None
        );
        assert_eq!(
            title_of(
                "Kommunkompassen är ett verktyg för utvärdering och analys av en kommuns\n2020"
            ),
            None
        );
        assert_eq!(title_of("Analys av Örebro kommun 2020"), None);
        assert_eq!(
            title_of("Rapporten är en analys av Kumla kommun 2020"),
            None
        );
        assert_eq!(
            title_of(
                "Kommunkompassen\nAnalys av: Utvärderare Marit Melbi och Josephine Hardin 2020"
            ),
            None
        );
    }

    #[test]
    fn strips_roles_and_organisations_from_the_evaluators() {
        assert_eq!(
            persons("Lars Strid, senior konsult SKL, Anna Eklöf SKL och Leif Eldås SKL"),
            vec!["Lars Strid", "Anna Eklöf", "Leif Eldås"]
        );
        assert_eq!(
            persons("Lars Strid, senior konsult (SKL) och Ulrika Elming, Ängelholms kommun"),
            vec!["Lars Strid", "Ulrika Elming"]
        );
        assert_eq!(
            persons("J Henrik Bergström, SKL och Britt-Marie Hedlund, Knivsta kommun"),
            vec!["J Henrik Bergström", "Britt-Marie Hedlund"]
        );
        assert_eq!(
            persons("Anna Andersson Örebro kommun och Bo Berg"),
            vec!["Anna Andersson", "Bo Berg"]
        );
        assert!(persons("Sveriges Kommuner och Regioner").is_empty());
    }

    #[test]
    fn finds_the_evaluators_after_their_label_or_a_title_pages_analys_av() {
        let lines = normalize(
            "Kommunkompassen\n\nAnalys av\n\nKumla kommun\n\n2020\n\nUtvärderare:\n\
             Lars Strid, senior konsult SKL, Anna Eklöf SKL och Leif Eldås SKL\n",
        );
        assert_eq!(
            evaluators(&lines, title(&lines, &names, None).as_ref()),
            vec!["Lars Strid", "Anna Eklöf", "Leif Eldås"]
        );
        let lines = normalize(
            "Kommunkompassen\nSträngnäs kommun 2020\nAnalys av J Henrik Bergström, SKL och Britt-Marie Hedlund, Knivsta kommun\n2021-01-09\n",
        );
        assert_eq!(
            evaluators(&lines, title(&lines, &names, None).as_ref()),
            vec!["J Henrik Bergström", "Britt-Marie Hedlund"]
        );
        let lines = normalize("ANALYS AV KUMLA KOMMUN 2020\n\nText.");
        assert!(evaluators(&lines, title(&lines, &names, None).as_ref()).is_empty());
    }
}
