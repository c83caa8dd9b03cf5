//! What the report reader recognised in a text it could not read whole,
//! and where the text stops, in Swedish.

use super::{list, score};
use crate::domain::evaluation::month_name_sv;
use crate::import::problem::{PointsPlace, Reached, Recognised, Site, Stopped};

pub(super) fn site(s: Site) -> &'static str {
    match s {
        Site::Docplayer => "docplayer.se",
        Site::FiveDok => "5dok.org",
        Site::Unnamed => "en dokumentdelningssida (en rad per sida)",
    }
}

fn place(p: PointsPlace) -> &'static str {
    match p {
        PointsPlace::Contents => "innehållsförteckningen",
        PointsPlace::Heading => "kapitelrubrikerna",
        PointsPlace::Chapter => "kapitlen",
        PointsPlace::Table => "poängtabellen",
    }
}

fn reached(r: Reached) -> String {
    match r {
        Reached::Front => "Texten slutar på rapportens första sidor".into(),
        Reached::InContents => "Texten slutar i innehållsförteckningen".into(),
        Reached::Contents => "Texten slutar efter innehållsförteckningen".into(),
        Reached::Chapter(n) => format!("Texten slutar efter kapitlet om område {n}"),
        Reached::Table(None) => "Texten slutar vid poängtabellens rubrik".into(),
        Reached::Table(Some(n)) => format!("Texten slutar i poängtabellen, efter område {n}"),
    }
}

/// "Mölndal (1481, rad 1), 2016 (rad 1), kriterierna v2016; poäng i
/// innehållsförteckningen: område 1 49 (rad 2), …".
pub(super) fn recognised(r: &Recognised) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some((name, code, line)) = &r.municipality {
        parts.push(format!("{name} ({code}, rad {line})"));
    }
    if let Some((year, month, line)) = r.year {
        let month = month
            .and_then(month_name_sv)
            .map(|m| format!("{m} "))
            .unwrap_or_default();
        parts.push(format!("{month}{year} (rad {line})"));
    }
    if let Some(revision) = r.revision {
        parts.push(format!("kriterierna {revision}"));
    }
    let mut places: Vec<PointsPlace> = r.points.iter().map(|p| p.place).collect();
    places.dedup();
    for p in places {
        let found: Vec<String> = r
            .points_in(p)
            .iter()
            .map(|f| format!("område {} {} (rad {})", f.area, score(&f.points), f.line))
            .collect();
        parts.push(format!("poäng i {}: {}", place(p), found.join(", ")));
    }
    if parts.is_empty() {
        return "ingenting".into();
    }
    parts.join("; ")
}

/// A transcript's site, and whether digits are lost: a sentence, or nothing.
fn transcript(r: &Recognised) -> String {
    match r.site {
        Some(s) if r.digits_lost => {
            format!(
                " Texten är en utskrift från {} där siffror saknas.",
                site(s)
            )
        }
        Some(s) => format!(" Texten är en utskrift från {}.", site(s)),
        None => String::new(),
    }
}

pub(super) fn stopped(s: &Stopped) -> String {
    let page = match (s.page, s.pages) {
        (Some(p), Some(n)) => format!(" (sida {p} av {n})"),
        (Some(p), None) => format!(" (sida {p})"),
        (None, Some(n)) => format!(" (rapporten har {n} sidor)"),
        (None, None) => String::new(),
    };
    let mut lacking: Vec<String> = Vec::new();
    if s.recognised.municipality.is_none() {
        lacking.push("kommunen".into());
    }
    if s.recognised.year.is_none() {
        lacking.push("året".into());
    }
    lacking.push(match s.after {
        Reached::Front | Reached::InContents | Reached::Contents => {
            "kapitlen om områdena och poängtabellen".into()
        }
        Reached::Chapter(_) => format!("kapitlen om område {} och poängtabellen", list(&s.missing)),
        Reached::Table(_) => format!("poängtabellens rader för område {}", list(&s.missing)),
    });
    format!(
        "{}{page}: det är början av en rapport, inte hela.{} Hittat: {}. Saknas: {}.",
        reached(s.after),
        transcript(&s.recognised),
        recognised(&s.recognised),
        list(&lacking)
    )
}

pub(super) fn digits_lost(r: &Recognised) -> String {
    format!(
        "Texten är en utskrift från {} där siffror saknas: siffror som rapporten trycker finns inte i \
         texten, så den kan inte läsas exakt. Skicka rapportens PDF i stället. Hittat: {}.",
        site(r.site.unwrap_or(Site::Unnamed)),
        recognised(r)
    )
}
