//! The municipality page over time: the total and each area across all
//! evaluations (lines broken at revision boundaries and gaps); the change
//! between consecutive evaluations is in `progress`. Where the evaluations
//! share a revision, areas keep the report's own numbers and names; only
//! across revisions are they mapped to the 2020 themes, and then the older
//! area is named beside each figure. Rows, charts and tables with nothing
//! published become one sentence.

use maud::{Markup, html};

use crate::domain::analysis::theme_scores;
use crate::domain::answer::profile::MunicipalityProfile;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, Confidence, Municipality, Revision, Score};
use crate::views::chart::timeline::{self, TimePoint, Timeline};
use crate::views::format::{self, figure};
use crate::views::partials::{chart_with_table, table_wrap};

#[derive(Debug, Clone, PartialEq)]
pub struct HistorySection {
    /// The total over time; `None` when fewer than two totals were published.
    pub total: Option<Timeline>,
    /// Said instead of the total's chart.
    pub total_note: Option<String>,
    /// One small chart per area (or theme) with at least two published
    /// figures: (file name suffix, label, chart).
    pub themes: Vec<(String, String, Timeline)>,
    pub themes_note: Option<String>,
    /// Whether the rows are the report's areas (one revision) or the 2020
    /// themes (several).
    pub by_area: bool,
    /// One column per evaluation with any published figure: its date and
    /// criteria.
    pub columns: Vec<(String, String)>,
    /// The evaluations that published nothing.
    pub without_scores: Vec<String>,
    /// The total and each area or theme with any published figure; empty
    /// when fewer than two evaluations published any.
    pub rows: Vec<HistoryRow>,
    /// The areas or themes nothing was published for.
    pub unpublished: Vec<String>,
    /// Plain sentences about each revision boundary.
    pub boundaries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub label: String,
    /// Per evaluation: the figure and, for an older revision's area under a
    /// theme, which area it is ("område 2 ... i 2016 års kriterier").
    pub cells: Vec<(Option<Score>, Option<String>)>,
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

/// "område 5 Brukarfokus, tillgänglighet och bemötande i 2016 års
/// kriterier": the number and name in the report the reader holds.
pub(super) fn area_in(data: &Dataset, area: AreaNumber, revision: Revision) -> String {
    let name = data
        .catalogue
        .revision(revision)
        .and_then(|r| r.area(area))
        .map_or_else(String::new, |a| format!(" {}", a.name));
    format!(
        "område {area}{name} i {} års kriterier",
        format::revision_short(&data.catalogue, revision)
    )
}

/// The one revision all of `list` share, if they do.
fn shared_revision(list: &[&StoredEvaluation]) -> Option<Revision> {
    let first = list.first()?.evaluation.revision;
    list.iter()
        .all(|s| s.evaluation.revision == first)
        .then_some(first)
}

/// Rows of the areas (one revision) or themes (several), each a label, a
/// file-name suffix and a cell per evaluation.
fn figure_rows(
    data: &Dataset,
    list: &[&StoredEvaluation],
    shared: Option<Revision>,
) -> Vec<(String, String, HistoryRow)> {
    match shared.and_then(|r| data.catalogue.revision(r)) {
        Some(revision) => revision
            .areas
            .iter()
            .map(|a| {
                let cells = list
                    .iter()
                    .map(|s| (s.evaluation.area(a.number).map(|x| x.points), None))
                    .collect();
                let label = format!("{} {}", a.number, a.name);
                (
                    format!("omrade-{}", a.number),
                    label.clone(),
                    HistoryRow { label, cells },
                )
            })
            .collect(),
        None => data
            .catalogue
            .themes
            .iter()
            .map(|t| {
                let cells = list
                    .iter()
                    .map(|s| {
                        let e = &s.evaluation;
                        let score = theme_scores(e, &data.catalogue)
                            .into_iter()
                            .find(|x| x.theme == t.number);
                        let note = score
                            .filter(|x| x.confidence != Confidence::Same)
                            .map(|x| area_in(data, x.area, e.revision));
                        (score.map(|x| x.points), note)
                    })
                    .collect();
                let label = format!("{} {}", t.number, t.name);
                (t.slug.clone(), label.clone(), HistoryRow { label, cells })
            })
            .collect(),
    }
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
        width: timeline::WIDTH,
        height: 210.0,
        points: list
            .iter()
            .map(|s| point(data, s, s.evaluation.total))
            .collect(),
    }
}

