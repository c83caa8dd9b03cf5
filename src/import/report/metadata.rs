//! Who and when: the municipality (named in the title and text, mapped to its
//! code through the register), the month and year of the evaluation, its
//! number ("kommunens andra utvärdering"), the evaluators and the title.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::normalize::Line;
use super::prose::Prose;
use crate::domain::evaluation::MONTHS_SV;
use crate::domain::text::{fold_name, fold_search};
use crate::domain::{Municipality, MunicipalityCode};
use crate::import::Problem;

/// A municipality's name as printed: one to three capitalised words.
const NAME: &str = r"(\p{Lu}[\p{L}]*(?:[- ]\p{Lu}[\p{L}]*){0,2})";

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this file; a broken one fails every test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("report pattern {pattern:?}: {e}"))
}

/// Phrases that name the evaluated municipality itself.
static NAMING: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"(?i:analys\s+av)\s+(?:(?i:region)\s+)?{NAME}\s+(?i:kommun|stad)\b"),
        format!(r"(?i:analys\s+av)\s+(?i:region)\s+{NAME}"),
        format!(r"(?i:utvärderingen\s+av)\s+(?:(?i:region)\s+)?{NAME}\s+(?i:kommun|stad)\b"),
        format!(r"(?i:utvärderingen\s+av)\s+(?i:region)\s+{NAME}"),
        format!(r"{NAME}\s+(?i:kommun|stad)\s+(?i:i\s+förhållande\s+till)"),
        format!(r"(?i:region)\s+{NAME}\s+(?i:i\s+förhållande\s+till)"),
    ]
    .iter()
    .map(|p| regex(p))
    .collect()
});

/// Any "X kommun", counted when no phrase above names the municipality.
static MENTION: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"{NAME}\s+(?i:kommuns?|stads?)\b")));

static WHEN: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTHS_SV.join("|");
    regex(&format!(
        r"(?i)\b(?:genomfördes|gjordes|utfördes|skedde|ägde\s+rum)\b[^.]{{0,60}}?\b({months})\b[^.]{{0,30}}?\b((?:19|20)\d\d)\b"
    ))
});

/// "genomfördes under hösten 2019": a year without its month.
static WHEN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:genomfördes|gjordes|utfördes|skedde|ägde\s+rum)\b[^.]{0,60}?\b((?:19|20)\d\d)\b",
    )
});

static TITLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\banalys\s+av\b[^.]{0,60}?\b((?:19|20)\d\d)\b"));

const ORDINALS: [&str; 10] = [
    "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde",
    "tionde",
];

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b({})\s+(?:utvärdering\w*|gången)\b",
        ORDINALS.join("|")
    ))
});

/// Where a fact was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub municipality: Found<Municipality>,
    pub year: Found<i32>,
    pub month: Option<Found<u8>>,
    pub evaluation_number: Option<Found<u8>>,
    pub evaluators: Vec<String>,
    pub title: Option<String>,
}

enum Lookup<'a> {
    Found(&'a Municipality),
    Ambiguous(Vec<&'a Municipality>),
    Unknown,
}

/// The register indexed by folded name, exact and without diacritics.
struct Register<'a> {
    exact: BTreeMap<String, &'a Municipality>,
    loose: BTreeMap<String, Vec<&'a Municipality>>,
}

impl<'a> Register<'a> {
    fn new(municipalities: &'a [Municipality]) -> Self {
        let mut exact = BTreeMap::new();
        let mut loose: BTreeMap<String, Vec<&Municipality>> = BTreeMap::new();
        for m in municipalities {
            exact.insert(fold_name(&m.name), m);
            loose.entry(fold_search(&m.name)).or_default().push(m);
        }
        Self { exact, loose }
    }

