//! `kompass inbox`: the curator's commands on the contributions sent with
//! "Skicka in" on `/bidra`. `list` (reference, municipality, year, what it
//! changes, age), `show REF` (the review as `kompass check` prints it, the
//! source, the contact, the message, what it changes), `accept REF` (into
//! the bundle folder, checked as `kompass check data-import`; over a
//! bundled file only with `--replace`), `reject REF --reason`. Every text a
//! sender wrote is printed with its control characters escaped; each
//! command also speaks JSON (`--format json`).

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::{DataPaths, PrintFormat};
use crate::domain::contribution::{Comparison, ContributionRef, Held};
use crate::domain::dataset::Dataset;
use crate::domain::{EvaluationId, Score};
use crate::import::dry_run;
use crate::inbox::curate::{self, CurateError};
use crate::inbox::entry::caps;
use crate::inbox::terminal::{line, lines};
use crate::inbox::{self, Decision, Entry, Status};
use crate::views::json as api_json;

/// Where the inbox is, and how to print.
#[derive(Debug, Clone, Args)]
pub struct Place {
    /// The inbox (default: inbox.db beside --db).
    #[arg(long, env = "KOMPASS_INBOX", value_name = "PATH", global = true)]
    pub inbox: Option<PathBuf>,
    /// How to print: text, or JSON for scripts.
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub format: PrintFormat,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// The contributions waiting (all of them with --all): reference,
    /// municipality, year, what each would change, and how long ago it came.
    List {
        /// Also those accepted or rejected.
        #[arg(long)]
        all: bool,
    },
    /// One contribution: its review as `kompass check` prints it, its
    /// source, the sender's contact and message, and what it would change.
    Show { reference: String },
    /// Writes the contribution into the bundle folder (--data) as
    /// CODE-NAME-YEAR.toml with its source and [contribution], then checks
    /// the bundle as `kompass check data-import` does.
    Accept {
        reference: String,
        /// Replace the bundled file that holds the same evaluation.
        #[arg(long)]
        replace: bool,
    },
    /// Marks the contribution rejected, with the reason (kept in the inbox).
    Reject {
        reference: String,
        #[arg(long)]
        reason: String,
    },
}

/// Writes text to stdout; a reader that went away is not a panic.
fn out(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{text}");
}

fn print_json(value: &Value) -> Result<(), String> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| format!("cannot write JSON: {e}"))?;
    out(&text);
    Ok(())
}

pub fn run(action: Action, place: &Place, paths: &DataPaths) -> Result<(), String> {
    let path = place
        .inbox
        .clone()
        .unwrap_or_else(|| inbox::beside(&paths.db));
    let mut inbox = inbox::Inbox::open_existing(&path).map_err(|e| e.to_string())?;
    let json = place.format == PrintFormat::Json;
    match action {
        Action::List { all } => list(&mut inbox, paths, !all, json),
        Action::Show { reference } => show(&mut inbox, paths, &parse(&reference)?, json),
        Action::Accept { reference, replace } => {
            accept(&mut inbox, paths, parse(&reference)?, replace, json)
        }
        Action::Reject { reference, reason } => {
            reject(&mut inbox, parse(&reference)?, &reason, json)
        }
    }
}

/// "line 37: subareas (3.2).points: 43 is outside [0, 40]", as `check` says it.
fn problem_text(p: &crate::import::Problem) -> String {
    match p.line {
        Some(l) => format!("line {l}: {}: {}", p.field, p.kind),
        None => format!("{}: {}", p.field, p.kind),
    }
}

fn parse(reference: &str) -> Result<ContributionRef, String> {
    reference.parse().map_err(|e| format!("{e}"))
}

fn held(paths: &DataPaths) -> Result<Dataset, String> {
    curate::held(&paths.db).map_err(|e| e.to_string())
}

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

/// "3 d", "5 h", "12 min", "now".
fn age(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - at).num_minutes().max(0);
    match minutes {
        0 => "now".into(),
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{} h", m / 60),
        m => format!("{} d", m / (24 * 60)),
    }
}

