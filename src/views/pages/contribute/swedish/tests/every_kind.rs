//! One of every kind of problem, each in Swedish without English words
//! (notices and fields: `every_notice.rs`). A kind added to the import
//! needs its Swedish to compile; add one of it here too, so that its
//! wording is read.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::super::kind;
use super::english_in;
use crate::domain::catalogue::DetectError;
use crate::domain::code::BadFigure;
use crate::domain::code::{BadAreaNumber, BadMunicipalityCode, BadSubareaCode};
use crate::domain::interval::Interval;
use crate::domain::revision::BadRevision;
use crate::domain::score::BadScore;
use crate::domain::{
    AreaNumber, EvaluationKey, Figure, MunicipalityCode, Revision, Score, SubareaCode,
};
use crate::import::problem::*;
use crate::import::review::InputKind;

pub(super) fn area(n: usize) -> AreaNumber {
    AreaNumber::ALL[n - 1]
}

pub(super) fn code(text: &str) -> SubareaCode {
    text.parse().unwrap()
}

pub(super) fn kumla() -> MunicipalityCode {
    "1881".parse().unwrap()
}

pub(super) fn s(n: i64) -> Score {
    Score::whole(n)
}

pub(super) const V2020: Revision = Revision::new(2020);

fn rules() -> Vec<ProblemKind> {
    let sum = Interval::of_printed(s(72));
    [
        RuleProblem::UnknownMunicipality(kumla()),
        RuleProblem::NotTheName {
            given: "Örebro".into(),
            code: kumla(),
            name: "Kumla".into(),
        },
        RuleProblem::UnknownRevision {
            revision: Revision::new(2030),
            known: vec![V2020],
        },
        RuleProblem::FigureNotPublished(Figure::Total),
        RuleProblem::NotBeforeEvaluation {
            since: 2020,
            year: 2020,
        },
        RuleProblem::ChangeStatedTwice {
            figure: Figure::Area(area(3)),
            since: 2017,
        },
        RuleProblem::AreaListedTwice(area(4)),
        RuleProblem::NoSuchArea {
            revision: V2020,
            area: area(8),
        },
        RuleProblem::AboveAreaMax(s(160)),
        RuleProblem::AreaPercentDisagrees {
            points: s(66),
            percent: Some(s(60)),
        },
        RuleProblem::SubareaListedTwice(code("3.2")),
        RuleProblem::MaxDisagreesWithRecorded {
            max: s(50),
            recorded: s(40),
            revision: Revision::new(2010),
            code: code("3.2"),
        },
        RuleProblem::NotASubareaOf {
            code: code("3.9"),
            revision: V2020,
        },
        RuleProblem::MaxDisagreesWithCatalogue {
            max: s(50),
            catalogue: s(40),
            revision: V2020,
            code: code("3.2"),
        },
        RuleProblem::MaxOutOfRange(s(0)),
        RuleProblem::PointsAboveMax {
            points: s(43),
            max: s(40),
        },
        RuleProblem::PercentAbove100,
        RuleProblem::SubareaPercentDisagrees {
            points: s(33),
            max: s(40),
            percent: Some(s(95)),
        },
        RuleProblem::SubareaPercentDisagrees {
            points: s(33),
            max: s(40),
            percent: None,
        },
        RuleProblem::MissingSubareas {
            area: area(4),
            missing: vec![code("4.2")],
        },
        RuleProblem::MissingSubareas {
            area: area(4),
            missing: vec![code("4.2"), code("4.3")],
        },
        RuleProblem::SubareaSumDisagrees {
            area: area(1),
            sum,
            printed: Some(s(66)),
        },
        RuleProblem::TotalAboveMax(s(900)),
        RuleProblem::TotalSumDisagrees { sum, total: s(575) },
    ]
    .into_iter()
    .map(ProblemKind::from)
    .collect()
}

fn values() -> Vec<ProblemKind> {
    let date = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let mut out: Vec<ProblemKind> = vec![
        BadMunicipalityCode("18".into()).into(),
        BadRevision("2020".into()).into(),
        BadAreaNumber(9).into(),
        BadSubareaCode("x".into()).into(),
        BadScore::NotANumber("6x".into()).into(),
        BadScore::TooPrecise("60,25".into()).into(),
        BadScore::Negative("-60".into()).into(),
        BadScore::TooLarge("99999999".into()).into(),
        BadFigure("summa".into()).into(),
    ];
    out.extend(
        [
            ValueProblem::NegativeWhole(-60),
            ValueProblem::NotFinite("inf".into()),
            ValueProblem::NotAChange("nan".into()),
            ValueProblem::ImplausibleYear(1800),
            ValueProblem::NotAMonth(13),
            ValueProblem::NotAnEvaluationNumber(0),
            ValueProblem::NotADate("igår".into()),
            ValueProblem::ImplausiblePublication(date),
            ValueProblem::PublishedBeforeEvaluation {
                date,
                year: 2020,
                month: Some(11),
            },
            ValueProblem::NotATextKind("sammanfattning".into()),
            ValueProblem::NotAWebAddress("javascript://".into()),
            ValueProblem::StatedSourceMissing,
            ValueProblem::ContributionReference(crate::domain::contribution::BadReference(
                "B-26-7".into(),
            )),
        ]
        .map(ProblemKind::from),
    );
    out
}

