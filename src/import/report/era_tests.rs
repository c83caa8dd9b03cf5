//! The whole reader on a report of each era's layout
//! (`tests/fixtures/reports/eras/`) and on the real beginnings
//! (`tests/fixtures/reports/real/`): what each layout reads to, and how a
//! text that stops early, disagrees with its contents or lost digits is
//! refused.

use std::path::Path;

use super::*;
use crate::domain::Evaluation;
use crate::import::problem::{PointsPlace, ProblemKind, Reached, ReportProblem, Site, Stopped};
use crate::import::{NoticeKind, Problem, registers};

const V2002: &str = include_str!("../../../tests/fixtures/reports/eras/alingsas-2006-v2002.txt");
const V2010_2010: &str = include_str!(
    "../../../tests/fixtures/reports/eras/sundsvall-2010-v2010-poangsammanstallning.txt"
);
const V2010: &str =
    include_str!("../../../tests/fixtures/reports/eras/harnosand-2013-v2010-oversikt.txt");
const V2016: &str =
    include_str!("../../../tests/fixtures/reports/eras/vaxjo-2017-v2016-points-in-headings.txt");
const TRANSCRIPT: &str =
    include_str!("../../../tests/fixtures/reports/eras/kalmar-2014-docplayer-transcript.txt");
const MOLNDAL: &str =
    include_str!("../../../tests/fixtures/reports/real/molndal-2016-docplayer.txt");
const BORLANGE: &str =
    include_str!("../../../tests/fixtures/reports/real/borlange-2010-docplayer.txt");
const STRANGNAS: &str =
    include_str!("../../../tests/fixtures/reports/real/strangnas-2014-docplayer-transcript.txt");
const BORAS: &str = include_str!("../../../tests/fixtures/reports/real/boras-2015-abcdocz.txt");

fn read(text: &str) -> Result<ParsedReport, Vec<Problem>> {
    let municipalities = registers::parse_municipalities(
        Path::new("municipalities.csv"),
        include_str!("../../../data-import/municipalities.csv"),
    )
    .unwrap();
    let catalogue = registers::parse_catalogue(
        Path::new("catalogue.toml"),
        include_str!("../../../data-import/catalogue.toml"),
    )
    .unwrap();
    let registers = ReportRegisters {
        municipalities: &municipalities,
        catalogue: &catalogue,
    };
    match parse(Path::new("r.txt"), text, &registers) {
        Ok(r) => Ok(r),
        Err(ImportError::Invalid { problems, .. }) => Err(problems),
        Err(e) => panic!("{e}"),
    }
}

/// (code, year, month, revision, area points, sub-areas, total).
fn summary(
    e: &Evaluation,
) -> (
    String,
    i32,
    Option<u8>,
    String,
    Vec<i64>,
    usize,
    Option<i64>,
) {
    (
        e.municipality.to_string(),
        e.year,
        e.month,
        e.revision.to_string(),
        e.areas.iter().map(|a| a.points.tenths() / 10).collect(),
        e.subareas.len(),
        e.total.map(|t| t.tenths() / 10),
    )
}

const KUMLA: [i64; 8] = [66, 73, 80, 60, 65, 71, 70, 72];

#[test]
fn reads_a_report_of_each_layout() {
    for (text, code, year, month, revision, subareas, total) in [
        (V2002, "1489", 2006, 11, "v2002", 35, Some(557)),
        (V2010_2010, "2281", 2010, 9, "v2010", 35, Some(557)),
        (V2010, "2280", 2013, 11, "v2010", 35, None),
        (V2016, "0780", 2017, 4, "v2016", 0, None),
        (TRANSCRIPT, "0880", 2014, 10, "v2010", 35, None),
    ] {
        let r = read(text).unwrap_or_else(|p| panic!("{code}: {p:?}"));
        assert_eq!(
            summary(&r.file.evaluation),
            (
                code.into(),
                year,
                Some(month),
                revision.into(),
                KUMLA.to_vec(),
                subareas,
                total
            )
        );
    }
}

#[test]
fn the_2002_criteria_print_the_max_first_and_sum_each_area() {
    let r = read(V2002).unwrap();
    let e = &r.file.evaluation;
    let s = e
        .subareas
        .iter()
        .find(|s| s.code.to_string() == "1.5")
        .unwrap();
    assert_eq!(
        (s.points.tenths(), s.max.tenths(), s.percent),
        (240, 300, None)
    );
    assert_eq!(s.name.as_deref(), Some("Medborgardialog"));
    assert_eq!(r.details.checked_areas.len(), 8);
}

