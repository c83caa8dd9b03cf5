//! `/rankning` (the total) and `/omrade/{theme}` (one theme): every evaluated
//! municipality's latest published figure, filterable by criteria version,
//! county and kommungrupp (`kommungrupp=B3`, SKR's grouping of 2023), sortable by links in the column headers, with the caveat
//! about comparing across versions stated where it applies.

use maud::{Markup, html};

use crate::domain::analysis::Metric;
use crate::domain::answer::ranking::{Order, Ranking, RankingRequest, default_revision};
use crate::domain::snapshot::Snapshot;
use crate::domain::{Confidence, Revision, Score, Theme};
use crate::views::downloads::{self, TableFiles};
use crate::views::format::{self, count, municipality_href};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::pages::filters::{PlaceFilters, group_note};
use crate::views::partials::{EmbedCode, embed_offer, note, table_wrap};
use crate::views::reference::{ReferenceView, why_none};

pub mod chart;
mod table;

/// Each order and its word in the page's address (`sortera=namn`); the
/// rank is the address without one. `web::params` reads them from here.
pub const ORDERS: [(Order, &str); 4] = [
    (Order::Rank, "plats"),
    (Order::Name, "namn"),
    (Order::County, "lan"),
    (Order::Year, "ar"),
];

/// `revision` on the ranking pages and their files: this word ranks every
/// revision (without `revision`, the latest is ranked).
pub const ALL_REVISIONS: &str = "alla";

fn order_word(order: Order) -> &'static str {
    ORDERS
        .iter()
        .find(|(o, _)| *o == order)
        .map_or("plats", |(_, word)| word)
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankingPage {
    pub heading: String,
    pub metric_name: String,
    pub theme: Option<Theme>,
    pub max: u32,
    pub base_path: String,
    pub request: RankingRequest,
    pub revision_label: Option<String>,
    pub county_name: Option<String>,
    /// "B3 Större stad", when the list is of one kommungrupp.
    pub group_name: Option<String>,
    pub revision_options: Vec<(String, String)>,
    /// The revision ranked when the address names none (the latest).
    pub default_revision: Option<Revision>,
    /// Among whom a place is: "bland 12 kommuner i kompass utvärderade
    /// enligt kriterierna från 2019/2020".
    pub scope: String,
    /// The one reference figure, when one revision is ranked.
    pub reference: Option<ShownReference>,
    /// Why there is none, when there is none.
    pub no_reference: Option<String>,
    /// The county and kommungrupp filters' options.
    pub place_filters: PlaceFilters,
    pub rows: Vec<RankRow>,
    /// The criteria versions among the rows.
    pub versions_shown: Vec<String>,
    pub themes: Vec<(String, String)>,
    /// The total's ranking on the map (none for a theme).
    pub map: Option<crate::views::pages::map::MapBlock>,
}

/// The reference figure beside the places.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownReference {
    pub view: ReferenceView,
    /// Its figure for the metric.
    pub points: Score,
    /// Its row's place in the table: before this row (the number of rows
    /// when after the last); none when the table is not in rank order.
    pub at: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankRow {
    pub rank: usize,
    pub name: String,
    pub href: String,
    pub county: String,
    pub value: Score,
    pub share: f64,
    pub year: i32,
    pub when: String,
    pub criteria: String,
    pub comparability: Option<String>,
    /// A newer evaluation that did not publish this figure.
    pub newer_unpublished: Option<i32>,
}

fn rows(data: &Snapshot, r: &Ranking<'_>) -> Vec<RankRow> {
    let theme = r.request.metric.theme().is_some();
    r.places
        .iter()
        .map(|p| {
            let ev = &p.evaluation.evaluation;
            RankRow {
                rank: p.rank,
                name: p.municipality.name.clone(),
                href: municipality_href(p.municipality),
                county: p.municipality.county.clone(),
                value: p.value,
                share: p.value.as_f64() * 100.0 / r.request.metric.max().as_f64(),
                year: ev.year,
                when: format::when(ev.year, ev.month),
                criteria: format::revision_short(&data.catalogue, ev.revision),
                comparability: theme.then(|| match p.confidence {
                    Confidence::Same => "samma område".to_string(),
                    c => c.label_sv().to_string(),
                }),
                newer_unpublished: p.newer.map(|n| n.evaluation.year),
            }
        })
        .collect()
}

