//! `/sok?q=`: the search without JavaScript. One clear hit goes straight to
//! the municipality; otherwise a list of matches, or close spellings.

use maud::{Markup, html};

use crate::domain::snapshot::Snapshot;
use crate::domain::{Municipality, MunicipalityCode};
use crate::views::format::municipality_href;
use crate::views::layout::{PageMeta, layout};
use crate::views::partials::search_form;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchOutcome {
    /// Exactly one municipality: go there.
    Redirect(String),
    Page(SearchPage),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub query: String,
    pub matches: Vec<Hit>,
    pub suggestions: Vec<Hit>,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub name: String,
    pub county: String,
    pub href: String,
    /// "2017, 2020" or "ej utvärderad".
    pub evaluations: String,
}

pub fn hit(data: &Snapshot, m: &Municipality) -> Hit {
    let years: Vec<String> = data
        .evaluations_of(m.code)
        .map(|s| s.evaluation.year.to_string())
        .collect();
    Hit {
        name: m.name.clone(),
        county: m.county.clone(),
        href: municipality_href(m),
        evaluations: if years.is_empty() {
            "ej utvärderad".into()
        } else {
            format!("utvärderad {}", years.join(", "))
        },
    }
}

fn hits(data: &Snapshot, codes: &[MunicipalityCode]) -> Vec<Hit> {
    codes
        .iter()
        .filter_map(|c| data.municipality(*c))
        .map(|m| hit(data, m))
        .collect()
}

pub fn model(data: &Snapshot, query: &str) -> SearchOutcome {
    let result = data.derived().search.search(query);
    if let Some(m) = result.single().and_then(|c| data.municipality(c)) {
        return SearchOutcome::Redirect(municipality_href(m));
    }
    SearchOutcome::Page(SearchPage {
        query: query.trim().to_string(),
        matches: hits(data, &result.matches),
        suggestions: hits(data, &result.suggestions),
        names: data.municipalities.iter().map(|m| m.name.clone()).collect(),
    })
}

fn hit_list(list: &[Hit]) -> Markup {
    html! {
        ul.hit-list {
            @for h in list {
                li {
                    a href=(h.href) { (h.name) }
                    span.meta { " " (h.county) " · " (h.evaluations) }
                }
            }
        }
    }
}

pub fn render(page: &SearchPage, url: Option<String>) -> Markup {
    let title = if page.query.is_empty() {
        "Sök kommun".to_string()
    } else {
        format!("Sökning: {}", page.query)
    };
    let meta = PageMeta::new(
        title.clone(),
        "Sök bland Sveriges 290 kommuner och deras resultat i Kommunkompassen.",
    )
    .at(url);
    layout(
        &meta,
        html! {
            h1 { (title) }
            (search_form("sok", "Sök kommun", &page.query, &page.names))
            @if page.query.is_empty() {
                p { "Skriv namnet på en kommun, eller början av det. Stora och små bokstäver och å, ä, ö spelar ingen roll." }
            } @else if !page.matches.is_empty() {
                h2 { (page.matches.len()) " kommuner matchar ”" (page.query) "”" }
                (hit_list(&page.matches))
            } @else {
                p.lead { "Ingen kommun heter eller börjar med ”" (page.query) "”." }
                @if !page.suggestions.is_empty() {
                    h2 { "Menade du:" }
                    (hit_list(&page.suggestions))
                }
            }
            p { a href="/kommuner" { "Se alla kommuner, län för län" } }
        },
    )
}

/// The "Menade du" links of a 404 page for an unknown municipality.
pub fn suggestions(data: &Snapshot, text: &str) -> Vec<(String, String)> {
    data.derived()
        .search
        .closest(text, 5)
        .into_iter()
        .filter_map(|c| data.municipality(c))
        .map(|m| (format!("{} ({})", m.name, m.county), municipality_href(m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    #[test]
    fn one_clear_hit_goes_to_the_municipality() {
        let data = bundled();
        for q in ["orebro", "ÖREBRO", "Örebro"] {
            assert_eq!(
                model(data, q),
                SearchOutcome::Redirect("/kommun/1880-orebro".into()),
                "{q}"
            );
        }
        assert_eq!(
            model(data, "kuml"),
            SearchOutcome::Redirect("/kommun/1881-kumla".into())
        );
    }

    #[test]
    fn several_hits_are_listed_with_their_evaluations() {
        let SearchOutcome::Page(page) = model(bundled(), "upplands") else {
            panic!("a list");
        };
        let names: Vec<&str> = page.matches.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, vec!["Upplands-Bro", "Upplands Väsby"]);
        assert_eq!(page.matches[1].evaluations, "utvärderad 2011, 2014, 2016");
        assert_eq!(page.matches[0].evaluations, "ej utvärderad");
        let html = render(&page, None).into_string();
        assert!(html.contains("2 kommuner matchar"));
    }

    #[test]
    fn misspellings_are_answered_with_suggestions() {
        let SearchOutcome::Page(page) = model(bundled(), "Vallentunna") else {
            panic!("a page");
        };
        assert!(page.matches.is_empty());
        assert_eq!(page.suggestions[0].name, "Vallentuna");
        assert!(render(&page, None).into_string().contains("Menade du"));
        assert_eq!(suggestions(bundled(), "kumal")[0].1, "/kommun/1881-kumla");
    }
}
