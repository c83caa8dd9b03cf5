//! A report of each era laid out another way reads to the same figures:
//! its pages one line each (docplayer's amp pages), after their numbers
//! (docplayer's "Transkript") or after 5dok's markers "(3)"; the page
//! header on a line of its own, before the page's first line, as a footer,
//! or with its digits lost; other dot leaders in the contents; headings in
//! capitals; "Stad" for "kommun"; blank lines between all lines; prose
//! rewrapped. Bounded and from a fixed seed (`report_props::config`), as
//! the other property tests.

use std::path::Path;
use std::sync::LazyLock;

use kompass::domain::Evaluation;
use kompass::import::report;
use proptest::prelude::*;
use regex::Regex;

use crate::common::project_dir;
use crate::report_props::{config, registers};

/// The line-based fixtures (the transcript is one of the layouts made here).
const FILES: [&str; 4] = [
    "alingsas-2006-v2002.txt",
    "sundsvall-2010-v2010-poangsammanstallning.txt",
    "harnosand-2013-v2010-oversikt.txt",
    "vaxjo-2017-v2016-points-in-headings.txt",
];

static TEXTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|f| {
            std::fs::read_to_string(project_dir().join("tests/fixtures/reports/eras").join(f))
                .unwrap()
        })
        .collect()
});

/// A page's header at its start, on one line or over three, and what follows.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*Sveriges Kommuner och Landsting\s+(\d{4}-\d\d-\d\d)\s+(\d+) \((\d+)\)[ \t]*")
        .unwrap()
});

static DOTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\.{2,}").unwrap());

static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Alingsås|Sundsvalls|Härnösands|HÄRNÖSANDS|Växjö|VÄXJÖ) (kommun|KOMMUN)\b")
        .unwrap()
});

#[derive(Debug, Clone, Copy)]
enum Pages {
    Lines,
    OneLine,
    Transkript,
    FiveDok,
}

#[derive(Debug, Clone, Copy)]
enum HeaderAt {
    Own,
    Inline,
    Footer,
    DigitsLost,
}

#[derive(Debug, Clone)]
struct Layout {
    pages: Pages,
    header: HeaderAt,
    dots: usize,
    capitals: bool,
    stad: bool,
    double_spaced: bool,
    wrap: Option<usize>,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        prop::sample::select(vec![
            Pages::Lines,
            Pages::OneLine,
            Pages::Transkript,
            Pages::FiveDok,
        ]),
        prop::sample::select(vec![
            HeaderAt::Own,
            HeaderAt::Inline,
            HeaderAt::Footer,
            HeaderAt::DigitsLost,
        ]),
        0usize..4,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(40usize..72),
    )
        .prop_map(
            |(pages, header, dots, capitals, stad, double_spaced, wrap)| Layout {
                pages,
                header,
                dots,
                capitals,
                stad,
                double_spaced,
                wrap,
            },
        )
}

/// Prose: a line of words that is no heading, list item, row or entry.
fn is_prose(line: &str) -> bool {
    let t = line.trim_start();
    let first = t.split_whitespace().next().unwrap_or("");
    t.chars().next().is_some_and(char::is_alphabetic)
        && !line.contains("  ")
        && !line.contains("..")
        && !matches!(
            first,
            "Område" | "Rubriker" | "Styrkor" | "Allmänt" | "Summa" | "Totalt" | "Innehåll"
        )
        && !line.contains("poäng")
}

fn wrapped(line: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for w in line.split_whitespace() {
        if !current.is_empty() && current.len() + 1 + w.len() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(w);
    }
    out.push(current);
    out
}

/// One line changed as the layout asks (not the page furniture).
fn line_as(line: &str, l: &Layout) -> Vec<String> {
    let dots = ["......", "…", ". . . ", " ... "][l.dots];
    let mut line = DOTS.replace_all(line, dots).to_string();
    if l.stad {
        line = NAMED
            .replace_all(&line, |c: &regex::Captures<'_>| {
                let stad = if &c[2] == "KOMMUN" { "STAD" } else { "Stad" };
                format!("{} {stad}", &c[1])
            })
            .to_string();
    }
    let t = line.trim_start();
    let heading = [
        "Område ",
        "Rubriker",
        "Poängsammanställning",
        "Översikt av poängfördelning",
    ]
    .iter()
    .any(|h| t.starts_with(h));
    if l.capitals && heading {
        line = line.to_uppercase();
    }
    match l.wrap {
        Some(width) if is_prose(&line) && line.len() > width + 10 => wrapped(&line, width),
        _ => vec![line],
    }
}

