//! The change ranking as a dumbbell chart (before → after per
//! municipality, in the table's order): on the page all rows, in a file or
//! an embed the largest changes that fit its proportions, saying how many.

use super::ChangesPage;
use crate::views::chart::dumbbell::{self, DumbbellChart, DumbbellRow};
use crate::views::format::and_list;
use crate::views::publish::frame;

/// The chart of the page's rows, at most `limit` of them (the largest
/// increases); none without rows.
pub fn chart(page: &ChangesPage, limit: Option<usize>) -> Option<DumbbellChart> {
    if page.rows.is_empty() {
        return None;
    }
    let shown = limit.unwrap_or(usize::MAX).min(page.rows.len());
    let rows: Vec<DumbbellRow> = page.rows[..shown]
        .iter()
        .map(|r| DumbbellRow {
            label: format!("{} {}–{}", r.name, r.from_year, r.to_year),
            before: r.before.as_f64(),
            after: r.after.as_f64(),
            change: r.change.to_swedish_signed(),
            dashed: r.crosses,
        })
        .collect();
    let names: Vec<String> = page.rows[..shown.min(3)]
        .iter()
        .map(|r| format!("{} {}", r.name, r.change.to_swedish_signed()))
        .collect();
    Some(DumbbellChart {
        id: "diagram-forandring".into(),
        title: title(page, shown),
        desc: format!(
            "Hantelsdiagram: för varje kommun en ihålig punkt för {what} före och en fylld för efter, med förändringen i slutet av raden, störst ökning först ({}). Streckade linjer är förändringar över versioner av kriterierna. Siffrorna finns i tabellen.",
            and_list(&names),
            what = page.metric_name.to_lowercase(),
        ),
        max: f64::from(page.max),
        rows,
    })
}

/// "Förändring av totalpoängen, 8 kommuner i kompass: samma kriterier" (N
/// and the criteria, as a republished image needs them).
pub fn title(page: &ChangesPage, shown: usize) -> String {
    let n = page.rows.len();
    let among = if shown < n {
        format!("de {shown} största av {n} kommuner")
    } else {
        crate::views::format::count(n, "kommun", "kommuner")
    };
    let criteria = if page.crosses() {
        "även över versioner av kriterierna".to_string()
    } else {
        match &page.revision_label {
            Some(r) => format!("samma kriterier ({r})"),
            None => "samma kriterier".to_string(),
        }
    };
    format!("{}: {among} i kompass, {criteria}", page.heading)
}

/// What the embed says first.
pub fn embed_lead(page: &ChangesPage) -> String {
    format!("Förändringen av {}, störst ökning först.", page.between)
}

/// What the embed says under its chart.
pub fn embed_notes(page: &ChangesPage) -> Vec<String> {
    (page.rows.len() > EMBED_ROWS)
        .then(|| format!("Diagrammet visar de {EMBED_ROWS} största; alla finns i tabellen."))
        .into_iter()
        .collect()
}

/// The embed's frame height: its chart, lead and notes.
pub fn embed_height(page: &ChangesPage) -> u32 {
    let drawn = chart(page, Some(EMBED_ROWS)).map(|c| dumbbell::drawn(&c));
    frame::fitted(
        drawn.as_ref(),
        page.rows.len(),
        &embed_lead(page),
        &embed_notes(page),
    )
}

/// The rows an embed's chart shows at most.
pub const EMBED_ROWS: usize = 15;
