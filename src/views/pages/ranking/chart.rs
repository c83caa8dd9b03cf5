//! The ranking as a bar chart (the places in rank order, the reference
//! figure as a line), with the N and the criteria in its title: on the
//! page all places, in a file or an embed the highest that fit.

use maud::{Markup, html};

use super::RankingPage;
use crate::domain::answer::ranking::Order;
use crate::views::chart::bars::{self, Bar, BarChart};
use crate::views::partials::chart_figure;
use crate::views::publish::frame;

/// The places an embed's chart shows at most.
pub const EMBED_BARS: usize = 15;

/// "Rankning på totalpoäng, 5 kommuner i kompass utvärderade enligt
/// kriterierna från 2019/2020" (the highest `shown` of them, when fewer).
pub fn title(page: &RankingPage, shown: usize) -> String {
    let scope = page.scope.strip_prefix("bland ").unwrap_or(&page.scope);
    if shown < page.rows.len() {
        format!("{}, de {shown} högsta av {scope}", page.heading)
    } else {
        format!("{}, {scope}", page.heading)
    }
}

/// The chart of the page's places in rank order, at most `limit` of them;
/// none without places.
pub fn chart(page: &RankingPage, limit: Option<usize>) -> Option<BarChart> {
    if page.rows.is_empty() {
        return None;
    }
    let mut rows: Vec<_> = page.rows.iter().collect();
    if page.request.order != Order::Rank {
        rows.sort_by_key(|r| r.rank);
    }
    let shown = limit.unwrap_or(usize::MAX).min(rows.len());
    let bars: Vec<Bar> = rows[..shown]
        .iter()
        .map(|r| Bar {
            label: format!("{}. {} {}", r.rank, r.name, r.year),
            value: r.value.as_f64(),
        })
        .collect();
    let reference = page
        .reference
        .as_ref()
        .map(|r| (r.view.label.clone(), r.points.as_f64()));
    Some(BarChart {
        id: "diagram-rankning".into(),
        title: title(page, shown),
        desc: format!(
            "Liggande staplar i placeringsordning: {} för varje kommun, 0–{}.{} Siffrorna finns i tabellen.",
            page.metric_name.to_lowercase(),
            page.max,
            reference
                .as_ref()
                .map(|(name, v)| format!(
                    " En streckad linje visar referensvärdet {name}, {}.",
                    crate::views::format::number(*v)
                ))
                .unwrap_or_default()
        ),
        max: f64::from(page.max),
        bars,
        reference,
    })
}

/// The chart on the page, with its downloads.
pub fn block(page: &RankingPage) -> Markup {
    let svg = page.href_under("/diagram.svg");
    html! {
        @if let Some(c) = chart(page, None) {
            (chart_figure(bars::render(&c), &svg))
        }
    }
}

/// What the embed says first.
pub fn embed_lead(page: &RankingPage) -> String {
    format!("Placeringen gäller {}.", page.scope)
}

/// What the embed says under its chart.
pub fn embed_notes(page: &RankingPage) -> Vec<String> {
    (page.rows.len() > EMBED_BARS)
        .then(|| format!("Diagrammet visar de {EMBED_BARS} högsta; alla finns i tabellen."))
        .into_iter()
        .collect()
}

/// The embed's frame height: its chart, lead and notes.
pub fn embed_height(page: &RankingPage) -> u32 {
    let drawn = chart(page, Some(EMBED_BARS)).map(|c| bars::drawn(&c));
    frame::fitted(
        drawn.as_ref(),
        page.rows.len(),
        &embed_lead(page),
        &embed_notes(page),
    )
}