fn evaluation_name(data: &Dataset, id: &EvaluationId) -> String {
    let name = data
        .municipality(id.municipality())
        .map_or_else(String::new, |m| format!(" ({} {})", m.name, id.year()));
    format!("{id}{name}")
}

/// What a contribution would change, in one line.
fn summary(c: &Comparison, data: &Dataset) -> String {
    let mut text = match &c.held {
        Held::New => "new".to_string(),
        Held::Confirms { id } => format!("confirms {}", evaluation_name(data, id)),
        Held::Changes { id, changed, added } => {
            let mut parts = Vec::new();
            if !changed.is_empty() {
                parts.push(format!("changes {} figure(s)", changed.len()));
            }
            if !added.is_empty() {
                parts.push(format!("adds {} figure(s)", added.len()));
            }
            format!("{} of {}", parts.join(", "), evaluation_name(data, id))
        }
        Held::Ambiguous { ids } => {
            let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
            format!("one of {} (no month to tell)", list.join(", "))
        }
    };
    for same in &c.same_figures {
        text.push_str(&format!(
            "; the same figures as {}: a wrong file?",
            evaluation_name(data, &same.id)
        ));
    }
    if let Some(refusal) = c.year {
        text = format!("REFUSED: {refusal}; {text}");
    }
    text
}

/// Each changed and added figure, one a line.
fn details(c: &Comparison) -> Vec<String> {
    match &c.held {
        Held::Changes { changed, added, .. } => changed
            .iter()
            .map(|ch| format!("{}: {} -> {}", ch.figure, ch.old, ch.new))
            .chain(
                added
                    .iter()
                    .map(|a| format!("{}: {} (new)", a.figure, a.value)),
            )
            .collect(),
        _ => vec![],
    }
}

fn comparison_json(c: &Comparison, data: &Dataset) -> Value {
    let figure = |f: &dyn ToString, old: Option<Score>, new: Score| json!({"figure": f.to_string(), "old": old, "new": new});
    let (held, id, changed, added) = match &c.held {
        Held::New => ("new", None, vec![], vec![]),
        Held::Confirms { id } => ("confirms", Some(id.to_string()), vec![], vec![]),
        Held::Changes { id, changed, added } => (
            "changes",
            Some(id.to_string()),
            changed
                .iter()
                .map(|ch| figure(&ch.figure, Some(ch.old), ch.new))
                .collect(),
            added
                .iter()
                .map(|a| figure(&a.figure, None, a.value))
                .collect(),
        ),
        Held::Ambiguous { .. } => ("ambiguous", None, vec![], vec![]),
    };
    json!({
        "held": held,
        "evaluation_id": id,
        "changed": changed,
        "added": added,
        "same_figures_as": c.same_figures.iter().map(|s| s.id.to_string()).collect::<Vec<_>>(),
        "refused": c.year.map(|r| r.to_string()),
        "summary": summary(c, data),
    })
}

fn entry_json(e: &Entry, now: DateTime<Utc>) -> Value {
    json!({
        "reference": e.reference,
        "status": e.status,
        "received_at": e.received_at.to_rfc3339(),
        "age_seconds": (now - e.received_at).num_seconds().max(0),
        "municipality_code": e.sent.key.municipality,
        "year": e.sent.key.year,
        "month": e.sent.key.month,
        "file_name": e.sent.file_name,
        "received_name": e.sent.received_name,
        "input": e.sent.input.as_str(),
        "source_url": e.sent.source_url,
        "decided_at": e.decided_at.map(|t| t.to_rfc3339()),
        "reason": e.reason,
        "accepted_file": e.accepted_file,
    })
}

