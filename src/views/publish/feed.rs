//! Atom feeds (RFC 4287) of the evaluations with published scores, newest
//! first: the whole portal's (`/nytt.atom`) and one per municipality. Every
//! time in a feed comes from the data (the evaluation's date), never from
//! when a machine imported it, so every copy serves the same feed.

use atom_syndication::{Category, Entry, Feed, Generator, Link, Person, Text};
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::domain::dataset::StoredEvaluation;
use crate::domain::snapshot::Snapshot;
use crate::domain::{Evaluation, Figure, Municipality};
use crate::views::format::{municipality_href, revision_short, when};

use super::{LICENCE, TotalChange, source_line, total_change};

/// When an evaluation counts as published: the date its file gives, else
/// the first day of its month (of its year when the month is not known).
pub fn evaluation_date(s: &StoredEvaluation) -> NaiveDate {
    let e = &s.evaluation;
    e.published.unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(e.year, u32::from(e.month.unwrap_or(1)), 1)
            .unwrap_or(NaiveDate::MIN)
    })
}

fn timestamp(date: NaiveDate) -> DateTime<FixedOffset> {
    date.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset()
}

/// "Kumla: 557 poäng i Kommunkompassen 2020".
pub fn entry_title(m: &Municipality, s: &StoredEvaluation) -> String {
    let e = &s.evaluation;
    match e.total {
        Some(t) => format!(
            "{}: {} poäng i Kommunkompassen {}",
            m.name,
            t.to_swedish(),
            e.year
        ),
        None => format!("{}: poäng per område i Kommunkompassen {}", m.name, e.year),
    }
}

/// The change of `e`'s total since the evaluation before; where the figures
/// cannot give it but the source states it, the source's statement (as the
/// municipality page's change card says it).
fn change_sentence(e: &Evaluation, c: Option<TotalChange>) -> String {
    let stated = c.as_ref().filter(|c| c.change.is_none()).and_then(|c| {
        e.stated_changes
            .iter()
            .find(|s| s.figure == Figure::Total && s.since == c.previous_year)
    });
    if let Some(s) = stated {
        return format!(
            "Förändring sedan {}: {} poäng enligt {} (källans uppgift; totalen {} publicerades inte).",
            s.since,
            s.change.to_swedish_signed(),
            s.source_name(),
            s.since
        );
    }
    match c {
        None => "Kommunens första utvärdering i kompass.".to_string(),
        Some(c) => match c.change {
            Some(ch) => format!(
                "Förändring sedan {}: {} poäng{}.",
                c.previous_year,
                ch.to_swedish_signed(),
                if c.crosses_revision {
                    " (andra kriterier, inte helt jämförbart)"
                } else {
                    ""
                }
            ),
            None => format!(
                "Förändring sedan {}: kan inte beräknas, totalen publicerades inte för båda utvärderingarna.",
                c.previous_year
            ),
        },
    }
}

