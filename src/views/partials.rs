//! Pieces several pages share: a chart with its data table and download
//! link, scrollable tables, the search box, bars in table cells, notes.

use maud::{Markup, html};

use super::format::number;

/// A chart with its download link and its data as a table one click away.
pub fn chart_with_table(svg: Markup, download: &str, table: Markup) -> Markup {
    html! {
        div.chart-block {
            (chart_figure(svg, download))
            details.chart-data {
                summary { "Visa diagrammets uppgifter som tabell" }
                (table)
            }
        }
    }
}

/// A chart with its download link; its table follows right after it.
pub fn chart_figure(svg: Markup, download: &str) -> Markup {
    html! {
        figure.chart-figure {
            div.chart-box { (svg) }
            figcaption.chart-actions { (super::publish::chart_downloads(download)) }
        }
    }
}

/// A table that may scroll sideways on a narrow screen, reachable by keyboard.
pub fn table_wrap(label: &str, table: Markup) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(label) { (table) }
    }
}

/// A horizontal bar for a table cell (0-100 % of the cell), hidden from
/// screen readers: the number beside it says the same. An SVG, not a
/// `style` attribute: the pages' CSP allows no inline style.
pub fn cell_bar(percent: f64) -> Markup {
    let width = number(percent.clamp(0.0, 100.0)).replace(',', ".");
    html! {
        svg.cell-bar viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
            rect width=(width) height="10" {}
        }
    }
}

/// The municipality search form, with the names as suggestions (`datalist`)
/// when given. Works without JavaScript: the server does the matching.
pub fn search_form(id: &str, label: &str, value: &str, names: &[String]) -> Markup {
    let list_id = format!("{id}-namn");
    html! {
        form.search-box role="search" aria-label=(label) action="/sok" method="get" {
            label for=(id) { (label) }
            div.search-row {
                @if names.is_empty() {
                    input id=(id) type="search" name="q" value=(value) autocomplete="off";
                } @else {
                    input id=(id) type="search" name="q" value=(value) autocomplete="off" list=(list_id);
                }
                button type="submit" { "Sök" }
            }
            @if !names.is_empty() {
                (datalist(&list_id, names))
            }
        }
    }
}

pub fn datalist(id: &str, names: &[String]) -> Markup {
    html! {
        datalist id=(id) {
            @for name in names {
                option value=(name) {}
            }
        }
    }
}

/// A highlighted note, e.g. that two evaluations used different criteria.
pub fn note(kind: &str, heading: &str, body: Markup) -> Markup {
    html! {
        div class=(format!("note {kind}")) {
            p.note-heading { strong { (heading) } }
            (body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_bars_are_svg_with_widths_with_a_point_and_no_style() {
        assert_eq!(
            cell_bar(48.25).into_string(),
            r#"<svg class="cell-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect width="48.3" height="10"></rect></svg>"#
        );
        assert!(cell_bar(140.0).into_string().contains(r#"width="100""#));
        assert!(!cell_bar(3.0).into_string().contains("style"));
    }

    #[test]
    fn the_search_form_works_without_script() {
        let form = search_form("sok", "Sök kommun", "ör<", &["Örebro".into()]).into_string();
        assert!(form.contains(r#"action="/sok" method="get""#));
        assert!(form.contains(r#"name="q" value="ör&lt;""#));
        assert!(form.contains(r#"<option value="Örebro"></option>"#));
    }
}
