//! Where in its input a problem is: a key of the evaluation file, an entry
//! of one of its lists, one of the evaluation's figures, a part of a
//! report, or of the registers. `Display` is the name the command line
//! prints ("subareas (3.2).points"); the pages word it in Swedish.

use std::fmt;

use crate::domain::{AreaNumber, Revision, SubareaCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Municipality,
    MunicipalityName,
    Year,
    Month,
    EvaluationNumber,
    Revision,
    Total,
    Published,
    /// `[source] url`.
    SourceUrl,
    /// `[contribution] reference`.
    ContributionReference,
    /// `[contribution] accepted`.
    ContributionAccepted,
    /// The figure a `[[discrepancies]]` entry names.
    DiscrepancyFigure,
    /// An entry of one of the file's lists, by its position: `areas[0].points`.
    Entry {
        list: List,
        index: usize,
        part: Part,
    },
    /// An area's figures: `areas (3)`.
    Area(AreaNumber),
    /// A sub-area's figures, or one of them: `subareas (3.2).max`.
    Subarea {
        code: SubareaCode,
        part: Option<Part>,
    },
    /// An area's sub-areas together: `subareas (area 3)`.
    SubareasOf(AreaNumber),
    /// The input as a whole, as a file.
    File,
    /// The input as TOML.
    Toml,
    /// What kind of input it is.
    Format,
    Encoding,
    Pdf,
    /// A folder given to the import.
    Folder,
    /// A report as a whole.
    Report,
    /// A report's overview table, as a whole.
    OverviewTable,
    /// The overview table's grand total.
    TableGrandTotal,
    /// An area's rows in the overview table.
    TableArea(AreaNumber),
    /// A sub-area's row in the overview table.
    TableRow(SubareaCode),
    /// The points printed in an area's chapter.
    ChapterPoints(AreaNumber),
    /// Which evaluation a file describes: municipality, year and month.
    Identity,
    Registers(RegisterField),
}

/// The evaluation file's lists of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Areas,
    Subareas,
    Texts,
    StatedChanges,
}

/// A key within an entry (an area, a sub-area, a text, a theme...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Number,
    Name,
    Code,
    Points,
    Max,
    Percent,
    Area,
    Kind,
    Figure,
    Change,
    Since,
    Source,
    Slug,
    Theme,
    Confidence,
    Subareas,
}

/// Where in the registers (register, benchmarks, catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterField {
    /// A CSV file as CSV.
    Csv,
    /// A CSV file's header row.
    Header,
    /// A CSV column, by the name the file gives it.
    Column(String),
    /// A key of a JSON file (the map data), by its path: `properties.KnKod`.
    Key(String),
    /// The catalogue's themes, together.
    Themes,
    /// A key of one theme.
    Theme(Part),
    /// The catalogue's revisions, together.
    Revisions,
    /// A revision's id.
    RevisionId,
    /// A revision's areas, together.
    RevisionAreas(Revision),
    /// A key of one area of a revision (its number as written).
    RevisionArea {
        revision: Revision,
        area: u8,
        part: Part,
    },
}

impl Field {
    /// The key of an entry of one of the file's lists.
    pub fn entry(list: List, index: usize, part: Part) -> Self {
        Field::Entry { list, index, part }
    }

    /// A sub-area's figures as a whole.
    pub fn subarea(code: SubareaCode) -> Self {
        Field::Subarea { code, part: None }
    }

    /// One of a sub-area's figures.
    pub fn subarea_part(code: SubareaCode, part: Part) -> Self {
        Field::Subarea {
            code,
            part: Some(part),
        }
    }

    /// A CSV column of the registers.
    pub fn column(name: impl Into<String>) -> Self {
        Field::Registers(RegisterField::Column(name.into()))
    }
}

