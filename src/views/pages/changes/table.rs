//! The change ranking's table (a card per row on a phone), every change
//! across criteria versions marked in words, and the section of changes
//! the sources state: apart, unranked, each with its source.

use maud::{Markup, html};

use super::{ChangeRow, ChangesPage};
use crate::views::format::{change, count};

/// The mark of a change across criteria versions: words, not a colour.
fn across_mark() -> Markup {
    html! { span.tag { "över versioner" } }
}

fn row(r: &ChangeRow, page: &ChangesPage) -> Markup {
    html! {
        tr class=[r.crosses.then_some("crosses")] {
            td.num data-label="Plats" { (r.rank) }
            th scope="row" {
                a href=(r.href) { (r.name) }
                @if let Some((name, url)) = &r.confirmed {
                    span.sub { "samma förändring enligt " a href=(url) { (name) } }
                }
            }
            td.col-county data-label="Län" { (r.county) }
            td data-label="Utvärderingar" { (r.from_when) " → " (r.to_when) }
            td.num data-label=(format!("Före (av {})", page.max)) { (r.before.to_swedish()) }
            td.num data-label=(format!("Efter (av {})", page.max)) { (r.after.to_swedish()) }
            td.num data-label="Förändring" { (change(Some(r.change))) }
            td data-label="Kriterier" {
                (r.criteria)
                @if r.crosses { " " (across_mark()) }
                @if let Some(c) = &r.comparability { span.sub { "jämförbarhet " (c) } }
            }
        }
    }
}

/// The ranking's table.
pub fn table(page: &ChangesPage) -> Markup {
    html! {
        table id="forandring" class="cards" {
            caption {
                (page.heading) ": " (count(page.rows.len(), "kommun", "kommuner"))
                @if !page.filters().is_empty() { " (" (crate::views::format::and_list(&page.filters())) ")" }
            }
            thead {
                tr {
                    th.num scope="col" { "Plats" }
                    th scope="col" { "Kommun" }
                    th.col-county scope="col" { "Län" }
                    th scope="col" { "Utvärderingar" }
                    th.num scope="col" { "Före" span.sub { "av " (page.max) } }
                    th.num scope="col" { "Efter" span.sub { "av " (page.max) } }
                    th.num scope="col" { "Förändring" }
                    th scope="col" { "Kriterier" }
                }
            }
            tbody {
                @for r in &page.rows { (row(r, page)) }
            }
        }
    }
}

/// What sources state: below the ranking, never among it.
pub fn stated_section(page: &ChangesPage) -> Markup {
    if page.stated.is_empty() {
        return html! {};
    }
    html! {
        section aria-labelledby="uppgivna" {
            h2 #uppgivna { "Förändringar som källorna uppger" }
            p {
                "Här står förändringar som kommunen eller källan själv uppger, där kompass inte kan räkna ut dem (poängen före har inte publicerats) eller där de skiljer sig från det uträknade. "
                "De är källans uppgifter, inte uträknade av kompass, och rankas därför inte bland förändringarna ovan."
            }
            (crate::views::partials::table_wrap("Förändringar som källorna uppger", html! {
                table id="uppgivna-forandringar" class="cards" {
                    caption { "Uppgivna förändringar: " (count(page.stated.len(), "uppgift", "uppgifter")) }
                    thead {
                        tr {
                            th scope="col" { "Kommun" }
                            th scope="col" { "Utvärderingar" }
                            th.num scope="col" { "Uppgiven förändring" }
                            th scope="col" { "Kriterier" }
                            th scope="col" { "Källa" }
                        }
                    }
                    tbody {
                        @for s in &page.stated {
                            tr class=[(s.crosses == Some(true)).then_some("crosses")] {
                                th scope="row" { a href=(s.href) { (s.name) } span.sub { (s.county) } }
                                td data-label="Utvärderingar" { (s.since) " → " (s.to_when) }
                                td.num data-label="Uppgiven förändring" { (change(Some(s.change))) span.sub { "enligt källan" } }
                                td data-label="Kriterier" {
                                    @match (&s.criteria, s.crosses) {
                                        (Some(c), Some(true)) => { (c) " " (across_mark()) }
                                        (Some(c), _) => { (c) }
                                        (None, _) => { span.missing { "okänt" span.visually-hidden { ": utvärderingen " (s.since) " finns inte i kompass" } } }
                                    }
                                }
                                td data-label="Källa" { a href=(s.source_url) { (s.source_name) } }
                            }
                        }
                    }
                }
            }))
        }
    }
}