    /// A printed name, also in the genitive ("Kumlas", "Stockholms stad").
    fn lookup_one(&self, phrase: &str) -> Lookup<'a> {
        let folded = fold_name(phrase);
        let mut forms = vec![folded.clone()];
        if let Some(stem) = folded.strip_suffix('s') {
            forms.push(stem.to_string());
        }
        if let Some(m) = forms.iter().find_map(|f| self.exact.get(f)) {
            return Lookup::Found(m);
        }
        for form in &forms {
            match self.loose.get(&fold_search(form)).map(Vec::as_slice) {
                Some([one]) => return Lookup::Found(one),
                Some(many) if many.len() > 1 => return Lookup::Ambiguous(many.to_vec()),
                _ => {}
            }
        }
        Lookup::Unknown
    }

    /// The longest tail of the phrase that names a municipality ("I Kumla"
    /// is Kumla, "Upplands Väsby" is not Väsby).
    fn lookup(&self, phrase: &str) -> Lookup<'a> {
        let tails = std::iter::once(phrase).chain(
            phrase
                .char_indices()
                .filter(|(_, c)| *c == ' ' || *c == '-')
                .map(|(i, _)| &phrase[i + 1..]),
        );
        let mut ambiguous = None;
        for tail in tails {
            match self.lookup_one(tail) {
                Lookup::Found(m) => return Lookup::Found(m),
                Lookup::Ambiguous(list) => ambiguous = ambiguous.or(Some(list)),
                Lookup::Unknown => {}
            }
        }
        match ambiguous {
            Some(list) => Lookup::Ambiguous(list),
            None => Lookup::Unknown,
        }
    }
}

fn municipality(
    front: &Prose,
    whole: &Prose,
    municipalities: &[Municipality],
    problems: &mut Vec<Problem>,
) -> Option<Found<Municipality>> {
    let register = Register::new(municipalities);
    let mut named: BTreeMap<MunicipalityCode, (Municipality, u32)> = BTreeMap::new();
    let mut unknown = Vec::new();
    let mut seen = BTreeSet::new();
    for pattern in NAMING.iter() {
        for caps in pattern.captures_iter(&front.text) {
            let Some(m) = caps.get(1) else { continue };
            if !seen.insert(m.start()) {
                continue;
            }
            let line = front.line_at(m.start());
            match register.lookup(m.as_str()) {
                Lookup::Found(found) => {
                    let entry = named.entry(found.code).or_insert((found.clone(), line));
                    entry.1 = entry.1.min(line);
                }
                Lookup::Ambiguous(list) => {
                    let names: Vec<String> = list
                        .iter()
                        .map(|x| format!("{} ({})", x.name, x.code))
                        .collect();
                    problems.push(Problem::new(
                        Some(line),
                        "municipality",
                        format!(
                            "\"{}\" could be {}; the report must spell the name as the register does",
                            m.as_str(),
                            names.join(" or ")
                        ),
                    ));
                    return None;
                }
                Lookup::Unknown => unknown.push((m.as_str().to_string(), line)),
            }
        }
    }
    unknown.sort_by_key(|(_, line)| *line);
    if let Some((name, line)) = unknown.first() {
        problems.push(Problem::new(
            Some(*line),
            "municipality",
            format!("the report names \"{name}\", which is not a municipality in the register (municipalities.csv)"),
        ));
        return None;
    }
    match named.len() {
        1 => {
            return named
                .into_values()
                .next()
                .map(|(value, line)| Found { value, line });
        }
        n if n > 1 => {
            let list: Vec<String> = named
                .values()
                .map(|(m, line)| format!("{} (line {line})", m.name))
                .collect();
            problems.push(Problem::new(
                named.values().next().map(|(_, l)| *l),
                "municipality",
                format!(
                    "the report names several municipalities as the one evaluated: {}",
                    list.join(", ")
                ),
            ));
            return None;
        }
        _ => {}
    }
    // No phrase names it: the municipality mentioned far more than any other.
    let mut counts: BTreeMap<MunicipalityCode, (usize, Municipality, u32)> = BTreeMap::new();
    for caps in MENTION.captures_iter(&whole.text) {
        let Some(m) = caps.get(1) else { continue };
        if let Lookup::Found(found) = register.lookup(m.as_str()) {
            let entry =
                counts
                    .entry(found.code)
                    .or_insert((0, found.clone(), whole.line_at(m.start())));
            entry.0 += 1;
        }
    }
    let mut ranked: Vec<(usize, Municipality, u32)> = counts.into_values().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    match ranked.as_slice() {
        [(n, m, line), rest @ ..] if *n >= 3 && rest.first().is_none_or(|r| r.0 * 2 < *n) => {
            Some(Found {
                value: m.clone(),
                line: *line,
            })
        }
        _ => {
            let list: Vec<String> = ranked
                .iter()
                .take(3)
                .map(|(n, m, _)| format!("{} ({n} times)", m.name))
                .collect();
            problems.push(Problem::new(
                None,
                "municipality",
                format!(
                    "cannot tell which municipality was evaluated: no title or sentence such as \
                     \"Utvärderingen av X kommun\" names it{}",
                    if list.is_empty() {
                        String::new()
                    } else {
                        format!(", and mentions are too even ({})", list.join(", "))
                    }
                ),
            ));
            None
        }
    }
}

