//! The municipality page's change between consecutive evaluations: within
//! one revision the report's own areas by number and name; across revisions
//! the 2020 themes, each with the areas that stood for it in the reports'
//! own terms and how comparable they are. A step with nothing to compare is
//! a sentence; what a source states about a change it cannot be computed
//! for is said as the source's statement.

use maud::{Markup, html};

use super::history::area_in;
use crate::domain::answer::changes::{Changes, Step, ThemeChange};
use crate::domain::dataset::Dataset;
use crate::domain::{AreaNumber, Change, Confidence, Figure, Revision, Score};
use crate::views::format::{self, change, figure};
use crate::views::partials::{note, table_wrap};

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressStep {
    pub from: String,
    pub to: String,
    pub from_criteria: String,
    pub to_criteria: String,
    pub crosses_revision: bool,
    pub total: ChangeRow,
    /// The areas or themes published on both sides.
    pub rows: Vec<ChangeRow>,
    /// Said of the rows published on one side only.
    pub one_sided: Option<String>,
    /// What the later evaluation's source states about the change.
    pub stated: Vec<String>,
    pub stated_source: Option<(String, String)>,
}

impl ProgressStep {
    /// Whether any change could be computed.
    pub fn has_changes(&self) -> bool {
        self.total.change.is_some() || self.rows.iter().any(|r| r.change.is_some())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub label: String,
    /// Which areas stood for the theme, across revisions.
    pub areas: Option<String>,
    pub previous: Option<Score>,
    pub latest: Option<Score>,
    pub change: Option<Change>,
    /// How comparable the two figures are ("stark", "medel", ...).
    pub comparability: Option<String>,
}

fn comparability(c: Option<Confidence>, crosses: bool) -> Option<String> {
    c.map(|c| match c {
        Confidence::Same if !crosses => "samma kriterier".to_string(),
        other => other.label_sv().to_string(),
    })
}

/// The rows of a step within one revision: the report's areas by number.
fn area_rows(data: &Dataset, step: &Step<'_>) -> Vec<ChangeRow> {
    let (p, l) = (&step.previous.evaluation, &step.latest.evaluation);
    let revision = data.catalogue.revision(l.revision);
    AreaNumber::ALL
        .into_iter()
        .map(|n| {
            let previous = p.area(n).map(|a| a.points);
            let latest = l.area(n).map(|a| a.points);
            ChangeRow {
                label: revision
                    .and_then(|r| r.area(n))
                    .map_or_else(|| format!("Område {n}"), |a| format!("{n} {}", a.name)),
                areas: None,
                previous,
                latest,
                change: previous.zip(latest).map(|(a, b)| b.minus(&a)),
                comparability: previous.zip(latest).map(|_| "samma kriterier".to_string()),
            }
        })
        .collect()
}

/// The rows of a step across revisions: the 2020 themes, each with the
/// areas that stood for it on either side.
fn theme_rows(data: &Dataset, step: &Step<'_>) -> Vec<ChangeRow> {
    let (p, l) = (&step.previous.evaluation, &step.latest.evaluation);
    step.themes
        .iter()
        .map(|t: &ThemeChange| {
            let label = match t.theme.and_then(|n| data.catalogue.theme(n)) {
                Some(th) => format!("{} {}", th.number, th.name),
                None => t.theme.map(|n| format!("Tema {n}")).unwrap_or_default(),
            };
            // An area of the 2020 criteria is its theme; only older ones are named.
            let side = |area: Option<AreaNumber>, revision: Revision, when: i32| {
                area.filter(|a| {
                    data.catalogue
                        .revision(revision)
                        .and_then(|r| r.area(*a))
                        .is_some_and(|d| d.confidence != Confidence::Same)
                })
                .map(|a| format!("{when}: {}", area_in(data, a, revision)))
            };
            let areas: Vec<String> = [
                side(t.previous_area, p.revision, p.year),
                side(t.latest_area, l.revision, l.year),
            ]
            .into_iter()
            .flatten()
            .collect();
            ChangeRow {
                label,
                areas: (!areas.is_empty()).then(|| areas.join("; ")),
                previous: t.previous,
                latest: t.latest,
                change: t.change,
                comparability: comparability(t.confidence, true),
            }
        })
        .collect()
}

/// A sentence for the areas published in only one of the two evaluations.
fn one_sided(rows: &[ChangeRow], from: i32, to: i32) -> Option<String> {
    let only = |side: fn(&ChangeRow) -> bool| rows.iter().filter(|r| side(r)).count();
    let before = only(|r| r.previous.is_some() && r.latest.is_none());
    let after = only(|r| r.previous.is_none() && r.latest.is_some());
    match (before, after) {
        (0, 0) => None,
        (0, n) => Some(format!(
            "Poäng för {} publicerades {to} men inte {from}, så förändringen där kan inte räknas ut.",
            format::count(n, "område", "områden")
        )),
        (n, 0) => Some(format!(
            "Poäng för {} publicerades {from} men inte {to}, så förändringen där kan inte räknas ut.",
            format::count(n, "område", "områden")
        )),
        _ => Some(format!(
            "Några områden publicerades bara {from} eller bara {to}; deras förändring kan inte räknas ut."
        )),
    }
}

/// "totalpoängen +137", "område 1 +16": the later source's statements of
/// changes whose earlier figure was not published (the others are computed).
fn stated(data: &Dataset, step: &Step<'_>) -> Vec<String> {
    let revision = data.catalogue.revision(step.latest.evaluation.revision);
    let earlier = &step.previous.evaluation;
    step.stated
        .iter()
        .filter(|s| match s.figure {
            Figure::Total => earlier.total.is_none(),
            Figure::Area(n) => earlier.area(n).is_none(),
        })
        .map(|s| {
            let what = match s.figure {
                Figure::Total => "totalpoängen".to_string(),
                Figure::Area(n) => revision.and_then(|r| r.area(n)).map_or_else(
                    || format!("område {n}"),
                    |a| format!("område {n} {}", a.name),
                ),
            };
            format!("{what} {}", s.change.to_swedish_signed())
        })
        .collect()
}

/// Every step between consecutive evaluations, newest first.
pub fn progress_model(data: &Dataset, changes: &Changes<'_>) -> Vec<ProgressStep> {
    let mut steps: Vec<ProgressStep> = changes
        .steps
        .iter()
        .map(|step| {
            let (prev, latest) = (&step.previous.evaluation, &step.latest.evaluation);
            let rows = if step.crosses_revision {
                theme_rows(data, step)
            } else {
                area_rows(data, step)
            };
            ProgressStep {
                from: format::when(prev.year, prev.month),
                to: format::when(latest.year, latest.month),
                from_criteria: format::revision_short(&data.catalogue, prev.revision),
                to_criteria: format::revision_short(&data.catalogue, latest.revision),
                crosses_revision: step.crosses_revision,
                total: ChangeRow {
                    label: "Totalt (av 800)".into(),
                    areas: None,
                    previous: step.total.previous,
                    latest: step.total.latest,
                    change: step.total.change,
                    comparability: comparability(step.total.confidence, step.crosses_revision),
                },
                one_sided: one_sided(&rows, prev.year, latest.year),
                rows: rows.into_iter().filter(|r| r.change.is_some()).collect(),
                stated: stated(data, step),
                stated_source: step
                    .stated
                    .first()
                    .filter(|_| !stated(data, step).is_empty())
                    .map(|s| (s.source_name(), s.source.clone())),
            }
        })
        .collect();
    steps.reverse();
    steps
}

fn step_table(step: &ProgressStep) -> Markup {
    html! {
        table.cards {
            caption { "Förändring " (step.from) " → " (step.to) }
            thead {
                tr {
                    th scope="col" { @if step.crosses_revision { "Tema" } @else { "Område" } }
                    th.num scope="col" { (step.from) }
                    th.num scope="col" { (step.to) }
                    th.num scope="col" { "Förändring" }
                    th scope="col" { "Jämförbarhet" }
                }
            }
            tbody {
                @for r in &step.rows { (change_tr(r, false, step)) }
                (change_tr(&step.total, true, step))
            }
        }
    }
}

fn change_tr(r: &ChangeRow, total: bool, step: &ProgressStep) -> Markup {
    html! {
        tr class=[total.then_some("total-row")] {
            th scope="row" {
                (r.label)
                @if let Some(a) = &r.areas { span.sub { (a) } }
            }
            td.num data-label=(step.from) { (figure(r.previous)) }
            td.num data-label=(step.to) { (figure(r.latest)) }
            td.num data-label="Förändring" { (change(r.change)) }
            td data-label="Jämförbarhet" { @if let Some(c) = &r.comparability { (c) } @else { span.missing { "–" } } }
        }
    }
}

fn stated_note(step: &ProgressStep) -> Markup {
    html! {
        @if let Some((name, url)) = &step.stated_source {
            p {
                "Enligt " a href=(url) { (name) } ": " (format::and_list(&step.stated)) " poäng jämfört med " (step.from) "."
                " Det är källans uppgift, inte uträknad av kompass"
                @if step.crosses_revision { ", och utvärderingarna gjordes enligt olika kriterier (" (step.from_criteria) " och " (step.to_criteria) ")" }
                "."
            }
        }
    }
}

fn step_block(step: &ProgressStep) -> Markup {
    html! {
        h3 { (step.from) " → " (step.to) }
        @if step.has_changes() {
            @if step.crosses_revision {
                (note("warning", "Olika kriterier", html! {
                    p {
                        (step.from) " utvärderades enligt kriterierna från " (step.from_criteria) " och " (step.to) " enligt kriterierna från " (step.to_criteria) ". "
                        "Områdena har översatts till dagens åtta teman; kolumnen Jämförbarhet visar hur väl de motsvarar varandra. Förändringen är ungefärlig."
                    }
                }))
            }
            (table_wrap(&format!("Förändring {} till {}", step.from, step.to), step_table(step)))
            @if let Some(s) = &step.one_sided { p.small { (s) } }
        } @else if step.total.previous.is_none() && step.rows.iter().all(|r| r.previous.is_none()) {
            p { "Poängen från " (step.from) " har inte publicerats, så förändringen till " (step.to) " kan inte räknas ut." }
        } @else {
            p { "Poängen från " (step.from) " och " (step.to) " har inte publicerats för samma område eller för totalen, så förändringen kan inte räknas ut." }
        }
        (stated_note(step))
    }
}

pub fn render_progress(steps: &[ProgressStep]) -> Markup {
    html! {
        @if let Some((newest, older)) = steps.split_first() {
            (step_block(newest))
            @if !older.is_empty() {
                details.older-steps {
                    summary { "Tidigare förändringar" }
                    @for step in older { (step_block(step)) }
                }
            }
        }
    }
}