/// The page with its header where the layout puts it.
fn page_as(page: &str, l: &Layout) -> String {
    let (header, body) = match HEADER.captures(page) {
        Some(c) => {
            let h = (c[1].to_string(), c[2].to_string(), c[3].to_string());
            (Some(h), page[c.get(0).map_or(0, |m| m.end())..].to_string())
        }
        None => (None, page.to_string()),
    };
    let mut lines: Vec<String> = body.lines().flat_map(|line| line_as(line, l)).collect();
    if let Some((date, p, n)) = header {
        let full = format!("Sveriges Kommuner och Landsting {date} {p} ({n})");
        match l.header {
            HeaderAt::Own => lines.insert(0, full),
            HeaderAt::Inline => match lines.iter_mut().find(|x| !x.trim().is_empty()) {
                Some(first) => *first = format!("{full} {}", first.trim()),
                None => lines.insert(0, full),
            },
            HeaderAt::Footer => lines.push(full),
            HeaderAt::DigitsLost => {
                lines.insert(0, format!("Sveriges Kommuner och Landsting ({n})"))
            }
        }
    }
    let joiner = if l.double_spaced { "\n\n" } else { "\n" };
    lines.join(joiner)
}

fn laid_out(text: &str, l: &Layout) -> String {
    let pages: Vec<String> = text.split('\u{c}').map(|p| page_as(p, l)).collect();
    let one_line = |p: &String| p.split_whitespace().collect::<Vec<_>>().join(" ");
    match l.pages {
        Pages::Lines => pages.join("\n\u{c}"),
        Pages::OneLine => pages.iter().map(one_line).collect::<Vec<_>>().join("\n"),
        Pages::Transkript => {
            let mut out =
                String::from("Storlek: px\nStarta visningen från sidan:\n\nTranskript\n\n");
            for (i, p) in pages.iter().enumerate() {
                out.push_str(&format!("{} {}\n\n", i + 1, one_line(p)));
            }
            out
        }
        Pages::FiveDok => {
            let mut out = String::from("Loading.... (view fulltext now)\n\nFull text\n\n");
            for (i, p) in pages.iter().enumerate() {
                out.push_str(&format!("({})\n\n{p}\n\n", i + 1));
            }
            out
        }
    }
}

fn read(text: &str) -> Result<Evaluation, String> {
    report::parse(Path::new("r.txt"), text, &registers())
        .map(|r| r.file.evaluation.without_lines())
        .map_err(|e| e.to_string())
}

/// The figures and identity of an evaluation, names left out (capitals
/// change how an area's name is printed, not which area it is).
fn figures(e: &Evaluation) -> (String, i32, Option<u8>, String, Vec<String>, Vec<String>) {
    let areas = e
        .areas
        .iter()
        .map(|a| format!("{} {} {:?}", a.number, a.points, a.percent))
        .collect();
    let subareas = e
        .subareas
        .iter()
        .map(|s| format!("{} {} {} {:?}", s.code, s.points, s.max, s.percent))
        .collect();
    (
        e.municipality.to_string(),
        e.year,
        e.month,
        e.revision.to_string(),
        areas,
        subareas,
    )
}

static DIRECT: LazyLock<Vec<Evaluation>> =
    LazyLock::new(|| TEXTS.iter().map(|t| read(t).unwrap()).collect());

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn a_report_of_any_era_laid_out_another_way_reads_the_same(
        which in 0usize..4,
        l in layout(),
    ) {
        let text = laid_out(&TEXTS[which], &l);
        let e = read(&text).map_err(|e| TestCaseError::fail(format!("{}: {e}", FILES[which])))?;
        prop_assert_eq!(figures(&e), figures(&DIRECT[which]), "{}", FILES[which]);
    }
}
