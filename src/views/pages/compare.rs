//! `/jamfor?kommun=1881,0115,...`: two to six municipalities side by side,
//! theme by theme. The state lives in the address; adding and removing
//! works with a plain form and links, no JavaScript.

use maud::{Markup, html};

use crate::domain::analysis::Metric;
use crate::domain::answer::compare::{
    Choice, Comparison, MAX_COMPARED, MIN_COMPARED, Value, compare,
};
use crate::domain::snapshot::Snapshot;
use crate::domain::{Confidence, MunicipalityCode, Score};
use crate::views::chart::grouped::{self, Group, GroupedChart};
use crate::views::downloads::{self, TableFiles};
use crate::views::format::{self, and_list, figure, municipality_href};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::partials::{chart_figure, datalist, note, table_wrap};

/// What the page is asked (`web::params` reads it from the address): the
/// municipalities chosen so far, 0-6 and all known, and a name to add.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRequest {
    pub choices: Vec<Choice>,
    pub add: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CompareOutcome {
    Redirect(String),
    Page(Box<ComparePage>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComparePage {
    pub selected: Vec<Selected>,
    /// Why the last request changed nothing (a name not found, too many).
    pub message: Option<String>,
    /// Municipalities to add instead: (name, address).
    pub offers: Vec<(String, String)>,
    /// The codes as they appear in the address: "1881,0115".
    pub list: String,
    pub names: Vec<String>,
    pub result: Option<CompareResult>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub code: String,
    pub name: String,
    pub href: String,
    pub remove_href: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub href: String,
    /// "november 2020"; `None` when never evaluated.
    pub when: Option<String>,
    pub criteria: Option<String>,
    pub has_scores: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Option<Score>,
    /// For older criteria: which area stood for the theme, and how well.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareResult {
    pub chart: GroupedChart,
    pub columns: Vec<Column>,
    pub rows: Vec<(String, Vec<Cell>)>,
    pub totals: Vec<Option<Score>>,
    /// Each criteria version with the municipalities evaluated under it.
    pub revisions: Vec<(String, Vec<String>)>,
}

impl CompareResult {
    pub fn revisions_differ(&self) -> bool {
        self.revisions.len() > 1
    }
}

fn address(codes: &[MunicipalityCode]) -> String {
    if codes.is_empty() {
        return "/jamfor".to_string();
    }
    let list: Vec<&str> = codes.iter().map(MunicipalityCode::as_str).collect();
    format!("/jamfor?kommun={}", list.join(","))
}

/// Adding a municipality by name: a redirect to the longer list when the
/// name is one municipality, else why not and what to pick instead.
enum Added {
    Redirect(String),
    Refused {
        message: String,
        offers: Vec<(String, String)>,
    },
}

fn add(data: &Snapshot, codes: &[MunicipalityCode], text: &str) -> Added {
    let found = data.derived().search.search(text);
    let with = |code: MunicipalityCode| {
        let mut more = codes.to_vec();
        more.push(code);
        address(&more)
    };
    match found.single() {
        Some(code) if codes.contains(&code) => Added::Redirect(address(codes)),
        Some(_) if codes.len() >= MAX_COMPARED => Added::Refused {
            message: format!(
                "Högst {MAX_COMPARED} kommuner kan jämföras åt gången. Ta bort en kommun först."
            ),
            offers: vec![],
        },
        Some(code) => Added::Redirect(with(code)),
        None => {
            let candidates = if found.matches.is_empty() {
                &found.suggestions
            } else {
                &found.matches
            };
            Added::Refused {
                message: if candidates.is_empty() {
                    format!("Ingen kommun heter eller börjar med ”{text}”.")
                } else {
                    format!("Flera eller inga kommuner passar ”{text}”. Välj en:")
                },
                offers: candidates
                    .iter()
                    .filter(|c| !codes.contains(c))
                    .filter_map(|c| data.municipality(*c))
                    .take(8)
                    .map(|m| (m.name.clone(), with(m.code)))
                    .collect(),
            }
        }
    }
}

pub fn model(data: &Snapshot, request: &PageRequest) -> CompareOutcome {
    let codes: Vec<MunicipalityCode> = request.choices.iter().map(|c| c.municipality).collect();
    let (message, offers) = match request.add.as_deref().map(|text| add(data, &codes, text)) {
        Some(Added::Redirect(href)) => return CompareOutcome::Redirect(href),
        Some(Added::Refused { message, offers }) => (Some(message), offers),
        None => (None, vec![]),
    };
    let selected = codes
        .iter()
        .filter_map(|c| data.municipality(*c))
        .map(|m| Selected {
            code: m.code.to_string(),
            name: m.name.clone(),
            href: municipality_href(m),
            remove_href: address(
                &codes
                    .iter()
                    .copied()
                    .filter(|c| *c != m.code)
                    .collect::<Vec<_>>(),
            ),
        })
        .collect();
    CompareOutcome::Page(Box::new(ComparePage {
        selected,
        message,
        offers,
        list: codes
            .iter()
            .map(MunicipalityCode::as_str)
            .collect::<Vec<_>>()
            .join(","),
        names: data.municipalities.iter().map(|m| m.name.clone()).collect(),
        result: (codes.len() >= MIN_COMPARED)
            .then(|| result(data, &compare(data, &request.choices))),
    }))
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

fn result(data: &Snapshot, c: &Comparison<'_>) -> CompareResult {
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
    let rows: Vec<(String, Vec<Cell>)> = c
        .themes()
        .map(|row| {
            let cells = row
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| Cell {
                    value: v.map(|v| v.points),
                    note: cell_note(data, c, i, *v),
                })
                .collect();
            let label = match row.metric {
                Metric::Theme(n) => format!("{n} {}", row.metric.name(&data.catalogue)),
                Metric::Total => row.metric.name(&data.catalogue),
            };
            (label, cells)
        })
        .collect();
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
    CompareResult {
        chart: chart(c, &rows),
        totals: c.totals(),
        columns,
        rows,
        revisions,
    }
}

fn chart(c: &Comparison<'_>, rows: &[(String, Vec<Cell>)]) -> GroupedChart {
    let series: Vec<String> = c
        .compared
        .iter()
        .map(|compared| match compared.evaluation {
            Some(s) => format!("{} {}", compared.municipality.name, s.evaluation.year),
            None => compared.municipality.name.clone(),
        })
        .collect();
    let names: Vec<String> = c
        .compared
        .iter()
        .map(|compared| compared.municipality.name.clone())
        .collect();
    GroupedChart {
        id: "diagram-jamfor".into(),
        title: format!("Poäng per område: {}", and_list(&names)),
        desc: format!(
            "Grupperade liggande staplar: för vart och ett av de åtta områdena en stapel per kommun ({}), 0–100 poäng. Varje kommun har sitt eget mönster och sitt namn vid stapeln. Siffrorna finns i tabellen.",
            and_list(&series)
        ),
        series,
        groups: rows
            .iter()
            .map(|(label, cells)| Group {
                label: label.clone(),
                values: cells.iter().map(|c| c.value.map(|v| v.as_f64())).collect(),
            })
            .collect(),
        max: 100.0,
    }
}

fn result_table(r: &CompareResult) -> Markup {
    html! {
        table #tabell-jamfor {
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
                                    _ => { "ej utvärderad" }
                                }
                            }
                        }
                    }
                }
            }
            tbody {
                @for (label, cells) in &r.rows {
                    tr {
                        th scope="row" { (label) }
                        @for cell in cells {
                            td.num {
                                (figure(cell.value))
                                @if let Some(n) = &cell.note { span.sub { (n) } }
                            }
                        }
                    }
                }
                tr.total-row {
                    th scope="row" { "Totalt (av 800)" }
                    @for t in &r.totals { td.num { (figure(*t)) } }
                }
            }
        }
    }
}

