//! When: the month and year of the evaluation.
//!
//! A report's front matter dates other things too: the municipality's earlier
//! evaluations ("Kumlas första utvärdering genomfördes i maj 2017") and
//! revisions of the criteria ("Den senaste revideringen gjordes i december
//! 2019"). Taking the first date would file the report under another
//! evaluation and replace it, so a date counts by where it is read, best
//! first: a sentence about the evaluated municipality ("Utvärderingen av Kumla
//! kommun genomfördes i november 2020", "Kumla kommun utvärderades i november
//! 2020"), then the title page ("Analys av Kumla kommun 2020"), then any other
//! "genomfördes i <månad> <år>". A date in a sentence about an earlier
//! evaluation or a revision never counts. Different dates of the best rank
//! found are refused, naming their lines: the parser does not guess.

use std::sync::LazyLock;

use regex::Regex;

use super::super::prose::Prose;
use super::title::Title;
use super::{Found, NAME, month_number, regex};
use crate::domain::evaluation::MONTHS_SV;
use crate::domain::text::fold_name;
use crate::import::problem::{
    DateSource, Dated, Field, MetadataProblem, Notice, NoticeKind, Problem, QuotedDate,
};

/// A date phrase: the verb, then an optional month and the year.
static WHEN: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTHS_SV.join("|");
    regex(&format!(
        r"(?i)\b(?P<verb>genomfördes|gjordes|utfördes|skedde|ägde\s+rum|utvärderades)\b[^.]{{0,60}}?(?:\b(?P<month>{months})\b(?P<between>[^.]{{0,30}}?))?\b(?P<year>(?:19|20)\d\d)(?:-(?P<iso>[01]\d)-[0-3]\d)?\b"
    ))
});

/// "Utvärderingen av Kumla kommun [enligt Kommunkompassen]" just before the verb.
static EVALUATION_OF: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i:utvärderingen\s+av)\s+(?:(?i:region)\s+)?{NAME}(?:\s+(?i:kommun|stad))?\b[^.]{{0,40}}$"
    ))
});

/// "Kumla kommun" (or "Region Gotland") just before "utvärderades".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:(?i:region)\s+)?{NAME}(?:\s+(?i:kommun|stad))?\s*$"
    ))
});

/// How far before a date a word marking an earlier evaluation or a revision
/// is looked for: the clause, not a long run of text without a full stop.
const CLAUSE_CHARS: usize = 80;

/// Where a date was read, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// A sentence about the evaluated municipality.
    Naming,
    /// The title page.
    Title,
    /// Any other "genomfördes i <månad> <år>".
    Other,
}

#[derive(Debug, Clone)]
struct Candidate {
    rank: Rank,
    year: Found<i32>,
    month: Option<Found<u8>>,
    /// The words the date was read from, for messages.
    quote: String,
    /// A range of months ("oktober–november 2020"): dated by its first.
    range: bool,
}

impl Candidate {
    fn when(&self) -> Dated {
        Dated {
            year: self.year.value,
            month: self.month.as_ref().map(|m| m.value),
        }
    }

    fn line(&self) -> u32 {
        self.month.as_ref().map_or(self.year.line, |m| m.line)
    }

    /// The date with the words it was read from, for messages.
    fn quoted(&self) -> QuotedDate {
        QuotedDate {
            date: self.when(),
            line: self.line(),
            quote: self.quote.clone(),
        }
    }
}

/// The evaluation's date as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub year: Found<i32>,
    pub month: Option<Found<u8>>,
}

/// The word that makes a clause about something other than this evaluation:
/// an earlier evaluation or a revision of the criteria.
fn about_something_else(clause: &str) -> Option<String> {
    fold_name(clause)
        .split(' ')
        .find(|w| {
            matches!(
                *w,
                "förra" | "föregående" | "tidigare" | "senaste" | "senast"
            ) || w.starts_with("revider")
                || w.starts_with("revision")
        })
        .map(str::to_string)
}