impl fmt::Display for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            List::Areas => "areas",
            List::Subareas => "subareas",
            List::Texts => "texts",
            List::StatedChanges => "stated_changes",
        })
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Number => "number",
            Part::Name => "name",
            Part::Code => "code",
            Part::Points => "points",
            Part::Max => "max",
            Part::Percent => "percent",
            Part::Area => "area",
            Part::Kind => "kind",
            Part::Figure => "figure",
            Part::Change => "change",
            Part::Since => "since",
            Part::Source => "source",
            Part::Slug => "slug",
            Part::Theme => "theme",
            Part::Confidence => "confidence",
            Part::Subareas => "subareas",
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Municipality => f.write_str("municipality"),
            Field::MunicipalityName => f.write_str("municipality_name"),
            Field::Year => f.write_str("year"),
            Field::Month => f.write_str("month"),
            Field::EvaluationNumber => f.write_str("evaluation_number"),
            Field::Revision => f.write_str("revision"),
            Field::Total => f.write_str("total"),
            Field::Published => f.write_str("published"),
            Field::SourceUrl => f.write_str("source.url"),
            Field::ContributionReference => f.write_str("contribution.reference"),
            Field::ContributionAccepted => f.write_str("contribution.accepted"),
            Field::DiscrepancyFigure => f.write_str("discrepancies.figure"),
            Field::Entry { list, index, part } => write!(f, "{list}[{index}].{part}"),
            Field::Area(n) => write!(f, "areas ({n})"),
            Field::Subarea { code, part: None } => write!(f, "subareas ({code})"),
            Field::Subarea {
                code,
                part: Some(part),
            } => write!(f, "subareas ({code}).{part}"),
            Field::SubareasOf(n) => write!(f, "subareas (area {n})"),
            Field::File => f.write_str("file"),
            Field::Toml => f.write_str("toml"),
            Field::Format => f.write_str("format"),
            Field::Encoding => f.write_str("encoding"),
            Field::Pdf => f.write_str("pdf"),
            Field::Folder => f.write_str("folder"),
            Field::Report => f.write_str("report"),
            Field::OverviewTable => f.write_str("overview table"),
            Field::TableGrandTotal => f.write_str("overview table (total)"),
            Field::TableArea(n) => write!(f, "overview table (area {n})"),
            Field::TableRow(code) => write!(f, "overview table ({code})"),
            Field::ChapterPoints(n) => write!(f, "area {n} (chapter points)"),
            Field::Identity => f.write_str("municipality, year, month"),
            Field::Registers(r) => r.fmt(f),
        }
    }
}

impl fmt::Display for RegisterField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegisterField::Csv => f.write_str("csv"),
            RegisterField::Header => f.write_str("header"),
            RegisterField::Column(name) | RegisterField::Key(name) => f.write_str(name),
            RegisterField::Themes => f.write_str("themes"),
            RegisterField::Theme(part) => write!(f, "themes.{part}"),
            RegisterField::Revisions => f.write_str("revisions"),
            RegisterField::RevisionId => f.write_str("revisions.id"),
            RegisterField::RevisionAreas(r) => write!(f, "revisions[{r}].areas"),
            RegisterField::RevisionArea {
                revision,
                area,
                part,
            } => write!(f, "revisions[{revision}].areas[{area}].{part}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_print_as_the_command_line_always_printed_them() {
        let code: SubareaCode = "3.2".parse().unwrap();
        let area = AreaNumber::ALL[2];
        for (field, printed) in [
            (
                Field::subarea_part(code, Part::Points),
                "subareas (3.2).points",
            ),
            (Field::subarea(code), "subareas (3.2)"),
            (Field::SubareasOf(area), "subareas (area 3)"),
            (Field::Area(area), "areas (3)"),
            (
                Field::entry(List::Areas, 0, Part::Points),
                "areas[0].points",
            ),
            (
                Field::entry(List::StatedChanges, 1, Part::Since),
                "stated_changes[1].since",
            ),
            (Field::ChapterPoints(area), "area 3 (chapter points)"),
            (Field::TableArea(area), "overview table (area 3)"),
            (Field::TableRow(code), "overview table (3.2)"),
            (Field::SourceUrl, "source.url"),
            (
                Field::Registers(RegisterField::RevisionArea {
                    revision: Revision::new(2020),
                    area: 9,
                    part: Part::Number,
                }),
                "revisions[v2020].areas[9].number",
            ),
        ] {
            assert_eq!(field.to_string(), printed);
        }
    }
}
