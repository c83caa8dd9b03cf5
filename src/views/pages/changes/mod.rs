//! `/forandring`: who changed most. Each municipality's change between two
//! of its evaluations (by default its latest two with the figure under the
//! same criteria), largest increase first, filterable like the ranking;
//! changes across criteria versions as a choice, each marked; what sources
//! state about a change listed in a section of its own. The chart, the
//! files, the card and the embed take their parts from this page's model.

use maud::{Markup, html};

use crate::domain::analysis::Metric;
use crate::domain::answer::change_ranking::{ChangeRanking, ChangeRequest, Span, Versions};
use crate::domain::snapshot::Snapshot;
use crate::domain::{Change, Score};
use crate::views::chart::dumbbell;
use crate::views::downloads::{self, TableFiles};
use crate::views::format::{self, and_list, count, municipality_href};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::pages::filters::{PlaceFilters, group_note};
use crate::views::partials::{EmbedCode, chart_figure, embed_offer, note, table_wrap};

pub mod chart;
mod table;

/// The page's address.
pub const PATH: &str = "/forandring";
/// `versioner=alla`: also changes across criteria versions.
pub const ACROSS_VERSIONS: &str = "alla";
/// `fran=forsta`: from each municipality's first evaluation with the figure.
pub const FIRST_TO_LATEST: &str = "forsta";

#[derive(Debug, Clone, PartialEq)]
pub struct ChangesPage {
    pub heading: String,
    /// "Totalpoäng" or the theme's name.
    pub metric_name: String,
    /// 800 or 100.
    pub max: u32,
    pub request: ChangeRequest,
    pub theme_slug: Option<String>,
    /// What a row is: "mellan de två senaste utvärderingarna ...".
    pub between: String,
    pub rows: Vec<ChangeRow>,
    pub stated: Vec<StatedRow>,
    pub county_name: Option<String>,
    pub revision_label: Option<String>,
    pub revision_options: Vec<(String, String)>,
    /// The county and kommungrupp filters' options.
    pub place_filters: PlaceFilters,
    /// (slug, name) of each theme.
    pub theme_options: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub rank: usize,
    pub name: String,
    pub href: String,
    pub county: String,
    pub from_year: i32,
    pub to_year: i32,
    pub from_when: String,
    pub to_when: String,
    pub before: Score,
    pub after: Score,
    pub change: Change,
    /// "2010", or "2010 → 2016" across versions.
    pub criteria: String,
    pub crosses: bool,
    /// How comparable the two figures are, across versions or for a theme.
    pub comparability: Option<String>,
    /// The later source states the same change: (its name, its address).
    pub confirmed: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatedRow {
    pub name: String,
    pub href: String,
    pub county: String,
    pub to_year: i32,
    pub to_when: String,
    pub since: i32,
    pub change: Change,
    pub source_name: String,
    pub source_url: String,
    /// None when the earlier evaluation is not in kompass.
    pub crosses: Option<bool>,
    /// "2016 → 2019/2020", when the earlier evaluation is in kompass.
    pub criteria: Option<String>,
}

fn rows(data: &Snapshot, r: &ChangeRanking<'_>) -> Vec<ChangeRow> {
    let short = |rev| format::revision_short(&data.catalogue, rev);
    r.places
        .iter()
        .map(|p| {
            let (from, to) = (&p.step.previous.evaluation, &p.step.latest.evaluation);
            let crosses = p.crosses_revision();
            let confidence = if r.request.metric == Metric::Total {
                p.step.total.confidence
            } else {
                p.step
                    .themes
                    .iter()
                    .find(|t| t.theme == r.request.metric.theme())
                    .and_then(|t| t.confidence)
            };
            ChangeRow {
                rank: p.rank,
                name: p.municipality.name.clone(),
                href: municipality_href(p.municipality),
                county: p.municipality.county.clone(),
                from_year: from.year,
                to_year: to.year,
                from_when: format::when(from.year, from.month),
                to_when: format::when(to.year, to.month),
                before: p.before.points,
                after: p.after.points,
                change: p.change,
                criteria: if crosses {
                    format!("{} → {}", short(from.revision), short(to.revision))
                } else {
                    short(to.revision)
                },
                crosses,
                comparability: confidence
                    .filter(|_| crosses)
                    .map(|c| c.label_sv().to_string()),
                confirmed: p.confirmed.map(|s| (s.source_name(), s.source.clone())),
            }
        })
        .collect()
}

fn stated_rows(data: &Snapshot, r: &ChangeRanking<'_>) -> Vec<StatedRow> {
    let short = |rev| format::revision_short(&data.catalogue, rev);
    r.stated
        .iter()
        .map(|s| {
            let to = &s.latest.evaluation;
            StatedRow {
                name: s.municipality.name.clone(),
                href: municipality_href(s.municipality),
                county: s.municipality.county.clone(),
                to_year: to.year,
                to_when: format::when(to.year, to.month),
                since: s.stated.since,
                change: s.stated.change,
                source_name: s.stated.source_name(),
                source_url: s.stated.source.clone(),
                crosses: s.crosses_revision(),
                criteria: s.earlier.map(|e| {
                    let (a, b) = (e.evaluation.revision, to.revision);
                    if a == b {
                        short(b)
                    } else {
                        format!("{} → {}", short(a), short(b))
                    }
                }),
            }
        })
        .collect()
}

/// What a row's two evaluations are, in words.
fn between(request: &ChangeRequest, metric_name: &str) -> String {
    let what = metric_name.to_lowercase();
    let pair = match request.span {
        Span::Latest => "de två senaste utvärderingarna",
        Span::FirstToLatest => "den första och den senaste utvärderingen",
    };
    let criteria = match request.versions {
        Versions::Same => "enligt samma version av kriterierna",
        Versions::Across => "även om kriterierna bytts emellan",
    };
    format!("{what} mellan {pair} med publicerad {what}, {criteria}")
}

pub fn model(data: &Snapshot, ranking: &ChangeRanking<'_>) -> ChangesPage {
    let request = &ranking.request;
    let theme = request.metric.theme().and_then(|n| data.catalogue.theme(n));
    let metric_name = theme.map_or_else(|| "Totalpoäng".to_string(), |t| t.name.clone());
    ChangesPage {
        heading: match theme {
            Some(t) => format!("Förändring: {}", t.name),
            None => "Förändring av totalpoängen".to_string(),
        },
        between: between(request, &metric_name),
        max: if theme.is_some() { 100 } else { 800 },
        metric_name,
        theme_slug: theme.map(|t| t.slug.clone()),
        request: request.clone(),
        rows: rows(data, ranking),
        stated: stated_rows(data, ranking),
        county_name: request
            .filter
            .county
            .and_then(|c| data.derived().county(c))
            .map(|c| c.name.clone()),
        revision_label: request
            .filter
            .revision
            .map(|r| format::revision_short(&data.catalogue, r)),
        revision_options: data
            .catalogue
            .revisions
            .iter()
            .map(|r| {
                let label = format::revision_short(&data.catalogue, r.id);
                (r.id.to_string(), format!("Kriterierna från {label}"))
            })
            .collect(),
        place_filters: PlaceFilters::of(data),
        theme_options: data
            .catalogue
            .themes
            .iter()
            .map(|t| (t.slug.clone(), t.name.clone()))
            .collect(),
    }
}

impl ChangesPage {
    /// The page's parameters, without defaults: "versioner=alla&lan=18".
    pub fn query(&self) -> String {
        let mut params: Vec<String> = Vec::new();
        if let Some(slug) = &self.theme_slug {
            params.push(format!("tema={slug}"));
        }
        if self.request.span == Span::FirstToLatest {
            params.push(format!("fran={FIRST_TO_LATEST}"));
        }
        if self.request.versions == Versions::Across {
            params.push(format!("versioner={ACROSS_VERSIONS}"));
        }
        if let Some(r) = self.request.filter.revision {
            params.push(format!("revision={r}"));
        }
        if let Some(c) = &self.request.filter.county {
            params.push(format!("lan={c}"));
        }
        if let Some(g) = &self.request.filter.group {
            params.push(format!("kommungrupp={g}"));
        }
        params.join("&")
    }

