//! Writing an evaluation file: the TOML a curator reviews and commits,
//! e.g. from a parsed report. Round-trips through `parse`.

use std::fmt::Write as _;

use crate::domain::Evaluation;

/// A TOML string literal (basic string, escaped).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML multi-line string for prose, falling back to a basic string when the
/// text itself contains the delimiter.
fn multiline(s: &str) -> String {
    if s.contains("\"\"\"")
        || s.contains('\\')
        || s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        quoted(s)
    } else {
        format!("\"\"\"\n{s}\n\"\"\"")
    }
}

/// The `areas` and `subareas` arrays, one inline table per line.
fn figures_toml(e: &Evaluation) -> String {
    let mut out = String::new();
    let mut array = |key: &str, rows: Vec<Vec<String>>| {
        if rows.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{key} = [");
        for fields in rows {
            let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
        }
        out.push_str("]\n");
    };
    let areas = e.areas.iter().map(|a| {
        let mut fields = vec![
            format!("number = {}", a.number),
            format!("points = {}", a.points),
        ];
        fields.extend(a.percent.map(|p| format!("percent = {p}")));
        fields.extend(
            a.printed_name
                .as_ref()
                .map(|n| format!("name = {}", quoted(n))),
        );
        fields
    });
    array("areas", areas.collect());
    let subareas = e.subareas.iter().map(|s| {
        let mut fields = vec![
            format!("code = {}", quoted(&s.code.to_string())),
            format!("points = {}", s.points),
            format!("max = {}", s.max),
        ];
        fields.extend(s.percent.map(|p| format!("percent = {p}")));
        fields.extend(s.name.as_ref().map(|n| format!("name = {}", quoted(n))));
        fields
    });
    array("subareas", subareas.collect());
    out
}

/// Writes the evaluation file a curator reviews and commits: root keys first,
/// one line per area and sub-area (as in the report's table), then prose.
pub fn to_toml(e: &Evaluation, municipality_name: Option<&str>, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "municipality = {}", quoted(e.municipality.as_str()));
    if let Some(name) = municipality_name {
        let _ = writeln!(out, "municipality_name = {}", quoted(name));
    }
    let _ = writeln!(out, "year = {}", e.year);
    if let Some(m) = e.month {
        let _ = writeln!(out, "month = {m}");
    }
    if let Some(d) = e.published {
        let _ = writeln!(out, "published = {}", d.format("%Y-%m-%d"));
    }
    if let Some(n) = e.evaluation_number {
        let _ = writeln!(out, "evaluation_number = {n}");
    }
    let _ = writeln!(out, "revision = {}", quoted(&e.revision.to_string()));
    if let Some(t) = e.total {
        let _ = writeln!(out, "total = {t}");
    }
    if !e.evaluators.is_empty() {
        let list: Vec<String> = e.evaluators.iter().map(|s| quoted(s)).collect();
        let _ = writeln!(out, "evaluators = [{}]", list.join(", "));
    }
    if let Some(notes) = &e.notes {
        let _ = writeln!(out, "notes = {}", multiline(notes));
    }
    if let Some(note) = &e.public_note {
        let _ = writeln!(out, "public_note = {}", multiline(note));
    }
    out.push_str(&figures_toml(e));
    if e.source.url.is_some() || e.source.title.is_some() {
        out.push_str("\n[source]\n");
        if let Some(url) = &e.source.url {
            let _ = writeln!(out, "url = {}", quoted(url));
        }
        if let Some(title) = &e.source.title {
            let _ = writeln!(out, "title = {}", quoted(title));
        }
    }
    for d in &e.discrepancies {
        let _ = writeln!(
            out,
            "\n[[discrepancies]]\nfigure = {}\nnote = {}",
            quoted(&d.figure.to_string()),
            quoted(&d.note)
        );
    }
    out.push_str(&crate::import::stated_change::to_toml(
        &e.stated_changes,
        quoted,
    ));
    if let Some(c) = &e.contribution {
        let _ = writeln!(
            out,
            "\n[contribution]\nreference = {}\naccepted = {}",
            quoted(&c.reference.to_string()),
            c.accepted.format("%Y-%m-%d")
        );
    }
    for t in &e.texts {
        let _ = writeln!(
            out,
            "\n[[texts]]\narea = {}\nkind = {}\ntext = {}",
            t.area,
            quoted(t.kind.as_str()),
            multiline(&t.text)
        );
    }
    out
}