fn entry(data: &Snapshot, base: &str, m: &Municipality, s: &StoredEvaluation) -> Entry {
    let e = &s.evaluation;
    let date = timestamp(evaluation_date(s));
    let criteria = revision_short(&data.catalogue, e.revision);
    let figures = match e.total {
        Some(t) => format!("{} av 800 poäng", t.to_swedish()),
        None => format!("{} av 8 områden publicerade, ingen total", e.areas.len()),
    };
    let summary = format!(
        "{} utvärderades {} enligt kriterierna från {criteria}: {figures}. {} {}.",
        m.name,
        when(e.year, e.month),
        change_sentence(e, total_change(data, s)),
        source_line(&[s]),
    );
    Entry {
        title: Text::plain(entry_title(m, s)),
        id: format!("{base}/api/v1/evaluations/{}", s.id),
        updated: date,
        published: Some(date),
        links: vec![
            Link {
                href: format!("{base}{}", municipality_href(m)),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
            Link {
                href: format!("{base}/api/v1/evaluations/{}", s.id),
                rel: "related".into(),
                mime_type: Some("application/json".into()),
                ..Link::default()
            },
        ],
        summary: Some(Text::plain(summary)),
        categories: vec![Category {
            term: e.revision.to_string(),
            label: Some(format!("kriterierna från {criteria}")),
            ..Category::default()
        }],
        ..Entry::default()
    }
}

/// Which evaluations a feed lists, and what it is called.
pub enum Scope<'a> {
    All,
    Municipality(&'a Municipality),
}

/// The evaluations in the feed: those with published scores, in scope,
/// newest first (by when the evaluation was made, then by id).
fn newest_first<'a>(data: &'a Snapshot, scope: &Scope<'_>) -> Vec<&'a StoredEvaluation> {
    let mut listed: Vec<&StoredEvaluation> = data
        .evaluations
        .iter()
        .filter(|s| s.evaluation.has_published_scores())
        .filter(|s| match scope {
            Scope::All => true,
            Scope::Municipality(m) => s.evaluation.municipality == m.code,
        })
        .collect();
    listed.sort_by(|a, b| {
        evaluation_date(b)
            .cmp(&evaluation_date(a))
            .then(a.id.cmp(&b.id))
    });
    listed
}

/// The feed as XML. `base`: the site's absolute address without a trailing
/// slash, for ids and links (Atom ids must be absolute).
pub fn feed(data: &Snapshot, base: &str, scope: &Scope<'_>) -> String {
    let listed = newest_first(data, scope);
    let (path, page, title) = match scope {
        Scope::All => (
            "/nytt.atom".to_string(),
            "/".to_string(),
            "kompass: nya resultat i Kommunkompassen".to_string(),
        ),
        Scope::Municipality(m) => (
            format!("/kommun/{}/nytt.atom", m.code),
            municipality_href(m),
            format!("{}: resultat i Kommunkompassen", m.name),
        ),
    };
    // A feed with nothing to announce yet (most municipalities) is still a
    // valid feed to follow; its `updated` is the data version's date.
    let updated = timestamp(listed.first().map_or_else(
        || data.derived().version.first_day(),
        |s| evaluation_date(s),
    ));
    let entries = listed
        .iter()
        .filter_map(|s| {
            Some(entry(
                data,
                base,
                data.municipality(s.evaluation.municipality)?,
                s,
            ))
        })
        .collect();
    let feed = Feed {
        title: Text::plain(title),
        id: format!("{base}{path}"),
        updated,
        authors: vec![Person {
            name: "kompass".into(),
            uri: Some(format!("{base}/om")),
            ..Person::default()
        }],
        links: vec![
            Link {
                href: format!("{base}{path}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link {
                href: format!("{base}{page}"),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
        ],
        subtitle: Some(Text::plain(
            "Utvärderingar med publicerade poäng, nyast först, daterade efter när utvärderingen gjordes.",
        )),
        rights: Some(Text::plain(format!(
            "{LICENCE}. Källor: SKR:s utvärderingar och kommunernas publicerade resultat."
        ))),
        generator: Some(Generator {
            value: "kompass".into(),
            ..Generator::default()
        }),
        lang: Some("sv".into()),
        entries,
        ..Feed::default()
    };
    feed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;
    use chrono::Datelike;

    #[test]
    fn the_feed_lists_published_evaluations_newest_first_with_data_dates() {
        let data = bundled();
        let xml = feed(data, "https://k.example", &Scope::All);
        assert!(xml.starts_with("<?xml"));
        let published = data
            .evaluations
            .iter()
            .filter(|s| s.evaluation.has_published_scores())
            .count();
        assert_eq!(xml.matches("<entry>").count(), published);
        assert!(xml.contains("<title>Kumla: 557 poäng i Kommunkompassen 2020</title>"));
        assert!(xml.contains("<id>https://k.example/api/v1/evaluations/1881-2020</id>"));
        assert!(
            xml.contains("<updated>2021-05-10T00:00:00+00:00</updated>"),
            "Kumla 2020's published date"
        );
        assert!(
            xml.contains("<updated>2021-02-01T00:00:00+00:00</updated>"),
            "Vallentuna 2021: year and month"
        );
        assert_eq!(
            xml,
            feed(data, "https://k.example", &Scope::All),
            "same data, same bytes"
        );
    }

    #[test]
    fn a_feed_with_nothing_published_is_dated_by_the_data_version() {
        let data = bundled();
        let stockholm = data.municipality("0180".parse().unwrap()).unwrap();
        let xml = feed(data, "https://k.example", &Scope::Municipality(stockholm));
        assert_eq!(xml.matches("<entry>").count(), 0);
        let date = data.derived().version.first_day();
        assert!(date.year() >= 2020, "{date}");
        assert!(
            xml.contains(&format!("<updated>{date}T00:00:00+00:00</updated>")),
            "{xml}"
        );
    }

    #[test]
    fn a_municipalitys_feed_has_only_its_evaluations() {
        let data = bundled();
        let vallentuna = data.municipality("0115".parse().unwrap()).unwrap();
        let xml = feed(data, "https://k.example", &Scope::Municipality(vallentuna));
        assert_eq!(xml.matches("<entry>").count(), 3);
        assert!(xml.contains("Vallentuna: 648 poäng i Kommunkompassen 2021"));
        assert!(xml.contains("Förändring sedan 2019: +45 poäng (andra kriterier"));
        assert!(!xml.contains("Kumla"));
        // Kumla's 2017 total was never printed: the source's statement, as
        // on the municipality page, never a computed change.
        let kumla = data.municipality("1881".parse().unwrap()).unwrap();
        let xml = feed(data, "https://k.example", &Scope::Municipality(kumla));
        assert!(xml.contains(
            "Förändring sedan 2017: +137 poäng enligt kumla.se (källans uppgift; totalen 2017 publicerades inte)."
        ));
    }
}
