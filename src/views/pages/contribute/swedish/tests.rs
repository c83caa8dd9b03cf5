//! Every message the rules and readers give for the inputs a sender is
//! likely to get wrong, produced by the real code, has its Swedish wording.

use std::path::PathBuf;

use super::*;
use crate::import::bundle::{SourceFile, sha256_hex};
use crate::import::pdf::Limits;
use crate::import::review::{SnapshotReference, review_file};
use crate::views::testdata;

const KUMLA: &str = include_str!("../../../../../data-import/evaluations/1881-kumla-2020.toml");
const REPORT: &str = include_str!("../../../../../tests/fixtures/reports/kumla-2020.txt");

/// Every problem and notice from reviewing `bytes` sent as `name`.
fn messages(name: &str, bytes: &[u8]) -> Vec<String> {
    let data = testdata::bundled();
    let reference = SnapshotReference::new(data);
    let file = SourceFile {
        path: PathBuf::from(name),
        hash: sha256_hex(bytes),
        bytes: bytes.to_vec(),
    };
    match review_file(&file, &Limits::default(), &reference.get()) {
        Ok(r) => r
            .problems()
            .iter()
            .map(|p| p.kind.to_string())
            .chain(r.notices.iter().map(ToString::to_string))
            .collect(),
        Err(unread) => unread
            .problems
            .iter()
            .map(|p| p.kind.to_string())
            .collect(),
    }
}

fn kumla_with(from: &str, to: &str) -> Vec<String> {
    assert!(KUMLA.contains(from), "{from}");
    messages("k.toml", KUMLA.replacen(from, to, 1).as_bytes())
}

fn report_with(from: &str, to: &str) -> Vec<String> {
    assert!(REPORT.contains(from), "{from}");
    messages("r.txt", REPORT.replacen(from, to, 1).as_bytes())
}

fn untranslated(all: &[String]) -> Vec<&String> {
    all.iter()
        .filter(|m| {
            let line = notice(m);
            line.english
        })
        .collect()
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
    ];
    for all in &cases {
        assert!(!all.is_empty(), "a case passed");
        assert!(
            untranslated(all).is_empty(),
            "no Swedish for {:?}",
            untranslated(all)
        );
    }
}

#[test]
fn reading_and_report_messages_are_in_swedish() {
    let row = "1.1 Strategi för demokratiutveckling och information 13 20 63%";
    let cases = [
        messages("tom.txt", b""),
        messages("x.txt", &[0xff, 0xfe, 0x00, 0x41]),
        messages("slump.pdf", b"\x01\x02 inte en pdf"),
        messages("x.txt", "Hej.\nDetta är ingen rapport.\n".as_bytes()),
        report_with("Kumla kommun", "Kumlinge kommun"),
        report_with("\n\n80 \n", "\n\n81 \n"),
        report_with("4.2 Jämförelser för effektivitet 18 30 60% \n", ""),
        report_with(row, &row.replace("13 20 63%", "19 20 95%")),
        messages("r.txt", REPORT.as_bytes()),
        messages(
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
        assert!(!all.is_empty(), "a case gave nothing to say");
        assert!(
            untranslated(all).is_empty(),
            "no Swedish for {:?}",
            untranslated(all)
        );
    }
}

#[test]
fn wording_keeps_the_figures_and_marks_what_it_does_not_know() {
    let w = message(
        "the sub-areas of area 1 add up to [72.30, 73.30] points allowing for rounding, which the printed area total 66 cannot be; fix it",
    );
    assert_eq!(
        w.text,
        "Delområdena i område 1 summerar till 72,3–73,3 poäng med avrundning, men områdets tryckta poäng är 66. \
         Rätta felskrivningen. Trycker källan verkligen siffrorna så, anteckna skillnaden i filen under \
         [[discrepancies]] (figure = \"area 1\")."
    );
    assert!(!w.english);
    let unknown = message("something new the reader says");
    assert!(unknown.english);
    assert_eq!(unknown.text, "something new the reader says");
    assert_eq!(
        notice("line 12: the file is empty").text,
        "Rad 12: Filen är tom."
    );
    assert_eq!(field("subareas (3.2).points"), "delområde 3.2, poäng");
    assert_eq!(
        field("overview table (area 4)"),
        "översiktstabellen, område 4"
    );
    assert_eq!(field("3 (chapter points)"), "kapitlet om område 3, poängen");
    assert_eq!(field("areas[0].points"), "områdesrad 1 (poäng)");
}
