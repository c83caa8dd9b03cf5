//! Where a problem is, in Swedish.

use crate::import::problem::{Field, List, Part, RegisterField};

pub(super) fn field(f: &Field) -> String {
    match f {
        Field::Municipality => "kommun".into(),
        Field::MunicipalityName => "kommunens namn".into(),
        Field::Year => "år".into(),
        Field::Month => "månad".into(),
        Field::EvaluationNumber => "utvärderingens nummer".into(),
        Field::Revision => "kriterieversion".into(),
        Field::Total => "totalpoäng".into(),
        Field::Published => "publiceringsdatum".into(),
        Field::SourceUrl => "källans adress".into(),
        Field::ContributionReference => "inskickningens referens".into(),
        Field::ContributionAccepted => "dagen inskickningen godtogs".into(),
        Field::DiscrepancyFigure => "antecknad skillnad".into(),
        Field::Entry { list, index, part } => {
            format!("{} {} ({})", list_entry(*list), index + 1, part_sv(*part))
        }
        Field::Area(n) => format!("område {n}"),
        Field::Subarea { code, part: None } => format!("delområde {code}"),
        Field::Subarea {
            code,
            part: Some(part),
        } => format!("delområde {code}, {}", part_sv(*part)),
        Field::SubareasOf(n) => format!("delområdena i område {n}"),
        Field::File => "filen".into(),
        Field::Toml => "filens form".into(),
        Field::Format => "filens slag".into(),
        Field::Encoding => "teckenkodning".into(),
        Field::Pdf => "PDF".into(),
        Field::Folder => "mappen".into(),
        Field::Report => "rapporten".into(),
        Field::OverviewTable => "översiktstabellen".into(),
        Field::TableGrandTotal => "översiktstabellen, totalpoängen".into(),
        Field::TableArea(n) => format!("översiktstabellen, område {n}"),
        Field::TableRow(code) => format!("översiktstabellen, delområde {code}"),
        Field::ChapterPoints(n) => format!("kapitlet om område {n}, poängen"),
        Field::Identity => "kommun, år och månad".into(),
        Field::Registers(r) => registers(r),
    }
}

/// An entry of one of the file's lists, as the page counts it (from 1).
fn list_entry(list: List) -> &'static str {
    match list {
        List::Areas => "områdesrad",
        List::Subareas => "delområdesrad",
        List::Texts => "text",
        List::StatedChanges => "uppgiven förändring",
    }
}

fn part_sv(part: Part) -> &'static str {
    match part {
        Part::Number => "nummer",
        Part::Name => "namn",
        Part::Code => "kod",
        Part::Points => "poäng",
        Part::Max => "max",
        Part::Percent => "procent",
        Part::Area => "område",
        Part::Kind => "slag",
        Part::Figure => "siffra",
        Part::Change => "förändring",
        Part::Since => "jämfört med år",
        Part::Source => "källa",
        Part::Slug => "adressnamn",
        Part::Theme => "tema",
        Part::Confidence => "säkerhet",
        Part::Subareas => "delområden",
    }
}

fn registers(r: &RegisterField) -> String {
    match r {
        RegisterField::Csv => "CSV-filen".into(),
        RegisterField::Header => "rubrikraden".into(),
        RegisterField::Column(name) => format!("kolumnen {name}"),
        RegisterField::Key(name) => format!("nyckeln {name}"),
        RegisterField::Themes => "temana".into(),
        RegisterField::Theme(part) => format!("tema ({})", part_sv(*part)),
        RegisterField::Revisions => "kriterieversionerna".into(),
        RegisterField::RevisionId => "kriterieversionens namn".into(),
        RegisterField::RevisionAreas(revision) => format!("områdena i {revision}"),
        RegisterField::RevisionArea {
            revision,
            area,
            part,
        } => format!("område {area} i {revision} ({})", part_sv(*part)),
    }
}
