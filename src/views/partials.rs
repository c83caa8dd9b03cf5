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

/// An embed offered on its page: the iframe code with a height that fits
/// it, and a preview link.
pub struct EmbedCode<'a> {
    /// The frame's title: "Förändring av totalpoängen i Kommunkompassen".
    pub title: &'a str,
    /// The embed's root-relative address ("/forandring/inbadda?versioner=alla").
    pub src: &'a str,
    /// The page's own root-relative path ("/forandring") and its absolute
    /// address, when known: the iframe's address is made absolute on the
    /// site's (which may live under a path).
    pub page_path: &'a str,
    pub page_url: Option<&'a str>,
    pub height: u32,
}

impl EmbedCode<'_> {
    /// The embed's absolute address when the page's is known.
    fn absolute_src(&self) -> String {
        let Some(url) = self.page_url else {
            return self.src.to_string();
        };
        let path_end = url.find(['?', '#']).unwrap_or(url.len());
        let site = url[..path_end]
            .trim_end_matches('/')
            .strip_suffix(self.page_path.trim_end_matches('/'))
            .unwrap_or(&url[..path_end]);
        format!("{}{}", site.trim_end_matches('/'), self.src)
    }
}

/// The iframe code to copy, for the compare, ranking and change pages (the
/// municipality page has its own words around the same code).
pub fn embed_offer(e: &EmbedCode<'_>) -> Markup {
    let code = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        e.absolute_src(),
        e.title,
        e.height
    );
    html! {
        section.embed-offer aria-labelledby="badda-in" {
            h2 #badda-in { "Bädda in på en annan webbplats" }
            p {
                "Visa diagrammet, siffrorna, källan och en länk hit på din egen webbplats. "
                "Kopiera koden; föreslagen höjd " (e.height) " pixlar. "
                a href=(e.src) { "Förhandsvisa" } "."
            }
            label for="inbaddningskod" { "Kod att klistra in" }
            textarea #inbaddningskod readonly rows="3" { (code) }
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
    fn the_embed_code_is_absolute_on_the_sites_address_under_any_path() {
        let code = |url: Option<&str>| {
            embed_offer(&EmbedCode {
                title: "Rankning",
                src: "/omrade/samspel/inbadda?lan=18",
                page_path: "/omrade/samspel",
                page_url: url,
                height: 640,
            })
            .into_string()
        };
        assert!(
            code(Some("https://x.se/portal/omrade/samspel?lan=18"))
                .contains("src=&quot;https://x.se/portal/omrade/samspel/inbadda?lan=18&quot;")
        );
        assert!(code(None).contains("src=&quot;/omrade/samspel/inbadda?lan=18&quot;"));
        assert!(code(None).contains(r#"href="/omrade/samspel/inbadda?lan=18""#));
    }

    #[test]
    fn the_search_form_works_without_script() {
        let form = search_form("sok", "Sök kommun", "ör<", &["Örebro".into()]).into_string();
        assert!(form.contains(r#"action="/sok" method="get""#));
        assert!(form.contains(r#"name="q" value="ör&lt;""#));
        assert!(form.contains(r#"<option value="Örebro"></option>"#));
    }
}
