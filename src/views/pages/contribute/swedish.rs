//! The Swedish wording of what the import finds, in one place: the
//! command line reports each problem in English as `file:line: field:
//! message`; `/bidra` shows the very same problems, each message and field
//! put in Swedish here, message by message (the tables: `rules.rs` for the
//! rules and the file readers, `report.rs` for the report reader). A message this table does not
//! know (a rare one of the report reader) is shown as it is, marked as
//! English, so nothing is ever hidden. The tests below produce the messages
//! through the real rules, so a reworded rule is noticed here.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::import::Problem;
use crate::import::review::Origin;

/// A message in the page's words; `english` when no wording was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    pub text: String,
    pub english: bool,
}

type Rewrite = fn(&Captures<'_>) -> String;

mod report;
mod rules;

/// An interval as the rules print it, `[66.40, 67.40]`, in Swedish: `66,4–67,4`.
fn interval(text: &str) -> String {
    let inner = text.trim_start_matches('[').trim_end_matches(']');
    let show = |v: &str| {
        let v = v.trim();
        let v = v.strip_suffix('0').unwrap_or(v);
        let v = v.strip_suffix(".0").unwrap_or(v);
        v.replace('.', ",")
    };
    match inner.split_once(',') {
        Some((lo, hi)) => format!("{}–{}", show(lo), show(hi)),
        None => text.to_string(),
    }
}

/// A score as printed by the rules (`72.5`), with a decimal comma.
fn figure(text: &str) -> String {
    text.replace('.', ",")
}

/// Where the advice on a difference the source itself prints goes; the
/// words depend on where the figures were entered (`with_advice`).
const HOW: &str = "{how}";
const HOW_IN_FILE: &str = "Rätta felskrivningen. Trycker källan verkligen siffrorna så, \
     anteckna skillnaden i filen under [[discrepancies]]";
const HOW_IN_FORM: &str = "Rätta felskrivningen. Trycker källan verkligen siffrorna så, \
     förklara skillnaden i rutan om en totalpoäng som inte stämmer";

/// Message patterns of the rules and the file readers (`rules.rs`) and of
/// the report reader (`report.rs`), each with its Swedish wording.
static MESSAGES: LazyLock<Vec<(Regex, Rewrite)>> = LazyLock::new(|| {
    rules::table()
        .into_iter()
        .chain(report::table())
        .map(|(pattern, rewrite)| {
            let re = Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?}: {e}"));
            (re, rewrite)
        })
        .collect()
});

/// A message of the import in Swedish, or as it is (marked English).
pub fn message(text: &str) -> Worded {
    message_for(text, Origin::File)
}

/// The advice on a difference, for a file or for the form.
fn with_advice(text: &str, origin: Origin) -> String {
    match origin {
        Origin::Form => text
            .replace(HOW, HOW_IN_FORM)
            .replace(" (figure = \"total\")", ""),
        Origin::File | Origin::Report => text.replace(HOW, HOW_IN_FILE),
    }
}

fn message_for(text: &str, origin: Origin) -> Worded {
    for (re, rewrite) in MESSAGES.iter() {
        if let Some(c) = re.captures(text) {
            return Worded {
                text: with_advice(&rewrite(&c), origin),
                english: false,
            };
        }
    }
    Worded {
        text: text.to_string(),
        english: true,
    }
}

static FIELDS: LazyLock<Vec<(Regex, Rewrite)>> = LazyLock::new(|| {
    let table: Vec<(&str, Rewrite)> = vec![
        (r"^areas \((\d)\)$", |c| format!("område {}", &c[1])),
        (r"^areas\[(\d+)\]\.(\w+)$", |c| {
            format!("områdesrad {} ({})", index(&c[1]), part_sv(&c[2]))
        }),
        (r"^subareas \((\d\.\d+)\)(?:\.(\w+))?$", |c| {
            match c.get(2) {
                Some(p) => format!("delområde {}, {}", &c[1], part_sv(p.as_str())),
                None => format!("delområde {}", &c[1]),
            }
        }),
        (r"^subareas \(area (\d)\)$", |c| {
            format!("delområdena i område {}", &c[1])
        }),
        (r"^subareas\[(\d+)\]\.(\w+)$", |c| {
            format!("delområdesrad {} ({})", index(&c[1]), part_sv(&c[2]))
        }),
        (r"^texts\[(\d+)\]\.(\w+)$", |c| {
            format!("text {} ({})", index(&c[1]), part_sv(&c[2]))
        }),
        (r"^overview table \(area (\d)\)$", |c| {
            format!("översiktstabellen, område {}", &c[1])
        }),
        (r"^overview table \((\d\.\d+)\)$", |c| {
            format!("översiktstabellen, delområde {}", &c[1])
        }),
        (r"^overview table.*$", |_| "översiktstabellen".to_string()),
        (r"^(?:area )?(\d) \(chapter points\)$", |c| {
            format!("kapitlet om område {}, poängen", &c[1])
        }),
    ];
    table
        .into_iter()
        .map(|(pattern, rewrite)| {
            let re = Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?}: {e}"));
            (re, rewrite)
        })
        .collect()
});

/// `areas[0]` is the first row.
fn index(zero_based: &str) -> String {
    zero_based
        .parse::<usize>()
        .map_or_else(|_| zero_based.to_string(), |i| (i + 1).to_string())
}

fn part_sv(part: &str) -> &'static str {
    match part {
        "points" => "poäng",
        "max" => "max",
        "percent" => "procent",
        "number" => "nummer",
        "code" => "kod",
        "area" => "område",
        "kind" => "slag",
        "name" => "namn",
        _ => "fält",
    }
}

/// Where in the evaluation a problem is, in Swedish ("delområde 3.2, poäng").
pub fn field(name: &str) -> String {
    let plain = match name {
        "municipality" => Some("kommun"),
        "municipality_name" => Some("kommunens namn"),
        "year" => Some("år"),
        "month" => Some("månad"),
        "evaluation_number" => Some("utvärderingens nummer"),
        "revision" => Some("kriterieversion"),
        "total" => Some("totalpoäng"),
        "source.url" => Some("källans adress"),
        "discrepancies.figure" => Some("antecknad skillnad"),
        "toml" => Some("filens form"),
        "file" => Some("filen"),
        "format" => Some("filens slag"),
        "encoding" => Some("teckenkodning"),
        "pdf" => Some("PDF"),
        "report" => Some("rapporten"),
        "municipality, year, month" => Some("kommun, år och månad"),
        _ => None,
    };
    if let Some(p) = plain {
        return p.to_string();
    }
    for (re, rewrite) in FIELDS.iter() {
        if let Some(c) = re.captures(name) {
            return rewrite(&c);
        }
    }
    name.to_string()
}

/// A notice ("line 12: ...") in Swedish, its line first ("Rad 12: ...").
pub fn notice(text: &str) -> Worded {
    static LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^line (\d+): (.*)$").unwrap_or_else(|e| panic!("{e}")));
    match LINE.captures(text) {
        Some(c) => {
            let rest = message(&c[2]);
            if rest.english {
                return Worded {
                    text: text.to_string(),
                    english: true,
                };
            }
            Worded {
                text: format!("Rad {}: {}", &c[1], rest.text),
                english: false,
            }
        }
        None => message(text),
    }
}

/// A problem's message in Swedish, its advice for where the figures were entered.
pub fn problem(p: &Problem, origin: Origin) -> Worded {
    message_for(&p.kind.to_string(), origin)
}

#[cfg(test)]
mod tests;
