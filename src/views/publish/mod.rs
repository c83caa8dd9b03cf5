//! What kompass gives people to republish: charts as files that carry their
//! own context (`charts`), social cards (`card`), pages for other sites'
//! frames (`embed`), feeds of new evaluations (`feed`) and the maps as
//! files (`map`). The lines every
//! one of them carries (source, licence, data version) are made here, once.

pub mod card;
pub mod charts;
pub mod embed;
pub mod feed;
pub mod frame;
pub mod map;

use maud::{Markup, html};

use crate::domain::Change;
use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::snapshot::Snapshot;
use crate::views::format::{and_list, when};

pub const LICENCE: &str = "CC BY 4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/deed.sv";

/// The host of a source address, without "www.": "kumla.se".
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// "Källa: SKR:s utvärdering Kommunkompassen 2020 (kumla.se) via kompass":
/// the evaluations a view shows and where their figures were published.
pub fn source_line(evaluations: &[&StoredEvaluation]) -> String {
    if evaluations.is_empty() {
        return "Källa: kompass, kommunernas publicerade resultat i SKR:s Kommunkompassen"
            .to_string();
    }
    let mut years: Vec<i32> = evaluations.iter().map(|s| s.evaluation.year).collect();
    years.sort_unstable();
    years.dedup();
    let years: Vec<String> = years.iter().map(i32::to_string).collect();
    let mut hosts: Vec<String> = Vec::new();
    for s in evaluations {
        if let Some(h) = s.evaluation.source.url.as_deref().and_then(host)
            && !hosts.iter().any(|x| x == h)
        {
            hosts.push(h.to_string());
        }
    }
    let what = if evaluations.len() > 1 {
        "utvärderingar"
    } else {
        "utvärdering"
    };
    let published = if hosts.is_empty() {
        String::new()
    } else {
        format!(" ({})", hosts.join(", "))
    };
    format!(
        "Källa: SKR:s {what} Kommunkompassen {}{published} via kompass",
        and_list(&years)
    )
}

/// The change of the published total since the evaluation before.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalChange {
    pub previous_year: i32,
    /// `None` when either total was not published.
    pub change: Option<Change>,
    pub crosses_revision: bool,
}

/// How `s`'s total changed since its municipality's evaluation before it;
/// `None` for a first evaluation.
pub fn total_change(data: &Dataset, s: &StoredEvaluation) -> Option<TotalChange> {
    let previous = data
        .evaluations_of(s.evaluation.municipality)
        .take_while(|x| x.id != s.id)
        .last()?;
    Some(TotalChange {
        previous_year: previous.evaluation.year,
        change: previous
            .evaluation
            .total
            .zip(s.evaluation.total)
            .map(|(a, b)| b.minus(&a)),
        crosses_revision: previous.evaluation.revision != s.evaluation.revision,
    })
}

/// The PNG beside a chart's SVG address: `.../omraden.svg` gives
/// `.../omraden.png` (a query, as in `/jamfor/diagram.svg?kommun=...`, stays).
pub fn png_href(svg_href: &str) -> String {
    svg_href.replacen(".svg", ".png", 1)
}

/// A chart's download links: the PNG (for documents and slides) first, then
/// the SVG (for print and editing). Both carry title, source and licence.
pub fn chart_downloads(svg_href: &str) -> Markup {
    html! {
        "Ladda ner diagrammet: "
        a href=(png_href(svg_href)) download { "PNG" }
        " · "
        a href=(svg_href) download { "SVG" }
    }
}

/// "Licens CC BY 4.0 · data t.o.m. november 2020, version 2020-11.3f2a1c".
pub fn licence_line(data: &Snapshot) -> String {
    let version = &data.derived().version;
    match version.newest {
        Some((year, month)) => format!(
            "Licens {LICENCE} · data t.o.m. {}, version {}",
            when(year, month),
            version.label
        ),
        None => format!("Licens {LICENCE} · version {}", version.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    #[test]
    fn hosts_are_short() {
        assert_eq!(host("https://www.kumla.se/a/b?c"), Some("kumla.se"));
        assert_eq!(host("http://docplayer.se"), Some("docplayer.se"));
        assert_eq!(host(""), None);
    }

    #[test]
    fn the_source_line_names_skr_the_years_and_where_they_were_published() {
        let data = bundled();
        let kumla: Vec<&StoredEvaluation> = data.evaluations_of("1881".parse().unwrap()).collect();
        let line = source_line(&kumla[kumla.len() - 1..]);
        assert_eq!(
            line,
            "Källa: SKR:s utvärdering Kommunkompassen 2020 (kumla.se) via kompass"
        );
        let all = source_line(&kumla);
        assert!(
            all.starts_with("Källa: SKR:s utvärderingar Kommunkompassen 2017 och 2020"),
            "{all}"
        );
        assert!(all.ends_with("via kompass"));
    }

    #[test]
    fn the_licence_line_has_the_licence_and_the_datas_own_date() {
        let line = licence_line(bundled());
        assert!(
            line.starts_with("Licens CC BY 4.0 · data t.o.m. "),
            "{line}"
        );
        assert!(line.contains(&bundled().derived().version.label));
    }
}