#[test]
fn the_2016_points_stand_in_the_headings_and_the_contents() {
    let r = read(V2016).unwrap();
    let lines: Vec<u32> = r
        .details
        .chapters
        .iter()
        .map(|c| c.score.unwrap().1)
        .collect();
    // Area 2's heading runs over two lines, area 3's points stand below it.
    let text_line = |line: &str| V2016.lines().position(|l| l.trim() == line).unwrap() + 1;
    assert_eq!(lines[1] as usize, text_line("bemötande 73 poäng"));
    assert_eq!(lines[2] as usize, text_line("80 poäng"));
    assert!(r.details.chapters.iter().all(|c| c.points_in_heading));
    // Without the headings' points, the contents' are the areas', said so.
    let bare = V2016.replace(" 66 poäng\n", "\n");
    let r = read(&bare).unwrap();
    assert_eq!(r.file.evaluation.areas[0].line, Some(10));
    assert!(
        r.notices
            .iter()
            .any(|n| n.kind == NoticeKind::PointsFromContents(vec![AreaNumber::ALL[0]])),
        "{:?}",
        r.notices
    );
    // A heading and the contents that disagree are refused, naming both lines.
    let other = V2016.replacen(
        "Offentlighet och demokrati 66 poäng\n",
        "Offentlighet och demokrati 65 poäng\n",
        1,
    );
    let problems = read(&other).unwrap_err();
    assert!(
        problems.iter().any(|p| matches!(
            &p.kind,
            ProblemKind::Report(ReportProblem::ContentsDisagree { contents: (c, 10), elsewhere: (e, _), .. })
                if c.tenths() == 660 && e.tenths() == 650
        )),
        "{problems:?}"
    );
}

fn stopped(problems: &[Problem]) -> (Stopped, Option<u32>) {
    problems
        .iter()
        .find_map(|p| match &p.kind {
            ProblemKind::Report(ReportProblem::StopsEarly(s)) => Some((s.as_ref().clone(), p.line)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("not refused as stopping early: {problems:?}"))
}

#[test]
fn a_beginning_is_refused_where_it_stops_with_what_it_holds() {
    let problems = read(MOLNDAL).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (s, line) = stopped(&problems);
    assert_eq!(
        (line, s.after, s.page, s.pages),
        (Some(3), Reached::Contents, Some(3), Some(23))
    );
    let r = &s.recognised;
    assert_eq!(r.municipality.as_ref().map(|m| m.1.as_str()), Some("1481"));
    assert_eq!(
        (r.year.map(|y| y.0), r.revision.map(|v| v.to_string())),
        (Some(2016), Some("v2016".into()))
    );
    let points: Vec<(u8, i64, u32)> = r
        .points_in(PointsPlace::Contents)
        .iter()
        .map(|p| (p.area.get(), p.points.tenths() / 10, p.line))
        .collect();
    assert_eq!(
        points,
        vec![
            (1, 49, 2),
            (2, 61, 2),
            (3, 73, 2),
            (4, 61, 2),
            (5, 57, 2),
            (6, 63, 2),
            (7, 45, 2),
            (8, 67, 2)
        ]
    );
    assert_eq!(r.site, Some(Site::Unnamed));
    // Borlänge: the revision from the report's own words, the visit's month.
    let problems = read(BORLANGE).unwrap_err();
    let (s, line) = stopped(&problems);
    assert_eq!((line, s.page, s.pages), (Some(2), Some(2), Some(34)));
    assert_eq!(s.recognised.year.map(|y| (y.0, y.1)), Some((2010, Some(6))));
    assert_eq!(
        s.recognised.revision.map(|v| v.to_string()),
        Some("v2010".into())
    );
    // Strängnäs: docplayer's transcript whose digits are lost.
    let (s, _) = stopped(&read(STRANGNAS).unwrap_err());
    assert_eq!(
        (s.recognised.site, s.recognised.digits_lost),
        (Some(Site::Docplayer), true)
    );
    // Borås stops within its contents.
    let (s, line) = stopped(&read(BORAS).unwrap_err());
    assert_eq!(
        (line, s.after, s.page, s.pages),
        (Some(34), Reached::InContents, Some(2), Some(24))
    );
}

#[test]
fn a_report_cut_in_its_chapters_or_table_says_so() {
    let cut: String = V2010
        .split('\u{c}')
        .take(6)
        .collect::<Vec<_>>()
        .join("\u{c}");
    let problems = read(&cut).unwrap_err();
    let (s, _) = stopped(&problems);
    assert!(matches!(s.after, Reached::Chapter(_)), "{s:?}");
    assert!(
        s.recognised.points_in(PointsPlace::Chapter).len() >= 2,
        "{s:?}"
    );
    let row = V2010.find("\n6.1 ").unwrap();
    let (s, _) = stopped(&read(&V2010[..row]).unwrap_err());
    assert_eq!(
        (s.after, s.missing.len()),
        (Reached::Table(Some(AreaNumber::ALL[4])), 3)
    );
}

#[test]
fn a_transcript_that_lost_a_digit_is_refused_as_one() {
    let lost = TRANSCRIPT.replacen("5 10 48%", "5 48%", 1);
    let problems = read(&lost).unwrap_err();
    assert!(
        matches!(&problems[0].kind, ProblemKind::Report(ReportProblem::DigitsLost(r)) if r.site == Some(Site::Docplayer)),
        "{problems:?}"
    );
    assert!(
        problems.len() > 1,
        "the row's own problem stays: {problems:?}"
    );
}