/// A small chart per row with at least two published figures.
fn small_charts(
    data: &Dataset,
    m: &Municipality,
    list: &[&StoredEvaluation],
    rows: &[(String, String, HistoryRow)],
    by_area: bool,
) -> Vec<(String, String, Timeline)> {
    rows.iter()
        .filter(|(_, _, r)| r.cells.iter().filter(|(v, _)| v.is_some()).count() >= 2)
        .map(|(slug, label, r)| {
            let name = label.split_once(' ').map_or(label.as_str(), |(_, n)| n);
            let chart = Timeline {
                id: format!("diagram-utveckling-{slug}"),
                title: format!("{}: {name} över tid", m.name),
                desc: if by_area {
                    format!("Linjediagram med poängen (0–100) för område {label} i varje utvärdering.")
                } else {
                    format!(
                        "Linjediagram med poängen (0–100) för {name} i varje utvärdering; för äldre kriterier det område som motsvarar temat."
                    )
                },
                max: 100.0,
                step: 25.0,
                width: timeline::SMALL_WIDTH,
                height: 200.0,
                points: list
                    .iter()
                    .zip(&r.cells)
                    .map(|(s, (v, _))| point(data, s, *v))
                    .collect(),
            };
            (slug.clone(), label.clone(), chart)
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

/// Said instead of a total chart with fewer than two points.
fn total_note(list: &[&StoredEvaluation]) -> Option<String> {
    let published: Vec<&StoredEvaluation> = list
        .iter()
        .copied()
        .filter(|s| s.evaluation.total.is_some())
        .collect();
    match published.as_slice() {
        [] => Some("Totalpoängen har inte publicerats för någon av utvärderingarna.".into()),
        [one] => Some(format!(
            "Totalpoängen har bara publicerats för {} ({} poäng), så det finns ingen utveckling att rita.",
            one.evaluation.year,
            one.evaluation
                .total
                .map(|t| t.to_swedish())
                .unwrap_or_default()
        )),
        _ => None,
    }
}

pub fn model(data: &Dataset, p: &MunicipalityProfile<'_>) -> Option<HistorySection> {
    let (m, list) = (p.municipality, p.evaluations.as_slice());
    if list.len() < 2 {
        return None;
    }
    let shared = shared_revision(list);
    let by_area = shared.is_some();
    let all_rows = figure_rows(data, list, shared);
    let (published, unpublished): (Vec<_>, Vec<_>) = all_rows
        .into_iter()
        .partition(|(_, _, r)| r.cells.iter().any(|(v, _)| v.is_some()));
    let themes = small_charts(data, m, list, &published, by_area);
    let with_areas: Vec<String> = list
        .iter()
        .filter(|s| !s.evaluation.areas.is_empty())
        .map(|s| s.evaluation.year.to_string())
        .collect();
    let themes_note = (themes.is_empty()).then(|| match with_areas.as_slice() {
        [] => "Poäng per område har inte publicerats för någon av utvärderingarna.".to_string(),
        [one] => format!(
            "Poäng per område har bara publicerats för {one}, så utvecklingen per område kan inte ritas."
        ),
        _ => "Poängen per område har inte publicerats för samma område i två utvärderingar, så utvecklingen per område kan inte ritas.".to_string(),
    });
    let total_row = HistoryRow {
        label: "Totalt (av 800)".to_string(),
        cells: list.iter().map(|s| (s.evaluation.total, None)).collect(),
    };
    let mut rows: Vec<HistoryRow> = Vec::new();
    if total_row.cells.iter().any(|(v, _)| v.is_some()) {
        rows.push(total_row);
    }
    rows.extend(published.into_iter().map(|(_, _, r)| r));
    // An evaluation that published nothing is a sentence, not a column.
    let kept: Vec<usize> = (0..list.len())
        .filter(|i| rows.iter().any(|r| r.cells[*i].0.is_some()))
        .collect();
    let without_scores = (0..list.len())
        .filter(|i| !kept.contains(i))
        .map(|i| format::when(list[i].evaluation.year, list[i].evaluation.month))
        .collect();
    for row in &mut rows {
        row.cells = kept.iter().map(|i| row.cells[*i].clone()).collect();
    }
    if kept.len() < 2 {
        rows.clear();
    }
    let total_note = total_note(list);
    Some(HistorySection {
        total: total_note.is_none().then(|| total_chart(data, m, list)),
        total_note,
        themes,
        themes_note,
        by_area,
        columns: kept
            .iter()
            .map(|i| {
                let s = list[*i];
                (
                    format::when(s.evaluation.year, s.evaluation.month),
                    format::revision_short(&data.catalogue, s.evaluation.revision),
                )
            })
            .collect(),
        without_scores,
        rows,
        // Their numbers: "3, 4 och 5".
        unpublished: unpublished
            .into_iter()
            .map(|(_, l, _)| l.split(' ').next().unwrap_or_default().to_string())
            .collect(),
        boundaries: boundaries(data, list),
    })
}

fn history_table(h: &HistorySection) -> Markup {
    html! {
        table.cards {
            caption { "Poäng per utvärdering" @if h.by_area { " och område" } @else { " och tema" } }
            thead {
                tr {
                    th scope="col" { @if h.by_area { "Område" } @else { "Tema" } }
                    @for (when, criteria) in &h.columns {
                        th.num scope="col" { (when) span.sub { "kriterier " (criteria) } }
                    }
                }
            }
            tbody {
                @for row in &h.rows {
                    tr {
                        th scope="row" { (row.label) }
                        @for ((v, note), (when, _)) in row.cells.iter().zip(&h.columns) {
                            td.num data-label=(when) {
                                (figure(*v))
                                @if let (Some(_), Some(n)) = (v, note) { span.sub { (n) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn render_history(code: &str, h: &HistorySection) -> Markup {
    let table = table_wrap("Poäng per utvärdering", history_table(h));
    html! {
        @for b in &h.boundaries {
            p {
                (b)
                @if h.total.is_some() || !h.themes.is_empty() {
                    " Den streckade linjen i diagrammen markerar bytet; linjen dras aldrig över det, eftersom poängen inte är helt jämförbara."
                }
            }
        }
        @if !h.without_scores.is_empty() {
            p { "Poängen från " (format::and_list(&h.without_scores)) " har inte publicerats." }
        }
        @match &h.total {
            Some(chart) => {
                h3 { "Totalpoäng" }
                (chart_with_table(
                    timeline::render(chart),
                    &format!("/kommun/{code}/diagram/utveckling.svg"),
                    table,
                ))
            }
            None => {
                @if let Some(n) = &h.total_note { p { (n) } }
                @if !h.rows.is_empty() { (table) }
            }
        }
        @if !h.unpublished.is_empty() && !h.rows.is_empty() {
            p.small {
                @if h.by_area { "Områdena " } @else { "Temana " }
                (format::and_list(&h.unpublished))
                " har inte publicerats i någon av utvärderingarna och visas därför inte."
            }
        }
        @if let Some(n) = &h.themes_note {
            p { (n) }
        }
        @if !h.themes.is_empty() {
            div.per-area {
            h3 { "Per område" }
            @if !h.by_area {
                p.small { "Utvärderingarna gjordes enligt olika kriterier, så områdena visas som dagens åtta teman. För utvärderingar enligt äldre kriterier visas det område som motsvarar temat enligt översättningsnyckeln (se " a href="/om#oversattning" { "Om metoden" } ")." }
            }
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
}
