//! `/jamfor?kommun=1881,0115,...`: two to six municipalities side by side,
//! theme by theme. The state lives in the address; adding and removing
//! works with a plain form and links, no JavaScript; so do the one-click
//! additions of the first municipality's peers (`additions`).

use maud::{Markup, html};

mod additions;
mod result;

pub use additions::AdditionView;

use crate::domain::answer::compare::{
    Choice, Comparison, MAX_COMPARED, MIN_COMPARED, default_showing, when_of,
};
use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::domain::{Municipality, MunicipalityCode};
use crate::views::chart::grouped;
use crate::views::downloads::{self, TableFiles};
use crate::views::format::{and_list, count, municipality_href};
use crate::views::layout::{Nav, PageMeta, layout};
use crate::views::partials::{chart_figure, datalist, table_wrap};

pub use result::{Cell, Column, CompareResult, NOT_EVALUATED, result};

/// What the page is asked (`web::params` reads it from the address): the
/// municipalities chosen so far, 0-6 and all known, each with the
/// evaluation the reader named, and a name to add.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRequest {
    pub choices: Vec<Choice>,
    pub add: Option<String>,
    /// The address is not the page's own (its form of evaluations sends
    /// `kommun` once per municipality): answer with a redirect to it.
    pub tidy: bool,
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
    /// One-click additions of the first municipality's peers.
    pub additions: Vec<AdditionView>,
    /// The choices as they appear in the address: "1880:2012,0115".
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
    /// How `kommun` names it now ("1880", "1880:2015").
    pub token: String,
    /// The evaluations to pick from: (value of `kommun`, label, chosen).
    /// Empty when it has fewer than two.
    pub options: Vec<(String, String, bool)>,
    /// What is compared when there is nothing to pick: "2014", "ej utvärderad".
    pub only: String,
}

/// The choices as `kommun` lists them: "1880:2012,0115".
pub fn list(choices: &[Choice]) -> String {
    let tokens: Vec<String> = choices.iter().map(Choice::token).collect();
    tokens.join(",")
}

pub(crate) fn address(choices: &[Choice]) -> String {
    if choices.is_empty() {
        return "/jamfor".to_string();
    }
    format!("/jamfor?kommun={}", list(choices))
}

/// What an evaluation published, for its option: "alla åtta områden",
/// "bara totalpoängen", "inga poäng publicerade".
fn published(s: &StoredEvaluation) -> String {
    let e = &s.evaluation;
    let areas = e.areas.len();
    match (areas, e.total.is_some()) {
        (0, true) => "bara totalpoängen".to_string(),
        (0, false) => "inga poäng publicerade".to_string(),
        (8, _) => "alla åtta områden".to_string(),
        (n, total) => format!(
            "{}{}",
            if total { "totalpoäng och " } else { "" },
            count(n, "område", "områden")
        ),
    }
}

