//! Who and when: the municipality (named in the title and text, mapped to its
//! code through the register), the month and year of the evaluation, its
//! number ("kommunens andra utvärdering"), the evaluators and the title. One
//! step per file: `register` (names to codes), `municipality`, `title` (the
//! title page and the evaluators), `date` (when), `number` (which evaluation).

mod date;
mod municipality;
mod number;
mod register;
mod title;

use regex::Regex;

use super::normalize::Line;
use super::prose::Prose;
use crate::domain::Municipality;
use crate::domain::evaluation::MONTHS_SV;
use crate::domain::text::fold_name;
use crate::import::problem::{Notice, NoticeKind, Problem};
use register::Register;

/// A municipality's name as printed: one to three capitalised words.
const NAME: &str = r"(\p{Lu}[\p{L}]*(?:[- ]\p{Lu}[\p{L}]*){0,2})";

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this module; a broken one fails every test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("report pattern {pattern:?}: {e}"))
}

/// Where a fact was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub municipality: Found<Municipality>,
    pub year: Found<i32>,
    pub month: Option<Found<u8>>,
    pub evaluation_number: Option<Found<u8>>,
    pub evaluators: Vec<String>,
    pub title: Option<String>,
    /// Choices made while reading, for the curator ("line 2: the title ...").
    pub notices: Vec<Notice>,
}