fn revisions_note(r: &CompareResult) -> Markup {
    let parts: Vec<String> = r
        .revisions
        .iter()
        .map(|(label, names)| format!("{} enligt kriterierna från {label}", and_list(names)))
        .collect();
    html! {
        @if r.revisions_differ() {
            (note("warning", "Olika versioner av kriterierna", html! {
                p { "Kommunerna har utvärderats enligt olika versioner av Kommunkompassen: " (and_list(&parts)) "." }
                p {
                    "Områdena i äldre versioner har förts över till dagens åtta områden med en översättningsnyckel; under varje sådan siffra står vilket område den kommer från och hur väl det motsvarar dagens. "
                    "Jämförelsen är därför ungefärlig, och totalpoängen är inte direkt jämförbara mellan versionerna, eftersom frågorna och kraven ändrades. "
                    a href="/om#versioner" { "Läs mer om versionerna" } "."
                }
            }))
        } @else if let Some((label, _)) = r.revisions.first() {
            p { "Alla kommunerna har utvärderats enligt kriterierna från " (label) ", så poängen är jämförbara." }
        }
    }
}

pub fn render(page: &ComparePage, url: Option<String>) -> Markup {
    let names: Vec<String> = page.selected.iter().map(|s| s.name.clone()).collect();
    let title = if names.is_empty() {
        "Jämför kommuner".to_string()
    } else {
        format!("Jämför {}", and_list(&names))
    };
    let meta = PageMeta::new(
        title.clone(),
        "Jämför upp till sex kommuners resultat i Kommunkompassen område för område, även när de utvärderats enligt olika kriterier.",
    )
    .at(url)
    .nav(Nav::Compare);
    let meta = if page.result.is_some() {
        let alt = format!("{}: totalpoäng i Kommunkompassen", and_list(&names));
        meta.image(format!("jamfor/bild.png?kommun={}", page.list), alt)
    } else {
        meta
    };
    let svg_href = format!("/jamfor/diagram.svg?kommun={}", page.list);
    layout(
        &meta,
        html! {
            h1 { (title) }
            p.lead { "Välj två till sex kommuner. Adressen i webbläsaren sparar urvalet, så du kan dela jämförelsen som en länk." }
            div.panel {
                h2.visually-hidden { "Valda kommuner" }
                @if page.selected.is_empty() {
                    p { "Inga kommuner valda ännu. Prova till exempel " a href="/jamfor?kommun=1881,0115,1444" { "Kumla, Vallentuna och Grästorp" } "." }
                } @else {
                    ul.chips {
                        @for s in &page.selected {
                            li {
                                a href=(s.href) { (s.name) }
                                a.remove href=(s.remove_href) { "Ta bort" span.visually-hidden { " " (s.name) } }
                            }
                        }
                    }
                }
                @if let Some(m) = &page.message {
                    p role="status" { strong { (m) } }
                    @if !page.offers.is_empty() {
                        ul.suggestions {
                            @for (name, href) in &page.offers { li { a href=(href) { "Lägg till " (name) } } }
                        }
                    }
                }
                @if page.selected.len() < MAX_COMPARED {
                    form action="/jamfor" method="get" {
                        @if !page.list.is_empty() { input type="hidden" name="kommun" value=(page.list); }
                        div.form-row {
                            div.field {
                                label for="lagg-till" { "Lägg till kommun" }
                                input #lagg-till type="text" name="lagg_till" list="jamfor-namn" autocomplete="off";
                            }
                            button type="submit" { "Lägg till" }
                        }
                        (datalist("jamfor-namn", &page.names))
                    }
                } @else {
                    p { "Sex kommuner är valda, vilket är högsta antalet. Ta bort en för att lägga till en annan." }
                }
            }
            @if let Some(r) = &page.result {
                h2 { "Kriterier" }
                (revisions_note(r))
                h2 { "Poäng per område" }
                (chart_figure(grouped::render(&r.chart), &svg_href))
                (table_wrap("Jämförelse i tabellform", result_table(r)))
                p.small { "Varje kommun visas med sin senaste utvärdering där poäng publicerats." }
                p.small {
                    "Ladda ner jämförelsen: " (downloads::links(&TableFiles::new("/jamfor", &format!("kommun={}", page.list))))
                    " · "
                    a href=(format!("/api/v1/compare?kommun={}", page.list)) { "JSON" }
                }
            } @else if page.selected.len() == 1 {
                p { "Lägg till minst en kommun till för att jämföra." }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    fn request(codes: &str, add: Option<&str>) -> PageRequest {
        PageRequest {
            choices: codes
                .split(',')
                .filter(|c| !c.is_empty())
                .map(|c| Choice::of(c.parse().unwrap()))
                .collect(),
            add: add.map(str::to_string),
        }
    }

    fn page(codes: &str) -> ComparePage {
        match model(bundled(), &request(codes, None)) {
            CompareOutcome::Page(p) => *p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn three_revisions_are_compared_by_theme_and_the_difference_is_said() {
        let p = page("1881,0115,1444");
        let r = p.result.as_ref().unwrap();
        assert!(r.revisions_differ());
        assert_eq!(r.revisions.len(), 2, "{:?}", r.revisions);
        // Brukarens fokus: Kumla 65, Vallentuna 86, Grästorp's area 2 (60).
        let (label, cells) = &r.rows[4];
        assert_eq!(label, "5 Brukarens fokus");
        let values: Vec<Option<Score>> = cells.iter().map(|c| c.value).collect();
        assert_eq!(
            values,
            vec![
                Some(Score::whole(65)),
                Some(Score::whole(86)),
                Some(Score::whole(60))
            ]
        );
        assert!(
            cells[2]
                .note
                .as_ref()
                .unwrap()
                .contains("från 2 Tillgänglighet och brukarorientering, jämförbarhet medel")
        );
        assert!(cells[0].note.is_none());
        assert_eq!(
            r.totals,
            vec![
                Some(Score::whole(557)),
                Some(Score::whole(648)),
                Some(Score::whole(506))
            ]
        );
        let html = render(&p, None).into_string();
        assert!(html.contains("Olika versioner av kriterierna"));
        assert!(
            html.contains(r#"href="/jamfor?kommun=0115,1444""#),
            "remove Kumla"
        );
    }

    #[test]
    fn adding_by_name_redirects_to_the_longer_list() {
        assert_eq!(
            model(bundled(), &request("1881", Some("vallentuna"))),
            CompareOutcome::Redirect("/jamfor?kommun=1881,0115".into())
        );
        assert_eq!(
            model(bundled(), &request("1881,0115", Some("Kumla"))),
            CompareOutcome::Redirect("/jamfor?kommun=1881,0115".into())
        );
        let CompareOutcome::Page(p) = model(bundled(), &request("1881", Some("upplands"))) else {
            panic!("a choice")
        };
        assert_eq!(p.offers.len(), 2);
        assert_eq!(p.offers[0].1, "/jamfor?kommun=1881,0139");
        assert!(p.result.is_none());
    }

    #[test]
    fn a_municipality_without_figures_is_shown_as_missing_not_zero() {
        let p = page("1881,0180");
        let r = p.result.unwrap();
        assert!(r.rows.iter().all(|(_, cells)| cells[1].value.is_none()));
        assert_eq!(r.columns[1].when, None);
        assert_eq!(r.totals[1], None);
    }
}