fn reading() -> Vec<ProblemKind> {
    let toml = |fault| ReadProblem::Toml {
        message: "a message of the parser".into(),
        fault,
    };
    let mut out: Vec<ProblemKind> = [
        ReadProblem::Empty,
        ReadProblem::NamedPdfButNot,
        ReadProblem::PdfNotAReport,
        ReadProblem::Unrecognised,
        ReadProblem::ReportNeedsRegisters,
        ReadProblem::NotUtf8 { offset: 3 },
        ReadProblem::CannotRead("permission denied".into()),
        toml(TomlFault::MissingKey("year".into())),
        toml(TomlFault::UnknownKey("yeer".into())),
        toml(TomlFault::WrongType(Expected::WholeNumber)),
        toml(TomlFault::WrongType(Expected::Text)),
        toml(TomlFault::WrongType(Expected::Other("a boolean".into()))),
        toml(TomlFault::Syntax),
        ReadProblem::EmptyFolder,
    ]
    .into_iter()
    .map(ProblemKind::from)
    .collect();
    let program = || "pdftotext".to_string();
    let error = || "an error of the system".to_string();
    out.extend(
        [
            PdfProblem::TempFolder {
                folder: PathBuf::from("/tmp"),
                error: error(),
            },
            PdfProblem::WritePdf {
                folder: PathBuf::from("/tmp"),
                error: error(),
            },
            PdfProblem::Launch {
                launcher: "prlimit".into(),
                error: error(),
            },
            PdfProblem::LimitsMissing {
                launcher: "prlimit".into(),
            },
            PdfProblem::NotInstalled { program: program() },
            PdfProblem::ReadOutput {
                program: program(),
                error: None,
            },
            PdfProblem::ReadOutput {
                program: program(),
                error: Some(error()),
            },
            PdfProblem::Wait {
                program: program(),
                error: error(),
            },
            PdfProblem::TooLong { megabytes: 20 },
            PdfProblem::TimedOut {
                program: program(),
                seconds: 20,
            },
            PdfProblem::OutOfMemory {
                program: program(),
                status: "signal 9".into(),
                megabytes: 512,
                stderr: "out of memory".into(),
            },
            PdfProblem::Unreadable {
                program: program(),
                status: "exit status: 1".into(),
                stderr: "damaged".into(),
            },
            PdfProblem::NotUtf8 { program: program() },
        ]
        .map(ProblemKind::from),
    );
    out
}

fn metadata() -> Vec<ProblemKind> {
    let date = |month, line| QuotedDate {
        date: Dated {
            year: 2020,
            month: Some(month),
        },
        line,
        quote: "genomfördes i maj 2020".into(),
    };
    let mut out: Vec<ProblemKind> = vec![
        MetadataProblem::SeveralMunicipalities(vec![("Habo".into(), 1), ("Håbo".into(), 2)]),
        MetadataProblem::AmbiguousName {
            printed: "Habö".into(),
            candidates: vec![
                ("Habo".into(), "0643".parse().unwrap()),
                ("Håbo".into(), "0305".parse().unwrap()),
            ],
        },
        MetadataProblem::UnknownName("Kumlinge".into()),
        MetadataProblem::MunicipalityUnclear(vec![]),
        MetadataProblem::MunicipalityUnclear(vec![("Kumla".into(), 3), ("Örebro".into(), 2)]),
        MetadataProblem::NoDate(vec![]),
        MetadataProblem::NoDate(vec![(1, "senaste".into())]),
    ]
    .into_iter()
    .map(ProblemKind::from)
    .collect();
    for source in [
        DateSource::Naming,
        DateSource::TitlePage,
        DateSource::Other,
        DateSource::TitleAndSentences,
    ] {
        out.push(
            MetadataProblem::DatesDisagree {
                source,
                dates: vec![date(5, 1), date(11, 2)],
            }
            .into(),
        );
    }
    out
}

