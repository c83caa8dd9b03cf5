//! The comparison as the page shows it: a column per municipality (its
//! evaluation named, and the year and total of the evaluation its areas
//! come from when that is another; "ej utvärderad" in every cell when it
//! has none), the themes it published (a theme no one published is named in
//! a sentence, not shown as a row of blanks), the total, and a reference
//! figure per criteria version shown. Charts and table come from here.

use maud::{Markup, html};

use crate::domain::analysis::Metric;
use crate::domain::answer::compare::{Comparison, Value};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::domain::{Confidence, Score};
use crate::views::chart::grouped::{Group, GroupedChart};
use crate::views::format::{self, and_list, figure, municipality_href};
use crate::views::reference::{ReferenceView, why_none, why_none_for};

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
    /// The evaluation the areas come from, when it is another than the
    /// total's (which printed none).
    pub areas_from: Option<AreasFrom>,
}

/// The evaluation a column's areas come from, with its own total.
#[derive(Debug, Clone, PartialEq)]
pub struct AreasFrom {
    pub year: i32,
    pub when: String,
    pub criteria: String,
    pub total: Option<Score>,
}

impl AreasFrom {
    fn of(data: &Snapshot, s: &StoredEvaluation) -> Self {
        let e = &s.evaluation;
        AreasFrom {
            year: e.year,
            when: format::when(e.year, e.month),
            criteria: format::revision_short(&data.catalogue, e.revision),
            total: e.total,
        }
    }

    /// "områdena från 2012 (totalt 615)".
    pub fn sentence(&self) -> String {
        match self.total {
            Some(t) => format!("områdena från {} (totalt {})", self.when, t.to_swedish()),
            None => format!("områdena från {}", self.when),
        }
    }
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

/// A reference figure beside the compared ones, named, with the criteria
/// version it holds for.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceColumn {
    pub view: ReferenceView,
    /// "2019/2020".
    pub criteria: String,
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
    /// "Örebro 2015", one per column: the totals' series' names.
    pub labels: Vec<String>,
    /// "Örebro 2012", one per column: the areas' series' names (the year of
    /// the evaluation the areas come from).
    pub area_labels: Vec<String>,
    /// Themes at least one compared evaluation published.
    pub rows: Vec<(String, Vec<Cell>)>,
    /// Themes none of them published: "3 Styrning och kontroll".
    pub unpublished_themes: Vec<String>,
    pub totals: Vec<Option<Score>>,
    /// Each criteria version with the municipalities evaluated under it.
    pub revisions: Vec<(String, Vec<String>)>,
    /// The municipalities never evaluated.
    pub never_evaluated: Vec<String>,
    /// One per criteria version shown that has a reference, oldest first.
    pub references: Vec<ReferenceColumn>,
    /// Why a version shown has no reference figure (or none is shown).
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
    let revision = c.compared[column].detail()?.evaluation.revision;
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

/// The comparison's reference figures as columns: each named, with its
/// figure for each theme row shown; and why a version shown has none.
fn references(
    data: &Snapshot,
    c: &Comparison<'_>,
    metrics: &[Metric],
) -> (Vec<ReferenceColumn>, Option<String>) {
    let columns: Vec<ReferenceColumn> = c
        .references
        .iter()
        .map(|r| ReferenceColumn {
            view: ReferenceView::of(data, r),
            criteria: format::revision_short(&data.catalogue, r.revision),
            rows: metrics
                .iter()
                .map(|m| r.value(&data.catalogue, *m).map(|v| v.points))
                .collect(),
        })
        .collect();
    let revisions = c.revisions();
    let without: Vec<String> = revisions
        .iter()
        .filter(|r| !c.references.iter().any(|x| x.revision == **r))
        .map(|r| why_none_for(&data.catalogue, *r))
        .collect();
    let why = if columns.is_empty() && revisions.len() == 1 {
        why_none(&data.catalogue, &revisions)
    } else {
        (!without.is_empty()).then(|| without.join(" "))
    };
    (columns, why)
}

/// "Kumla 2020" for each column, the year of `of`'s evaluation.
fn labels<'a>(
    columns: &[Column],
    c: &Comparison<'a>,
    of: impl Fn(&crate::domain::answer::compare::Compared<'a>) -> Option<&'a StoredEvaluation>,
) -> Vec<String> {
    columns
        .iter()
        .zip(&c.compared)
        .map(|(col, x)| col.label(of(x).map(|s| s.evaluation.year)))
        .collect()
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
                areas_from: compared.areas_from.map(|a| AreasFrom::of(data, a)),
            }
        })
        .collect();
    let labels = labels(&columns, c, |x| x.evaluation);
    let area_labels = labels_of_areas(&columns, c);
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
    let (references, no_reference) = references(data, c, &metrics);
    let totals = c.totals();
    CompareResult {
        chart: chart(&columns, &area_labels, &rows, &references),
        total_chart: total_chart(&columns, &labels, &totals, &references),
        totals,
        columns,
        labels,
        area_labels,
        rows,
        unpublished_themes,
        revisions,
        never_evaluated,
        references,
        no_reference,
    }
}

fn labels_of_areas(columns: &[Column], c: &Comparison<'_>) -> Vec<String> {
    labels(columns, c, |x| x.detail().or(x.evaluation))
}

