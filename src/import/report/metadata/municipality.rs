//! Which municipality a report evaluates: the one a phrase such as "Analys
//! av Kumla kommun" or "Utvärderingen av Kumla kommun" names, or else the one
//! mentioned far more often than any other.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::super::normalize::Line;
use super::super::prose::Prose;
use super::register::{Lookup, Register};
use super::{Found, NAME, regex};
use crate::domain::{Municipality, MunicipalityCode};
use crate::import::problem::{Field, MetadataProblem, Problem};

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

/// The municipality the report evaluates: the one its title or a phrase
/// such as "Utvärderingen av X kommun" names, else the one mentioned far
/// more than any other (in all the report's lines, made into running text
/// only then). Each doubt is a problem.
pub fn municipality(
    front: &Prose,
    all: &[Line],
    register: &Register<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Found<Municipality>> {
    let named = named_in_front(front, register, problems)?;
    match named.len() {
        1 => {
            return named
                .into_values()
                .next()
                .map(|(value, line)| Found { value, line });
        }
        n if n > 1 => {
            let list: Vec<(String, u32)> = named
                .values()
                .map(|(m, line)| (m.name.clone(), *line))
                .collect();
            problems.push(Problem::new(
                named.values().next().map(|(_, l)| *l),
                Field::Municipality,
                MetadataProblem::SeveralMunicipalities(list),
            ));
            return None;
        }
        _ => {}
    }
    most_mentioned(&Prose::of(all), register, problems)
}

/// Every municipality the front matter's phrases name, with its first
/// line; `None` (with a problem) when a name is ambiguous or unknown.
fn named_in_front(
    front: &Prose,
    register: &Register<'_>,
    problems: &mut Vec<Problem>,
) -> Option<BTreeMap<MunicipalityCode, (Municipality, u32)>> {
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
                    problems.push(Problem::new(
                        Some(line),
                        Field::Municipality,
                        MetadataProblem::AmbiguousName {
                            printed: m.as_str().to_string(),
                            candidates: list.iter().map(|x| (x.name.clone(), x.code)).collect(),
                        },
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
            Field::Municipality,
            MetadataProblem::UnknownName(name.clone()),
        ));
        return None;
    }
    Some(named)
}

/// No phrase names it: the municipality mentioned far more than any other.
fn most_mentioned(
    whole: &Prose,
    register: &Register<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Found<Municipality>> {
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
            let list: Vec<(String, usize)> = ranked
                .iter()
                .take(3)
                .map(|(n, m, _)| (m.name.clone(), *n))
                .collect();
            problems.push(Problem::new(
                None,
                Field::Municipality,
                MetadataProblem::MunicipalityUnclear(list),
            ));
            None
        }
    }
}
