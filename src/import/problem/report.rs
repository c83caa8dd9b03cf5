//! What stops a report from being read: who and when cannot be told
//! (`MetadataProblem`), its overview table does not add up or cannot be
//! read (`TableProblem`), or the report as a whole falls short
//! (`ReportProblem`).

use std::fmt;

use super::Dated;
use super::recognised::{Recognised, Stopped};
use crate::domain::catalogue::DetectError;
use crate::domain::{AreaNumber, MunicipalityCode, Score, SubareaCode};

/// A date as a report printed it, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotedDate {
    pub date: Dated,
    pub line: u32,
    /// The words it was read from.
    pub quote: String,
}

/// Where the dates that disagree were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// Sentences about the evaluated municipality.
    Naming,
    TitlePage,
    /// Other sentences with a date.
    Other,
    TitleAndSentences,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetadataProblem {
    /// Phrases name different municipalities as the evaluated one (name, line).
    SeveralMunicipalities(Vec<(String, u32)>),
    /// A printed name that could be any of several in the register.
    AmbiguousName {
        printed: String,
        candidates: Vec<(String, MunicipalityCode)>,
    },
    /// A printed name that is no municipality in the register.
    UnknownName(String),
    /// No phrase names it, and no name is mentioned far more than the
    /// others (name, times).
    MunicipalityUnclear(Vec<(String, usize)>),
    DatesDisagree {
        source: DateSource,
        dates: Vec<QuotedDate>,
    },
    /// No date, with the dates left out as being about something else (line, word).
    NoDate(Vec<(u32, String)>),
}

/// Why a row's figures cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFault {
    MaxIsDash,
    TooFew,
    TooMany,
    PercentFirst,
}

/// Why a line that reads as a total cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TotalFault {
    /// Words that have no place in a total.
    Stray(String),
    Dash,
    Row(RowFault),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableProblem {
    AreaTwice {
        area: AreaNumber,
        first_line: u32,
    },
    NoRowsFor(AreaNumber),
    /// A gap in an area's rows: the missing code, the row before it (code,
    /// line), the row after it and its line.
    RowMissing {
        missing: SubareaCode,
        after: Option<(SubareaCode, u32)>,
        before: SubareaCode,
        line: u32,
    },
    NoTotalRow(AreaNumber),
    TotalNotOutOf100 {
        area: AreaNumber,
        max: Score,
    },
    MaximaSum {
        area: AreaNumber,
        sum: Score,
        max: Score,
    },
    /// More numbers at a row's end than its columns explain.
    RowFiguresUnclear {
        code: SubareaCode,
        count: usize,
    },
    RowUnreadable {
        code: SubareaCode,
        name: String,
        fault: RowFault,
    },
    RowWithoutFigures {
        code: SubareaCode,
        name: String,
    },
    SecondHeader(AreaNumber),
    RowAfterOtherHeader {
        code: SubareaCode,
        area: AreaNumber,
        header_line: u32,
    },
    TotalUnreadable {
        text: String,
        fault: TotalFault,
    },
    SecondGrandTotal,
    TotalNamesOtherArea {
        named: AreaNumber,
        area: AreaNumber,
    },
    SecondAreaTotal {
        area: AreaNumber,
        first_line: u32,
    },
    TotalBeforeRows,
    /// Many rows without figures: the columns came in reading order.
    ColumnsInReadingOrder {
        rows: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportProblem {
    TextEmpty,
    /// Neither an overview table nor chapters with points.
    NothingToRead,
    NoAreaNames,
    RevisionUnclear(DetectError),
    /// A chapter prints several lone numbers where its points stand (points,
    /// line), and the table's total (points, line), if any, is none of them.
    LoneNumbers {
        area: AreaNumber,
        candidates: Vec<(Score, u32)>,
        total: Option<(Score, u32)>,
    },
    ChapterDisagrees {
        area: AreaNumber,
        name: String,
        points: Score,
        total: Score,
        total_line: u32,
    },
    /// Areas whose points are nowhere: the report is cut off.
    AreasMissing(Vec<AreaNumber>),
    /// The text stops before the report's figures end: what it holds, and
    /// where it stops.
    StopsEarly(Box<Stopped>),
    /// A transcript from a document-sharing site whose figures are not all
    /// there: digits lost in the copying.
    DigitsLost(Box<Recognised>),
    /// The contents print other points for an area than its chapter.
    ContentsDisagree {
        area: AreaNumber,
        /// (points, line) in the contents, and in the chapter or the score table.
        contents: (Score, u32),
        elsewhere: (Score, u32),
    },
}

pub(super) fn joined<T: ToString>(items: &[T], separator: &str) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    items.join(separator)
}

/// "66 on line 229, 12 on line 231".
pub(super) fn candidates(list: &[(Score, u32)]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|(s, line)| format!("{s} on line {line}"))
        .collect();
    items.join(", ")
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateSource::Naming => "the sentences about the evaluated municipality",
            DateSource::TitlePage => "the title page",
            DateSource::Other => {
                "the sentences with a date (none names the evaluated municipality)"
            }
            DateSource::TitleAndSentences => "the title page and the sentences with a date",
        })
    }
}

