//! The review of the Kumla 2020 report and of damaged copies of it and of
//! its evaluation file: what was read, which checks passed, which failed
//! and where.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::domain::{Catalogue, Municipality, MunicipalityCode};
use crate::import::dry_run;
use crate::import::registers::{parse_catalogue, parse_municipalities};

const REPORT: &str = include_str!("../../../tests/fixtures/reports/kumla-2020.txt");
const KUMLA: &str = include_str!("../../../data-import/evaluations/1881-kumla-2020.toml");

struct Fixture {
    municipalities: Vec<Municipality>,
    register: BTreeMap<MunicipalityCode, Municipality>,
    catalogue: Catalogue,
    recorded: BTreeMap<(crate::domain::Revision, crate::domain::SubareaCode), Score>,
}

impl Fixture {
    fn new() -> Self {
        let municipalities = parse_municipalities(
            Path::new("m"),
            include_str!("../../../data-import/municipalities.csv"),
        )
        .unwrap();
        let catalogue = parse_catalogue(
            Path::new("c"),
            include_str!("../../../data-import/catalogue.toml"),
        )
        .unwrap();
        Fixture {
            register: municipalities.iter().map(|m| (m.code, m.clone())).collect(),
            municipalities,
            catalogue,
            recorded: BTreeMap::new(),
        }
    }

    fn review(&self, name: &str, content: Content) -> Result<Review, Unread> {
        let registers = ReviewRegisters {
            report: ReportRegisters {
                municipalities: &self.municipalities,
                catalogue: &self.catalogue,
            },
            rules: Registers {
                municipalities: &self.register,
                catalogue: &self.catalogue,
                recorded_subareas: &self.recorded,
            },
        };
        let input = match content {
            Content::Report(_) => InputKind::Report,
            Content::Evaluation(_) => InputKind::File,
        };
        let received = Received {
            name: name.into(),
            sha256: "abc".into(),
            input,
        };
        review(received, content, &registers)
    }

    fn report(&self, text: &str) -> Result<Review, Unread> {
        self.review("kumla.txt", Content::Report(text.to_string()))
    }

    fn file(&self, text: &str) -> Review {
        let parsed = evaluation_file::parse(Path::new("k.toml"), text).unwrap();
        self.review("k.toml", Content::Evaluation(Box::new(parsed)))
            .unwrap()
    }
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1
}

#[test]
fn the_kumla_report_passes_every_check_and_gives_its_file() {
    let f = Fixture::new();
    let r = f.report(REPORT).unwrap();
    assert!(r.accepted());
    assert_eq!(r.municipality.as_ref().unwrap().name, "Kumla");
    assert_eq!((r.evaluation.year, r.evaluation.month), (2020, Some(11)));
    assert_eq!(r.file_name(false), "1881-kumla-2020.toml");
    let checks = r.checks();
    let status = |c: Check| checks.iter().find(|l| l.check == c).unwrap().status.clone();
    assert_eq!(status(Check::ChapterPoints), Status::Passed);
    assert_eq!(status(Check::Rule(Rule::AreaSums)), Status::Passed);
    assert_eq!(status(Check::Rule(Rule::Total)), Status::NotApplicable);
    assert_eq!(status(Check::Rule(Rule::Source)), Status::NotApplicable);
    let sums = checks
        .iter()
        .find(|l| l.check == Check::Rule(Rule::AreaSums))
        .unwrap();
    assert_eq!(sums.scope, Scope::Areas(AreaNumber::ALL.to_vec()));
    // The file it offers reads back to the same evaluation.
    let toml = r.toml().unwrap();
    assert!(
        toml.starts_with(
            "# Utvärderingsfil för kompass: Kommunkompassen i Kumla, november 2020.\n\
             # Läst av kompass ur rapporten kumla.txt (sha256 abc).\n"
        ),
        "{toml}"
    );
    assert!(!toml.contains("commit"), "{toml}");
    let back = f.file(&toml);
    assert!(back.accepted(), "{:?}", back.problems());
    assert_eq!(
        back.evaluation.without_lines(),
        r.evaluation.without_lines()
    );
}

#[test]
fn a_sub_area_that_breaks_its_areas_sum_fails_that_check_at_the_areas_line() {
    let f = Fixture::new();
    let row = "1.1 Strategi för demokratiutveckling och information 13 20 63%";
    assert!(REPORT.contains(row), "the fixture's row 1.1");
    let damaged = REPORT.replacen(row, &row.replace("13 20 63%", "19 20 95%"), 1);
    let r = f.report(&damaged).unwrap();
    assert!(!r.accepted());
    assert!(r.toml().is_none());
    let checks = r.checks();
    let failed: Vec<&CheckLine> = checks
        .iter()
        .filter(|l| matches!(l.status, Status::Failed(_)))
        .collect();
    assert_eq!(failed.len(), 1, "{checks:?}");
    assert_eq!(failed[0].check, Check::Rule(Rule::AreaSums));
    let Status::Failed(problems) = &failed[0].status else {
        unreachable!()
    };
    // The area's total as printed in the overview table ("66 100 66%").
    let area_line = r.evaluation.area(AreaNumber::ALL[0]).unwrap().line;
    assert_eq!(problems[0].line, area_line);
    assert!(area_line.unwrap() > line_of(&damaged, "1.1 Strategi för demokrati"));
    // Every other rule still passed, and the text review says so.
    let text = dry_run::checks(&r);
    assert!(
        text.contains("FAILED  each area's sub-areas add up"),
        "{text}"
    );
    assert!(text.contains("ok      areas within 0-100"), "{text}");
}

#[test]
fn a_report_that_cannot_be_read_lists_its_problems_with_lines() {
    let f = Fixture::new();
    let damaged = REPORT.replace("Kumla kommun", "Kumlinge kommun");
    let unread = f.report(&damaged).unwrap_err();
    assert_eq!(unread.problems[0].field, Field::Municipality);
    assert!(unread.problems[0].line.is_some());
}

#[test]
fn an_unknown_revision_leaves_the_later_rules_not_run() {
    let f = Fixture::new();
    let r = f.file(&KUMLA.replace("revision = \"v2020\"", "revision = \"v2030\""));
    let checks = r.checks();
    let status = |c: Check| checks.iter().find(|l| l.check == c).unwrap().status.clone();
    assert!(matches!(
        status(Check::Rule(Rule::Revision)),
        Status::Failed(_)
    ));
    assert_eq!(status(Check::Rule(Rule::Municipality)), Status::Passed);
    assert_eq!(status(Check::Rule(Rule::AreaSums)), Status::NotRun);
}

#[test]
fn recorded_sub_areas_come_from_revisions_the_catalogue_lists_none_of() {
    let f = Fixture::new();
    let older = evaluation_file::parse(
        Path::new("o.toml"),
        "municipality = \"0980\"\nyear = 2014\nrevision = \"v2010\"\n\
         subareas = [ { code = \"1.1\", points = 30, max = 50 } ]\n",
    )
    .unwrap()
    .evaluation;
    let kumla = evaluation_file::parse(Path::new("k.toml"), KUMLA)
        .unwrap()
        .evaluation;
    let recorded = recorded_subareas([&older, &kumla], &f.catalogue);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded.values().next(), Some(&Score::whole(50)));
}