    /// An address under the page's (`""`, `/diagram.svg`, `/inbadda`), with
    /// the page's parameters.
    pub fn href(&self, tail: &str) -> String {
        let query = self.query();
        if query.is_empty() {
            format!("{PATH}{tail}")
        } else {
            format!("{PATH}{tail}?{query}")
        }
    }

    /// The social card relative to the page's own address.
    pub fn card_href(&self) -> String {
        self.href("/bild.png").trim_start_matches('/').to_string()
    }

    pub fn files(&self) -> TableFiles {
        TableFiles::new(PATH, &self.query())
    }

    /// The same list from the API.
    pub fn api_href(&self) -> String {
        let mut params: Vec<String> = Vec::new();
        if let Some(slug) = &self.theme_slug {
            params.push(format!("metric={slug}"));
        }
        if self.request.span == Span::FirstToLatest {
            params.push("from=first".to_string());
        }
        if self.request.versions == Versions::Across {
            params.push("criteria=any".to_string());
        }
        if let Some(r) = self.request.filter.revision {
            params.push(format!("revision={r}"));
        }
        if let Some(c) = &self.request.filter.county {
            params.push(format!("county={c}"));
        }
        if params.is_empty() {
            "/api/v1/changes".to_string()
        } else {
            format!("/api/v1/changes?{}", params.join("&"))
        }
    }

