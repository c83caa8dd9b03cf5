//! The Swedish of every kind of problem and notice: each message the rules
//! and readers give for the inputs a sender is likely to get wrong, produced
//! by the real code, and one of every kind (`every_kind.rs`), has Swedish
//! wording without English in it.

use std::path::PathBuf;

use super::*;
use crate::domain::interval::Interval;
use crate::import::bundle::{SourceFile, sha256_hex};
use crate::import::pdf::Limits;
use crate::import::problem::{Part, RuleProblem};
use crate::import::review::{SnapshotRegisters, review_file};
use crate::views::testdata;

mod every_kind;
mod every_notice;

const KUMLA: &str = include_str!("../../../../../data-import/evaluations/1881-kumla-2020.toml");
const REPORT: &str = include_str!("../../../../../tests/fixtures/reports/kumla-2020.txt");

/// Words of the import's English that Swedish never uses.
const ENGLISH: [&str; 28] = [
    "the", "is", "not", "of", "and", "area", "areas", "points", "found", "file", "line", "which",
    "cannot", "missing", "has", "are", "above", "report", "table", "read", "printed", "twice",
    "listed", "must", "no", "or", "second", "grand",
];

/// The English words in a Swedish text, leaving out what it quotes (a
/// name as printed, a key of the file format: `figure = "area 1"`).
pub(super) fn english_in(text: &str) -> Vec<String> {
    let mut own = String::new();
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' || c == '”' {
            quoted = !quoted;
            own.push(' ');
        } else if !quoted {
            own.push(c);
        }
    }
    own.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// Every problem and notice from reviewing `bytes` sent as `name`, in
/// the page's words: (English, Swedish).
fn worded(name: &str, bytes: &[u8]) -> Vec<(String, String)> {
    let data = testdata::bundled();
    let registers = SnapshotRegisters::new(data);
    let file = SourceFile {
        path: PathBuf::from(name),
        hash: sha256_hex(bytes),
        bytes: bytes.to_vec(),
    };
    let problem = |p: &Problem| {
        let w = super::problem(p, InputKind::File);
        (
            p.kind.to_string(),
            format!("{}: {}", field(&p.field), w.text),
        )
    };
    match review_file(&file, &Limits::default(), &registers.get()) {
        Ok(r) => r
            .problems()
            .into_iter()
            .map(problem)
            .chain(r.notices.iter().map(|n| (n.to_string(), notice(n))))
            .collect(),
        Err(unread) => unread.problems.iter().map(problem).collect(),
    }
}

fn kumla_with(from: &str, to: &str) -> Vec<(String, String)> {
    assert!(KUMLA.contains(from), "{from}");
    worded("k.toml", KUMLA.replacen(from, to, 1).as_bytes())
}

fn report_with(from: &str, to: &str) -> Vec<(String, String)> {
    assert!(REPORT.contains(from), "{from}");
    worded("r.txt", REPORT.replacen(from, to, 1).as_bytes())
}

fn assert_swedish(all: &[(String, String)]) {
    assert!(!all.is_empty(), "a case gave nothing to say");
    for (english, swedish) in all {
        let words = english_in(swedish);
        assert!(
            words.is_empty(),
            "{words:?} in {swedish:?} (for {english:?})"
        );
    }
}

#[test]
fn the_rules_messages_are_all_in_swedish() {
    let sub = "code = \"3.2\", points = 33, max = 40, percent = 84";
    let cases = [
        kumla_with("municipality = \"1881\"", "municipality = \"1882\""),
        kumla_with(
            "municipality_name = \"Kumla\"",
            "municipality_name = \"Örebro\"",
        ),
        kumla_with("revision = \"v2020\"", "revision = \"v2030\""),
        kumla_with("total = 557", "total = 575"),
        kumla_with("total = 557", "total = 900"),
        kumla_with(
            "number = 4, points = 60, percent = 60",
            "number = 4, points = 66, percent = 60",
        ),
        kumla_with(
            "number = 4, points = 60, percent = 60",
            "number = 4, points = 160, percent = 60",
        ),
        kumla_with("number = 4, points = 60", "number = 3, points = 60"),
        kumla_with(sub, "code = \"3.2\", points = 43, max = 40, percent = 84"),
        kumla_with(sub, "code = \"3.2\", points = 23, max = 40, percent = 84"),
        kumla_with(sub, "code = \"3.2\", points = 33, max = 50, percent = 84"),
        kumla_with(sub, "code = \"3.9\", points = 33, max = 40, percent = 84"),
        kumla_with(sub, "code = \"3.1\", points = 33, max = 40, percent = 84"),
        kumla_with(sub, "code = \"3.2\", points = 33, max = 40, percent = 184"),
        kumla_with(sub, "code = \"3.2\", points = 38, max = 40, percent = 95"),
        kumla_with(sub, "code = \"3.2\", points = 33, max = 0, percent = 84"),
        kumla_with("url = \"https://", "url = \"javascript://"),
        kumla_with("year = 2020", "year = 1800"),
        kumla_with("year = 2020", "year = \"2020\""),
        kumla_with("month = 11", "month = 13"),
        kumla_with("evaluation_number = 2", "evaluation_number = 0"),
        kumla_with("municipality = \"1881\"", "municipality = \"18\""),
        kumla_with("revision = \"v2020\"", "revision = \"2020\""),
        kumla_with("number = 4, points = 60", "number = 9, points = 60"),
        kumla_with("number = 4, points = 60", "number = 4, points = \"6x\""),
        kumla_with("number = 4, points = 60", "number = 4, points = \"60,25\""),
        kumla_with("number = 4, points = 60", "number = 4, points = -60"),
        kumla_with(sub, "code = \"x\", points = 33, max = 40, percent = 84"),
        kumla_with("year = 2020", "yeer = 2020"),
        kumla_with("year = 2020\n", ""),
        kumla_with("published = 2021-05-10", "published = 2019-01-01"),
        kumla_with("published = 2021-05-10", "published = \"igår\""),
    ];
    for all in &cases {
        assert_swedish(all);
    }
}