fn table() -> Vec<ProblemKind> {
    let name = || "Strategi för demokratiutveckling".to_string();
    let mut out: Vec<ProblemKind> = [
        TableProblem::AreaTwice {
            area: area(1),
            first_line: 10,
        },
        TableProblem::NoRowsFor(area(2)),
        TableProblem::RowMissing {
            missing: code("4.2"),
            after: Some((code("4.1"), 20)),
            before: code("4.3"),
            line: 22,
        },
        TableProblem::RowMissing {
            missing: code("4.1"),
            after: None,
            before: code("4.2"),
            line: 22,
        },
        TableProblem::NoTotalRow(area(3)),
        TableProblem::TotalNotOutOf100 {
            area: area(3),
            max: s(110),
        },
        TableProblem::MaximaSum {
            area: area(3),
            sum: s(80),
            max: s(100),
        },
        TableProblem::RowFiguresUnclear {
            code: code("2.3"),
            count: 4,
        },
        TableProblem::RowWithoutFigures {
            code: code("1.1"),
            name: name(),
        },
        TableProblem::SecondHeader(area(1)),
        TableProblem::RowAfterOtherHeader {
            code: code("2.1"),
            area: area(1),
            header_line: 4,
        },
        TableProblem::SecondGrandTotal,
        TableProblem::TotalNamesOtherArea {
            named: area(2),
            area: area(1),
        },
        TableProblem::SecondAreaTotal {
            area: area(1),
            first_line: 9,
        },
        TableProblem::TotalBeforeRows,
        TableProblem::ColumnsInReadingOrder { rows: 35 },
    ]
    .into_iter()
    .map(ProblemKind::from)
    .collect();
    for fault in [
        RowFault::MaxIsDash,
        RowFault::TooFew,
        RowFault::TooMany,
        RowFault::PercentFirst,
    ] {
        out.push(
            TableProblem::RowUnreadable {
                code: code("1.1"),
                name: name(),
                fault,
            }
            .into(),
        );
        out.push(
            TableProblem::TotalUnreadable {
                text: "Totalt 66 – 100".into(),
                fault: TotalFault::Row(fault),
            }
            .into(),
        );
    }
    for fault in [TotalFault::Stray("66 av".into()), TotalFault::Dash] {
        out.push(
            TableProblem::TotalUnreadable {
                text: "Totalt område 1: 66 av 100".into(),
                fault,
            }
            .into(),
        );
    }
    out
}

fn report() -> Vec<ProblemKind> {
    let candidates = vec![(s(12), 229), (s(67), 231)];
    [
        ReportProblem::TextEmpty,
        ReportProblem::NothingToRead,
        ReportProblem::NoAreaNames,
        ReportProblem::RevisionUnclear(DetectError::NoKnownName),
        ReportProblem::RevisionUnclear(DetectError::Conflicting(vec![
            (Revision::new(2016), vec![area(1), area(2)]),
            (V2020, vec![area(5)]),
        ])),
        ReportProblem::RevisionUnclear(DetectError::Ambiguous(vec![Revision::new(2016), V2020])),
        ReportProblem::LoneNumbers {
            area: area(1),
            candidates: candidates.clone(),
            total: None,
        },
        ReportProblem::LoneNumbers {
            area: area(1),
            candidates,
            total: Some((s(66), 3099)),
        },
        ReportProblem::ChapterDisagrees {
            area: area(1),
            name: "Offentlighet och demokrati".into(),
            points: s(67),
            total: s(66),
            total_line: 3099,
        },
        ReportProblem::AreasMissing(vec![area(7), area(8)]),
        ReportProblem::ContentsDisagree {
            area: area(1),
            contents: (s(49), 2),
            elsewhere: (s(48), 120),
        },
    ]
    .into_iter()
    .map(ProblemKind::from)
    .collect()
}

/// What a reader may have recognised: all of it, or nothing.
fn recognised(all: bool) -> Recognised {
    if !all {
        return Recognised::default();
    }
    Recognised {
        municipality: Some(("Mölndal".into(), "1481".parse().unwrap(), 1)),
        year: Some((2016, Some(11), 1)),
        revision: Some(Revision::new(2016)),
        points: vec![
            FoundPoints {
                area: area(1),
                points: s(49),
                line: 2,
                place: PointsPlace::Contents,
            },
            FoundPoints {
                area: area(1),
                points: s(49),
                line: 40,
                place: PointsPlace::Heading,
            },
            FoundPoints {
                area: area(2),
                points: s(61),
                line: 90,
                place: PointsPlace::Chapter,
            },
            FoundPoints {
                area: area(3),
                points: s(73),
                line: 400,
                place: PointsPlace::Table,
            },
        ],
        site: Some(Site::Docplayer),
        digits_lost: true,
    }
}

