//! `/jamfor?kommun=1881,0115,...`: two to six municipalities side by side,
//! theme by theme. The state lives in the address; adding and removing
//! works with a plain form and links, no JavaScript.

use maud::{Markup, html};

use crate::domain::analysis::{self, theme_scores};
use crate::domain::dataset::Dataset;
use crate::domain::{Confidence, MunicipalityCode, Score};
use crate::views::chart::grouped::{self, Group, GroupedChart};
use crate::views::downloads::{self, TableFiles};
use crate::views::format::{self, and_list, figure, municipality_href};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::partials::{chart_figure, datalist, note, table_wrap};

pub const MAX: usize = 6;
pub const MIN: usize = 2;

#[derive(Debug, Clone, PartialEq)]
pub enum CompareOutcome {
    Redirect(String),
    /// The address names something that cannot be compared.
    Invalid(String),
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

/// Codes from the address: comma- or space-separated, duplicates dropped.
pub fn parse_codes(raw: &str) -> Result<Vec<MunicipalityCode>, String> {
    let mut out: Vec<MunicipalityCode> = Vec::new();
    for part in raw
        .split([',', ' ', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let code = part
            .parse::<MunicipalityCode>()
            .map_err(|_| format!("”{part}” är ingen kommunkod. En kommunkod har fyra siffror, till exempel 1881 för Kumla."))?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

fn address(codes: &[MunicipalityCode]) -> String {
    if codes.is_empty() {
        return "/jamfor".to_string();
    }
    let list: Vec<&str> = codes.iter().map(MunicipalityCode::as_str).collect();
    format!("/jamfor?kommun={}", list.join(","))
}

pub fn model(data: &Dataset, raw: Option<&str>, add: Option<&str>) -> CompareOutcome {
    let codes = match parse_codes(raw.unwrap_or("")) {
        Ok(c) => c,
        Err(message) => return CompareOutcome::Invalid(message),
    };
    if let Some(unknown) = codes.iter().find(|c| data.municipality(**c).is_none()) {
        return CompareOutcome::Invalid(format!("Det finns ingen kommun med koden {unknown}."));
    }
    if codes.len() > MAX {
        return CompareOutcome::Invalid(format!(
            "Högst {MAX} kommuner kan jämföras åt gången; adressen innehåller {}.",
            codes.len()
        ));
    }
    let mut message = None;
    let mut offers = Vec::new();
    if let Some(text) = add.map(str::trim).filter(|t| !t.is_empty()) {
        let found = data.derived().search.search(text);
        match found.single() {
            Some(code) if codes.contains(&code) => {
                return CompareOutcome::Redirect(address(&codes));
            }
            Some(_) if codes.len() >= MAX => {
                message = Some(format!(
                    "Högst {MAX} kommuner kan jämföras åt gången. Ta bort en kommun först."
                ));
            }
            Some(code) => {
                let mut more = codes.clone();
                more.push(code);
                return CompareOutcome::Redirect(address(&more));
            }
            None => {
                let candidates = if found.matches.is_empty() {
                    &found.suggestions
                } else {
                    &found.matches
                };
                message = Some(if candidates.is_empty() {
                    format!("Ingen kommun heter eller börjar med ”{text}”.")
                } else {
                    format!("Flera eller inga kommuner passar ”{text}”. Välj en:")
                });
                offers = candidates
                    .iter()
                    .filter(|c| !codes.contains(c))
                    .filter_map(|c| data.municipality(*c))
                    .take(8)
                    .map(|m| {
                        let mut more = codes.clone();
                        more.push(m.code);
                        (m.name.clone(), address(&more))
                    })
                    .collect();
            }
        }
    }
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
        result: (codes.len() >= MIN).then(|| result(data, &codes)),
    }))
}

fn result(data: &Dataset, codes: &[MunicipalityCode]) -> CompareResult {
    let chosen: Vec<_> = codes
        .iter()
        .filter_map(|c| {
            data.municipality(*c)
                .map(|m| (m, analysis::compared_evaluation(data, *c)))
        })
        .collect();
    let columns: Vec<Column> = chosen
        .iter()
        .map(|(m, s)| Column {
            name: m.name.clone(),
            href: municipality_href(m),
            when: s.map(|s| format::when(s.evaluation.year, s.evaluation.month)),
            criteria: s.map(|s| format::revision_short(&data.catalogue, s.evaluation.revision)),
            has_scores: s.is_some_and(|s| s.evaluation.has_published_scores()),
        })
        .collect();
    let scores: Vec<_> = chosen
        .iter()
        .map(|(_, s)| s.map(|s| (s, theme_scores(&s.evaluation, &data.catalogue))))
        .collect();
    let rows: Vec<(String, Vec<Cell>)> = data
        .catalogue
        .themes
        .iter()
        .map(|t| {
            let cells = scores
                .iter()
                .map(|entry| {
                    let found = entry.as_ref().and_then(|(s, list)| {
                        list.iter().find(|x| x.theme == t.number).map(|x| (s, x))
                    });
                    Cell {
                        value: found.map(|(_, x)| x.points),
                        note: found.filter(|(_, x)| x.confidence != Confidence::Same).map(
                            |(s, x)| {
                                let area = data
                                    .catalogue
                                    .revision(s.evaluation.revision)
                                    .and_then(|r| r.area(x.area))
                                    .map_or_else(
                                        || format!("område {}", x.area),
                                        |a| format!("{} {}", a.number, a.name),
                                    );
                                format!("från {area}, jämförbarhet {}", x.confidence.label_sv())
                            },
                        ),
                    }
                })
                .collect();
            (format!("{} {}", t.number, t.name), cells)
        })
        .collect();
    let mut revisions: Vec<(String, Vec<String>)> = Vec::new();
    for (m, s) in &chosen {
        let Some(s) = s else { continue };
        let label = format::revision_short(&data.catalogue, s.evaluation.revision);
        match revisions.iter_mut().find(|(l, _)| *l == label) {
            Some((_, names)) => names.push(m.name.clone()),
            None => revisions.push((label, vec![m.name.clone()])),
        }
    }
    let series: Vec<String> = chosen
        .iter()
        .map(|(m, s)| match s {
            Some(s) => format!("{} {}", m.name, s.evaluation.year),
            None => m.name.clone(),
        })
        .collect();
    let names: Vec<String> = chosen.iter().map(|(m, _)| m.name.clone()).collect();
    let chart = GroupedChart {
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
    };
    CompareResult {
        chart,
        totals: chosen
            .iter()
            .map(|(_, s)| s.and_then(|s| s.evaluation.total))
            .collect(),
        columns,
        rows,
        revisions,
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
                @if page.selected.len() < MAX {
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

    fn page(raw: &str) -> ComparePage {
        match model(bundled(), Some(raw), None) {
            CompareOutcome::Page(p) => *p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn codes_are_parsed_deduplicated_and_checked() {
        let codes = parse_codes("1881, 0115,1881 1444").unwrap();
        assert_eq!(
            codes.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            vec!["1881", "0115", "1444"]
        );
        assert!(parse_codes("1881,kumla").is_err());
        assert!(matches!(
            model(bundled(), Some("1881,9999"), None),
            CompareOutcome::Invalid(_)
        ));
        let seven = "1881,0115,1444,0486,0180,1880,0114";
        assert!(
            matches!(model(bundled(), Some(seven), None), CompareOutcome::Invalid(m) if m.contains("Högst 6"))
        );
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
            model(bundled(), Some("1881"), Some("vallentuna")),
            CompareOutcome::Redirect("/jamfor?kommun=1881,0115".into())
        );
        assert_eq!(
            model(bundled(), Some("1881,0115"), Some("Kumla")),
            CompareOutcome::Redirect("/jamfor?kommun=1881,0115".into())
        );
        let CompareOutcome::Page(p) = model(bundled(), Some("1881"), Some("upplands")) else {
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
