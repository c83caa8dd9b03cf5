//! The comparison as the page shows it: a column per municipality (its
//! evaluation named, "ej utvärderad" in every cell when it has none), the
//! themes it published (a theme no one published is named in a sentence,
//! not shown as a row of blanks), the total, and the one reference figure
//! when the evaluations share a revision. Charts and table come from here.

use maud::{Markup, html};

use crate::domain::analysis::Metric;
use crate::domain::answer::compare::{Comparison, Value};
use crate::domain::snapshot::Snapshot;
use crate::domain::{Confidence, Score};
use crate::views::chart::grouped::{Group, GroupedChart};
use crate::views::format::{self, and_list, figure, municipality_href};
use crate::views::reference::{ReferenceView, why_none};

/// What a cell of a municipality never evaluated says.
pub const NOT_EVALUATED: &str = "ej utvärderad";

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub href: String,
    /// "november 2020"; `None` when never evaluated.
    pub when: Option<String>,
    pub criteria: Option<String>,
    pub has_scores: bool,
}

impl Column {
    pub fn evaluated(&self) -> bool {
        self.when.is_some()
    }

    /// "Kumla 2020" for a chart's bar and a card's line; the name alone
    /// when never evaluated.
    pub fn label(&self, year: Option<i32>) -> String {
        match year {
            Some(y) => format!("{} {y}", self.name),
            None => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Option<Score>,
    /// For older criteria: which area stood for the theme, and how well.
    pub note: Option<String>,
}

/// The reference figure beside the compared ones, named.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceColumn {
    pub view: ReferenceView,
    /// Per theme row, the reference's figure for the area that stands for
    /// the theme in its revision.
    pub rows: Vec<Option<Score>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareResult {
    /// The themes' chart (the published ones), 0-100.
    pub chart: GroupedChart,
    /// The totals' chart, 0-800, with the reference's total.
    pub total_chart: GroupedChart,
    pub columns: Vec<Column>,
    /// "Kumla 2020", one per column: the series' names.
    pub labels: Vec<String>,
    /// Themes at least one compared evaluation published.
    pub rows: Vec<(String, Vec<Cell>)>,
    /// Themes none of them published: "3 Styrning och kontroll".
    pub unpublished_themes: Vec<String>,
    pub totals: Vec<Option<Score>>,
    /// Each criteria version with the municipalities evaluated under it.
    pub revisions: Vec<(String, Vec<String>)>,
    /// The municipalities never evaluated.
    pub never_evaluated: Vec<String>,
    pub reference: Option<ReferenceColumn>,
    /// Why there is no reference figure, when there is none.
    pub no_reference: Option<String>,
}

impl CompareResult {
    /// The footnote a comparison's images carry when the compared evaluations
    /// used different criteria (the page says it in its criteria section):
    /// "Obs! Kommunerna utvärderades enligt olika versioner av kriterierna
    /// (Kumla: 2019/2020, Strängnäs: 2016); poängen är inte helt jämförbara."
    pub fn criteria_footnote(&self) -> Option<String> {
        if !self.revisions_differ() {
            return None;
        }
        let parts: Vec<String> = self
            .revisions
            .iter()
            .map(|(label, names)| format!("{}: {label}", and_list(names)))
            .collect();
        Some(format!(
            "Obs! Kommunerna utvärderades enligt olika versioner av kriterierna ({}); poängen är inte helt jämförbara.",
            parts.join(", ")
        ))
    }

    pub fn revisions_differ(&self) -> bool {
        self.revisions.len() > 1
    }

    /// Whether any compared evaluation published a total.
    pub fn has_totals(&self) -> bool {
        self.totals.iter().any(Option::is_some)
    }
}

/// For older criteria: "från 2 Tillgänglighet ..., jämförbarhet medel".
fn cell_note(
    data: &Snapshot,
    c: &Comparison<'_>,
    column: usize,
    value: Option<Value>,
) -> Option<String> {
    let v = value.filter(|v| v.confidence != Confidence::Same)?;
    let area = v.area?;
    let revision = c.compared[column].evaluation?.evaluation.revision;
    let name = data
        .catalogue
        .revision(revision)
        .and_then(|r| r.area(area))
        .map_or_else(
            || format!("område {area}"),
            |a| format!("{} {}", a.number, a.name),
        );
    Some(format!(
        "från {name}, jämförbarhet {}",
        v.confidence.label_sv()
    ))
}

/// The comparison's reference figure as a column: named, and its figure
/// for each theme row shown; else why there is none.
fn reference(
    data: &Snapshot,
    c: &Comparison<'_>,
    metrics: &[Metric],
) -> (Option<ReferenceColumn>, Option<String>) {
    match c.references.first() {
        Some(r) => {
            let rows = metrics
                .iter()
                .map(|m| r.value(&data.catalogue, *m).map(|v| v.points))
                .collect();
            let view = ReferenceView::of(data, r);
            (Some(ReferenceColumn { view, rows }), None)
        }
        None => (None, why_none(&data.catalogue, &c.revisions())),
    }
}

// One pass over the comparison that builds every part the page shows;
// long because each part is a few lines of its own.
pub fn result(data: &Snapshot, c: &Comparison<'_>) -> CompareResult {
    let columns: Vec<Column> = c
        .compared
        .iter()
        .map(|compared| {
            let s = compared.evaluation;
            Column {
                name: compared.municipality.name.clone(),
                href: municipality_href(compared.municipality),
                when: s.map(|s| format::when(s.evaluation.year, s.evaluation.month)),
                criteria: s.map(|s| format::revision_short(&data.catalogue, s.evaluation.revision)),
                has_scores: s.is_some_and(|s| s.evaluation.has_published_scores()),
            }
        })
        .collect();
    let labels: Vec<String> = columns
        .iter()
        .zip(&c.compared)
        .map(|(col, x)| col.label(x.evaluation.map(|s| s.evaluation.year)))
        .collect();
    let mut rows = Vec::new();
    let mut metrics = Vec::new();
    let mut unpublished_themes = Vec::new();
    for row in c.themes() {
        let label = match row.metric {
            Metric::Theme(n) => format!("{n} {}", row.metric.name(&data.catalogue)),
            Metric::Total => row.metric.name(&data.catalogue),
        };
        if row.values.iter().all(Option::is_none) {
            unpublished_themes.push(label);
            continue;
        }
        let cells = row
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| Cell {
                value: v.map(|v| v.points),
                note: cell_note(data, c, i, *v),
            })
            .collect();
        metrics.push(row.metric);
        rows.push((label, cells));
    }
    let revisions = c
        .by_revision()
        .into_iter()
        .map(|(r, list)| {
            (
                format::revision_short(&data.catalogue, r),
                list.iter().map(|m| m.name.clone()).collect(),
            )
        })
        .collect();
    let never_evaluated = columns
        .iter()
        .filter(|c| !c.evaluated())
        .map(|c| c.name.clone())
        .collect();
    let (reference, no_reference) = reference(data, c, &metrics);
    let totals = c.totals();
    CompareResult {
        chart: chart(&columns, &labels, &rows, reference.as_ref()),
        total_chart: total_chart(&columns, &labels, &totals, reference.as_ref()),
        totals,
        columns,
        labels,
        rows,
        unpublished_themes,
        revisions,
        never_evaluated,
        reference,
        no_reference,
    }
}

/// What a missing bar says, per series.
fn missing_labels(columns: &[Column], reference: bool) -> Vec<String> {
    columns
        .iter()
        .map(|c| {
            if c.evaluated() {
                format::MISSING.to_string()
            } else {
                NOT_EVALUATED.to_string()
            }
        })
        .chain(reference.then(|| "inget snitt".to_string()))
        .collect()
}

fn chart(
    columns: &[Column],
    labels: &[String],
    rows: &[(String, Vec<Cell>)],
    reference: Option<&ReferenceColumn>,
) -> GroupedChart {
    let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
    // The reference joins the themes' chart only where it has area figures.
    let reference = reference.filter(|r| r.rows.iter().any(Option::is_some));
    let mut series = labels.to_vec();
    if let Some(r) = reference {
        series.push(r.view.label.clone());
    }
    GroupedChart {
        id: "diagram-jamfor".into(),
        title: format!("Poäng per område: {}", and_list(&names)),
        desc: format!(
            "Grupperade liggande staplar: för varje område som någon av kommunerna publicerat en stapel per kommun ({}), 0–100 poäng. Varje serie har sitt eget mönster och sitt namn vid stapeln. Siffrorna finns i tabellen.",
            and_list(&series)
        ),
        missing: missing_labels(columns, reference.is_some()),
        series,
        groups: rows
            .iter()
            .enumerate()
            .map(|(i, (label, cells))| Group {
                label: label.clone(),
                values: cells
                    .iter()
                    .map(|c| c.value.map(|v| v.as_f64()))
                    .chain(reference.map(|r| r.rows[i].map(|v| v.as_f64())))
                    .collect(),
            })
            .collect(),
        max: 100.0,
    }
}

fn total_chart(
    columns: &[Column],
    labels: &[String],
    totals: &[Option<Score>],
    reference: Option<&ReferenceColumn>,
) -> GroupedChart {
    let reference = reference.filter(|r| r.view.total.is_some());
    let mut series = labels.to_vec();
    if let Some(r) = reference {
        series.push(r.view.label.clone());
    }
    GroupedChart {
        id: "diagram-jamfor-total".into(),
        title: "Totalpoäng".into(),
        desc: format!(
            "Liggande staplar: totalpoängen, 0–800, för {}. Siffrorna finns i tabellen.",
            and_list(&series)
        ),
        missing: missing_labels(columns, reference.is_some()),
        series,
        groups: vec![Group {
            label: "Totalt (av 800)".into(),
            values: totals
                .iter()
                .map(|t| t.map(|t| t.as_f64()))
                .chain(reference.map(|r| r.view.total.map(|t| t.as_f64())))
                .collect(),
        }],
        max: 800.0,
    }
}

/// A cell: the figure, "ej publicerat", or "ej utvärderad" for a
/// municipality without an evaluation.
fn value_cell(column: &Column, label: &str, cell: Option<&Cell>, total: Option<Score>) -> Markup {
    html! {
        td.num data-label=(label) {
            @if !column.evaluated() {
                span.missing { (NOT_EVALUATED) }
            } @else if let Some(cell) = cell {
                (figure(cell.value))
                @if let Some(n) = &cell.note { span.sub { (n) } }
            } @else {
                (figure(total))
            }
        }
    }
}

/// The table: a row per published theme and the total, a column per
/// municipality and one for the reference. On a phone each row is a card.
pub fn table(r: &CompareResult) -> Markup {
    let reference = r.reference.as_ref();
    html! {
        table id="tabell-jamfor" class="cards" {
            caption { "Poäng per område och totalt" }
            thead {
                tr {
                    th scope="col" { "Område" }
                    @for c in &r.columns {
                        th.num scope="col" {
                            a href=(c.href) { (c.name) }
                            span.sub {
                                @match (&c.when, &c.criteria) {
                                    (Some(w), Some(k)) => { (w) ", kriterier " (k) }
                                    _ => { (NOT_EVALUATED) }
                                }
                            }
                        }
                    }
                    @if let Some(reference) = reference {
                        th.num scope="col" { (reference.view.label) span.sub { "referensvärde" } }
                    }
                }
            }
            tbody {
                @for (i, (label, cells)) in r.rows.iter().enumerate() {
                    tr {
                        th scope="row" { (label) }
                        @for (j, (column, cell)) in r.columns.iter().zip(cells).enumerate() {
                            (value_cell(column, &r.labels[j], Some(cell), None))
                        }
                        @if let Some(reference) = reference {
                            td.num data-label=(reference.view.label) { (reference_figure(reference.rows[i])) }
                        }
                    }
                }
                tr.total-row {
                    th scope="row" { "Totalt (av 800)" }
                    @for (j, (column, total)) in r.columns.iter().zip(&r.totals).enumerate() {
                        (value_cell(column, &r.labels[j], None, *total))
                    }
                    @if let Some(reference) = reference {
                        td.num data-label=(reference.view.label) { (reference_figure(reference.view.total)) }
                    }
                }
            }
        }
    }
}

/// A reference's figure, or a dash where it has none for the area.
fn reference_figure(v: Option<Score>) -> Markup {
    match v {
        Some(v) => html! { (v.to_swedish()) },
        None => html! { span.missing { "–" span.visually-hidden { " inget referensvärde" } } },
    }
}

/// What the criteria section says: the versions, who was never evaluated.
pub fn revisions_note(r: &CompareResult) -> Markup {
    use crate::views::partials::note;
    let parts: Vec<String> = r
        .revisions
        .iter()
        .map(|(label, names)| format!("{} enligt kriterierna från {label}", and_list(names)))
        .collect();
    let never = &r.never_evaluated;
    html! {
        @if !never.is_empty() {
            p {
                (and_list(never)) " har aldrig utvärderats enligt de källor kompass känner till, så ”" (NOT_EVALUATED) "” står i varje ruta. "
                a href="/bidra" { "Känner du till en utvärdering? Bidra med den" } "."
            }
        }
        @if r.revisions_differ() {
            (note("warning", "Olika versioner av kriterierna", html! {
                p { "Kommunerna har utvärderats enligt olika versioner av Kommunkompassen: " (and_list(&parts)) "." }
                p {
                    "Områdena i äldre versioner har förts över till dagens åtta områden med en översättningsnyckel; under varje sådan siffra står vilket område den kommer från och hur väl det motsvarar dagens. "
                    "Jämförelsen är därför ungefärlig, och totalpoängen är inte direkt jämförbara mellan versionerna, eftersom frågorna och kraven ändrades. "
                    a href="/om#versioner" { "Läs mer om versionerna" } "."
                }
            }))
        } @else if let Some((label, names)) = r.revisions.first() {
            @if never.is_empty() {
                p { "Alla kommunerna har utvärderats enligt kriterierna från " (label) ", så poängen är jämförbara." }
            } @else {
                p { (and_list(names)) " har utvärderats enligt kriterierna från " (label) "." }
            }
        }
    }
}

/// The reference figure named, with its source; or why there is none.
pub fn reference_note(r: &CompareResult) -> Markup {
    html! {
        @if let Some(reference) = &r.reference {
            p.small {
                "Referensvärde: " (reference.view.about) " "
                @if let Some(url) = &reference.view.source_url { a href=(url) { "Källa" } "." }
            }
        } @else if let Some(why) = &r.no_reference {
            p.small { (why) }
        }
    }
}