/// What a missing bar says, per series: one per column, then one per
/// reference.
fn missing_labels(columns: &[Column], references: usize) -> Vec<String> {
    columns
        .iter()
        .map(|c| {
            if c.evaluated() {
                format::MISSING.to_string()
            } else {
                NOT_EVALUATED.to_string()
            }
        })
        .chain(std::iter::repeat_n("inget snitt".to_string(), references))
        .collect()
}

/// A reference's series name: its label, with its criteria when several
/// versions each have theirs.
fn reference_series(r: &ReferenceColumn, several: bool) -> String {
    if several {
        format!("{} ({} års kriterier)", r.view.label, r.criteria)
    } else {
        r.view.label.clone()
    }
}

fn chart(
    columns: &[Column],
    labels: &[String],
    rows: &[(String, Vec<Cell>)],
    references: &[ReferenceColumn],
) -> GroupedChart {
    let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
    // A reference joins the themes' chart only where it has area figures.
    let shown: Vec<&ReferenceColumn> = references
        .iter()
        .filter(|r| r.rows.iter().any(Option::is_some))
        .collect();
    let several = references.len() > 1;
    let mut series = labels.to_vec();
    series.extend(shown.iter().map(|r| reference_series(r, several)));
    GroupedChart {
        id: "diagram-jamfor".into(),
        title: format!("Poäng per område: {}", and_list(&names)),
        desc: format!(
            "Grupperade liggande staplar: för varje område som någon av kommunerna publicerat en stapel per kommun ({}), 0–100 poäng. Varje serie har sitt eget mönster och sitt namn vid stapeln. Siffrorna finns i tabellen.",
            and_list(&series)
        ),
        missing: missing_labels(columns, shown.len()),
        series,
        groups: rows
            .iter()
            .enumerate()
            .map(|(i, (label, cells))| Group {
                label: label.clone(),
                values: cells
                    .iter()
                    .map(|c| c.value.map(|v| v.as_f64()))
                    .chain(shown.iter().map(|r| r.rows[i].map(|v| v.as_f64())))
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
    references: &[ReferenceColumn],
) -> GroupedChart {
    let shown: Vec<&ReferenceColumn> = references
        .iter()
        .filter(|r| r.view.total.is_some())
        .collect();
    let several = references.len() > 1;
    let mut series = labels.to_vec();
    series.extend(shown.iter().map(|r| reference_series(r, several)));
    GroupedChart {
        id: "diagram-jamfor-total".into(),
        title: "Totalpoäng".into(),
        desc: format!(
            "Liggande staplar: totalpoängen, 0–800, för {}. Siffrorna finns i tabellen.",
            and_list(&series)
        ),
        missing: missing_labels(columns, shown.len()),
        series,
        groups: vec![Group {
            label: "Totalt (av 800)".into(),
            values: totals
                .iter()
                .map(|t| t.map(|t| t.as_f64()))
                .chain(shown.iter().map(|r| r.view.total.map(|t| t.as_f64())))
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

/// A column's heading: the municipality, its evaluation and criteria, and
/// where its areas come from when that is another evaluation.
fn column_head(c: &Column) -> Markup {
    html! {
        th.num scope="col" {
            a href=(c.href) { (c.name) }
            span.sub {
                @match (&c.when, &c.criteria) {
                    (Some(w), Some(k)) => { (w) ", kriterier " (k) }
                    _ => { (NOT_EVALUATED) }
                }
            }
            @if let Some(a) = &c.areas_from {
                span.sub { (a.sentence()) }
            }
        }
    }
}

/// The table: a row per published theme and the total, a column per
/// municipality and one per reference. On a phone each row is a card.
pub fn table(r: &CompareResult) -> Markup {
    let several = r.references.len() > 1;
    html! {
        table id="tabell-jamfor" class="cards" {
            caption { "Poäng per område och totalt" }
            thead {
                tr {
                    th scope="col" { "Område" }
                    @for c in &r.columns { (column_head(c)) }
                    @for reference in &r.references {
                        th.num scope="col" {
                            (reference.view.label)
                            span.sub {
                                "referensvärde"
                                @if several { ", kriterier " (reference.criteria) }
                            }
                        }
                    }
                }
            }
            tbody {
                @for (i, (label, cells)) in r.rows.iter().enumerate() {
                    tr {
                        th scope="row" { (label) }
                        @for (j, (column, cell)) in r.columns.iter().zip(cells).enumerate() {
                            (value_cell(column, &r.area_labels[j], Some(cell), None))
                        }
                        @for reference in &r.references {
                            td.num data-label=(reference_series(reference, several)) { (reference_figure(reference.rows[i])) }
                        }
                    }
                }
                tr.total-row {
                    th scope="row" { "Totalt (av 800)" }
                    @for (j, (column, total)) in r.columns.iter().zip(&r.totals).enumerate() {
                        (value_cell(column, &r.labels[j], None, *total))
                    }
                    @for reference in &r.references {
                        td.num data-label=(reference_series(reference, several)) { (reference_figure(reference.view.total)) }
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

/// The reference figures named, with their sources; and why a version
/// shown has none.
pub fn reference_note(r: &CompareResult) -> Markup {
    let several = r.references.len() > 1;
    html! {
        @for reference in &r.references {
            p.small {
                "Referensvärde"
                @if several { " för kriterierna från " (reference.criteria) }
                ": " (reference.view.about) " "
                @if let Some(url) = &reference.view.source_url { a href=(url) { "Källa" } "." }
            }
        }
        @if let Some(why) = &r.no_reference {
            p.small { (why) }
        }
    }
}
