//! What is worth saying about an input that was read and accepted: choices
//! the report reader made, parts it did not find, what an import replaces.
//! Typed as problems are, for the same reasons: `Display` is the command
//! line's English ("line 12: ..."), the pages word each kind in Swedish.

use std::fmt;

use super::recognised::Site;
use super::report::{QuotedDate, candidates, joined};
use crate::domain::evaluation::month_name_sv;
use crate::domain::{AreaNumber, EvaluationKey, Revision, Score, SubareaCode};
use crate::import::replacement::Dropped;

/// When an evaluation was made, as a report gives it: the year, and the
/// month when printed ("november 2020").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub year: i32,
    pub month: Option<u8>,
}

impl fmt::Display for Dated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month.and_then(month_name_sv) {
            Some(month) => write!(f, "{month} {}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The line the notice is about, when it is about one.
    pub line: Option<u32>,
    pub kind: NoticeKind,
}

impl Notice {
    pub fn at(line: u32, kind: NoticeKind) -> Self {
        Notice {
            line: Some(line),
            kind,
        }
    }

    pub fn about(kind: NoticeKind) -> Self {
        Notice { line: None, kind }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    /// Sub-areas of a revision the catalogue lists none of, recorded as
    /// this file prints them.
    SubareasRecorded {
        revision: Revision,
        codes: Vec<SubareaCode>,
    },
    NoOverviewTable,
    NoAreaChapters,
    /// Areas without a chapter.
    NoChapterFor(Vec<AreaNumber>),
    /// Areas whose chapter prints no points.
    NoChapterPoints(Vec<AreaNumber>),
    /// A sub-area printed "–": its area's sub-areas are left out.
    Unassessed {
        code: SubareaCode,
        name: String,
        area: AreaNumber,
    },
    /// A chapter's headings and the table's rows differ in number.
    HeadingsCount {
        area: AreaNumber,
        headings: usize,
        rows: usize,
    },
    /// Areas whose strengths and improvements are kept as one block.
    ColumnsRunTogether(Vec<AreaNumber>),
    /// Of several lone numbers (points, line) where a chapter's points
    /// stand, the table's total was taken.
    PointsSettled {
        area: AreaNumber,
        candidates: Vec<(Score, u32)>,
        points: Score,
        total_line: u32,
    },
    /// An area printed under a name that is not its revision's.
    ForeignAreaName {
        area: AreaNumber,
        printed: String,
        revision: Revision,
    },
    /// Different evaluation numbers of one rank (line, quote): none is kept.
    NumberLeftOut(Vec<(u32, String)>),
    TitleYearDiffers {
        title: String,
        title_year: i32,
        chosen: QuotedDate,
    },
    /// A range of months, dated by its first.
    MonthRange {
        quote: String,
        date: Dated,
    },
    /// The month comes from a sentence that does not name the
    /// municipality; the title gives the year.
    MonthFromSentence {
        quote: String,
        title_line: u32,
    },
    /// The title gives the visit without its year; the year is the
    /// report's date's (its line).
    YearFromReportDate {
        title: String,
        year: i32,
        report_line: u32,
    },
    /// The text is a transcript from a document-sharing site.
    Transcript(Site),
    /// Areas whose points were read from the table of contents: their
    /// chapters print none, and there is no score table.
    PointsFromContents(Vec<AreaNumber>),
    /// A stored evaluation replaced, and what the new source lacks.
    Replaces {
        evaluation: EvaluationKey,
        source_file: String,
        dropped: Vec<Dropped>,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        self.kind.fmt(f)
    }
}

impl fmt::Display for NoticeKind {
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per notice kind: its length is the list of kinds"
    )]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoticeKind::SubareasRecorded { revision, codes } => write!(
                f,
                "the catalogue does not list the sub-areas of {revision}; recording {} as printed here",
                joined(codes, ", ")
            ),
            NoticeKind::NoOverviewTable => f.write_str(
                "found no overview table (\"Översikt av poängfördelning\"): area points come from the chapters, and no sub-area was read",
            ),
            NoticeKind::NoAreaChapters => f.write_str(
                "found no area chapters (\"Område N ...\"): no chapter points are cross-checked with the table, and no strengths and improvements are read",
            ),
            NoticeKind::NoChapterFor(areas) => write!(
                f,
                "found no chapter \"Område N ...\" for area(s) {}: their points are not cross-checked and their texts not read",
                joined(areas, ", ")
            ),
            NoticeKind::NoChapterPoints(areas) => write!(
                f,
                "found no points in the chapter(s) of area(s) {}: they are not cross-checked with the table",
                joined(areas, ", ")
            ),
            NoticeKind::Unassessed { code, name, area } => write!(
                f,
                "sub-area {code} ({name}) prints \"–\" for its points (not assessed): the sub-areas of area {area} \
                 are left out, as an area keeps all its sub-areas or none; its total is kept as printed"
            ),
            NoticeKind::HeadingsCount {
                area,
                headings,
                rows,
            } => write!(
                f,
                "the chapter of area {area} lists {headings} headings under \"Rubriker\", the table {rows} sub-areas"
            ),
            NoticeKind::ColumnsRunTogether(areas) => write!(
                f,
                "strengths and improvements of area(s) {} are kept as one block each: the text runs the two columns together with no marker (a PDF is read with its columns, which splits them)",
                joined(areas, ", ")
            ),
            NoticeKind::PointsSettled {
                area,
                candidates: list,
                points,
                total_line,
            } => write!(
                f,
                "the chapter of area {area} prints several lone numbers where its points stand ({}); \
                 {points} is read as its points, being the overview table's total (line {total_line}), the others as page numbers",
                candidates(list)
            ),
            NoticeKind::ForeignAreaName {
                area,
                printed,
                revision,
            } => write!(
                f,
                "area {area} is printed as \"{printed}\", which is not a {revision} name; read as {revision} area {area}"
            ),
            NoticeKind::NumberLeftOut(found) => {
                let list: Vec<String> = found
                    .iter()
                    .map(|(line, quote)| format!("line {line}: \"{quote}\""))
                    .collect();
                write!(
                    f,
                    "the evaluation number is left out, as the report gives different ones ({})",
                    list.join(", ")
                )
            }
            NoticeKind::TitleYearDiffers {
                title,
                title_year,
                chosen,
            } => write!(
                f,
                "the title \"{title}\" gives the year {title_year}; the evaluation is dated {} from line {} (\"{}\")",
                chosen.date, chosen.line, chosen.quote
            ),
            NoticeKind::MonthRange { quote, date } => write!(
                f,
                "\"{quote}\" spans several months; the evaluation is dated by the first, {date}"
            ),
            NoticeKind::MonthFromSentence { quote, title_line } => write!(
                f,
                "the month of the evaluation is read from \"{quote}\", which does not name the municipality; the title (line {title_line}) gives only the year"
            ),
            NoticeKind::YearFromReportDate {
                title,
                year,
                report_line,
            } => write!(
                f,
                "the title \"{title}\" gives no year; {year} is the year of the report's date (line {report_line}), the last such month before it"
            ),
            NoticeKind::Transcript(site) => write!(
                f,
                "the text is a transcript from {site}; such copies can lose digits, so compare the figures with the report's PDF"
            ),
            NoticeKind::PointsFromContents(areas) => write!(
                f,
                "the points of area(s) {} are read from the table of contents: their chapters print none and there is no score table",
                joined(areas, ", ")
            ),
            NoticeKind::Replaces {
                evaluation,
                source_file,
                dropped,
            } => write!(
                f,
                "replaces {} from {source_file}, dropping what this source does not print: {}",
                evaluation.label(),
                joined(dropped, "; ")
            ),
        }
    }
}