fn month_number(name: &str) -> Option<u8> {
    let folded = fold_name(name);
    MONTHS_SV
        .iter()
        .position(|m| *m == folded)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// "Utvärderare: Lars Strid, senior konsult (SKL) och Ulrika Elming, Ängelholms kommun".
fn evaluators(front: &[Line]) -> Vec<String> {
    let Some(at) = front.iter().position(|l| {
        l.words()
            .any(|w| matches!(w.trim_end_matches(':'), "Utvärderare" | "UTVÄRDERARE"))
    }) else {
        return vec![];
    };
    let line = &front[at].text;
    let word_at = line
        .find("Utvärderare")
        .or_else(|| line.find("UTVÄRDERARE"))
        .unwrap_or(0);
    let mut rest = line[word_at..]
        .split_once(char::is_whitespace)
        .map_or("", |(_, r)| r)
        .trim_start_matches(':')
        .trim()
        .to_string();
    if let Some(next) = front.get(at + 1)
        && (rest.is_empty() || rest.ends_with(" och") || rest.ends_with(','))
    {
        rest = format!("{rest} {}", next.collapsed());
    }
    let is_person = |piece: &str| {
        let words: Vec<&str> = piece.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !matches!(fold_name(w).as_str(), "skl" | "skr" | "region" | "kommun")
            })
    };
    rest.split(" och ")
        .flat_map(|part| part.split([',', ';']))
        .map(str::trim)
        .filter(|p| is_person(p))
        .map(str::to_string)
        .collect()
}

fn title(front: &[Line]) -> Option<String> {
    front.iter().take(40).find_map(|l| {
        let folded = fold_name(&l.text);
        folded.contains("analys av").then(|| {
            let text = l.collapsed();
            let cut = text.find("Utvärderare").unwrap_or(text.len());
            text[..cut].trim().to_string()
        })
    })
}