fn list(
    inbox: &mut inbox::Inbox,
    paths: &DataPaths,
    waiting: bool,
    json: bool,
) -> Result<(), String> {
    let entries = inbox.list(waiting).map_err(|e| e.to_string())?;
    let data = held(paths)?;
    let now = Utc::now();
    let mut rows = Vec::new();
    let mut values = Vec::new();
    for e in &entries {
        let compared = curate::comparison(e, &data, today());
        let what = match &compared {
            Ok(c) => summary(c, &data),
            Err(err) => format!("unreadable: {err}"),
        };
        if json {
            let mut v = entry_json(e, now);
            v["municipality"] = json!(data.municipality(e.municipality()).map(|m| &m.name));
            v["changes"] = compared.map_or(Value::Null, |c| comparison_json(&c, &data));
            values.push(v);
            continue;
        }
        let name = data
            .municipality(e.municipality())
            .map_or_else(String::new, |m| m.name.clone());
        let status = match e.status {
            Status::New => String::new(),
            other => format!(" [{}]", other.as_str()),
        };
        rows.push(format!(
            "{:<12} {} {:<16} {:<7} {:>6}  {what}{status}",
            e.reference.to_string(),
            e.municipality(),
            name,
            e.sent.key.year,
            age(e.received_at, now),
        ));
    }
    if json {
        return print_json(&Value::Array(values));
    }
    for row in rows {
        out(&row);
    }
    let which = if waiting { "waiting" } else { "in all" };
    out(&format!(
        "{} contribution(s) {which} in {}",
        entries.len(),
        inbox.path().display()
    ));
    Ok(())
}

fn show(
    inbox: &mut inbox::Inbox,
    paths: &DataPaths,
    reference: &ContributionRef,
    json: bool,
) -> Result<(), String> {
    let entry = inbox.get(*reference).map_err(|e| e.to_string())?;
    let data = held(paths)?;
    let compared = curate::comparison(&entry, &data, today()).map_err(|e| e.to_string())?;
    let review = curate::review_entry(&entry, &data);
    if json {
        let mut v = entry_json(&entry, Utc::now());
        v["contact"] = json!(entry.sent.contact);
        v["message"] = json!(entry.sent.message);
        v["report_text_bytes"] = json!(entry.sent.report_text.as_ref().map(String::len));
        v["changes"] = comparison_json(&compared, &data);
        v["review"] = match &review {
            Ok(r) => json!({
                "passed": r.accepted(),
                "problems": r.problems().into_iter().map(problem_text).collect::<Vec<_>>(),
                "evaluation": api_json::detail(&r.evaluation, None, r.municipality.as_ref(), None, &data.catalogue),
            }),
            Err(unread) => json!({
                "passed": false,
                "problems": unread.problems.iter().map(problem_text).collect::<Vec<_>>(),
            }),
        };
        return print_json(&v);
    }
    let e = &entry;
    let status = match (e.status, &e.reason, &e.accepted_file) {
        (Status::Rejected, Some(reason), _) => format!("rejected: {}", line(reason)),
        (Status::Accepted, _, Some(file)) => format!("accepted as {}", line(file)),
        (s, _, _) => s.as_str().to_string(),
    };
    let sent_as = match e.sent.input {
        inbox::InputKind::Report => format!("the report {}", line(&e.sent.received_name)),
        inbox::InputKind::File => format!("the file {}", line(&e.sent.received_name)),
        inbox::InputKind::Form => "the form for figures from a web page".to_string(),
    };
    let text_kept = e.sent.report_text.as_ref().map_or_else(String::new, |t| {
        format!(" (its text kept, {} bytes)", t.len())
    });
    let mut text = vec![
        format!(
            "{}: received {} ({}), {status}",
            e.reference,
            e.received_at.format("%Y-%m-%d %H:%M UTC"),
            match age(e.received_at, Utc::now()).as_str() {
                "now" => "just now".to_string(),
                a => format!("{a} ago"),
            }
        ),
        format!("  sent as:  {sent_as}{text_kept}"),
        format!("  file:     {}", line(&e.sent.file_name)),
        format!("  source:   {}", line(&e.sent.source_url)),
        format!(
            "  contact:  {}",
            e.sent.contact.as_deref().map_or("-".to_string(), line)
        ),
        format!(
            "  message:  {}",
            e.sent
                .message
                .as_deref()
                .map_or("-".to_string(), |m| lines(m, "            "))
        ),
        format!("what it changes: {}", summary(&compared, &data)),
    ];
    text.extend(details(&compared).into_iter().map(|d| format!("  {d}")));
    text.push("review:".into());
    match &review {
        Ok(r) => text.push(lines(dry_run::render(r, &data.catalogue).trim_end(), "")),
        Err(unread) => text.extend(
            unread
                .problems
                .iter()
                .map(|p| format!("  {}", line(&problem_text(p)))),
        ),
    }
    out(&text.join("\n"));
    Ok(())
}

