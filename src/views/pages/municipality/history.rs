//! The municipality page over time: the total and each theme across all
//! evaluations (lines broken at revision boundaries and gaps), and the
//! change between consecutive evaluations, flagged when the criteria differ.

use maud::{Markup, html};

use crate::domain::analysis::theme_scores;
use crate::domain::answer::changes::{Changes, ThemeChange};
use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{Change, Confidence, Municipality, Score};
use crate::views::chart::timeline::{self, TimePoint, Timeline};
use crate::views::format::{self, change, figure};
use crate::views::partials::{chart_with_table, note, table_wrap};

#[derive(Debug, Clone, PartialEq)]
pub struct HistorySection {
    pub total: Timeline,
    /// One small chart per theme with any published figure; empty when fewer
    /// than two evaluations published area scores.
    pub themes: Vec<(String, String, Timeline)>,
    pub themes_note: Option<String>,
    /// One column per evaluation: its date and criteria.
    pub columns: Vec<(String, String)>,
    /// "Totalt" and the eight themes, a figure per evaluation.
    pub rows: Vec<(String, Vec<Option<Score>>)>,
    /// Plain sentences about each revision boundary.
    pub boundaries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressStep {
    pub from: String,
    pub to: String,
    pub from_criteria: String,
    pub to_criteria: String,
    pub crosses_revision: bool,
    pub total: ChangeRow,
    pub rows: Vec<ChangeRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub label: String,
    /// The earlier evaluation's own area, when it was measured under other criteria.
    pub earlier_area: Option<String>,
    pub previous: Option<Score>,
    pub latest: Option<Score>,
    pub change: Option<Change>,
    /// How comparable the two figures are ("stark", "medel", ...).
    pub comparability: Option<String>,
}

fn point(data: &Dataset, s: &StoredEvaluation, value: Option<Score>) -> TimePoint {
    TimePoint {
        year: s.evaluation.year,
        month: s.evaluation.month,
        value: value.map(|v| v.as_f64()),
        group: s.evaluation.revision.to_string(),
        group_label: format!(
            "kriterier {}",
            format::revision_short(&data.catalogue, s.evaluation.revision)
        ),
    }
}

/// Each evaluation's figure per theme (older areas through the crosswalk).
fn theme_values(data: &Dataset, list: &[&StoredEvaluation]) -> Vec<Vec<Option<Score>>> {
    list.iter()
        .map(|s| {
            let scores = theme_scores(&s.evaluation, &data.catalogue);
            data.catalogue
                .themes
                .iter()
                .map(|t| {
                    scores
                        .iter()
                        .find(|x| x.theme == t.number)
                        .map(|x| x.points)
                })
                .collect()
        })
        .collect()
}

fn total_chart(data: &Dataset, m: &Municipality, list: &[&StoredEvaluation]) -> Timeline {
    let years: Vec<String> = list.iter().map(|s| s.evaluation.year.to_string()).collect();
    Timeline {
        id: "diagram-utveckling".into(),
        title: format!("{}: totalpoäng över tid", m.name),
        desc: format!(
            "Linjediagram med {}s totalpoäng (0–800) i utvärderingarna {}. Linjen bryts där kriterierna byttes (streckad linje) och där poäng saknas.",
            m.name,
            format::and_list(&years)
        ),
        max: 800.0,
        step: 200.0,
        height: 210.0,
        points: list
            .iter()
            .map(|s| point(data, s, s.evaluation.total))
            .collect(),
    }
}

/// A small chart per theme with any published figure: (slug, label, chart).
fn theme_charts(
    data: &Dataset,
    m: &Municipality,
    list: &[&StoredEvaluation],
    values: &[Vec<Option<Score>>],
) -> Vec<(String, String, Timeline)> {
    data.catalogue
        .themes
        .iter()
        .enumerate()
        .filter(|(i, _)| values.iter().any(|v| v[*i].is_some()))
        .map(|(i, t)| {
            let chart = Timeline {
                id: format!("diagram-utveckling-{}", t.slug),
                title: format!("{}: {} över tid", m.name, t.name),
                desc: format!(
                    "Linjediagram med poängen (0–100) för {} i varje utvärdering; för äldre kriterier det område som motsvarar temat.",
                    t.name
                ),
                max: 100.0,
                step: 25.0,
                height: 170.0,
                points: list
                    .iter()
                    .zip(values)
                    .map(|(s, v)| point(data, s, v[i]))
                    .collect(),
            };
            (t.slug.clone(), format!("{} {}", t.number, t.name), chart)
        })
        .collect()
}

/// A sentence for each change of criteria between consecutive evaluations.
fn boundaries(data: &Dataset, list: &[&StoredEvaluation]) -> Vec<String> {
    list.windows(2)
        .filter(|w| w[0].evaluation.revision != w[1].evaluation.revision)
        .map(|w| {
            format!(
                "Mellan {} och {} byttes kriterierna (från {} till {}).",
                w[0].evaluation.year,
                w[1].evaluation.year,
                format::revision_short(&data.catalogue, w[0].evaluation.revision),
                format::revision_short(&data.catalogue, w[1].evaluation.revision)
            )
        })
        .collect()
}

pub fn model(data: &Dataset, p: &MunicipalityProfile<'_>) -> Option<HistorySection> {
    let (m, list) = (p.municipality, p.evaluations.as_slice());
    if list.len() < 2 {
        return None;
    }
    let values = theme_values(data, list);
    let with_areas = values
        .iter()
        .filter(|v| v.iter().any(Option::is_some))
        .count();
    let themes = if with_areas >= 2 {
        theme_charts(data, m, list, &values)
    } else {
        vec![]
    };
    let themes_note = (themes.is_empty()).then(|| match with_areas {
        0 => "Poäng per område har inte publicerats för någon av utvärderingarna.".to_string(),
        _ => "Poäng per område har bara publicerats för en av utvärderingarna, så utvecklingen per område kan inte visas.".to_string(),
    });
    let mut rows = vec![(
        "Totalt (av 800)".to_string(),
        list.iter().map(|s| s.evaluation.total).collect(),
    )];
    for (i, t) in data.catalogue.themes.iter().enumerate() {
        rows.push((
            format!("{} {}", t.number, t.name),
            values.iter().map(|v| v[i]).collect(),
        ));
    }
    Some(HistorySection {
        total: total_chart(data, m, list),
        themes,
        themes_note,
        columns: list
            .iter()
            .map(|s| {
                (
                    format::when(s.evaluation.year, s.evaluation.month),
                    format::revision_short(&data.catalogue, s.evaluation.revision),
                )
            })
            .collect(),
        rows,
        boundaries: boundaries(data, list),
    })
}

fn comparability(c: Option<Confidence>, crosses: bool) -> Option<String> {
    c.map(|c| match c {
        Confidence::Same if !crosses => "samma kriterier".to_string(),
        other => other.label_sv().to_string(),
    })
}

fn change_row(
    label: String,
    earlier_area: Option<String>,
    t: &ThemeChange,
    crosses: bool,
) -> ChangeRow {
    ChangeRow {
        label,
        earlier_area,
        previous: t.previous,
        latest: t.latest,
        change: t.change,
        comparability: comparability(t.confidence, crosses),
    }
}

/// Every step between consecutive evaluations, newest first.
pub fn progress_model(data: &Dataset, changes: &Changes<'_>) -> Vec<ProgressStep> {
    let mut steps: Vec<ProgressStep> = changes
        .steps
        .iter()
        .map(|p| {
            let (prev, latest) = (&p.previous.evaluation, &p.latest.evaluation);
            let prev_revision = data.catalogue.revision(prev.revision);
            let rows = p
                .themes
                .iter()
                .map(|t| {
                    let theme = data.catalogue.theme(t.theme);
                    let earlier_area = t
                        .previous_area
                        .filter(|_| p.crosses_revision)
                        .and_then(|n| prev_revision?.area(n))
                        .map(|a| format!("{} {}", a.number, a.name));
                    let label = theme.map_or_else(
                        || format!("Tema {}", t.theme),
                        |th| format!("{} {}", th.number, th.name),
                    );
                    change_row(label, earlier_area, t, p.crosses_revision)
                })
                .collect();
            ProgressStep {
                from: format::when(prev.year, prev.month),
                to: format::when(latest.year, latest.month),
                from_criteria: format::revision_short(&data.catalogue, prev.revision),
                to_criteria: format::revision_short(&data.catalogue, latest.revision),
                crosses_revision: p.crosses_revision,
                total: change_row("Totalt (av 800)".into(), None, &p.total, p.crosses_revision),
                rows,
            }
        })
        .collect();
    steps.reverse();
    steps
}

fn history_table(h: &HistorySection) -> Markup {
    html! {
        table {
            caption { "Poäng per utvärdering" }
            thead {
                tr {
                    th scope="col" { "Område" }
                    @for (when, criteria) in &h.columns {
                        th.num scope="col" { (when) span.sub { "kriterier " (criteria) } }
                    }
                }
            }
            tbody {
                @for (label, cells) in &h.rows {
                    tr {
                        th scope="row" { (label) }
                        @for c in cells { td.num { (figure(*c)) } }
                    }
                }
            }
        }
    }
}

pub fn render_history(code: &str, h: &HistorySection) -> Markup {
    html! {
        @for b in &h.boundaries {
            p { (b) " Den streckade linjen i diagrammen markerar bytet; linjen dras aldrig över det, eftersom poängen inte är helt jämförbara." }
        }
        h3 { "Totalpoäng" }
        (chart_with_table(
            timeline::render(&h.total),
            &format!("/kommun/{code}/diagram/utveckling.svg"),
            table_wrap("Poäng per utvärdering", history_table(h)),
        ))
        @if let Some(n) = &h.themes_note {
            p { (n) }
        }
        @if !h.themes.is_empty() {
            h3 { "Per område" }
            p.small { "För utvärderingar enligt äldre kriterier visas det område som motsvarar temat enligt översättningsnyckeln (se " a href="/om#oversattning" { "Om metoden" } ")." }
            div.multiples {
                @for (slug, name, chart) in &h.themes {
                    figure.chart-figure {
                        figcaption { strong { (name) } }
                        div.chart-box { (timeline::render(chart)) }
                        div.chart-actions {
                            (crate::views::publish::chart_downloads(&format!("/kommun/{code}/diagram/utveckling-{slug}.svg")))
                        }
                    }
                }
            }
        }
    }
}

fn step_table(step: &ProgressStep) -> Markup {
    html! {
        table {
            caption { "Förändring " (step.from) " → " (step.to) }
            thead {
                tr {
                    th scope="col" { "Område" }
                    th.num scope="col" { (step.from) }
                    th.num scope="col" { (step.to) }
                    th.num scope="col" { "Förändring" }
                    th scope="col" { "Jämförbarhet" }
                }
            }
            tbody {
                @for r in &step.rows { (change_tr(r, false)) }
                (change_tr(&step.total, true))
            }
        }
    }
}

fn change_tr(r: &ChangeRow, total: bool) -> Markup {
    html! {
        tr class=[total.then_some("total-row")] {
            th scope="row" {
                (r.label)
                @if let Some(a) = &r.earlier_area { span.sub { "tidigare: " (a) } }
            }
            td.num { (figure(r.previous)) }
            td.num { (figure(r.latest)) }
            td.num { (change(r.change)) }
            td { @if let Some(c) = &r.comparability { (c) } @else { span.missing { "–" } } }
        }
    }
}

fn step_block(step: &ProgressStep) -> Markup {
    let nothing_before =
        step.total.previous.is_none() && step.rows.iter().all(|r| r.previous.is_none());
    html! {
        @if nothing_before {
            p { "Poängen från " (step.from) " har inte publicerats, så förändringen till " (step.to) " kan inte räknas ut." }
        }
        @if step.crosses_revision {
            (note("warning", "Olika kriterier", html! {
                p {
                    (step.from) " utvärderades enligt kriterierna från " (step.from_criteria) " och " (step.to) " enligt kriterierna från " (step.to_criteria) ". "
                    "Områdena har översatts till dagens åtta områden; kolumnen Jämförbarhet visar hur väl de motsvarar varandra. Förändringen är ungefärlig."
                }
            }))
        }
        (table_wrap(&format!("Förändring {} till {}", step.from, step.to), step_table(step)))
    }
}

pub fn render_progress(steps: &[ProgressStep]) -> Markup {
    html! {
        @if let Some((newest, older)) = steps.split_first() {
            (step_block(newest))
            @if !older.is_empty() {
                details {
                    summary { "Tidigare förändringar" }
                    @for step in older { (step_block(step)) }
                }
            }
        }
    }
}