/// Reads the metadata from the front matter (and, for the municipality's
/// name as a last resort, the whole text).
pub fn read(
    front: &[Line],
    all: &[Line],
    municipalities: &[Municipality],
) -> Result<Metadata, Vec<Problem>> {
    let mut problems = Vec::new();
    let prose = Prose::of(front);
    let whole = Prose::of(all);
    let municipality = municipality(&prose, &whole, municipalities, &mut problems);

    let when = WHEN.captures(&prose.text).and_then(|c| {
        let month = c.get(1)?;
        let year = c.get(2)?;
        Some((
            Found {
                value: month_number(month.as_str())?,
                line: prose.line_at(month.start()),
            },
            Found {
                value: year.as_str().parse::<i32>().ok()?,
                line: prose.line_at(year.start()),
            },
        ))
    });
    let (month, year) = match when {
        Some((m, y)) => (Some(m), Some(y)),
        None => {
            let year = [&*WHEN_YEAR, &*TITLE_YEAR].iter().find_map(|pattern| {
                let c = pattern.captures(&prose.text)?;
                let y = c.get(1)?;
                Some(Found {
                    value: y.as_str().parse::<i32>().ok()?,
                    line: prose.line_at(y.start()),
                })
            });
            (None, year)
        }
    };
    if year.is_none() {
        problems.push(Problem::new(
            None,
            "year",
            "found no evaluation date: looked for \"genomfördes i <månad> <år>\" and a title \"Analys av X kommun <år>\"",
        ));
    }

    let numbers: Vec<Found<u8>> = NUMBER
        .captures_iter(&prose.text)
        .filter_map(|c| {
            let word = c.get(1)?;
            let folded = fold_name(word.as_str());
            let n = ORDINALS.iter().position(|o| *o == folded)?;
            Some(Found {
                value: u8::try_from(n + 1).ok()?,
                line: prose.line_at(word.start()),
            })
        })
        .collect();
    let evaluation_number = match numbers.as_slice() {
        [first, rest @ ..] if rest.iter().all(|n| n.value == first.value) => Some(first.clone()),
        _ => None,
    };

    match (municipality, year) {
        (Some(municipality), Some(year)) if problems.is_empty() => Ok(Metadata {
            municipality,
            year,
            month,
            evaluation_number,
            evaluators: evaluators(front),
            title: title(front),
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn register() -> Vec<Municipality> {
        [
            ("1881", "Kumla"),
            ("1880", "Örebro"),
            ("0643", "Habo"),
            ("0305", "Håbo"),
            ("0180", "Stockholm"),
            ("0114", "Upplands Väsby"),
            ("1490", "Borås"),
            ("0781", "Ljungby"),
            ("0980", "Gotland"),
        ]
        .iter()
        .map(|(code, name)| Municipality {
            code: code.parse().unwrap(),
            name: name.to_string(),
            county_code: code[..2].to_string(),
            county: String::new(),
        })
        .collect()
    }

    fn read_text(text: &str) -> Result<Metadata, Vec<Problem>> {
        let lines = normalize(text);
        read(&lines, &lines, &register())
    }

    #[test]
    fn reads_the_seed_sentences() {
        let m = read_text(
            " 2. Kumla kommun i förhållande\n\ntill Kommunkompassen\n\nUtvärderingen \n\n\
             Utvärderingen av Kumla kommun genomfördes i november 2020 och var \n\n\
             kommunens andra utvärdering enligt Kommunkompassen. Örebro kommun och Örebro kommun.",
        )
        .unwrap();
        assert_eq!(m.municipality.value.code.as_str(), "1881");
        assert_eq!((m.year.value, m.year.line), (2020, 7));
        assert_eq!(m.month.map(|m| m.value), Some(11));
        assert_eq!(m.evaluation_number.map(|n| (n.value, n.line)), Some((2, 9)));
    }

    #[test]
    fn reads_a_title_page_with_evaluators() {
        let m = read_text(
            "KommunKompassen\nANALYS AV LJUNGBY KOMMUN 2018 Utvärderare: Lars Strid, senior konsult (SKL) och\nUlrika Elming, Ängelholms kommun\n",
        )
        .unwrap();
        assert_eq!(m.municipality.value.name, "Ljungby");
        assert_eq!((m.year.value, m.month), (2018, None));
        assert_eq!(m.evaluators, vec!["Lars Strid", "Ulrika Elming"]);
        assert_eq!(m.title.as_deref(), Some("ANALYS AV LJUNGBY KOMMUN 2018"));
    }

    #[test]
    fn reads_genitives_and_multi_word_names() {
        let m = read_text("Analys av Stockholms stad 2019\n").unwrap();
        assert_eq!(m.municipality.value.name, "Stockholm");
        let m =
            read_text("Utvärderingen av Upplands Väsby kommun genomfördes i maj 2016.").unwrap();
        assert_eq!(
            (m.municipality.value.name.as_str(), m.month.map(|m| m.value)),
            ("Upplands Väsby", Some(5))
        );
        let m = read_text("Utvärderingen av Region Gotland genomfördes i oktober 2014.").unwrap();
        assert_eq!(m.municipality.value.name, "Gotland");
        let m = read_text("Analys av Borås stad 2015").unwrap();
        assert_eq!(m.municipality.value.name, "Borås");
    }

    #[test]
    fn refuses_unknown_ambiguous_and_conflicting_names() {
        let err =
            read_text("Utvärderingen av Kumlinge kommun genomfördes i november 2020.").unwrap_err();
        assert_eq!(err[0].line, Some(1));
        assert!(err[0].message.contains("\"Kumlinge\""), "{err:?}");
        let err = read_text(
            "Utvärderingen av Habo kommun genomfördes i maj 2020.\nAnalys av Håbo kommun 2020",
        )
        .unwrap_err();
        assert!(err[0].message.contains("several"), "{err:?}");
        let err = read_text("Analys av HABO kommun 2020").map(|m| m.municipality.value.name);
        assert_eq!(err, Ok("Habo".to_string()));
        let err = read_text("Analys av Habö kommun 2020").unwrap_err();
        assert!(
            err[0].message.contains("Habo (0643) or Håbo (0305)"),
            "{err:?}"
        );
        let err = read_text("Ingenting här 2020").unwrap_err();
        assert!(err.iter().any(|p| p.field == "municipality"), "{err:?}");
    }

    #[test]
    fn reads_a_year_without_its_month() {
        let m = read_text("Utvärderingen av Kumla kommun genomfördes under hösten\n2019.").unwrap();
        assert_eq!((m.year.value, m.year.line, m.month), (2019, 2, None));
    }

    #[test]
    fn falls_back_to_the_most_mentioned_municipality() {
        let m = read_text(
            "I Kumla kommun finns mycket. Kumla kommun är bra. Kumla kommuns arbete. Örebro kommun.\nAnalys 2020: genomfördes i mars 2020",
        )
        .unwrap();
        assert_eq!(m.municipality.value.name, "Kumla");
    }
}