fn month_number(name: &str) -> Option<u8> {
    let folded = fold_name(name);
    MONTHS_SV
        .iter()
        .position(|m| *m == folded)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Who and when as far as they were read, also when not all was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Partial {
    pub municipality: Option<Found<Municipality>>,
    pub year: Option<Found<i32>>,
    pub month: Option<u8>,
}

/// Reads the metadata from the front matter (and, for the municipality's
/// name as a last resort, the whole text); `report_date` is the report's
/// own date (year, month, line), for a title that gives no year. Also what
/// was read when not all of it could be.
pub fn read(
    front: &[Line],
    all: &[Line],
    municipalities: &[Municipality],
    report_date: Option<(i32, u8, u32)>,
) -> (Result<Metadata, Vec<Problem>>, Partial) {
    let mut problems = Vec::new();
    let mut notices = Vec::new();
    let prose = Prose::of(front);
    let register = Register::new(municipalities);
    let municipality = municipality::municipality(&prose, all, &register, &mut problems);
    let code = municipality.as_ref().map(|m| m.value.code);
    let names_it = |phrase: &str| code.is_some_and(|c| register.names(phrase, c));
    let title = title::title(front, &names_it, report_date);
    let when = date::evaluation_date(&prose, title.as_ref(), &names_it, &mut notices)
        .map_err(|p| problems.push(p))
        .ok();
    if let (Some(t), Some(w)) = (&title, &when)
        && let Some(report_line) = t.year_from_report
        && t.year.value == w.year.value
    {
        notices.push(Notice::at(
            t.line,
            NoticeKind::YearFromReportDate {
                title: t.text.clone(),
                year: t.year.value,
                report_line,
            },
        ));
    }
    let evaluation_number = when
        .as_ref()
        .and_then(|w| number::evaluation_number(&prose, w.year.value, &names_it, &mut notices));
    let partial = Partial {
        municipality: municipality.clone(),
        year: when.as_ref().map(|w| w.year.clone()),
        month: when
            .as_ref()
            .and_then(|w| w.month.as_ref().map(|m| m.value)),
    };
    let read = match (municipality, when) {
        (Some(municipality), Some(when)) if problems.is_empty() => Ok(Metadata {
            municipality,
            year: when.year,
            month: when.month,
            evaluation_number,
            evaluators: title::evaluators(front, title.as_ref()),
            title: title.map(|t| t.text),
            notices,
        }),
        _ => Err(problems),
    };
    (read, partial)
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;
    use crate::import::problem::Field;

    fn register() -> Vec<Municipality> {
        [
            ("1881", "Kumla"),
            ("1880", "Örebro"),
            ("0643", "Habo"),
            ("0305", "Håbo"),
            ("0180", "Stockholm"),
            ("0114", "Upplands Väsby"),
            ("1490", "Borås"),
            ("0781", "Ljungby"),
            ("0980", "Gotland"),
            ("2080", "Falun"),
        ]
        .iter()
        .map(|(code, name)| Municipality {
            code: code.parse().unwrap(),
            name: name.to_string(),
            county_code: code[..2].parse().unwrap(),
            county: String::new(),
        })
        .collect()
    }

    fn read_text(text: &str) -> Result<Metadata, Vec<Problem>> {
        let lines = normalize(text);
        read(&lines, &lines, &register(), None).0
    }

    #[test]
    fn reads_the_seed_sentences() {
        let m = read_text(
            " 2. Kumla kommun i förhållande\n\ntill Kommunkompassen\n\nUtvärderingen \n\n\
             Utvärderingen av Kumla kommun genomfördes i november 2020 och var \n\n\
             kommunens andra utvärdering enligt Kommunkompassen. Örebro kommun och Örebro kommun.",
        )
        .unwrap();
        assert_eq!(m.municipality.value.code.as_str(), "1881");
        assert_eq!((m.year.value, m.year.line), (2020, 7));
        assert_eq!(m.month.map(|m| m.value), Some(11));
        assert_eq!(m.evaluation_number.map(|n| (n.value, n.line)), Some((2, 9)));
    }

    #[test]
    fn reads_a_title_page_with_evaluators() {
        let m = read_text(
            "KommunKompassen\nANALYS AV LJUNGBY KOMMUN 2018 Utvärderare: Lars Strid, senior konsult (SKL) och\nUlrika Elming, Ängelholms kommun\n",
        )
        .unwrap();
        assert_eq!(m.municipality.value.name, "Ljungby");
        assert_eq!((m.year.value, m.month), (2018, None));
        assert_eq!(m.evaluators, vec!["Lars Strid", "Ulrika Elming"]);
        assert_eq!(m.title.as_deref(), Some("ANALYS AV LJUNGBY KOMMUN 2018"));
    }

    #[test]
    fn reads_genitives_and_multi_word_names() {
        let m = read_text("Analys av Stockholms stad 2019\n").unwrap();
        assert_eq!(m.municipality.value.name, "Stockholm");
        let m =
            read_text("Utvärderingen av Upplands Väsby kommun genomfördes i maj 2016.").unwrap();
        assert_eq!(
            (m.municipality.value.name.as_str(), m.month.map(|m| m.value)),
            ("Upplands Väsby", Some(5))
        );
        let m = read_text("Utvärderingen av Region Gotland genomfördes i oktober 2014.").unwrap();
        assert_eq!(m.municipality.value.name, "Gotland");
        let m = read_text("Analys av Borås stad 2015").unwrap();
        assert_eq!(m.municipality.value.name, "Borås");
        let m = read_text("Kommunkompassen Analys av Falu kommun 2010-09-21--23").unwrap();
        assert_eq!(
            (
                m.municipality.value.name.as_str(),
                m.year.value,
                m.month.map(|m| m.value)
            ),
            ("Falun", 2010, Some(9))
        );
    }

    #[test]
    fn refuses_unknown_ambiguous_and_conflicting_names() {
        let err =
            read_text("Utvärderingen av Kumlinge kommun genomfördes i november 2020.").unwrap_err();
        assert_eq!(err[0].line, Some(1));
        assert!(err[0].kind.to_string().contains("\"Kumlinge\""), "{err:?}");
        let err = read_text(
            "Utvärderingen av Habo kommun genomfördes i maj 2020.\nAnalys av Håbo kommun 2020",
        )
        .unwrap_err();
        assert!(err[0].kind.to_string().contains("several"), "{err:?}");
        let err = read_text("Analys av HABO kommun 2020").map(|m| m.municipality.value.name);
        assert_eq!(err, Ok("Habo".to_string()));
        let err = read_text("Analys av Habö kommun 2020").unwrap_err();
        assert!(
            err[0]
                .kind
                .to_string()
                .contains("Habo (0643) or Håbo (0305)"),
            "{err:?}"
        );
        let err = read_text("Ingenting här 2020").unwrap_err();
        assert!(
            err.iter().any(|p| p.field == Field::Municipality),
            "{err:?}"
        );
    }

    #[test]
    fn an_earlier_evaluation_or_a_revision_does_not_date_the_report() {
        for intro in [
            "Kumlas första utvärdering genomfördes i maj 2017.",
            "Den senaste revideringen gjordes i december 2019.",
        ] {
            let m = read_text(&format!(
                "{intro}\nUtvärderingen av Kumla kommun genomfördes i november 2020 och var\n\
                 kommunens andra utvärdering. Den första utvärderingen gjordes 2017."
            ))
            .unwrap();
            assert_eq!(
                (m.year.value, m.year.line, m.month.map(|m| m.value)),
                (2020, 2, Some(11)),
                "{intro}"
            );
            assert_eq!(m.evaluation_number.map(|n| n.value), Some(2), "{intro}");
        }
        let m = read_text(
            "Kumla kommun i förhållande till Kommunkompassen\nKumla kommun utvärderades i november 2020.",
        )
        .unwrap();
        assert_eq!((m.year.value, m.month.map(|m| m.value)), (2020, Some(11)));
    }

    #[test]
    fn two_dates_for_the_evaluation_are_refused_with_both_lines() {
        let err =
            read_text("Analys av Kumla kommun 2020\nIntervjuerna genomfördes i maj 2019.\nText.")
                .unwrap_err();
        assert_eq!((&err[0].field, err[0].line), (&Field::Year, Some(1)));
        let message = err[0].kind.to_string();
        assert!(
            message.contains("2020 (line 1") && message.contains("maj 2019 (line 2"),
            "{err:?}"
        );
    }

    #[test]
    fn prose_with_analys_av_is_no_title() {
        let m = read_text(
            " 1 Vad är kommunkompassen?\nKommunkompassen är ett verktyg för utvärdering och analys av en kommuns\n\
             sätt att styra. Utvärderingen av Kumla kommun genomfördes i november 2020.",
        )
        .unwrap();
        assert_eq!(m.title, None);
    }

    #[test]
    fn reads_a_year_without_its_month() {
        let m = read_text("Utvärderingen av Kumla kommun genomfördes under hösten\n2019.").unwrap();
        assert_eq!((m.year.value, m.year.line, m.month), (2019, 2, None));
    }

    #[test]
    fn falls_back_to_the_most_mentioned_municipality() {
        let m = read_text(
            "I Kumla kommun finns mycket. Kumla kommun är bra. Kumla kommuns arbete. Örebro kommun.\nAnalys 2020: genomfördes i mars 2020",
        )
        .unwrap();
        assert_eq!(m.municipality.value.name, "Kumla");
    }
}