/// The select's options: what the municipality's page shows first (its
/// value the bare code: the latest total, with the areas of an earlier
/// evaluation when that is where they come from), then each evaluation
/// alone, newest first; the shown one alone too when its areas come from
/// another.
fn options(data: &Snapshot, m: &Municipality, choice: &Choice) -> Vec<(String, String, bool)> {
    let all: Vec<&StoredEvaluation> = data.evaluations_of(m.code).collect();
    if all.len() < 2 {
        return vec![];
    }
    let rule = default_showing(data, m.code);
    let alone = rule
        .filter(|r| r.areas_from().is_none())
        .map(|r| r.evaluation);
    let named = choice
        .evaluation
        .as_ref()
        .filter(|id| alone.is_none_or(|r| r.id != **id));
    let mut out: Vec<(String, String, bool)> = rule
        .map(|r| {
            let label = match r.areas_from() {
                Some(a) => format!(
                    "{} (totalpoängen, med områdena från {}, förval)",
                    when_of(&r.evaluation.id),
                    when_of(&a.id)
                ),
                None => format!(
                    "{} ({}, förval)",
                    when_of(&r.evaluation.id),
                    published(r.evaluation)
                ),
            };
            (m.code.to_string(), label, named.is_none())
        })
        .into_iter()
        .collect();
    for s in all
        .iter()
        .rev()
        .filter(|s| alone.is_none_or(|r| r.id != s.id))
    {
        out.push((
            format!("{}:{}", m.code, s.id.when()),
            format!("{} ({})", s.id.when(), published(s)),
            named == Some(&s.id),
        ));
    }
    out
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

fn add(data: &Snapshot, choices: &[Choice], text: &str) -> Added {
    let found = data.derived().search.search(text);
    let codes: Vec<MunicipalityCode> = choices.iter().map(|c| c.municipality).collect();
    let with = |code: MunicipalityCode| {
        let mut more = choices.to_vec();
        more.push(Choice::of(code));
        address(&more)
    };
    match found.single() {
        Some(code) if codes.contains(&code) => Added::Redirect(address(choices)),
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

/// The page for `request`, showing `answer`, the comparison of its
/// choices.
pub fn model(data: &Snapshot, request: &PageRequest, answer: &Comparison<'_>) -> CompareOutcome {
    let choices = &request.choices;
    let (message, offers) = match request.add.as_deref().map(|text| add(data, choices, text)) {
        Some(Added::Redirect(href)) => return CompareOutcome::Redirect(href),
        Some(Added::Refused { message, offers }) => (Some(message), offers),
        None if request.tidy => return CompareOutcome::Redirect(address(choices)),
        None => (None, vec![]),
    };
    let selected = choices
        .iter()
        .filter_map(|c| data.municipality(c.municipality).map(|m| (c, m)))
        .map(|(c, m)| {
            let others: Vec<Choice> = choices
                .iter()
                .filter(|o| o.municipality != m.code)
                .cloned()
                .collect();
            let compared = answer
                .compared
                .iter()
                .find(|x| x.municipality.code == m.code)
                .and_then(|x| x.evaluation);
            Selected {
                code: m.code.to_string(),
                name: m.name.clone(),
                href: municipality_href(m),
                remove_href: address(&others),
                token: c.token(),
                options: options(data, m, c),
                only: compared.map_or_else(
                    || NOT_EVALUATED.to_string(),
                    |s| format!("{} ({})", s.id.when(), published(s)),
                ),
            }
        })
        .collect();
    CompareOutcome::Page(Box::new(ComparePage {
        selected,
        message,
        offers,
        list: list(choices),
        additions: additions::model(data, choices),
        names: data.municipalities.iter().map(|m| m.name.clone()).collect(),
        result: (choices.len() >= MIN_COMPARED).then(|| result::result(data, answer)),
    }))
}

/// The form that picks each municipality's evaluation: a select per
/// municipality with more than one (their `kommun` in order), plain text
/// for the others. Works without JavaScript: the page redirects the form's
/// address to its own.
fn evaluation_picker(page: &ComparePage) -> Markup {
    html! {
        form.picker action="/jamfor" method="get" {
            h3 { "Jämförda utvärderingar" }
            p.small { "Förval: som på kommunens sida, den senaste utvärderingen med publicerade poäng; har den inga områdespoäng visas områdena från den senaste som publicerade dem, märkta med sitt år och sin totalpoäng. En vald utvärdering visas ensam." }
            div.form-row {
                @for (i, s) in page.selected.iter().enumerate() {
                    @if s.options.is_empty() {
                        input type="hidden" name="kommun" value=(s.token);
                        div.field {
                            span.label { (s.name) }
                            span { (s.only) }
                        }
                    } @else {
                        div.field {
                            label for=(format!("utvardering-{i}")) { (s.name) }
                            select id=(format!("utvardering-{i}")) name="kommun" {
                                @for (value, label, chosen) in &s.options {
                                    option value=(value) selected[*chosen] { (label) }
                                }
                            }
                        }
                    }
                }
                button type="submit" { "Jämför valda utvärderingar" }
            }
        }
    }
}

/// The result: the criteria, the total and its reference, the themes.
fn result_section(page: &ComparePage, r: &CompareResult) -> Markup {
    let svg_href = format!("/jamfor/diagram.svg?kommun={}", page.list);
    html! {
        h2 { "Kriterier" }
        (result::revisions_note(r))
        @if !r.has_totals() && r.rows.is_empty() {
            h2 { "Poäng" }
            p.lead { "Ingen av de jämförda utvärderingarna har publicerade poäng, varken totalpoäng eller poäng per område, så det finns inga siffror att jämföra." }
        } @else {
            h2 { "Totalpoäng och poäng per område" }
            @if r.has_totals() {
                figure.chart-figure { div.chart-box { (grouped::render(&r.total_chart)) } }
            } @else {
                p { "Ingen av de jämförda utvärderingarna har en publicerad totalpoäng." }
            }
            @if r.rows.is_empty() {
                p { "Ingen av de jämförda utvärderingarna har publicerat poäng per område; bara totalpoängen kan jämföras." }
            } @else {
                (chart_figure(grouped::render(&r.chart), &svg_href))
            }
            (result::reference_note(r))
            (table_wrap("Jämförelse i tabellform", result::table(r)))
            @if !r.unpublished_themes.is_empty() && !r.rows.is_empty() {
                p.small { "Inte med i tabellen, eftersom ingen av utvärderingarna publicerat poängen: " (and_list(&r.unpublished_themes)) "." }
            }
        }
        p.small {
            "Ladda ner jämförelsen: " (downloads::links(&TableFiles::new("/jamfor", &format!("kommun={}", page.list))))
            " · "
            a href=(format!("/api/v1/compare?kommun={}", page.list)) { "JSON" }
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
                @if page.selected.iter().any(|s| !s.options.is_empty()) {
                    (evaluation_picker(page))
                }
            }
            @if !page.additions.is_empty() {
                (additions::render(&page.additions))
            }
            @if let Some(r) = &page.result {
                (result_section(page, r))
            } @else if page.selected.len() == 1 {
                p { "Lägg till minst en kommun till för att jämföra." }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;
    use crate::domain::answer::compare::compare;
    use crate::views::testdata::bundled;

    fn request(codes: &str, add: Option<&str>) -> PageRequest {
        PageRequest {
            choices: codes
                .split(',')
                .filter(|c| !c.is_empty())
                .map(|c| match c.split_once(':') {
                    Some((code, when)) => Choice {
                        municipality: code.parse().unwrap(),
                        evaluation: Some(format!("{code}-{when}").parse().unwrap()),
                    },
                    None => Choice::of(c.parse().unwrap()),
                })
                .collect(),
            add: add.map(str::to_string),
            tidy: false,
        }
    }

    /// The page for the request, with the comparison of its choices.
    fn outcome(request: &PageRequest) -> CompareOutcome {
        let data = bundled();
        model(data, request, &compare(data, &request.choices))
    }

    fn page(codes: &str) -> ComparePage {
        match outcome(&request(codes, None)) {
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
            outcome(&request("1881", Some("vallentuna"))),
            CompareOutcome::Redirect("/jamfor?kommun=1881,0115".into())
        );
        assert_eq!(
            outcome(&request("1881,0115", Some("Kumla"))),
            CompareOutcome::Redirect("/jamfor?kommun=1881,0115".into())
        );
        let CompareOutcome::Page(p) = outcome(&request("1881", Some("upplands"))) else {
            panic!("a choice")
        };
        assert_eq!(p.offers.len(), 2);
        assert_eq!(p.offers[0].1, "/jamfor?kommun=1881,0139");
        assert!(p.result.is_none());
    }

    #[test]
    fn a_municipality_without_figures_is_shown_as_missing_not_zero() {
        let p = page("1881,0117");
        let r = p.result.unwrap();
        assert!(r.rows.iter().all(|(_, cells)| cells[1].value.is_none()));
        assert_eq!(r.columns[1].when, None);
        assert_eq!(r.totals[1], None);
    }

    #[test]
    fn a_municipality_never_evaluated_is_ej_utvarderad_in_every_cell() {
        let p = page("1881,0120");
        let r = p.result.as_ref().unwrap();
        assert_eq!(r.never_evaluated.len(), 1);
        let html = render(&p, None).into_string();
        assert!(!html.contains("Alla kommunerna har utvärderats"), "{html}");
        let table = result::table(r).into_string();
        let cells = r.rows.len() + 1;
        assert_eq!(
            table.matches(NOT_EVALUATED).count(),
            cells + 1,
            "every cell and the header"
        );
        assert!(!table.contains("ej publicerat"));
        assert!(
            grouped::render(&r.chart)
                .into_string()
                .contains(NOT_EVALUATED)
        );
    }

    #[test]
    fn each_is_compared_as_its_page_shows_it_unless_the_reader_picks_one() {
        let p = page("1880,1881");
        let r = p.result.as_ref().unwrap();
        assert_eq!(r.labels, vec!["Örebro 2015", "Kumla 2020"]);
        assert_eq!(r.area_labels, vec!["Örebro 2012", "Kumla 2020"]);
        assert_eq!(r.totals[0], Some(Score::whole(650)));
        let from = r.columns[0].areas_from.as_ref().unwrap();
        assert_eq!((from.year, from.total), (2012, Some(Score::whole(615))));
        assert_eq!(r.columns[1].areas_from, None);
        let table = result::table(r).into_string();
        assert!(table.contains("områdena från 2012 (totalt 615)"), "{table}");
        assert!(table.contains(r#"data-label="Örebro 2012""#));
        assert!(table.contains(r#"data-label="Örebro 2015">650"#), "{table}");
        let orebro = &p.selected[0];
        assert_eq!(orebro.options.len(), 4);
        assert_eq!(
            orebro.options[0],
            (
                "1880".into(),
                "2015 (totalpoängen, med områdena från 2012, förval)".into(),
                true
            )
        );
        assert!(
            orebro.options.iter().any(|(v, l, chosen)| v == "1880:2015"
                && l == "2015 (bara totalpoängen)"
                && !chosen)
        );
        let picked = page("1880:2015,1881");
        assert_eq!(picked.list, "1880:2015,1881");
        let alone = picked.result.as_ref().unwrap();
        assert_eq!(alone.labels[0], "Örebro 2015");
        assert_eq!(
            alone.columns[0].areas_from, None,
            "a named evaluation is shown alone"
        );
        assert!(
            picked.selected[0]
                .options
                .iter()
                .any(|(v, _, chosen)| v == "1880:2015" && *chosen)
        );
        assert_eq!(picked.selected[0].remove_href, "/jamfor?kommun=1881");
        assert_eq!(picked.selected[1].remove_href, "/jamfor?kommun=1880:2015");
        let html = render(&picked, None).into_string();
        assert!(
            html.contains(r#"select id="utvardering-0" name="kommun""#),
            "{html}"
        );
        let mut tidy = request("1880:2015,1881", None);
        tidy.tidy = true;
        assert_eq!(
            outcome(&tidy),
            CompareOutcome::Redirect("/jamfor?kommun=1880:2015,1881".into())
        );
    }

    #[test]
    fn one_municipality_is_offered_its_peers_in_one_click() {
        let p = page("1880");
        let labels: Vec<&str> = p.additions.iter().map(|a| a.label.as_str()).collect();
        assert!(labels.contains(&"grannkommuner"), "{labels:?}");
        let html = render(&p, None).into_string();
        assert!(html.contains("Lägg till grannkommuner"));
        let full = page("1880,1881,0115,0180,0114,1884");
        assert!(full.additions.is_empty());
    }

    #[test]
    fn each_criteria_version_shown_has_its_named_reference() {
        let p = page("1881,0115");
        let r = p.result.as_ref().unwrap();
        assert_eq!(r.references.len(), 1);
        let reference = &r.references[0];
        assert_eq!(reference.view.label, "Sverigesnitt 2021");
        assert_eq!(reference.view.total, Some(Score::whole(517)));
        assert_eq!(r.total_chart.series.last().unwrap(), "Sverigesnitt 2021");
        assert_eq!(r.total_chart.groups[0].values.last().unwrap(), &Some(517.0));
        assert!(r.chart.series.contains(&"Sverigesnitt 2021".to_string()));
        let across = page("1881,0115,1444");
        let r = across.result.as_ref().unwrap();
        let shown: Vec<(&str, &str)> = r
            .references
            .iter()
            .map(|x| (x.view.label.as_str(), x.criteria.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Genomsnitt, de 40 senaste utvärderingarna 2014", "2010"),
                ("Sverigesnitt 2021", "2019/2020"),
            ]
        );
        assert_eq!(r.no_reference, None, "both versions have theirs");
        let html = render(&across, None).into_string();
        assert!(html.contains("referensvärde, kriterier 2010"), "{html}");
        assert!(html.contains("Referensvärde för kriterierna från 2019/2020: "));
        assert!(
            r.total_chart
                .series
                .contains(&"Sverigesnitt 2021 (2019/2020 års kriterier)".to_string())
        );
        // Without a mean for 2016's criteria: v2020's shown, 2016's said.
        use crate::domain::tests::{VALLENTUNA_2021, dataset, evaluation};
        let plain = dataset(vec![
            evaluation("0115", 2021, "v2020", &VALLENTUNA_2021, Some(648)),
            evaluation("1881", 2017, "v2016", &[60], Some(420)),
        ]);
        let without = Snapshot::new(crate::domain::dataset::Dataset::new(
            plain.municipalities.clone(),
            plain.catalogue.clone(),
            bundled()
                .benchmarks
                .iter()
                .filter(|b| b.revision.to_string() == "v2020")
                .cloned()
                .collect(),
            plain.evaluations.clone(),
            String::new(),
            String::new(),
        ));
        let choices = request("1881,0115", None).choices;
        let r = result::result(&without, &compare(&without, &choices));
        assert_eq!(r.references.len(), 1);
        assert_eq!(
            r.no_reference.as_deref(),
            Some(
                "Inget referensvärde finns för kriterierna från 2016: inget publicerat riksgenomsnitt för siffran, och färre än 5 kommuner i kompass att räkna ett snitt på."
            )
        );
    }

    #[test]
    fn nothing_published_is_one_sentence_not_a_table_of_blanks() {
        let p = page("1881:2017,0120");
        let html = render(&p, None).into_string();
        assert!(!html.contains("tabell-jamfor"), "{html}");
        assert!(html.contains("Ingen av de jämförda utvärderingarna har publicerade poäng"));
        let totals_only = page("1880:2015,1881:2017");
        let r = totals_only.result.as_ref().unwrap();
        assert!(r.rows.is_empty() && r.unpublished_themes.len() == 8);
        let html = render(&totals_only, None).into_string();
        assert!(html.contains("bara totalpoängen kan jämföras"));
        assert!(!html.contains(r#"id="diagram-jamfor""#));
    }
}
