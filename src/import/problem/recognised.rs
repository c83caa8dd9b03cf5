//! What the report reader recognised in a text it cannot read whole: the
//! municipality, the year, the criteria, the points it found and where, and
//! the site a transcript came from. Said with the refusal, so that a sender
//! knows what the text holds and what it lacks; `/bidra` offers the points
//! in the form for figures.

use std::fmt;

use crate::domain::evaluation::month_name_sv;
use crate::domain::{AreaNumber, MunicipalityCode, Revision, Score};

/// A document-sharing site whose transcript of a report a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    Docplayer,
    FiveDok,
    /// One line per page, as the sites give it, without a site's own words.
    Unnamed,
}

/// Where a report printed an area's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsPlace {
    /// The table of contents ("Område 1 ... 49 poäng... 6").
    Contents,
    /// The area chapter's heading ("Område 1 ... 49 poäng").
    Heading,
    /// The area chapter, beside its "Rubriker".
    Chapter,
    /// The score table.
    Table,
}

/// One area's points as found, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPoints {
    pub area: AreaNumber,
    pub points: Score,
    pub line: u32,
    pub place: PointsPlace,
}

/// What was recognised; each part only when it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognised {
    /// Name, code and line.
    pub municipality: Option<(String, MunicipalityCode, u32)>,
    /// Year, month and line.
    pub year: Option<(i32, Option<u8>, u32)>,
    pub revision: Option<Revision>,
    pub points: Vec<FoundPoints>,
    pub site: Option<Site>,
    /// Digits the site lost show (a page header without its numbers,
    /// "poäng" without its number).
    pub digits_lost: bool,
}

/// The last part of a report a text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// The title page, or what comes before any contents or chapter.
    Front,
    /// It stops within the table of contents.
    InContents,
    /// The contents (and the introduction after it), before any area chapter.
    Contents,
    /// The chapter of an area, the last one present.
    Chapter(AreaNumber),
    /// The score table, after this area's rows (none: at its heading).
    Table(Option<AreaNumber>),
}

/// A text that stops before the report's figures end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub recognised: Recognised,
    pub after: Reached,
    /// The page the text stops on, and the report's page count, when printed.
    pub page: Option<u32>,
    pub pages: Option<u32>,
    /// Areas whose chapters (after `Reached::Table`, whose rows) the text lacks.
    pub missing: Vec<AreaNumber>,
}

impl Recognised {
    /// The points found in one place, by area.
    pub fn points_in(&self, place: PointsPlace) -> Vec<&FoundPoints> {
        self.points.iter().filter(|p| p.place == place).collect()
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Site::Docplayer => "docplayer.se",
            Site::FiveDok => "5dok.org",
            Site::Unnamed => "a document-sharing site (one line per page)",
        })
    }
}

impl fmt::Display for PointsPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PointsPlace::Contents => "the table of contents",
            PointsPlace::Heading => "the chapter headings",
            PointsPlace::Chapter => "the chapters",
            PointsPlace::Table => "the score table",
        })
    }
}

impl Reached {
    /// Where the text stops, in English; the page follows it.
    fn english(self) -> String {
        match self {
            Reached::Front => "stops on its first pages".into(),
            Reached::InContents => "stops within the table of contents".into(),
            Reached::Contents => "stops after the table of contents".into(),
            Reached::Chapter(n) => format!("stops after the chapter of area {n}"),
            Reached::Table(None) => "stops at the score table's heading".into(),
            Reached::Table(Some(n)) => format!("stops in the score table, after area {n}"),
        }
    }
}

impl fmt::Display for Recognised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some((name, code, line)) = &self.municipality {
            parts.push(format!("{name} ({code}, line {line})"));
        }
        if let Some((year, month, line)) = self.year {
            let month = month
                .and_then(month_name_sv)
                .map(|m| format!("{m} "))
                .unwrap_or_default();
            parts.push(format!("{month}{year} (line {line})"));
        }
        if let Some(r) = self.revision {
            parts.push(format!("the {r} criteria"));
        }
        let mut places: Vec<PointsPlace> = self.points.iter().map(|p| p.place).collect();
        places.dedup();
        for place in places {
            let list: Vec<String> = self
                .points_in(place)
                .iter()
                .map(|p| format!("area {} {} (line {})", p.area, p.points, p.line))
                .collect();
            parts.push(format!("points in {place}: {}", list.join(", ")));
        }
        if parts.is_empty() {
            return f.write_str("nothing");
        }
        f.write_str(&parts.join("; "))
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the text {}", self.after.english())?;
        match (self.page, self.pages) {
            (Some(p), Some(n)) => write!(f, " (page {p} of {n})")?,
            (Some(p), None) => write!(f, " (page {p})")?,
            (None, Some(n)) => write!(f, " (the report has {n} pages)")?,
            (None, None) => {}
        }
        f.write_str(": it is the beginning of a report, not all of it")?;
        if let Some(site) = self.recognised.site {
            write!(f, ", a transcript from {site}")?;
            if self.recognised.digits_lost {
                f.write_str(" where digits are lost")?;
            }
        }
        write!(f, ". Recognised: {}", self.recognised)?;
        let mut lacking: Vec<String> = Vec::new();
        if self.recognised.municipality.is_none() {
            lacking.push("the municipality".into());
        }
        if self.recognised.year.is_none() {
            lacking.push("the year".into());
        }
        let areas: Vec<String> = self.missing.iter().map(ToString::to_string).collect();
        lacking.push(match self.after {
            Reached::Front | Reached::InContents | Reached::Contents => {
                "the area chapters and the score table".to_string()
            }
            Reached::Chapter(_) => format!(
                "the chapters of area(s) {} and the score table",
                areas.join(", ")
            ),
            Reached::Table(_) => format!("the score table's rows of area(s) {}", areas.join(", ")),
        });
        write!(f, ". Not in the text: {}", lacking.join(", "))
    }
}