/// The start of the clause before `offset`: the sentence, at most
/// `CLAUSE_CHARS` back.
fn clause_start(text: &str, sentence_start: usize, offset: usize) -> usize {
    let mut start = offset.saturating_sub(CLAUSE_CHARS).max(sentence_start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

/// Every date phrase of the front matter, ranked; and the lines of those
/// left out, with the word that made them about something else.
fn sentence_candidates(
    prose: &Prose,
    names_it: &dyn Fn(&str) -> bool,
) -> (Vec<Candidate>, Vec<(u32, String)>) {
    let text = prose.text.as_str();
    let mut found = Vec::new();
    let mut ignored = Vec::new();
    for caps in WHEN.captures_iter(text) {
        let (Some(all), Some(verb), Some(year)) =
            (caps.get(0), caps.name("verb"), caps.name("year"))
        else {
            continue;
        };
        let (sentence_start, _) = prose.sentence_around(all.start());
        let clause = &text[clause_start(text, sentence_start, all.start())..all.end()];
        if let Some(word) = about_something_else(clause) {
            ignored.push((prose.line_at(year.start()), word));
            continue;
        }
        let before = &text[sentence_start..verb.start()];
        let naming = if fold_name(verb.as_str()) == "utvärderades" {
            SUBJECT.captures(before)
        } else {
            EVALUATION_OF.captures(before)
        }
        .and_then(|c| c.get(1))
        .is_some_and(|name| names_it(name.as_str()));
        let month = caps
            .name("month")
            .and_then(|m| {
                Some(Found {
                    value: month_number(m.as_str())?,
                    line: prose.line_at(m.start()),
                })
            })
            .or_else(|| {
                // "genomfördes 2010-06-15--17": the ISO date's month.
                let iso = caps.name("iso")?;
                let value: u8 = iso.as_str().parse().ok().filter(|m| (1..=12).contains(m))?;
                Some(Found {
                    value,
                    line: prose.line_at(iso.start()),
                })
            });
        let Ok(value) = year.as_str().parse::<i32>() else {
            continue;
        };
        let range = caps.name("between").is_some_and(|b| {
            fold_name(b.as_str())
                .split(' ')
                .any(|w| month_number(w).is_some())
        });
        found.push(Candidate {
            rank: if naming { Rank::Naming } else { Rank::Other },
            year: Found {
                value,
                line: prose.line_at(year.start()),
            },
            month,
            quote: all.as_str().to_string(),
            range,
        });
    }
    (found, ignored)
}

/// The one date the candidates agree on (a year alone agrees with a month
/// of that year), or a problem naming each different date's line.
fn agreed(candidates: &[&Candidate], source: DateSource) -> Result<Candidate, Problem> {
    let mut best: Option<Candidate> = None;
    for c in candidates {
        let Some(b) = best.as_mut() else {
            best = Some((*c).clone());
            continue;
        };
        let months = (b.month.as_ref(), c.month.as_ref());
        let month_clash = matches!(months, (Some(x), Some(y)) if x.value != y.value);
        if b.year.value != c.year.value || month_clash {
            return Err(Problem::new(
                Some(candidates.first().map_or(0, |c| c.line())),
                Field::Year,
                MetadataProblem::DatesDisagree {
                    source,
                    dates: candidates.iter().map(|c| c.quoted()).collect(),
                },
            ));
        }
        if b.month.is_none() && c.month.is_some() {
            b.month = c.month.clone();
            b.range = c.range;
        }
    }
    best.ok_or_else(|| no_date(&[]))
}

fn source(rank: Rank) -> DateSource {
    match rank {
        Rank::Naming => DateSource::Naming,
        Rank::Title => DateSource::TitlePage,
        Rank::Other => DateSource::Other,
    }
}

/// Reads the evaluation's month and year from the front matter (`prose`)
/// and the title page. `names_it` tells whether a printed name is the
/// evaluated municipality. Notices say where a choice was made.
pub fn evaluation_date(
    prose: &Prose,
    title: Option<&Title>,
    names_it: &dyn Fn(&str) -> bool,
    notices: &mut Vec<Notice>,
) -> Result<When, Problem> {
    let (mut candidates, ignored) = sentence_candidates(prose, names_it);
    if let Some(t) = title {
        candidates.push(Candidate {
            rank: Rank::Title,
            year: t.year.clone(),
            month: t.month.clone(),
            quote: t.text.clone(),
            range: false,
        });
    }
    let Some(rank) = candidates.iter().map(|c| c.rank).min() else {
        return Err(no_date(&ignored));
    };
    let best: Vec<&Candidate> = candidates.iter().filter(|c| c.rank == rank).collect();
    let mut chosen = agreed(&best, source(rank))?;
    match rank {
        Rank::Naming => {
            if let Some(t) = title.filter(|t| t.year.value != chosen.year.value) {
                notices.push(Notice::at(
                    t.line,
                    NoticeKind::TitleYearDiffers {
                        title: t.text.clone(),
                        title_year: t.year.value,
                        chosen: chosen.quoted(),
                    },
                ));
            }
        }
        Rank::Title => month_beside_the_title(&candidates, &best, &mut chosen, notices)?,
        Rank::Other => {}
    }
    if chosen.range {
        notices.push(Notice::at(
            chosen.line(),
            NoticeKind::MonthRange {
                quote: chosen.quote.clone(),
                date: chosen.when(),
            },
        ));
    }
    Ok(When {
        year: chosen.year,
        month: chosen.month,
    })
}

/// No date found: what was looked for, and the dates left out.
fn no_date(ignored: &[(u32, String)]) -> Problem {
    Problem::new(
        ignored.first().map(|(line, _)| *line),
        Field::Year,
        MetadataProblem::NoDate(ignored.to_vec()),
    )
}

/// Dated by the title: another sentence may give the month of the title's
/// year; one of another year is a second plausible date.
fn month_beside_the_title(
    candidates: &[Candidate],
    best: &[&Candidate],
    chosen: &mut Candidate,
    notices: &mut Vec<Notice>,
) -> Result<(), Problem> {
    let others: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.rank == Rank::Other)
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    let mut all = best.to_vec();
    all.extend(others.iter().copied());
    let merged = agreed(&all, DateSource::TitleAndSentences)?;
    if chosen.month.is_none()
        && let Some(m) = merged.month.clone()
    {
        notices.push(Notice::at(
            m.line,
            NoticeKind::MonthFromSentence {
                quote: merged.quote.clone(),
                title_line: chosen.year.line,
            },
        ));
        chosen.month = Some(m);
        chosen.range = merged.range;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::super::normalize::normalize;
    use super::*;

    fn kumla(phrase: &str) -> bool {
        let folded = fold_name(phrase);
        matches!(folded.as_str(), "kumla" | "kumlas")
    }

    fn date(text: &str) -> (Result<When, Problem>, Vec<String>) {
        let prose = Prose::of(&normalize(text));
        let mut notices = Vec::new();
        let when = evaluation_date(&prose, None, &kumla, &mut notices);
        (when, notices.iter().map(ToString::to_string).collect())
    }

    fn ym(when: &When) -> (i32, Option<u8>, u32) {
        (
            when.year.value,
            when.month.as_ref().map(|m| m.value),
            when.year.line,
        )
    }

    #[test]
    fn an_earlier_evaluation_before_the_real_sentence_is_not_the_date() {
        let (when, _) = date(
            "Kumlas första utvärdering genomfördes i maj 2017.\n\
             Utvärderingen av Kumla kommun genomfördes i november 2020 och var\n\
             kommunens andra utvärdering.",
        );
        assert_eq!(ym(&when.unwrap()), (2020, Some(11), 2));
        let (when, _) = date(
            "Den förra utvärderingen genomfördes i maj 2017. Intervjuerna genomfördes i november 2020.",
        );
        assert_eq!(ym(&when.unwrap()), (2020, Some(11), 1));
    }

    #[test]
    fn a_revision_date_is_never_the_evaluation_date() {
        let (when, _) = date(
            "Den senaste revideringen gjordes i december 2019.\n\
             Utvärderingen av Kumla kommun genomfördes i november 2020.",
        );
        assert_eq!(ym(&when.unwrap()), (2020, Some(11), 2));
        let (when, _) = date("Den senaste revideringen gjordes i december 2019.");
        let problem = when.unwrap_err();
        assert_eq!(problem.line, Some(1));
        assert!(
            problem.kind.to_string().contains("line 1 (\"senaste\")"),
            "{problem:?}"
        );
    }

    #[test]
    fn reads_the_municipality_as_the_subject_of_utvarderades() {
        let (when, _) = date("Kumla kommun utvärderades i november 2020 och det var bra.");
        assert_eq!(ym(&when.unwrap()), (2020, Some(11), 1));
        // Another municipality's evaluation is only an "other" date, which
        // the sentence naming Kumla outranks.
        let (when, _) = date(
            "Örebro kommun utvärderades i maj 2019. Kumla kommun utvärderades i november 2020.",
        );
        assert_eq!(ym(&when.unwrap()), (2020, Some(11), 1));
    }

    #[test]
    fn refuses_two_different_dates_of_the_same_rank_naming_both_lines() {
        let (when, _) = date(
            "Utvärderingen av Kumla kommun genomfördes i maj 2017.\n\
             Utvärderingen av Kumla kommun genomfördes i november 2020.",
        );
        let problem = when.unwrap_err();
        assert_eq!((problem.line, &problem.field), (Some(1), &Field::Year));
        let message = problem.kind.to_string();
        assert!(
            message.contains("maj 2017 (line 1") && message.contains("november 2020 (line 2"),
            "{problem:?}"
        );
        let (when, _) = date("Intervjuerna gjordes i maj 2020. Analysen gjordes i juni 2020.");
        assert!(when.is_err());
    }

    #[test]
    fn reads_the_month_of_an_iso_date() {
        let (when, _) =
            date("Utvärderingen av Kumla kommun genomfördes 2010-06-15--17 i kommunhuset.");
        assert_eq!(ym(&when.unwrap()), (2010, Some(6), 1));
    }

    #[test]
    fn a_year_agrees_with_a_month_of_that_year() {
        let (when, _) = date(
            "Utvärderingen av Kumla kommun genomfördes under hösten 2020. \
             Utvärderingen av Kumla kommun genomfördes i november 2020.",
        );
        assert_eq!(ym(&when.unwrap()).1, Some(11));
    }

    #[test]
    fn a_range_of_months_is_dated_by_its_first_with_a_notice() {
        let (when, notices) =
            date("Utvärderingen av Kumla kommun genomfördes i oktober–november 2020.");
        assert_eq!(ym(&when.unwrap()).1, Some(10));
        assert!(notices[0].contains("spans several months"), "{notices:?}");
    }

    fn title(year: i32, line: u32) -> Title {
        Title {
            text: format!("Analys av Kumla kommun {year}"),
            line,
            year: Found { value: year, line },
            month: None,
            year_from_report: None,
        }
    }

    #[test]
    fn the_title_page_dates_a_report_without_a_naming_sentence() {
        let prose = Prose::of(&normalize(
            "Kommunkompassen\nAnalys av Kumla kommun 2020\nText.",
        ));
        let mut notices = Vec::new();
        let when = evaluation_date(&prose, Some(&title(2020, 2)), &kumla, &mut notices).unwrap();
        assert_eq!(ym(&when), (2020, None, 2));
        // A sentence of the title's year gives its month, saying so.
        let prose = Prose::of(&normalize("Titel\nIntervjuerna genomfördes i mars 2020."));
        let when = evaluation_date(&prose, Some(&title(2020, 1)), &kumla, &mut notices).unwrap();
        assert_eq!(ym(&when), (2020, Some(3), 1));
        assert!(
            notices[0].to_string().contains("month of the evaluation"),
            "{notices:?}"
        );
        // One of another year is a second plausible date.
        let when = evaluation_date(&prose, Some(&title(2021, 1)), &kumla, &mut notices);
        assert!(when.is_err());
    }

    #[test]
    fn the_naming_sentence_outranks_a_title_of_another_year() {
        let prose = Prose::of(&normalize(
            "Analys av Kumla kommun 2021\nUtvärderingen av Kumla kommun genomfördes i november 2020.",
        ));
        let mut notices = Vec::new();
        let when = evaluation_date(&prose, Some(&title(2021, 1)), &kumla, &mut notices).unwrap();
        assert_eq!(ym(&when), (2020, Some(11), 2));
        assert!(
            notices[0].to_string().contains("gives the year 2021"),
            "{notices:?}"
        );
    }
}