/// A text stopping at every part, with and without what it holds.
fn stops() -> Vec<ProblemKind> {
    let mut out = Vec::new();
    for (after, page, pages) in [
        (Reached::Front, Some(1), Some(34)),
        (Reached::InContents, Some(2), None),
        (Reached::Contents, None, Some(34)),
        (Reached::Chapter(area(6)), None, None),
        (Reached::Table(None), Some(30), Some(34)),
        (Reached::Table(Some(area(3))), Some(33), Some(34)),
    ] {
        for all in [true, false] {
            let stopped = Stopped {
                recognised: recognised(all),
                after,
                page,
                pages,
                missing: vec![area(7), area(8)],
            };
            out.push(ReportProblem::StopsEarly(Box::new(stopped)).into());
        }
    }
    for all in [true, false] {
        out.push(ReportProblem::DigitsLost(Box::new(recognised(all))).into());
    }
    let mut five = recognised(true);
    five.site = Some(Site::FiveDok);
    five.digits_lost = false;
    out.push(ReportProblem::DigitsLost(Box::new(five)).into());
    out
}

fn curation() -> Vec<ProblemKind> {
    let mut out: Vec<ProblemKind> = [
        RegisterProblem::Csv("a message of the reader".into()),
        RegisterProblem::MissingColumns(vec!["kod".into()]),
        RegisterProblem::MissingColumns(vec!["kod".into(), "namn".into()]),
        RegisterProblem::CodeListedTwice(kumla()),
        RegisterProblem::Empty,
        RegisterProblem::CountyMismatch {
            given: "19".into(),
            code: kumla(),
        },
        RegisterProblem::NotAYear("tjugo".into()),
        RegisterProblem::NotACount("många".into()),
        RegisterProblem::BenchmarkWithoutSource,
        RegisterProblem::RevisionListedTwice,
        RegisterProblem::ThemeNumber(9),
        RegisterProblem::ThemeSlug("Demokrati".into()),
        RegisterProblem::ThemeCount(7),
        RegisterProblem::RevisionName("2020".into()),
        RegisterProblem::AreaNumber,
        RegisterProblem::AreaCount(7),
        RegisterProblem::AreaTheme(9),
        RegisterProblem::Confidence("säker".into()),
        RegisterProblem::SubareaElsewhere(code("3.2")),
        RegisterProblem::SubareaMax(0),
        RegisterProblem::SubareaMaximaSum(90),
        RegisterProblem::NotInRegister(kumla()),
        RegisterProblem::NameDiffers {
            given: "Kumla kommun".into(),
            register: "Kumla".into(),
        },
        RegisterProblem::NotAGroup("B9".into()),
        RegisterProblem::GroupNamedTwice {
            group: "B3".parse().unwrap(),
            name: "Större stad".into(),
            other: "Större städer".into(),
        },
        RegisterProblem::WithoutSource,
        RegisterProblem::Json("expected value at line 1 column 1".into()),
        RegisterProblem::NotFeatureCollection,
        RegisterProblem::GeometryType("Point".into()),
        RegisterProblem::BadRing {
            polygon: 1,
            ring: 2,
        },
    ]
    .into_iter()
    .map(ProblemKind::from)
    .collect();
    out.extend(
        [
            RunProblem::DescribedTwice {
                evaluation: EvaluationKey::new(kumla(), 2020, None),
                other: PathBuf::from("kumla.toml"),
            },
            RunProblem::MonthNeeded {
                municipality: kumla(),
                year: 2014,
                months: vec![Some(3), None],
            },
            RunProblem::TwoBundles {
                other: PathBuf::from("data-import"),
            },
        ]
        .map(ProblemKind::from),
    );
    out
}

#[test]
fn every_kind_of_problem_has_swedish_without_english() {
    let every: Vec<ProblemKind> = [
        rules(),
        values(),
        reading(),
        metadata(),
        table(),
        report(),
        stops(),
        curation(),
    ]
    .concat();
    for k in &every {
        // The detector finds the English it is there to find.
        assert!(!english_in(&k.to_string()).is_empty(), "{k}");
        for input in [InputKind::Report, InputKind::File, InputKind::Form] {
            let w = kind(k, input);
            let english = english_in(&w.text);
            assert!(english.is_empty(), "{english:?} in {:?} (for {k})", w.text);
            assert_ne!(w.text, k.to_string());
            assert!(w.text.ends_with('.'), "{:?}", w.text);
        }
    }
}