    /// The filters chosen, as words.
    pub fn filters(&self) -> Vec<String> {
        [
            self.revision_label
                .as_ref()
                .map(|r| format!("kriterierna från {r}")),
            self.county_name.clone(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Whether any row crosses criteria versions.
    pub fn crosses(&self) -> bool {
        self.rows.iter().any(|r| r.crosses)
    }

    /// Among whom: "bland 8 kommuner i kompass" (in a county, under a version).
    pub fn scope(&self) -> String {
        let mut out = format!(
            "bland {} i kompass",
            count(self.rows.len(), "kommun", "kommuner")
        );
        let filters = self.filters();
        if !filters.is_empty() {
            out.push_str(&format!(" ({})", and_list(&filters)));
        }
        out
    }
}

fn form(page: &ChangesPage) -> Markup {
    let r = &page.request;
    html! {
        form.panel action=(PATH) method="get" {
            div.form-row {
                div.field {
                    label for="filter-tema" { "Poäng" }
                    select #filter-tema name="tema" {
                        option value="" selected[page.theme_slug.is_none()] { "Totalpoäng" }
                        @for (slug, name) in &page.theme_options {
                            option value=(slug) selected[page.theme_slug.as_deref() == Some(slug.as_str())] { (name) }
                        }
                    }
                }
                div.field {
                    label for="filter-fran" { "Mellan" }
                    select #filter-fran name="fran" {
                        option value="" selected[r.span == Span::Latest] { "Två senaste" }
                        option value=(FIRST_TO_LATEST) selected[r.span == Span::FirstToLatest] { "Första → senaste" }
                    }
                }
                div.field {
                    label for="filter-versioner" { "Kriterier" }
                    select #filter-versioner name="versioner" {
                        option value="" selected[r.versions == Versions::Same] { "Samma version" }
                        option value=(ACROSS_VERSIONS) selected[r.versions == Versions::Across] { "Även över versioner (jämför med försiktighet)" }
                    }
                }
                div.field {
                    label for="filter-version" { "Version av kriterierna" }
                    select #filter-version name="revision" {
                        option value="" selected[r.filter.revision.is_none()] { "Alla versioner" }
                        @for (value, label) in page.revision_options.iter().rev() {
                            option value=(value) selected[r.filter.revision.is_some_and(|x| x.to_string() == *value)] { (label) }
                        }
                    }
                }
                (page.place_filters.fields(&r.filter))
                button type="submit" { "Visa" }
            }
            (group_note())
        }
    }
}

fn caveat(page: &ChangesPage) -> Markup {
    html! {
        @if page.crosses() {
            (note("warning", "Över versioner: jämför med försiktighet", html! {
                p {
                    "Förändringar markerade ”över versioner” är mellan utvärderingar enligt olika versioner av kriterierna. "
                    "Frågorna ändrades och kraven skärptes, så poängen är inte direkt jämförbara: en del av förändringen kan bero på att måttstocken bytts. "
                    a href="/om#versioner" { "Om versionerna" } "."
                }
            }))
        } @else if page.request.versions == Versions::Same {
            p.small {
                "Båda utvärderingarna i varje rad gjordes enligt samma version av kriterierna, så förändringen är jämförbar. "
                a href=(format!("{PATH}?versioner={ACROSS_VERSIONS}")) { "Visa även förändringar över versioner" } "."
            }
        }
    }
}

fn chart_block(page: &ChangesPage) -> Markup {
    html! {
        @if let Some(c) = chart::chart(page, None) {
            (chart_figure(dumbbell::render(&c), &page.href("/diagram.svg")))
        }
    }
}

// A page template: long because it is the whole page's markup.
pub fn render(page: &ChangesPage, url: Option<String>) -> Markup {
    let description = format!(
        "Vilka kommuner har förbättrat sig mest i Kommunkompassen? Varje kommuns förändring av {}, störst ökning först.",
        page.between
    );
    let meta = PageMeta::new(page.heading.clone(), description)
        .at(url.clone())
        .image(
            page.card_href(),
            format!("{}: störst ökning först", page.heading),
        )
        .nav(Nav::Rankings);
    layout(
        &meta,
        html! {
            h1 { (page.heading) }
            p.lead { "Vem har förbättrat sig mest? Varje kommuns förändring av " (page.between) ", störst ökning först." }
            (form(page))
            (caveat(page))
            @if page.rows.is_empty() {
                p.lead { "Ingen kommun har två utvärderingar att jämföra med de valda inställningarna." }
            } @else {
                p { "Placeringen gäller " (page.scope()) " med två utvärderingar att jämföra, inte alla Sveriges kommuner." }
                (table_wrap(&page.heading, table::table(page)))
                (chart_block(page))
            }
            (table::stated_section(page))
            p.small {
                "Ladda ner listan: " (downloads::links(&page.files()))
                " · "
                a href=(page.api_href()) { "JSON" }
            }
            @if !page.rows.is_empty() {
                (embed_offer(&EmbedCode {
                    title: &format!("{} i Kommunkompassen", page.heading),
                    src: &page.href("/inbadda"),
                    page_path: PATH,
                    page_url: url.as_deref(),
                    height: chart::embed_height(page),
                }))
            }
            p { a href="/rankning" { "Rankning på totalpoäng" } " · " a href="/jamfor" { "Jämför kommuner" } }
        },
    )
}

#[cfg(test)]
mod tests;