/// Among whom a place is: "bland 12 kommuner i Örebro län i kompass
/// utvärderade enligt kriterierna från 2019/2020" (never a national rank).
fn scope(
    data: &Snapshot,
    ranking: &Ranking<'_>,
    county: Option<&str>,
    group: Option<&str>,
) -> String {
    let among = count(ranking.places.len(), "kommun", "kommuner");
    let place = [
        county.map(|c| format!(" i {c}")),
        group.map(|g| format!(" i kommungrupp {g}")),
    ]
    .into_iter()
    .flatten()
    .collect::<String>();
    match ranking.request.filter.revision {
        Some(r) => format!(
            "bland {among}{place} i kompass utvärderade enligt {}",
            format::criteria(&data.catalogue, r)
        ),
        None => format!(
            "bland {among}{place} i kompass utvärderade enligt olika versioner av kriterierna"
        ),
    }
}

/// The ranking's reference figure, named, with its figure for the metric
/// and where its row stands; else why there is none.
fn reference(data: &Snapshot, ranking: &Ranking<'_>) -> (Option<ShownReference>, Option<String>) {
    match ranking.references.first() {
        Some(r) => (
            Some(ShownReference {
                view: ReferenceView::of(data, r),
                points: r.points,
                at: ranking.reference_at(r),
            }),
            None,
        ),
        None => (None, why_none(&data.catalogue, &ranking.revisions())),
    }
}

pub fn model(data: &Snapshot, ranking: &Ranking<'_>) -> RankingPage {
    let request = &ranking.request;
    let theme = match request.metric {
        Metric::Theme(n) => data.catalogue.theme(n),
        Metric::Total => None,
    };
    let rows = rows(data, ranking);
    // In the catalogue's order (oldest first), not the rows'.
    let versions_shown: Vec<String> = data
        .catalogue
        .revisions
        .iter()
        .map(|r| format::revision_short(&data.catalogue, r.id))
        .filter(|label| rows.iter().any(|r| r.criteria == *label))
        .collect();
    let metric_name = theme.map_or_else(|| "Totalpoäng".to_string(), |t| t.name.clone());
    let county_name = request
        .filter
        .county
        .and_then(|c| data.derived().county(c))
        .map(|c| c.name.clone());
    let group_name = request
        .filter
        .group
        .and_then(|g| data.places.group(g))
        .map(|g| format!("{} {}", g.code, g.name));
    let (reference, no_reference) = reference(data, ranking);
    let mut page = RankingPage {
        default_revision: default_revision(data),
        scope: scope(data, ranking, county_name.as_deref(), group_name.as_deref()),
        reference,
        no_reference,
        heading: match theme {
            Some(t) => format!("Rankning: {}", t.name),
            None => "Rankning på totalpoäng".to_string(),
        },
        metric_name,
        theme: theme.cloned(),
        max: if theme.is_some() { 100 } else { 800 },
        base_path: theme.map_or_else(
            || "/rankning".to_string(),
            |t| format!("/omrade/{}", t.slug),
        ),
        revision_label: request
            .filter
            .revision
            .map(|r| format::revision_short(&data.catalogue, r)),
        county_name,
        group_name,
        request: request.clone(),
        revision_options: data
            .catalogue
            .revisions
            .iter()
            .map(|r| {
                (
                    r.id.to_string(),
                    format!(
                        "Kriterierna från {}",
                        format::revision_short(&data.catalogue, r.id)
                    ),
                )
            })
            .collect(),
        place_filters: PlaceFilters::of(data),
        rows,
        versions_shown,
        themes: data
            .catalogue
            .themes
            .iter()
            .map(|t| (t.name.clone(), format!("/omrade/{}", t.slug)))
            .collect(),
        map: None,
    };
    page.map = crate::views::pages::map::ranking(data, ranking, page.map_href());
    page
}

impl RankingPage {
    /// The map as a file, with the page's filters: `/rankning/karta.svg?lan=18`.
    fn map_href(&self) -> String {
        let own = self.href_with(None);
        match own.split_once('?') {
            Some((_, q)) => format!("{}/karta.svg?{q}", self.base_path),
            None => format!("{}/karta.svg", self.base_path),
        }
    }

