//! The form for figures printed only on a web page (`/bidra/siffror`: "557
//! av 800" in a press release): its fields are written into an evaluation
//! file, which is then read and checked exactly as any file is
//! (`evaluation_file::parse`, then every rule), so the form has no rules of
//! its own. Each line of that file is known by the field it came from, so a
//! problem is shown at its field. Pure.

use serde::Deserialize;

use crate::domain::{AreaNumber, Figure};

/// The form as sent (every field as typed; empty when left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FiguresForm {
    pub municipality: String,
    pub year: String,
    pub month: String,
    pub evaluation_number: String,
    pub revision: String,
    pub total: String,
    pub area1: String,
    pub area2: String,
    pub area3: String,
    pub area4: String,
    pub area5: String,
    pub area6: String,
    pub area7: String,
    pub area8: String,
    pub source_url: String,
    pub notes: String,
    /// Why the printed total differs from the areas' sum, when the page
    /// itself prints such a total: recorded as a discrepancy.
    pub total_discrepancy: String,
}

/// One of the form's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Municipality,
    Year,
    Month,
    EvaluationNumber,
    Revision,
    Total,
    Area(AreaNumber),
    SourceUrl,
    Notes,
    TotalDiscrepancy,
}

impl Field {
    /// The form field's `name` (and, prefixed, its `id`).
    pub fn name(&self) -> String {
        match self {
            Field::Municipality => "municipality".into(),
            Field::Year => "year".into(),
            Field::Month => "month".into(),
            Field::EvaluationNumber => "evaluation_number".into(),
            Field::Revision => "revision".into(),
            Field::Total => "total".into(),
            Field::Area(n) => format!("area{n}"),
            Field::SourceUrl => "source_url".into(),
            Field::Notes => "notes".into(),
            Field::TotalDiscrepancy => "total_discrepancy".into(),
        }
    }
}

impl FiguresForm {
    /// The points typed for each area, in order.
    pub fn areas(&self) -> [(AreaNumber, &str); 8] {
        let a = AreaNumber::ALL;
        [
            (a[0], self.area1.as_str()),
            (a[1], self.area2.as_str()),
            (a[2], self.area3.as_str()),
            (a[3], self.area4.as_str()),
            (a[4], self.area5.as_str()),
            (a[5], self.area6.as_str()),
            (a[6], self.area7.as_str()),
            (a[7], self.area8.as_str()),
        ]
    }

    /// The fields without which there is no evaluation to check: who,
    /// when, which criteria, and where the figures were printed.
    pub fn missing(&self) -> Vec<Field> {
        [
            (Field::Municipality, &self.municipality),
            (Field::Year, &self.year),
            (Field::Revision, &self.revision),
            (Field::SourceUrl, &self.source_url),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(f, _)| f)
        .collect()
    }
}

/// The evaluation file written from a form, and which field each line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub text: String,
    lines: Vec<(u32, Field)>,
}

impl Written {
    /// The field a problem's line stands for.
    pub fn field_at(&self, line: Option<u32>) -> Option<Field> {
        let line = line?;
        self.lines.iter().find(|(l, _)| *l == line).map(|(_, f)| *f)
    }
}

/// A TOML string (escaped).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A whole number as TOML writes it, else the text as a string, which the
/// file's reader refuses as it refuses it in any file ("a whole number").
fn whole(s: &str) -> String {
    let t = s.trim();
    if !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.trim_start_matches('0')
            .parse::<u32>()
            .unwrap_or(0)
            .to_string()
    } else {
        quoted(t)
    }
}

