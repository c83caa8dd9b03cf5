//! One of every kind of notice, and of every field, each in Swedish
//! without English words.

use super::super::{field, notice};
use super::english_in;
use super::every_kind::{V2020, area, code, kumla, s};
use crate::domain::{EvaluationKey, Revision};
use crate::import::problem::{
    Dated, Field, List, Notice, NoticeKind, Part, QuotedDate, RegisterField, Site,
};
use crate::import::replacement::Dropped;

fn notices() -> Vec<Notice> {
    let chosen = QuotedDate {
        date: Dated {
            year: 2020,
            month: Some(11),
        },
        line: 7,
        quote: "genomfördes i november 2020".into(),
    };
    [
        NoticeKind::SubareasRecorded {
            revision: Revision::new(2010),
            codes: vec![code("1.1"), code("1.2")],
        },
        NoticeKind::NoOverviewTable,
        NoticeKind::NoAreaChapters,
        NoticeKind::NoChapterFor(vec![area(2)]),
        NoticeKind::NoChapterPoints(vec![area(2), area(3)]),
        NoticeKind::Unassessed {
            code: code("1.4"),
            name: "Transparens kring resultat".into(),
            area: area(1),
        },
        NoticeKind::HeadingsCount {
            area: area(1),
            headings: 4,
            rows: 5,
        },
        NoticeKind::ColumnsRunTogether(vec![area(1)]),
        NoticeKind::PointsSettled {
            area: area(1),
            candidates: vec![(s(12), 229), (s(66), 231)],
            points: s(66),
            total_line: 3099,
        },
        NoticeKind::ForeignAreaName {
            area: area(1),
            printed: "Offentlighet och demokrati".into(),
            revision: V2020,
        },
        NoticeKind::NumberLeftOut(vec![(1, "andra utvärdering".into())]),
        NoticeKind::TitleYearDiffers {
            title: "Analys av Kumla kommun 2021".into(),
            title_year: 2021,
            chosen,
        },
        NoticeKind::MonthRange {
            quote: "oktober–november 2020".into(),
            date: Dated {
                year: 2020,
                month: Some(10),
            },
        },
        NoticeKind::MonthFromSentence {
            quote: "genomfördes i mars 2020".into(),
            title_line: 1,
        },
        NoticeKind::YearFromReportDate {
            title: "Analys av Skövde kommun 29-30 september".into(),
            year: 2005,
            report_line: 1,
        },
        NoticeKind::Transcript(Site::Docplayer),
        NoticeKind::Transcript(Site::Unnamed),
        NoticeKind::PointsFromContents(vec![area(1), area(2)]),
        NoticeKind::Replaces {
            evaluation: EvaluationKey::new(kumla(), 2020, Some(11)),
            source_file: "kumla.toml".into(),
            dropped: vec![
                Dropped::Month(11),
                Dropped::EvaluationNumber(2),
                Dropped::Total(s(557)),
                Dropped::Areas(vec![(area(1), s(66))]),
                Dropped::Subareas(vec![code("1.1")]),
                Dropped::Discrepancies,
                Dropped::Notes,
                Dropped::PublicNote,
                Dropped::StatedChanges(1),
                Dropped::StatedChanges(2),
                Dropped::Published(chrono::NaiveDate::from_ymd_opt(2021, 5, 10).unwrap()),
                Dropped::SourceUrl,
                Dropped::SourceTitle,
                Dropped::Evaluators,
                Dropped::Texts(1),
                Dropped::Texts(3),
            ],
        },
    ]
    .into_iter()
    .enumerate()
    .map(|(i, kind)| {
        if i % 2 == 0 {
            Notice::about(kind)
        } else {
            Notice::at(12, kind)
        }
    })
    .collect()
}

fn fields() -> Vec<Field> {
    let mut out = vec![
        Field::Municipality,
        Field::MunicipalityName,
        Field::Year,
        Field::Month,
        Field::EvaluationNumber,
        Field::Revision,
        Field::Total,
        Field::Published,
        Field::SourceUrl,
        Field::ContributionReference,
        Field::ContributionAccepted,
        Field::DiscrepancyFigure,
        Field::Area(area(3)),
        Field::subarea(code("3.2")),
        Field::SubareasOf(area(3)),
        Field::File,
        Field::Toml,
        Field::Format,
        Field::Encoding,
        Field::Pdf,
        Field::Folder,
        Field::Report,
        Field::OverviewTable,
        Field::TableGrandTotal,
        Field::TableArea(area(1)),
        Field::TableRow(code("1.1")),
        Field::ChapterPoints(area(1)),
        Field::Identity,
    ];
    let parts = [
        Part::Number,
        Part::Name,
        Part::Code,
        Part::Points,
        Part::Max,
        Part::Percent,
        Part::Area,
        Part::Kind,
        Part::Figure,
        Part::Change,
        Part::Since,
        Part::Source,
        Part::Slug,
        Part::Theme,
        Part::Confidence,
        Part::Subareas,
    ];
    for list in [
        List::Areas,
        List::Subareas,
        List::Texts,
        List::StatedChanges,
    ] {
        out.extend(parts.map(|part| Field::entry(list, 0, part)));
    }
    out.extend(parts.map(|part| Field::subarea_part(code("3.2"), part)));
    out.extend(
        [
            RegisterField::Csv,
            RegisterField::Header,
            RegisterField::Column("county_code".into()),
            RegisterField::Key("properties.KnKod".into()),
            RegisterField::Themes,
            RegisterField::Theme(Part::Slug),
            RegisterField::Revisions,
            RegisterField::RevisionId,
            RegisterField::RevisionAreas(V2020),
            RegisterField::RevisionArea {
                revision: V2020,
                area: 9,
                part: Part::Number,
            },
        ]
        .map(Field::Registers),
    );
    out
}

#[test]
fn every_notice_has_swedish_without_english() {
    for n in notices() {
        assert!(!english_in(&n.to_string()).is_empty(), "{n}");
        let text = notice(&n);
        let english = english_in(&text);
        assert!(english.is_empty(), "{english:?} in {text:?} (for {n})");
        assert!(text.starts_with("Rad 12: ") == n.line.is_some(), "{text}");
    }
}

#[test]
fn every_field_has_swedish_without_english() {
    for f in fields() {
        let text = field(&f);
        let english = english_in(&text);
        assert!(english.is_empty(), "{english:?} in {text:?} (for {f})");
        assert!(!text.is_empty());
    }
}