    /// The filters chosen, as words: "kriterierna från 2019/2020", "Örebro län",
    /// "kommungrupp B3 Större stad".
    pub fn filters(&self) -> Vec<String> {
        [
            self.revision_label
                .as_ref()
                .map(|r| format!("kriterierna från {r}")),
            self.county_name.clone(),
            self.group_name.as_ref().map(|g| format!("kommungrupp {g}")),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// This page's address in another order, the filters kept.
    pub fn href_sorted(&self, order: Order) -> String {
        self.href_with(Some(order))
    }

    fn href_with(&self, order: Option<Order>) -> String {
        let mut params: Vec<String> = Vec::new();
        match self.request.filter.revision {
            None => params.push(format!("revision={ALL_REVISIONS}")),
            Some(r) if Some(r) != self.default_revision => params.push(format!("revision={r}")),
            Some(_) => {}
        }
        if let Some(c) = &self.request.filter.county {
            params.push(format!("lan={c}"));
        }
        if let Some(g) = self.request.filter.group {
            params.push(format!("kommungrupp={g}"));
        }
        if let Some(o) = order.filter(|o| *o != Order::Rank) {
            params.push(format!("sortera={}", order_word(o)));
        }
        if params.is_empty() {
            self.base_path.clone()
        } else {
            format!("{}?{}", self.base_path, params.join("&"))
        }
    }

    /// The social card's address relative to this page's (`rankning/bild.png`,
    /// `samspel/bild.png`), the filters kept.
    pub fn card_href(&self) -> String {
        let own = self.href_with(None);
        let last = self.base_path.rsplit('/').next().unwrap_or("rankning");
        match own.split_once('?') {
            Some((_, q)) => format!("{last}/bild.png?{q}"),
            None => format!("{last}/bild.png"),
        }
    }

    /// An address under the page's (`/diagram.svg`, `/inbadda`), the
    /// filters kept.
    pub fn href_under(&self, tail: &str) -> String {
        let own = self.href_with(None);
        match own.split_once('?') {
            Some((path, query)) => format!("{path}{tail}?{query}"),
            None => format!("{own}{tail}"),
        }
    }

    /// The list's files, with the page's filters.
    fn files(&self) -> TableFiles {
        let own = self.href_with(None);
        let query = own.split_once('?').map_or("", |(_, q)| q);
        TableFiles::new(&self.base_path, query)
    }

    /// The API's ranking of the page's rows: the API has no default
    /// revision, so the page's is named.
    fn api_href(&self, base: &str) -> String {
        let mut params: Vec<String> = Vec::new();
        if let Some(r) = self.request.filter.revision {
            params.push(format!("revision={r}"));
        }
        if let Some(c) = &self.request.filter.county {
            params.push(format!("county={c}"));
        }
        if let Some(g) = self.request.filter.group {
            params.push(format!("group={g}"));
        }
        if params.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", params.join("&"))
        }
    }
}

/// The change ranking of the same figure and county.
fn changes_href(page: &RankingPage) -> String {
    let mut params: Vec<String> = Vec::new();
    if let Some(t) = &page.theme {
        params.push(format!("tema={}", t.slug));
    }
    if let Some(c) = &page.request.filter.county {
        params.push(format!("lan={c}"));
    }
    if params.is_empty() {
        crate::views::pages::changes::PATH.to_string()
    } else {
        format!(
            "{}?{}",
            crate::views::pages::changes::PATH,
            params.join("&")
        )
    }
}

fn caveat(page: &RankingPage) -> Markup {
    let mixed = page.versions_shown.len() > 1;
    html! {
        @if mixed {
            (note("warning", "Jämför med försiktighet", html! {
                p {
                    "Listan blandar utvärderingar enligt olika versioner av kriterierna (" (format::and_list(&page.versions_shown)) "). "
                    "Poängen är bara direkt jämförbara inom samma version: frågorna ändrades och kraven skärptes. "
                    "Välj en version i filtret för en rättvis jämförelse."
                }
            }))
        } @else {
            p.small { "Alla i listan utvärderades enligt samma version av kriterierna, så poängen är jämförbara med varandra." }
        }
        @if page.theme.is_some() {
            p.small {
                "För äldre kriterier används det område som motsvarar " (page.metric_name) " enligt översättningsnyckeln; kolumnen Jämförbarhet visar hur väl det motsvarar. "
                a href="/om#oversattning" { "Om översättningsnyckeln" } "."
            }
        }
    }
}

// A page template: long because it is the whole page's markup, with no
// logic beyond choosing what to show.
pub fn render(page: &RankingPage, url: Option<String>) -> Markup {
    let description = format!(
        "{} i Kommunkompassen: varje utvärderad kommuns senaste publicerade poäng, filtrerbart på län och version av kriterierna.",
        page.metric_name
    );
    let meta = PageMeta::new(page.heading.clone(), description)
        .at(url.clone())
        .image(
            page.card_href(),
            format!("{}: de högst rankade kommunerna", page.heading),
        )
        .nav(Nav::Rankings);
    let filtered = page.filters();
    layout(
        &meta,
        html! {
            h1 { (page.heading) }
            @if let Some(t) = &page.theme {
                p.lead { "Område " (t.number) " av åtta, i SKR:s grupp " em { (t.heading) } ". Högst 100 poäng." }
            } @else {
                p.lead { "Totalpoängen är summan av de åtta områdena, högst 800. Varje kommun visas med sin senaste utvärdering där totalpoängen publicerats, enligt den version av kriterierna som är vald (förvalt: den senaste)." }
            }
            form.panel action=(page.base_path) method="get" {
                div.form-row {
                    div.field {
                        label for="filter-version" { "Version av kriterierna" }
                        select #filter-version name="revision" {
                            @for (value, label) in page.revision_options.iter().rev() {
                                option value=(value) selected[page.request.filter.revision.is_some_and(|r| r.to_string() == *value)] { (label) }
                            }
                            option value=(ALL_REVISIONS) selected[page.request.filter.revision.is_none()] { "Alla versioner (jämför med försiktighet)" }
                        }
                    }
                    (page.place_filters.fields(&page.request.filter))
                    @if page.request.order != Order::Rank { input type="hidden" name="sortera" value=(order_word(page.request.order)); }
                    button type="submit" { "Visa" }
                }
                (group_note())
            }
            (caveat(page))
            @if page.rows.is_empty() {
                p.lead { "Ingen kommun har en publicerad siffra för " (page.metric_name.to_lowercase()) @if !filtered.is_empty() { " med de valda filtren" } "." }
            } @else {
                p { "Placeringen gäller " (page.scope) ", inte bland alla Sveriges kommuner." }
                (table::reference_note(page))
                (table_wrap(&page.heading, table::table(page)))
                (chart::block(page))
            }
            p.small {
                "Ladda ner listan: " (downloads::links(&page.files()))
                " · "
                a href=(page.api_href(&format!("/api/v1/rankings/{}", page.theme.as_ref().map_or("total", |t| t.slug.as_str())))) { "JSON" }
            }
            @if let Some(m) = &page.map { (crate::views::pages::map::render_block(m, "Rankningen på kartan")) }
            p { "Vem har förbättrat sig mest? " a href=(changes_href(page)) { "Förändring mellan utvärderingarna" } "." }
            @if !page.rows.is_empty() {
                (embed_offer(&EmbedCode {
                    title: &format!("{} i Kommunkompassen", page.heading),
                    src: &page.href_under("/inbadda"),
                    page_path: &page.base_path,
                    page_url: url.as_deref(),
                    height: chart::embed_height(page),
                }))
            }
            h2 { "Rankning per område" }
            ul.theme-links {
                li { a href="/rankning" aria-current=[page.theme.is_none().then_some("page")] { "Totalpoäng" } }
                @for (name, href) in &page.themes {
                    li { a href=(href) aria-current=[(*href == page.base_path).then_some("page")] { (name) } }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::RankingFilter;
    use crate::domain::answer::ranking::rank;
    use crate::domain::text::sort_key;
    use crate::views::testdata::bundled;

    fn page(
        theme: Option<&str>,
        revision: Option<&str>,
        county: Option<&str>,
        order: Order,
    ) -> RankingPage {
        let data = bundled();
        let metric = theme
            .and_then(|s| data.catalogue.theme_by_slug(s))
            .map_or(Metric::Total, |t| Metric::Theme(t.number));
        let request = RankingRequest {
            metric,
            filter: RankingFilter {
                revision: revision.map(|r| r.parse().unwrap()),
                county: county.map(|c| c.parse().unwrap()),
                group: None,
            },
            order,
        };
        model(data, &rank(data, &request))
    }

    #[test]
    fn the_total_ranking_mixes_versions_and_says_so() {
        let p = page(None, None, None, Order::Rank);
        assert!(p.rows.len() >= 15, "{}", p.rows.len());
        assert_eq!(p.rows[0].rank, 1);
        assert!(p.rows.windows(2).all(|w| w[0].value >= w[1].value));
        assert!(p.versions_shown.len() > 1);
        let html = render(&p, None).into_string();
        assert!(html.contains("Jämför med försiktighet"));
        assert!(html.contains("i kompass utvärderade enligt olika versioner av kriterierna"));
        assert!(p.reference.is_none());
        assert_eq!(
            p.href_sorted(Order::Name),
            "/rankning?revision=alla&sortera=namn"
        );
        // Nacka's 2011 total stands, with its newer 2021 evaluation noted.
        let nacka = p.rows.iter().find(|r| r.name == "Nacka").unwrap();
        assert_eq!((nacka.year, nacka.newer_unpublished), (2011, Some(2021)));
    }

    #[test]
    fn filters_narrow_and_rerank() {
        let p = page(None, Some("v2020"), None, Order::Rank);
        assert_eq!(
            p.href_sorted(Order::Rank),
            "/rankning",
            "the default needs no parameter"
        );
        assert_eq!(
            p.api_href("/api/v1/rankings/total"),
            "/api/v1/rankings/total?revision=v2020"
        );
        assert!(p.scope.starts_with("bland "));
        assert!(
            p.scope
                .ends_with(" kommuner i kompass utvärderade enligt kriterierna från 2019/2020"),
            "{}",
            p.scope
        );
        let reference = p.reference.as_ref().unwrap();
        assert_eq!(
            (reference.view.label.as_str(), reference.points),
            ("Sverigesnitt 2021", Score::whole(517))
        );
        assert_eq!(
            reference.at,
            Some(4),
            "between 546 and 510 (Höganäs 679 leads)"
        );
        let html = render(&p, None).into_string();
        assert_eq!(html.matches("reference-row").count(), 1);
        assert!(html.contains("Placeringen gäller bland "));
        assert!(p.rows.iter().all(|r| r.criteria == "2019/2020"));
        assert_eq!(p.versions_shown.len(), 1);
        let names: Vec<&str> = p.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"Höganäs"), "679 in 2023");
        let county = page(None, None, Some("18"), Order::Rank);
        assert!(county.rows.iter().all(|r| r.county == "Örebro län"));
        assert_eq!(county.rows[0].rank, 1);
    }

    #[test]
    fn sorting_keeps_the_filters_in_the_links() {
        let p = page(None, Some("v2016"), Some("01"), Order::Name);
        assert!(
            p.rows
                .windows(2)
                .all(|w| sort_key(&w[0].name) <= sort_key(&w[1].name))
        );
        assert_eq!(
            p.href_sorted(Order::Year),
            "/rankning?revision=v2016&lan=01&sortera=ar"
        );
        assert_eq!(
            p.href_sorted(Order::Rank),
            "/rankning?revision=v2016&lan=01"
        );
        assert_eq!(
            p.api_href("/api/v1/rankings/total"),
            "/api/v1/rankings/total?revision=v2016&county=01"
        );
    }

    #[test]
    fn a_kommungrupp_narrows_the_list_and_stays_in_its_links() {
        let data = bundled();
        let request = RankingRequest {
            metric: Metric::Total,
            filter: RankingFilter {
                group: Some("B3".parse().unwrap()),
                ..RankingFilter::default()
            },
            order: Order::Name,
        };
        let p = model(data, &rank(data, &request));
        assert!(!p.rows.is_empty());
        for row in &p.rows {
            let m = data
                .municipalities
                .iter()
                .find(|m| m.name == row.name)
                .unwrap();
            assert_eq!(data.places.group_of(m.code).unwrap().code.as_str(), "B3");
        }
        assert_eq!(p.group_name.as_deref(), Some("B3 Större stad"));
        assert!(
            p.scope.contains(" i kommungrupp B3 Större stad i kompass"),
            "{}",
            p.scope
        );
        assert_eq!(
            p.href_sorted(Order::Rank),
            "/rankning?revision=alla&kommungrupp=B3"
        );
        assert_eq!(
            p.api_href("/api/v1/rankings/total"),
            "/api/v1/rankings/total?group=B3"
        );
        let html = render(&p, None).into_string();
        assert!(
            html.contains(r#"<option value="B3" selected>B3 Större stad</option>"#),
            "{html}"
        );
    }

    #[test]
    fn a_theme_ranking_shows_how_comparable_each_figure_is() {
        let p = page(Some("brukarens-fokus"), None, None, Order::Rank);
        assert_eq!(p.max, 100);
        let grastorp = p.rows.iter().find(|r| r.name == "Grästorp").unwrap();
        assert_eq!(grastorp.value, Score::whole(60));
        assert_eq!(grastorp.comparability.as_deref(), Some("medel"));
        assert!(
            render(&p, None)
                .into_string()
                .contains("översättningsnyckeln")
        );
    }
}