/// Writes the form as an evaluation file: the root keys, one line per
/// area, then `[source]`. Empty optional fields are left out; points are
/// written as the text typed ("72,5" as well as "72.5"), read as in any file.
// Long because it follows the file it writes, key by key in file order,
// noting each field's line for the review; split up, the order would scatter.
pub fn write(form: &FiguresForm) -> Written {
    let mut text = String::new();
    let mut lines = Vec::new();
    let mut line = |text: &mut String, field: Option<Field>, content: String| {
        text.push_str(&content);
        text.push('\n');
        let number = u32::try_from(text.matches('\n').count()).unwrap_or(u32::MAX);
        if let Some(f) = field {
            lines.push((number, f));
        }
    };
    let m = |s: &str| s.trim().to_string();
    line(
        &mut text,
        Some(Field::Municipality),
        format!("municipality = {}", quoted(&m(&form.municipality))),
    );
    line(
        &mut text,
        Some(Field::Year),
        format!("year = {}", whole(&form.year)),
    );
    for (field, value, key) in [
        (Field::Month, &form.month, "month"),
        (
            Field::EvaluationNumber,
            &form.evaluation_number,
            "evaluation_number",
        ),
    ] {
        if !value.trim().is_empty() {
            line(&mut text, Some(field), format!("{key} = {}", whole(value)));
        }
    }
    line(
        &mut text,
        Some(Field::Revision),
        format!("revision = {}", quoted(&m(&form.revision))),
    );
    if !form.total.trim().is_empty() {
        line(
            &mut text,
            Some(Field::Total),
            format!("total = {}", quoted(&m(&form.total))),
        );
    }
    if !form.notes.trim().is_empty() {
        line(
            &mut text,
            Some(Field::Notes),
            format!("notes = {}", quoted(form.notes.trim())),
        );
    }
    let areas: Vec<(AreaNumber, &str)> = form
        .areas()
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    if !areas.is_empty() {
        line(&mut text, None, "areas = [".into());
        for (n, points) in areas {
            let row = format!("  {{ number = {n}, points = {} }},", quoted(points.trim()));
            line(&mut text, Some(Field::Area(n)), row);
        }
        line(&mut text, None, "]".into());
    }
    line(&mut text, Some(Field::SourceUrl), "\n[source]".into());
    line(
        &mut text,
        Some(Field::SourceUrl),
        format!("url = {}", quoted(&m(&form.source_url))),
    );
    if !form.total_discrepancy.trim().is_empty() {
        let d = Some(Field::TotalDiscrepancy);
        line(&mut text, d, "\n[[discrepancies]]".into());
        line(
            &mut text,
            d,
            format!("figure = {}", quoted(&Figure::Total.to_string())),
        );
        let note = format!("note = {}", quoted(form.total_discrepancy.trim()));
        line(&mut text, d, note);
    }
    Written { text, lines }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::import::evaluation_file;

    fn kumla() -> FiguresForm {
        FiguresForm {
            municipality: "1881".into(),
            year: "2020".into(),
            month: "11".into(),
            revision: "v2020".into(),
            total: "557".into(),
            area1: "66".into(),
            area8: "72,5".into(),
            source_url: "https://www.kumla.se/nyheter".into(),
            notes: "Pressmeddelande \"557 av 800\".\nAndra raden.".into(),
            ..FiguresForm::default()
        }
    }

    #[test]
    fn a_form_is_written_as_an_evaluation_file_that_reads_back() {
        let written = write(&kumla());
        let parsed = evaluation_file::parse(Path::new("form.toml"), &written.text)
            .unwrap_or_else(|e| panic!("{e}\n{}", written.text));
        let e = parsed.evaluation;
        assert_eq!((e.year, e.month), (2020, Some(11)));
        assert_eq!(e.total.map(|t| t.to_string()).as_deref(), Some("557"));
        assert_eq!(e.areas.len(), 2);
        assert_eq!(e.areas[1].points.to_string(), "72.5");
        assert_eq!(
            e.notes.as_deref(),
            Some("Pressmeddelande \"557 av 800\".\nAndra raden.")
        );
        assert_eq!(
            e.source.url.as_deref(),
            Some("https://www.kumla.se/nyheter")
        );
        let area8 = AreaNumber::ALL[7];
        assert_eq!(written.field_at(e.areas[1].line), Some(Field::Area(area8)));
        assert_eq!(written.field_at(e.total_line), Some(Field::Total));
    }

    #[test]
    fn what_is_not_a_whole_number_is_refused_by_the_file_reader_at_its_field() {
        let form = FiguresForm {
            year: "tjugotjugo".into(),
            ..kumla()
        };
        let written = write(&form);
        let err = evaluation_file::parse(Path::new("form.toml"), &written.text).unwrap_err();
        let crate::import::ImportError::Invalid { problems, .. } = err else {
            panic!("{err}")
        };
        assert_eq!(written.field_at(problems[0].line), Some(Field::Year));
    }

    #[test]
    fn a_total_the_page_prints_against_its_areas_is_recorded_as_a_discrepancy() {
        let form = FiguresForm {
            total: "575".into(),
            total_discrepancy: "Sidan anger 575.".into(),
            ..kumla()
        };
        let parsed = evaluation_file::parse(Path::new("form.toml"), &write(&form).text).unwrap();
        let d = &parsed.evaluation.discrepancies;
        assert_eq!(
            (d[0].figure, d[0].note.as_str()),
            (Figure::Total, "Sidan anger 575.")
        );
    }

    #[test]
    fn who_when_which_criteria_and_where_are_required() {
        assert!(kumla().missing().is_empty());
        let empty = FiguresForm::default();
        assert_eq!(
            empty.missing(),
            vec![
                Field::Municipality,
                Field::Year,
                Field::Revision,
                Field::SourceUrl
            ]
        );
    }
}
