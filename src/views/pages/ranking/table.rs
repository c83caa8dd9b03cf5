//! The ranking's table: a place per row (a small card on a phone), sorted
//! by links in the column headers, with the one reference figure as a row
//! where its value falls.

use maud::{Markup, html};

use super::RankingPage;
use crate::domain::answer::ranking::Order;
use crate::views::format::{self, count};
use crate::views::partials::cell_bar;

fn sort_header(page: &RankingPage, order: Order, label: &str, class: Option<&str>) -> Markup {
    let current = page.request.order == order;
    let direction = if order == Order::Year {
        "descending"
    } else {
        "ascending"
    };
    html! {
        th scope="col" class=[class] aria-sort=[current.then_some(direction)] {
            @if current {
                (label)
            } @else {
                a href=(page.href_sorted(order)) { (label) span.visually-hidden { ", sortera efter detta" } }
            }
        }
    }
}

/// The reference figure named, with its source; or why there is none.
pub fn reference_note(page: &RankingPage) -> Markup {
    html! {
        @if let Some(r) = &page.reference {
            p.small {
                "Referensvärde i listan: " (r.view.label) ", " (r.points.to_swedish()) " poäng. " (r.view.about) " "
                @if let Some(url) = &r.view.source_url { a href=(url) { "Källa" } "." }
            }
        } @else if let Some(why) = &page.no_reference {
            p.small { (why) }
        }
    }
}

fn reference_row(page: &RankingPage) -> Markup {
    let Some(r) = &page.reference else {
        return html! {};
    };
    let share = r.points.as_f64() * 100.0 / f64::from(page.max);
    html! {
        tr.reference-row {
            td.num data-label="Plats" { span.missing { "–" span.visually-hidden { " ingen placering" } } }
            th scope="row" { (r.view.label) span.sub { "referensvärde" } }
            td.col-county {}
            td.num data-label="Poäng" { (r.points.to_swedish()) }
            td.col-bar { (cell_bar(share)) }
            td {}
            @if page.theme.is_some() { td {} }
        }
    }
}

/// The ranking's table; on a phone each place is a small card.
pub fn table(page: &RankingPage) -> Markup {
    let filtered = page.filters();
    let at = page.reference.as_ref().and_then(|r| r.at);
    html! {
        table id="rankning" class="cards" {
            caption {
                (page.metric_name) ": " (count(page.rows.len(), "kommun", "kommuner"))
                @if !filtered.is_empty() { " (" (format::and_list(&filtered)) ")" }
            }
            thead {
                tr {
                    (sort_header(page, Order::Rank, "Plats", Some("num")))
                    (sort_header(page, Order::Name, "Kommun", None))
                    (sort_header(page, Order::County, "Län", Some("col-county")))
                    th.num scope="col" { "Poäng" span.sub { "av " (page.max) } }
                    th.col-bar scope="col" { span.visually-hidden { "Poäng som stapel" } }
                    (sort_header(page, Order::Year, "Utvärdering", None))
                    @if page.theme.is_some() { th scope="col" { "Jämförbarhet" } }
                }
            }
            tbody {
                @for (i, r) in page.rows.iter().enumerate() {
                    @if at == Some(i) { (reference_row(page)) }
                    tr {
                        td.num data-label="Plats" { (r.rank) }
                        th scope="row" { a href=(r.href) { (r.name) } }
                        td.col-county data-label="Län" { (r.county) }
                        td.num data-label=(format!("Poäng av {}", page.max)) { (r.value.to_swedish()) }
                        td.col-bar { (cell_bar(r.share)) }
                        td data-label="Utvärdering" {
                            (r.when) span.sub { "kriterier " (r.criteria) }
                            @if let Some(y) = r.newer_unpublished { span.sub { "nyare utvärdering " (y) " utan publicerad siffra" } }
                        }
                        @if page.theme.is_some() { td data-label="Jämförbarhet" { (r.comparability.clone().unwrap_or_default()) } }
                    }
                }
                @if at == Some(page.rows.len()) { (reference_row(page)) }
            }
        }
    }
}