#[test]
fn reading_and_report_messages_are_in_swedish() {
    let row = "1.1 Strategi för demokratiutveckling och information 13 20 63%";
    let cases = [
        worded("tom.txt", b""),
        worded("x.txt", &[0xff, 0xfe, 0x00, 0x41]),
        worded("slump.pdf", b"\x01\x02 inte en pdf"),
        worded("x.txt", "Hej.\nDetta är ingen rapport.\n".as_bytes()),
        worded("x.toml", b"municipality = \"1881\"\nyear = "),
        report_with("Kumla kommun", "Kumlinge kommun"),
        report_with("\n\n80 \n", "\n\n81 \n"),
        report_with("4.2 Jämförelser för effektivitet 18 30 60% \n", ""),
        report_with(row, &row.replace("13 20 63%", "19 20 95%")),
        report_with(
            row,
            "1.1 Strategi för demokratiutveckling och information 13 – 63%",
        ),
        worded("r.txt", REPORT.as_bytes()),
        worded(
            "kapad.txt",
            REPORT
                .lines()
                .take(2000)
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .as_bytes(),
        ),
    ];
    for all in &cases {
        assert_swedish(all);
    }
}

#[test]
fn the_report_readers_messages_that_were_english_are_swedish_now() {
    // A row whose max is a dash: before, the page showed it in English.
    let row = "1.1 Strategi för demokratiutveckling och information 13 20 63%";
    let all = report_with(
        row,
        "1.1 Strategi för demokratiutveckling och information 13 – 63%",
    );
    let (english, swedish) = &all[0];
    assert!(english.contains("its max is printed as"), "{english}");
    assert!(
        swedish.starts_with(
            "översiktstabellen, delområde 1.1: Raden för delområde 1.1 (Strategi för demokratiutveckling och information) \
             går inte att läsa: maxpoängen är tryckt som ”–”."
        ),
        "{swedish}"
    );
}

#[test]
fn wording_keeps_the_figures_and_says_the_advice_for_where_they_were_entered() {
    let area = AreaNumber::ALL[0];
    let sum = Interval::sum(&[
        Interval::of_printed(Score::whole(72)),
        Interval::of_printed(Score::whole(1)),
    ]);
    let p = Problem::new(
        Some(3099),
        Field::Area(area),
        RuleProblem::SubareaSumDisagrees {
            area,
            sum,
            printed: Some(Score::whole(66)),
        },
    );
    assert_eq!(
        super::problem(&p, InputKind::Report).text,
        "Delområdena i område 1 summerar till 72–74 poäng med avrundning, men områdets tryckta poäng är 66. \
         Rätta felskrivningen. Trycker källan verkligen siffrorna så, anteckna skillnaden i filen under \
         [[discrepancies]] (figure = \"area 1\")."
    );
    let total = RuleProblem::TotalSumDisagrees {
        sum,
        total: Score::whole(575),
    };
    let in_form = kind(&total.clone().into(), InputKind::Form).text;
    assert!(
        in_form.ends_with("förklara skillnaden i rutan om en totalpoäng som inte stämmer."),
        "{in_form}"
    );
    assert!(!in_form.contains("discrepancies"), "{in_form}");
    assert!(
        kind(&total.into(), InputKind::File)
            .text
            .ends_with("(figure = \"total\").")
    );
    let code = "3.2".parse().unwrap();
    assert_eq!(
        field(&Field::subarea_part(code, Part::Points)),
        "delområde 3.2, poäng"
    );
    assert_eq!(
        field(&Field::TableArea(AreaNumber::ALL[3])),
        "översiktstabellen, område 4"
    );
    assert_eq!(
        field(&Field::ChapterPoints(AreaNumber::ALL[2])),
        "kapitlet om område 3, poängen"
    );
    assert_eq!(
        field(&Field::entry(
            crate::import::problem::List::Areas,
            0,
            Part::Points
        )),
        "områdesrad 1 (poäng)"
    );
    let n = Notice::at(12, crate::import::NoticeKind::NoAreaChapters);
    assert!(notice(&n).starts_with("Rad 12: Hittade inga kapitel per område"));
}

#[test]
fn another_programs_words_follow_the_swedish_marked_as_english() {
    let all = worded("x.toml", b"municipality = \"1881\"\nyear = ");
    let data = testdata::bundled();
    let registers = SnapshotRegisters::new(data);
    let file = SourceFile {
        path: PathBuf::from("x.toml"),
        hash: String::new(),
        bytes: b"municipality = \"1881\"\nyear = ".to_vec(),
    };
    let Err(unread) = review_file(&file, &Limits::default(), &registers.get()) else {
        panic!("read {all:?}")
    };
    let w = super::problem(&unread.problems[0], InputKind::File);
    assert_eq!(w.text, "Filen går inte att läsa som TOML.");
    assert!(w.english.is_some_and(|e| !e.is_empty()));
}
