//! The municipality page's "latest evaluation" section: the eight areas
//! against the average of the same revision and a published benchmark, the
//! total with its rank, and the evaluation's sub-areas and report texts.

use maud::{Markup, html};

use crate::domain::analysis::Average;
use crate::domain::answer::profile::{self, MIN_AVERAGE_BASE, MunicipalityProfile};
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::{AreaNumber, Municipality, Revision, Score, TextKind};
use crate::views::chart::areas::{self, AreaBar, AreaChart};
use crate::views::format::{self, MISSING, count, figure, percent_of, year_range};
use crate::views::partials::{cell_bar, chart_figure, note, table_wrap};

#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationRef {
    pub id: String,
    pub year: i32,
    pub when: String,
    /// "2019/2020".
    pub criteria: String,
    pub has_scores: bool,
}

impl EvaluationRef {
    pub fn new(s: &StoredEvaluation, data: &Dataset) -> Self {
        Self {
            id: s.id.to_string(),
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub evaluation: EvaluationRef,
    pub revision: Revision,
    pub total: Option<Score>,
    pub total_average: Option<Average>,
    /// The years of the evaluations the averages cover.
    pub average_years: Option<String>,
    pub benchmark: Option<BenchmarkRef>,
    pub rank: Option<RankRef>,
    pub rows: Vec<AreaRow>,
    pub chart: Option<AreaChart>,
    pub subareas: Vec<SubareaGroup>,
    pub texts: Vec<TextArea>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarkRef {
    pub label: String,
    pub year: i32,
    pub total: Option<Score>,
    pub source_url: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankRef {
    pub rank: usize,
    pub of: usize,
    pub years: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    pub number: u8,
    pub name: String,
    pub points: Option<Score>,
    pub average: Option<Average>,
    pub benchmark: Option<Score>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct TextArea {
    pub title: String,
    pub blocks: Vec<(String, String)>,
}

pub fn model(data: &Dataset, p: &MunicipalityProfile<'_>) -> Option<LatestSection> {
    let latest = p.latest()?;
    Some(LatestSection {
        latest: EvaluationRef::new(latest, data),
        shown: p.shown.as_ref().map(|s| shown(data, p.municipality, s)),
    })
}

fn shown(data: &Dataset, m: &Municipality, shown: &profile::Shown<'_>) -> Shown {
    let s = shown.evaluation;
    let e = &s.evaluation;
    let reference = &shown.reference;
    let revision = data.catalogue.revision(e.revision);
    let benchmark = reference.benchmark;
    let rows: Vec<AreaRow> = AreaNumber::ALL
        .into_iter()
        .map(|n| AreaRow {
            number: n.get(),
            name: revision
                .and_then(|r| r.area(n))
                .map_or_else(|| format!("Område {n}"), |a| a.name.clone()),
            points: e.area(n).map(|a| a.points),
            average: reference.area_average(n),
            benchmark: benchmark.and_then(|b| b.area(n)),
        })
        .collect();
    let criteria = format::revision_short(&data.catalogue, e.revision);
    let average_label = rows
        .iter()
        .any(|r| r.average.is_some())
        .then(|| format!("Snitt, kriterierna från {criteria}"));
    let benchmark_label = benchmark
        .filter(|_| rows.iter().any(|r| r.benchmark.is_some()))
        .map(|b| format!("{} {}", b.label, b.year));
    let chart = (!e.areas.is_empty())
        .then(|| area_chart(m, e.year, &criteria, &rows, average_label, benchmark_label));
    let rank = shown.rank.map(|r| RankRef {
        rank: r.rank,
        of: r.of,
        years: year_range(r.years),
        href: format!("/rankning?revision={}", e.revision),
    });
    Shown {
        evaluation: EvaluationRef::new(s, data),
        revision: e.revision,
        total: e.total,
        total_average: reference.total_average(),
        average_years: reference.average_years().map(year_range),
        benchmark: benchmark.map(|b| BenchmarkRef {
            label: b.label.clone(),
            year: b.year,
            total: b.total,
            source_url: b.source_url.clone(),
        }),
        rank,
        rows,
        chart,
        subareas: subareas(data, s),
        texts: texts(data, s),
    }
}

fn area_chart(
    m: &Municipality,
    year: i32,
    criteria: &str,
    rows: &[AreaRow],
    average_label: Option<String>,
    benchmark_label: Option<String>,
) -> AreaChart {
    AreaChart {
        id: "diagram-omraden".into(),
        title: format!("{} {year}: poäng per område", m.name),
        desc: format!(
            "Liggande staplar med {}s poäng på de åtta områdena i utvärderingen {year} (0–100 poäng per område){}{}. Siffrorna finns i tabellen bredvid diagrammet.",
            m.name,
            average_label.as_ref().map_or(String::new(), |_| format!(
                ", jämfört med snittet för kommuner utvärderade enligt kriterierna från {criteria} (romb)"
            )),
            benchmark_label.as_ref().map_or(String::new(), |l| format!(" och {l} (triangel)")),
        ),
        main_label: format!("{} {year}", m.name),
        average_label,
        benchmark_label,
        rows: rows
            .iter()
            .map(|r| AreaBar {
                label: format!("{} {}", r.number, r.name),
                value: r.points.map(|p| p.as_f64()),
                average: r.average.map(|a| a.value.as_f64()),
                benchmark: r.benchmark.map(|b| b.as_f64()),
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

fn kind_label(kind: TextKind) -> &'static str {
    match kind {
        TextKind::Strengths => "Styrkor",
        TextKind::Improvements => "Förbättringsmöjligheter",
        TextKind::StrengthsAndImprovements => {
            "Styrkor och förbättringsmöjligheter (som i rapporten)"
        }
        TextKind::Summary => "Sammanfattning",
    }
}

fn texts(data: &Dataset, s: &StoredEvaluation) -> Vec<TextArea> {
    let e = &s.evaluation;
    let revision = data.catalogue.revision(e.revision);
    AreaNumber::ALL
        .into_iter()
        .filter_map(|n| {
            let mut blocks: Vec<&crate::domain::AreaText> =
                e.texts.iter().filter(|t| t.area == n).collect();
            if blocks.is_empty() {
                return None;
            }
            blocks.sort_by_key(|t| t.kind);
            let name = revision
                .and_then(|r| r.area(n))
                .map_or_else(String::new, |a| a.name.clone());
            Some(TextArea {
                title: format!("{n} {name}"),
                blocks: blocks
                    .into_iter()
                    .map(|t| (kind_label(t.kind).to_string(), t.text.trim().to_string()))
                    .collect(),
            })
        })
        .collect()
}

fn average_cell(a: Option<Average>) -> Markup {
    match a {
        Some(a) => {
            html! { (format::number(a.value.as_f64())) " " span.count { "(" (a.count) ")" } }
        }
        None => html! { span.missing { "–" } },
    }
}

fn area_table(name: &str, s: &Shown) -> Markup {
    let has_benchmark = s.rows.iter().any(|r| r.benchmark.is_some());
    html! {
        table #tabell-omraden {
            caption { (name) " " (s.evaluation.year) ": poäng per område (0–100)" }
            thead {
                tr {
                    th scope="col" { "Område" }
                    th.num scope="col" { (name) }
                    th.num scope="col" { "Snitt" }
                    @if has_benchmark {
                        th.num scope="col" {
                            "Jämförelse\u{ad}värde"
                            span.sub { (s.benchmark.as_ref().map_or(String::new(), |b| format!("({} {})", b.label, b.year))) }
                        }
                    }
                }
            }
            tbody {
                @for r in &s.rows {
                    tr {
                        th scope="row" { (r.number) " " (r.name) }
                        td.num { (figure(r.points)) }
                        td.num { (average_cell(r.average)) }
                        @if has_benchmark { td.num { (figure(r.benchmark)) } }
                    }
                }
                tr.total-row {
                    th scope="row" { "Totalt (av 800)" }
                    td.num { (figure(s.total)) }
                    td.num { (average_cell(s.total_average)) }
                    @if has_benchmark { td.num { (figure(s.benchmark.as_ref().and_then(|b| b.total))) } }
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
        };
    };
    html! {
            @if s.evaluation.id != section.latest.id {
                (note("", "Nyare utvärdering utan publicerade poäng", html! {
                    p { (name) " utvärderades igen " (section.latest.when) " (kriterierna från " (section.latest.criteria) "), men poängen från den utvärderingen har inte publicerats. Nedan visas de senaste publicerade poängen, från " (s.evaluation.when) "." }
                }))
            }
            p.lead {
                "Utvärderingen " (s.evaluation.when) " gjordes enligt kriterierna från " (s.evaluation.criteria) "."
            }
            ul.key-figures {
                li {
                    span.label { "Totalpoäng" }
                    @if let Some(t) = s.total {
                        span.big { (t.to_swedish()) }
                        span.label { "av 800 möjliga" }
                    } @else {
                        span.big { span.missing { (MISSING) } }
                        span.label { "totalen trycktes inte i källan" }
                    }
                }
                @if let Some(r) = &s.rank {
                    li {
                        span.label { "Placering" }
                        span.big { (r.rank) " av " (r.of) }
                        span.label { "bland kommuner utvärderade enligt samma kriterier (" (r.years) "). " a href=(r.href) { "Se rankningen" } }
                    }
                }
                @if let Some(a) = s.total_average {
                    li {
                        span.label { "Snitt, samma kriterier" }
                        span.big { (format::number(a.value.as_f64())) }
                        span.label { (count(a.count, "kommun", "kommuner")) @if let Some(y) = &s.average_years { ", " (y) } }
                    }
                }
                @if let Some(b) = s.benchmark.as_ref().filter(|b| b.total.is_some()) {
                    li {
                        span.label { (b.label) " " (b.year) }
                        span.big { (figure(b.total)) }
                        span.label { "publicerat jämförelsevärde" }
                    }
                }
            }
            div.chart-and-table {
                @if let Some(chart) = &s.chart {
    (chart_figure(areas::render(chart), &format!("/kommun/{code}/diagram/omraden.svg")))
                } @else {
                    p { "Områdespoängen från " (s.evaluation.year) " har inte publicerats; bara totalpoängen är känd." }
                }
                div {
                    (table_wrap("Poäng per område", area_table(name, s)))
                    p.small {
                        "Snittet är medelvärdet av den senaste utvärderingen enligt samma kriterier i varje kommun där poängen publicerats"
                        @if let Some(y) = &s.average_years { " (" (y) ")" }
                        "; inom parentes hur många kommuner det bygger på. Snitt som bygger på färre än " (MIN_AVERAGE_BASE) " kommuner visas inte."
                        @if let Some(b) = &s.benchmark {
                            " " (b.label) " " (b.year) " är ett jämförelsevärde som publicerats tillsammans med en kommuns resultat ("
                            a href=(b.source_url) { "källa" } ")."
                        }
                    }
                }
            }
        }
}

pub fn render_subareas(name: &str, s: &Shown) -> Markup {
    html! {
        p { "Varje område består av delområden med olika maxpoäng. Procenten räknas på de oavrundade poängen, därför kan procent och poäng skilja sig något." }
        (table_wrap("Delområden", html! {
            table #tabell-delomraden {
                caption { (name) " " (s.evaluation.year) ": poäng per delområde" }
                thead {
                    tr {
                        th scope="col" { "Delområde" }
                        th.num scope="col" { "Poäng" }
                        th.num scope="col" { "Max" }
                        th.num scope="col" { "Procent" }
                        th scope="col" { span.visually-hidden { "Andel av max som stapel" } }
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
                                td.num { (r.points.to_swedish()) }
                                td.num { (r.max.to_swedish()) }
                                td.num { @if let Some(p) = r.percent { (p.to_swedish()) " %" } @else { span.missing { "–" } } }
                                td { (cell_bar(r.share)) }
                            }
                        }
                    }
                }
            }
        }))
    }
}

pub fn render_texts(s: &Shown) -> Markup {
    html! {
        p { "Utdrag ur utvärderingsrapporten " (s.evaluation.year) ", område för område." }
        div.texts {
            @for area in &s.texts {
                h3 { (area.title) }
                @for (label, text) in &area.blocks {
                    h4 { (label) }
                    blockquote { (text) }
                }
            }
        }
    }
}
