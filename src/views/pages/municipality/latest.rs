//! The municipality page's top section: the latest evaluation's total, the
//! change card, the one reference figure and the place in kompass, then the
//! areas (as the report numbers and names them) against that reference, and
//! the evaluation's sub-areas.

use maud::{Markup, html};

use super::headline::{self, ChangeCard};
use crate::domain::answer::profile::{self, MunicipalityProfile};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, EvaluationId, Municipality, Revision, Score};
use crate::views::chart::areas::{self, AreaBar, AreaChart};
use crate::views::format::{self, MISSING, figure, percent_of, year_range};
use crate::views::partials::{cell_bar, chart_figure, table_wrap};
use crate::views::reference::ReferenceView;

#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationRef {
    pub id: EvaluationId,
    pub year: i32,
    pub when: String,
    /// "2019/2020".
    pub criteria: String,
    pub has_scores: bool,
}

impl EvaluationRef {
    pub fn new(s: &StoredEvaluation, data: &Dataset) -> Self {
        Self {
            id: s.id.clone(),
            year: s.evaluation.year,
            when: format::when(s.evaluation.year, s.evaluation.month),
            criteria: format::revision_short(&data.catalogue, s.evaluation.revision),
            has_scores: s.evaluation.has_published_scores(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LatestSection {
    /// The newest evaluation, scores published or not.
    pub latest: EvaluationRef,
    /// The newest evaluation with published scores.
    pub shown: Option<Shown>,
    /// What the page says first about the change of the total.
    pub change: Option<ChangeCard>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub evaluation: EvaluationRef,
    pub revision: Revision,
    pub total: Option<Score>,
    pub reference: Option<ReferenceView>,
    pub rank: Option<RankRef>,
    /// Its kommungrupp's mean, beside the reference, when five or more
    /// evaluations make it.
    pub group_mean: Option<GroupMeanRef>,
    /// The evaluation whose areas are shown, when it is not `evaluation`
    /// (which printed none).
    pub areas_from: Option<EvaluationRef>,
    /// The areas, as the report numbers and names them; empty when no
    /// evaluation printed any.
    pub rows: Vec<AreaRow>,
    /// The reference figure of the areas' evaluation.
    pub areas_reference: Option<ReferenceView>,
    /// The total of the areas' evaluation, for the foot of their table.
    pub areas_total: Option<Score>,
    pub chart: Option<AreaChart>,
    pub subareas: Vec<SubareaGroup>,
}

impl Shown {
    /// The year of the evaluation whose areas are shown.
    pub fn areas_year(&self) -> i32 {
        self.areas_from.as_ref().unwrap_or(&self.evaluation).year
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankRef {
    pub rank: usize,
    pub of: usize,
    pub criteria: String,
    /// "2010 års kriterier", said on the card itself.
    pub criteria_of: String,
    pub years: String,
    pub href: String,
}

/// The mean of the municipality's kommungrupp beside the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMeanRef {
    /// "Snitt i kommungrupp B3".
    pub label: String,
    pub total: Score,
    /// "6 utvärderingar enligt 2010 års kriterier (2010–2015), kommungrupp enligt SKR:s indelning 2023".
    pub about: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    pub number: u8,
    pub name: String,
    pub points: Option<Score>,
    pub reference: Option<Score>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubareaGroup {
    pub title: String,
    pub total: Option<Score>,
    pub rows: Vec<SubareaRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubareaRow {
    pub code: String,
    pub name: String,
    pub points: Score,
    pub max: Score,
    pub percent: Option<Score>,
    /// 0-100, for the bar.
    pub share: f64,
}

pub fn model(data: &Dataset, p: &MunicipalityProfile<'_>) -> Option<LatestSection> {
    let latest = p.latest()?;
    Some(LatestSection {
        latest: EvaluationRef::new(latest, data),
        shown: p.shown.as_ref().map(|s| shown(data, p.municipality, s)),
        change: p.shown.as_ref().map(|_| headline::model(data, &p.changes)),
    })
}

fn shown(data: &Dataset, m: &Municipality, shown: &profile::Shown<'_>) -> Shown {
    let s = shown.evaluation;
    let e = &s.evaluation;
    let reference = shown
        .reference
        .as_ref()
        .map(|r| ReferenceView::new(data, r, e.revision, e.year));
    let detail = shown.detail.as_ref();
    let areas_reference = detail.and_then(|d| {
        let de = &d.evaluation.evaluation;
        d.reference
            .as_ref()
            .map(|r| ReferenceView::new(data, r, de.revision, de.year))
    });
    let rows = detail.map_or_else(Vec::new, |d| {
        area_rows(data, d.evaluation, areas_reference.as_ref())
    });
    // The chart draws the published areas; the missing ones are a sentence.
    let published: Vec<AreaRow> = rows
        .iter()
        .filter(|r| r.points.is_some())
        .cloned()
        .collect();
    let chart = detail.map(|d| {
        let de = &d.evaluation.evaluation;
        let criteria = format::revision_short(&data.catalogue, de.revision);
        area_chart(m, de.year, &criteria, &published, areas_reference.as_ref())
    });
    let rank = shown.rank.map(|r| RankRef {
        rank: r.rank,
        of: r.of,
        criteria: format::criteria(&data.catalogue, e.revision),
        criteria_of: format::criteria_of(&data.catalogue, e.revision),
        years: year_range(r.years),
        href: format!("/rankning?revision={}", e.revision),
    });
    let group_mean = shown.group_mean.map(|g| GroupMeanRef {
        label: format!("Snitt i kommungrupp {}", g.group.code),
        total: g.total.value,
        about: format!(
            "{} enligt {} ({}) i kommungrupp {} {} ({})",
            format::count(g.total.count, "utvärdering", "utvärderingar"),
            format::criteria_of(&data.catalogue, g.revision),
            year_range(g.years),
            g.group.code,
            g.group.name,
            super::peers::GROUPING
        ),
    });
    Shown {
        evaluation: EvaluationRef::new(s, data),
        revision: e.revision,
        total: e.total,
        reference,
        rank,
        group_mean,
        areas_from: detail
            .filter(|d| d.evaluation.id != s.id)
            .map(|d| EvaluationRef::new(d.evaluation, data)),
        rows,
        areas_reference,
        areas_total: detail.and_then(|d| d.evaluation.evaluation.total),
        chart,
        subareas: detail.map_or_else(Vec::new, |d| subareas(data, d.evaluation)),
    }
}

/// The eight areas by the report's own numbers and names.
fn area_rows(
    data: &Dataset,
    s: &StoredEvaluation,
    reference: Option<&ReferenceView>,
) -> Vec<AreaRow> {
    let e = &s.evaluation;
    let revision = data.catalogue.revision(e.revision);
    AreaNumber::ALL
        .into_iter()
        .map(|n| AreaRow {
            number: n.get(),
            name: revision
                .and_then(|r| r.area(n))
                .map_or_else(|| format!("Område {n}"), |a| a.name.clone()),
            points: e.area(n).map(|a| a.points),
            reference: reference.and_then(|r| r.areas[usize::from(n.get()) - 1]),
        })
        .collect()
}

fn area_chart(
    m: &Municipality,
    year: i32,
    criteria: &str,
    rows: &[AreaRow],
    reference: Option<&ReferenceView>,
) -> AreaChart {
    let reference_label = reference.filter(|r| r.has_areas()).map(|r| r.label.clone());
    AreaChart {
        id: "diagram-omraden".into(),
        title: format!("{} {year}: poäng per område", m.name),
        desc: format!(
            "Liggande staplar med {}s poäng på de åtta områdena i utvärderingen {year}, enligt kriterierna från {criteria} (0–100 poäng per område){}. Siffrorna finns i tabellen bredvid diagrammet.",
            m.name,
            reference_label
                .as_ref()
                .map_or(String::new(), |l| format!(", jämfört med {l} (triangel)")),
        ),
        main_label: format!("{} {year}", m.name),
        average_label: None,
        benchmark_label: reference_label,
        rows: rows
            .iter()
            .map(|r| AreaBar {
                label: format!("{} {}", r.number, r.name),
                value: r.points.map(|p| p.as_f64()),
                average: None,
                benchmark: r.reference.map(|b| b.as_f64()),
            })
            .collect(),
    }
}

fn subareas(data: &Dataset, s: &StoredEvaluation) -> Vec<SubareaGroup> {
    let e = &s.evaluation;
    let revision = data.catalogue.revision(e.revision);
    let mut groups: Vec<SubareaGroup> = Vec::new();
    for n in AreaNumber::ALL {
        let rows: Vec<SubareaRow> = e
            .subareas
            .iter()
            .filter(|sa| sa.code.area == n)
            .map(|sa| SubareaRow {
                code: sa.code.to_string(),
                name: sa
                    .name
                    .clone()
                    .or_else(|| {
                        revision
                            .and_then(|r| r.subarea(sa.code))
                            .map(|d| d.name.clone())
                    })
                    .unwrap_or_default(),
                points: sa.points,
                max: sa.max,
                percent: sa.percent,
                share: sa
                    .percent
                    .map_or_else(|| percent_of(sa.points, sa.max), |p| p.as_f64()),
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let name = revision
            .and_then(|r| r.area(n))
            .map_or_else(String::new, |a| a.name.clone());
        groups.push(SubareaGroup {
            title: format!("{n} {name}"),
            total: e.area(n).map(|a| a.points),
            rows,
        });
    }
    groups
}

pub(crate) fn area_table(name: &str, s: &Shown) -> Markup {
    // A reference without area figures is said once, in the key figures.
    let reference = s.areas_reference.as_ref().filter(|r| r.has_areas());
    let year = s.areas_year();
    // The areas' own evaluation's total (Örebro's 2012 areas with 2012's 615).
    let total = if s.areas_from.is_some() {
        s.areas_total.map(Some)
    } else {
        Some(s.total)
    };
    html! {
        table #tabell-omraden .cards {
            caption { (name) " " (year) ": poäng per område (0–100)" }
            thead {
                tr {
                    th scope="col" { "Område" }
                    th.num scope="col" { (name) " " (year) }
                    @if let Some(r) = reference { th.num scope="col" { (r.label) } }
                }
            }
            tbody {
                @for r in s.rows.iter().filter(|r| r.points.is_some()) {
                    tr {
                        th scope="row" { (r.number) " " (r.name) }
                        td.num data-label=(format!("{name} {year}")) { (figure(r.points)) }
                        @if let Some(rf) = reference { td.num data-label=(rf.label) { (reference_cell(r.reference)) } }
                    }
                }
                @if let Some(total) = total {
                    tr.total-row {
                        th scope="row" { "Totalt (av 800)" }
                        td.num data-label=(format!("{name} {year}")) { (figure(total)) }
                        @if let Some(rf) = reference { td.num data-label=(rf.label) { (reference_cell(rf.total)) } }
                    }
                }
            }
        }
    }
}

fn reference_cell(v: Option<Score>) -> Markup {
    match v {
        Some(v) => html! { (v.to_swedish()) },
        None => html! { span.missing { "–" span.visually-hidden { " inget jämförelsevärde" } } },
    }
}

pub(crate) fn key_figures(s: &Shown, change: Option<&ChangeCard>) -> Markup {
    html! {
        ul.key-figures {
            li {
                span.label { "Totalpoäng " (s.evaluation.year) }
                @if let Some(t) = s.total {
                    span.big { (t.to_swedish()) }
                    span.label { "av 800 möjliga" }
                } @else {
                    span.big { span.missing { (MISSING) } }
                    span.label { "totalen trycktes inte i källan" }
                }
            }
            @if let Some(c) = change { (headline::render(c)) }
            @if let Some(r) = s.reference.as_ref().filter(|r| r.total.is_some()) {
                li {
                    span.label { (r.label) }
                    span.big { (figure(r.total)) }
                    span.label { "jämförelsevärde, se nedan" }
                }
            }
            @if let Some(g) = &s.group_mean {
                li {
                    span.label { (g.label) }
                    span.big { (g.total.to_swedish()) }
                    span.label { "medel av " (g.about) }
                }
            }
            @if let Some(r) = &s.rank {
                li {
                    span.label { "Plats i kompass" }
                    span.big { (r.rank) " av " (r.of) " i kompass" }
                    span.label.criteria { "enligt " (r.criteria_of) }
                    span.label {
                        "bland " (r.of) " kommuner i kompass utvärderade enligt " (r.criteria) " (" (r.years) "), inte bland alla Sveriges kommuner. "
                        a href=(r.href) { "Se rankningen" }
                    }
                }
            }
        }
    }
}

pub fn render(name: &str, code: &str, section: &LatestSection) -> Markup {
    let Some(s) = &section.shown else {
        return html! {
            p.lead {
                (name) " utvärderades senast " (section.latest.when) " enligt kriterierna från " (section.latest.criteria) ". "
                "Poängen har inte publicerats i de källor kompass har hittat; utvärderingen visas därför utan siffror, inte som noll."
            }
            p {
                "Har du rapporten eller en sida med poängen: "
                a href=(format::bidra_href(code, Some(section.latest.year))) { "bidra med siffrorna från " (section.latest.when) } ". "
                a href="/saknas" { "Alla utvärderingar som kompass saknar siffror för" } "."
            }
        };
    };
    html! {
        @if s.evaluation.id != section.latest.id {
            (crate::views::partials::note("", "Nyare utvärdering utan publicerade poäng", html! {
                p {
                    (name) " utvärderades igen " (section.latest.when) " (kriterierna från " (section.latest.criteria) "), men poängen från den utvärderingen har inte publicerats. Nedan visas de senaste publicerade poängen, från " (s.evaluation.when) ". "
                    "Har du poängen: " a href=(format::bidra_href(code, Some(section.latest.year))) { "bidra med dem" } "."
                }
            }))
        }
        p.lead {
            "Utvärderingen " (s.evaluation.when) " gjordes enligt kriterierna från " (s.evaluation.criteria) "."
        }
        (key_figures(s, section.change.as_ref()))
        @if let Some(r) = &s.reference {
            p.small.reference-about {
                (r.about) " "
                @if let Some(url) = &r.source_url { a href=(url) { "Källa" } "." }
            }
        }
        @if s.rows.is_empty() {
            p { "Poäng per område har inte publicerats för någon av " (name) "s utvärderingar; bara totalpoängen är känd." }
        } @else {
            @if let Some(from) = &s.areas_from {
                p { "Områdespoängen från " (s.evaluation.year) " har inte publicerats. Här visas de senast publicerade, från " (from.when) " (kriterierna från " (from.criteria) ")." }
            }
            (area_section(name, code, s))
        }
    }
}

/// The areas: the chart beside the table, or a sentence where only some
/// were published.
fn area_section(name: &str, code: &str, s: &Shown) -> Markup {
    let published: Vec<&AreaRow> = s.rows.iter().filter(|r| r.points.is_some()).collect();
    let missing: Vec<String> = s
        .rows
        .iter()
        .filter(|r| r.points.is_none())
        .map(|r| r.number.to_string())
        .collect();
    html! {
        div.chart-and-table {
            @if let Some(chart) = s.chart.as_ref().filter(|_| published.len() > 1) {
                (chart_figure(areas::render(chart), &format!("/kommun/{code}/diagram/omraden.svg")))
            }
            div {
                (table_wrap("Poäng per område", area_table(name, s)))
                @if !missing.is_empty() {
                    p.small {
                        @if missing.len() == 1 { "Område " } @else { "Områdena " }
                        (format::and_list(&missing)) " har inte publicerats i källan och visas därför inte (de är inte noll)."
                    }
                }
                @if let Some(r) = s.areas_reference.as_ref().filter(|r| s.areas_from.is_some() && Some(&r.label) != s.reference.as_ref().map(|t| &t.label)) {
                    p.small { (r.about) }
                }
            }
        }
    }
}

pub fn render_subareas(name: &str, s: &Shown) -> Markup {
    html! {
        p { "Varje område består av delområden med olika maxpoäng. Procenten räknas på de oavrundade poängen, därför kan procent och poäng skilja sig något." }
        (table_wrap("Delområden", html! {
            table #tabell-delomraden .cards {
                caption { (name) " " (s.areas_year()) ": poäng per delområde" }
                thead {
                    tr {
                        th scope="col" { "Delområde" }
                        th.num scope="col" { "Poäng" }
                        th.num scope="col" { "Max" }
                        th.num scope="col" { "Procent" }
                        th.col-bar scope="col" { span.visually-hidden { "Andel av max som stapel" } }
                    }
                }
                @for g in &s.subareas {
                    tbody {
                        tr.group-row {
                            th scope="rowgroup" colspan="5" {
                                (g.title)
                                @if let Some(t) = g.total { " – " (t.to_swedish()) " poäng" }
                            }
                        }
                        @for r in &g.rows {
                            tr {
                                th scope="row" { (r.code) " " (r.name) }
                                td.num data-label="Poäng" { (r.points.to_swedish()) }
                                td.num data-label="Max" { (r.max.to_swedish()) }
                                td.num data-label="Procent" { @if let Some(p) = r.percent { (p.to_swedish()) " %" } @else { span.missing { "–" } } }
                                td.col-bar { (cell_bar(r.share)) }
                            }
                        }
                    }
                }
            }
        }))
    }
}