fn accept(
    inbox: &mut inbox::Inbox,
    paths: &DataPaths,
    reference: ContributionRef,
    replace: bool,
    json: bool,
) -> Result<(), String> {
    let entry = inbox.get(reference).map_err(|e| e.to_string())?;
    if entry.status != Status::New {
        return Err(inbox::InboxError::AlreadyDecided {
            reference,
            status: entry.status,
        }
        .to_string());
    }
    let data = held(paths)?;
    let done = curate::accept(&entry, &data, &paths.data, &paths.db, replace, today())
        .map_err(|e: CurateError| e.to_string())?;
    let file = done.path.display().to_string();
    inbox
        .decide(
            reference,
            &Decision::Accepted { file: file.clone() },
            Utc::now(),
        )
        .map_err(|e| e.to_string())?;
    let lost: Vec<String> = done
        .replaced
        .iter()
        .flatten()
        .map(ToString::to_string)
        .collect();
    let evaluations = done.check.bundle.as_ref().map_or(0, |b| b.evaluations);
    if json {
        return print_json(&json!({
            "reference": reference,
            "status": "accepted",
            "file": file,
            "replaced": done.replaced.is_some(),
            "lost": lost,
            "check": {"passed": true, "evaluation_files": evaluations},
        }));
    }
    out(&format!("accepted {reference}: wrote {file}"));
    if done.replaced.is_some() {
        let lost = if lost.is_empty() {
            "nothing".to_string()
        } else {
            lost.join("; ")
        };
        out(&format!("  replaced the bundled file, losing {lost}"));
    }
    out(&format!(
        "bundled data {}: checked, {evaluations} evaluation files valid; the next `kompass serve` \
         (or `kompass import {}`) shows it",
        paths.data.display(),
        paths.data.display()
    ));
    Ok(())
}

fn reject(
    inbox: &mut inbox::Inbox,
    reference: ContributionRef,
    reason: &str,
    json: bool,
) -> Result<(), String> {
    let reason = inbox::sender::plain(reason);
    if reason.is_empty() {
        return Err("--reason: say why it is rejected".into());
    }
    if reason.chars().count() > caps::REASON_CHARS {
        return Err(format!(
            "--reason: at most {} characters",
            caps::REASON_CHARS
        ));
    }
    inbox
        .decide(
            reference,
            &Decision::Rejected {
                reason: reason.clone(),
            },
            Utc::now(),
        )
        .map_err(|e| e.to_string())?;
    if json {
        return print_json(&json!({
            "reference": reference,
            "status": "rejected",
            "reason": reason,
        }));
    }
    out(&format!("rejected {reference}: {}", line(&reason)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn ages_are_short() {
        let t = Utc.with_ymd_and_hms(2026, 12, 8, 10, 0, 0).unwrap();
        let later = |m: i64| t + chrono::Duration::minutes(m);
        assert_eq!(age(t, later(0)), "now");
        assert_eq!(age(t, later(12)), "12 min");
        assert_eq!(age(t, later(5 * 60)), "5 h");
        assert_eq!(age(t, later(3 * 24 * 60)), "3 d");
    }
}