impl fmt::Display for MetadataProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetadataProblem::SeveralMunicipalities(named) => {
                let list: Vec<String> = named
                    .iter()
                    .map(|(name, line)| format!("{name} (line {line})"))
                    .collect();
                write!(
                    f,
                    "the report names several municipalities as the one evaluated: {}",
                    list.join(", ")
                )
            }
            MetadataProblem::AmbiguousName {
                printed,
                candidates,
            } => {
                let list: Vec<String> = candidates
                    .iter()
                    .map(|(name, code)| format!("{name} ({code})"))
                    .collect();
                write!(
                    f,
                    "\"{printed}\" could be {}; the report must spell the name as the register does",
                    list.join(" or ")
                )
            }
            MetadataProblem::UnknownName(name) => write!(
                f,
                "the report names \"{name}\", which is not a municipality in the register (municipalities.csv)"
            ),
            MetadataProblem::MunicipalityUnclear(mentions) => {
                f.write_str(
                    "cannot tell which municipality was evaluated: no title or sentence such as \
                     \"Utvärderingen av X kommun\" names it",
                )?;
                if mentions.is_empty() {
                    return Ok(());
                }
                let list: Vec<String> = mentions
                    .iter()
                    .map(|(name, n)| format!("{name} ({n} times)"))
                    .collect();
                write!(f, ", and mentions are too even ({})", list.join(", "))
            }
            MetadataProblem::DatesDisagree { source, dates } => {
                let list: Vec<String> = dates
                    .iter()
                    .map(|d| format!("{} (line {}: \"{}\")", d.date, d.line, d.quote))
                    .collect();
                write!(
                    f,
                    "{source} give different evaluation dates: {}; the parser does not guess which is \
                     this evaluation's: fix the text, or write the evaluation file by hand",
                    list.join(", ")
                )
            }
            MetadataProblem::NoDate(left_out) => {
                f.write_str(
                    "found no evaluation date: looked for \"Utvärderingen av X kommun genomfördes i <månad> <år>\", \
                     \"X kommun utvärderades i <månad> <år>\" and a title \"Analys av X kommun <år>\"",
                )?;
                if left_out.is_empty() {
                    return Ok(());
                }
                let lines: Vec<String> = left_out
                    .iter()
                    .map(|(line, word)| format!("line {line} (\"{word}\")"))
                    .collect();
                write!(
                    f,
                    "; dates in sentences about an earlier evaluation or a revision were left out: {}",
                    lines.join(", ")
                )
            }
        }
    }
}

impl fmt::Display for RowFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RowFault::MaxIsDash => "its max is printed as \"–\"",
            RowFault::TooFew => "it has fewer than two figures",
            RowFault::TooMany => "it has more than three figures",
            RowFault::PercentFirst => "a percent stands before the last figure",
        })
    }
}

impl fmt::Display for TotalFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TotalFault::Stray(words) => write!(f, "\"{words}\" stands among its words and figures"),
            TotalFault::Dash => f.write_str("a total cannot be \"–\""),
            TotalFault::Row(fault) => fault.fmt(f),
        }
    }
}

impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableProblem::AreaTwice { area, first_line } => write!(
                f,
                "area {area} appears twice in the table (first at line {first_line})"
            ),
            TableProblem::NoRowsFor(area) => write!(f, "the table has no rows for area {area}"),
            TableProblem::RowMissing {
                missing,
                after,
                before,
                line,
            } => {
                write!(f, "the row of sub-area {missing} is missing")?;
                if let Some((code, at)) = after {
                    write!(f, " after {code} (line {at})")?;
                }
                write!(f, ", before {before} (line {line})")
            }
            TableProblem::NoTotalRow(area) => write!(
                f,
                "area {area} has no total row (such as \"66 100 66%\") in the table"
            ),
            TableProblem::TotalNotOutOf100 { area, max } => {
                write!(
                    f,
                    "the total of area {area} is printed out of {max}, not 100"
                )
            }
            TableProblem::MaximaSum { area, sum, max } => write!(
                f,
                "the maxima of area {area}'s sub-areas add up to {sum}, not {max}: a sub-area row is missing or misread"
            ),
            TableProblem::RowFiguresUnclear { code, count } => write!(
                f,
                "the row of sub-area {code} ends in {count} numbers; expected points, max and percent, and \
                 neither a percent nor the header's columns tell which numbers are the figures"
            ),
            TableProblem::RowUnreadable { code, name, fault } => write!(
                f,
                "the row of sub-area {code} ({name}) cannot be read: {fault}; expected points, max and percent such as \"13 20 63%\""
            ),
            TableProblem::RowWithoutFigures { code, name } => write!(
                f,
                "the row of sub-area {code} ({name}) has no readable points, max and percent after its name"
            ),
            TableProblem::SecondHeader(area) => {
                write!(f, "area {area} has a second header in the table")
            }
            TableProblem::RowAfterOtherHeader {
                code,
                area,
                header_line,
            } => write!(
                f,
                "sub-area {code} comes right after the header of area {area} (line {header_line})"
            ),
            TableProblem::TotalUnreadable { text, fault } => write!(
                f,
                "\"{text}\" reads as a total, but {fault}; expected points, max and percent such as \"66 100 66%\""
            ),
            TableProblem::SecondGrandTotal => f.write_str("a second grand total"),
            TableProblem::TotalNamesOtherArea { named, area } => write!(
                f,
                "the total on this line names area {named}, but the rows above it are area {area}'s"
            ),
            TableProblem::SecondAreaTotal { area, first_line } => write!(
                f,
                "a second total for area {area} (the first is on line {first_line})"
            ),
            TableProblem::TotalBeforeRows => f.write_str("a total before any sub-area row"),
            TableProblem::ColumnsInReadingOrder { rows } => write!(
                f,
                "{rows} rows have no figures beside their names: the table's columns seem to come \
                 one after another, as text extracted in reading order gives them; extract the text with \
                 `pdftotext -layout`, or import the PDF itself"
            ),
        }
    }
}

impl fmt::Display for ReportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportProblem::TextEmpty => f.write_str("the text is empty"),
            ReportProblem::NothingToRead => f.write_str(
                "found neither the overview table \"Översikt av poängfördelning\" nor area chapters (\"Område 1 ...\") with points",
            ),
            ReportProblem::NoAreaNames => f.write_str(
                "found no area names (\"Område 1 ...\" chapters or table headers) to tell the criteria revision from",
            ),
            ReportProblem::RevisionUnclear(e) => write!(
                f,
                "cannot tell the criteria revision from the printed area names: {e}"
            ),
            ReportProblem::LoneNumbers {
                area,
                candidates: list,
                total,
            } => {
                write!(
                    f,
                    "the chapter of area {area} prints several lone numbers where its points stand ({}), ",
                    candidates(list)
                )?;
                match total {
                    None => f.write_str(
                        "and there is no table total to tell its points from a page number",
                    ),
                    Some((points, line)) => write!(
                        f,
                        "and none is the overview table's total for area {area}, {points} (line {line})"
                    ),
                }
            }
            ReportProblem::ChapterDisagrees {
                area,
                name,
                points,
                total,
                total_line,
            } => write!(
                f,
                "the chapter \"Område {area} {name}\" prints {points} points, but the overview table's total for area {area} is {total} (line {total_line})"
            ),
            ReportProblem::StopsEarly(stopped) => stopped.fmt(f),
            ReportProblem::DigitsLost(recognised) => {
                let site = recognised.site.unwrap_or(super::Site::Unnamed);
                write!(
                    f,
                    "the text is a transcript from {site} in which figures the report prints are missing \
                     (digits are lost in such copies), so it cannot be read exactly; use the report's PDF. \
                     Recognised: {recognised}"
                )
            }
            ReportProblem::ContentsDisagree {
                area,
                contents,
                elsewhere,
            } => write!(
                f,
                "the table of contents prints {} points for area {area} (line {}), the report {} on line {}",
                contents.0, contents.1, elsewhere.0, elsewhere.1
            ),
            ReportProblem::AreasMissing(areas) => write!(
                f,
                "found no points for area(s) {} in the overview table or the chapters: the report looks incomplete (cut off?); \
                 every report prints all eight areas",
                joined(areas, ", ")
            ),
        }
    }
}
