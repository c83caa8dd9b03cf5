//! The rules every evaluation passes before it is stored, whatever file it
//! came from: known municipality and revision, areas and sub-areas from the
//! catalogue, figures within range, and the interval check of domain.md §4.

use std::collections::{BTreeMap, BTreeSet};

use super::Problem;
use super::evaluation_file::FileFacts;
use crate::domain::interval::{Interval, figure_interval};
use crate::domain::text::{fold_search, is_web_address};
use crate::domain::{
    AREA_MAX, Catalogue, Evaluation, Municipality, MunicipalityCode, Revision, Score, SubareaCode,
    TOTAL_MAX,
};

/// What validation checks against.
pub struct Reference<'a> {
    pub municipalities: &'a BTreeMap<MunicipalityCode, Municipality>,
    pub catalogue: &'a Catalogue,
    /// Sub-areas (with their max) already stored for revisions whose sub-areas
    /// the catalogue does not list: the first report to print them records them.
    pub recorded_subareas: &'a BTreeMap<(Revision, SubareaCode), Score>,
}

/// Something worth saying about an accepted evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice(pub String);

fn figure_label(number: u8) -> String {
    format!("area {number}")
}

/// Checks `e` against the reference; all problems at once, or the notices.
pub fn validate(
    e: &Evaluation,
    facts: &FileFacts,
    reference: &Reference<'_>,
) -> Result<Vec<Notice>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut notices = Vec::new();

    match reference.municipalities.get(&e.municipality) {
        None => problems.push(Problem::new(
            facts.municipality_line,
            "municipality",
            format!(
                "{} is not a municipality code in the register (municipalities.csv)",
                e.municipality
            ),
        )),
        Some(m) => {
            if let Some((name, line)) = &facts.municipality_name {
                let given = fold_search(name);
                let known = fold_search(&m.name);
                if given != known
                    && given != format!("{known} kommun")
                    && given != format!("{known} stad")
                {
                    problems.push(Problem::new(
                        Some(*line),
                        "municipality_name",
                        format!(
                            "{name:?} is not the name of {} ({})",
                            e.municipality, m.name
                        ),
                    ));
                }
            }
        }
    }

    let Some(revision) = reference.catalogue.revision(e.revision) else {
        let known: Vec<String> = reference
            .catalogue
            .revisions
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        problems.push(Problem::new(
            facts.revision_line,
            "revision",
            format!(
                "{} is not in the catalogue (known: {})",
                e.revision,
                known.join(", ")
            ),
        ));
        return Err(problems);
    };

    if let Some(url) = e.source.url.as_deref().filter(|u| !is_web_address(u)) {
        problems.push(Problem::new(
            facts.source_line,
            "source.url",
            format!("{url:?} is not a web address (http:// or https://)"),
        ));
    }

    for (i, d) in e.discrepancies.iter().enumerate() {
        let ok = d.figure == "total" || (1..=8).any(|n| d.figure == figure_label(n));
        if !ok {
            problems.push(Problem::new(
                facts.discrepancy_lines.get(i).copied().flatten(),
                "discrepancies.figure",
                format!(
                    "{:?} is not a figure (\"total\" or \"area 1\" ... \"area 8\")",
                    d.figure
                ),
            ));
        }
    }
    let recorded = |figure: &str| e.discrepancies.iter().any(|d| d.figure == figure);

    // Areas: each once, within 0-100, points and printed percent agreeing.
    let mut area_intervals: BTreeMap<u8, Interval> = BTreeMap::new();
    for a in &e.areas {
        let field = format!("areas ({})", a.number);
        if area_intervals.contains_key(&a.number) {
            problems.push(Problem::new(
                a.line,
                field,
                format!("area {} is listed twice", a.number),
            ));
            continue;
        }
        if revision.area(a.number).is_none() {
            problems.push(Problem::new(
                a.line,
                field,
                format!("{} has no area {}", e.revision, a.number),
            ));
            continue;
        }
        if a.points.tenths() > AREA_MAX.tenths() {
            problems.push(Problem::new(
                a.line,
                field,
                format!(
                    "{} points is above the area maximum of {AREA_MAX}",
                    a.points
                ),
            ));
            continue;
        }
        match figure_interval(a.points, a.percent, Some(AREA_MAX)) {
            Some(i) => {
                area_intervals.insert(a.number, i);
            }
            None => problems.push(Problem::new(
                a.line,
                field,
                format!(
                    "{} points and {}% of {AREA_MAX} cannot both be right (rounding allows no common value)",
                    a.points,
                    a.percent.map(|p| p.to_string()).unwrap_or_default()
                ),
            )),
        }
    }

    // Sub-areas: each once, from the catalogue (or consistent with what is
    // already recorded), within range, points and percent agreeing.
    let mut sub_intervals: BTreeMap<SubareaCode, Interval> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut newly_recorded = Vec::new();
    for s in &e.subareas {
        let field = format!("subareas ({})", s.code);
        if !seen.insert(s.code) {
            problems.push(Problem::new(
                s.line,
                field,
                format!("sub-area {} is listed twice", s.code),
            ));
            continue;
        }
        if revision.knows_subareas() {
            match revision.subarea(s.code) {
                None => {
                    problems.push(Problem::new(
                        s.line,
                        field,
                        format!(
                            "{} is not a sub-area of {} area {} in the catalogue",
                            s.code, e.revision, s.code.area
                        ),
                    ));
                    continue;
                }
                Some(def) if def.max != s.max => {
                    problems.push(Problem::new(
                        s.line,
                        format!("subareas ({}).max", s.code),
                        format!(
                            "max {} disagrees with the catalogue's {} for {} {}",
                            s.max, def.max, e.revision, s.code
                        ),
                    ));
                    continue;
                }
                Some(_) => {}
            }
        } else {
            match reference.recorded_subareas.get(&(e.revision, s.code)) {
                Some(max) if *max != s.max => {
                    problems.push(Problem::new(
                        s.line,
                        format!("subareas ({}).max", s.code),
                        format!(
                            "max {} disagrees with the {} already recorded for {} {}",
                            s.max, max, e.revision, s.code
                        ),
                    ));
                    continue;
                }
                Some(_) => {}
                None => newly_recorded.push(s.code.to_string()),
            }
        }
        if s.max.tenths() <= 0 || s.max.tenths() > AREA_MAX.tenths() {
            problems.push(Problem::new(
                s.line,
                format!("subareas ({}).max", s.code),
                format!("max {} must be above 0 and at most {AREA_MAX}", s.max),
            ));
            continue;
        }
        if s.points.tenths() > s.max.tenths() {
            problems.push(Problem::new(
                s.line,
                format!("subareas ({}).points", s.code),
                format!("{} is outside [0, {}]", s.points, s.max),
            ));
            continue;
        }
        if s.percent.is_some_and(|p| p.tenths() > 1000) {
            problems.push(Problem::new(
                s.line,
                format!("subareas ({}).percent", s.code),
                "a percent above 100",
            ));
            continue;
        }
        match figure_interval(s.points, s.percent, Some(s.max)) {
            Some(i) => {
                sub_intervals.insert(s.code, i);
            }
            None => problems.push(Problem::new(
                s.line,
                format!("subareas ({})", s.code),
                format!(
                    "{} points of {} and {}% cannot both be right: {}% of {} is {}, which does not round to {}",
                    s.points,
                    s.max,
                    s.percent.map(|p| p.to_string()).unwrap_or_default(),
                    s.percent.map(|p| p.to_string()).unwrap_or_default(),
                    s.max,
                    s.percent.map(|p| Interval::of_percent(p, s.max).to_string()).unwrap_or_default(),
                    s.points
                ),
            )),
        }
    }
    if !newly_recorded.is_empty() {
        notices.push(Notice(format!(
            "the catalogue does not list the sub-areas of {}; recording {} as printed here",
            e.revision,
            newly_recorded.join(", ")
        )));
    }

    // Each area's sub-areas: all or none, and their sum meets the area total.
    for number in 1..=8u8 {
        let given: Vec<SubareaCode> = e
            .subareas
            .iter()
            .filter(|s| s.code.area == number)
            .map(|s| s.code)
            .collect();
        if given.is_empty() {
            continue;
        }
        let expected: Vec<SubareaCode> = match revision.area(number) {
            Some(def) if !def.subareas.is_empty() => def.subareas.iter().map(|s| s.code).collect(),
            _ => given.clone(),
        };
        let missing: Vec<String> = expected
            .iter()
            .filter(|c| !given.contains(c))
            .map(ToString::to_string)
            .collect();
        let first_line = e
            .subareas
            .iter()
            .find(|s| s.code.area == number)
            .and_then(|s| s.line);
        if !missing.is_empty() {
            problems.push(Problem::new(
                first_line,
                format!("subareas (area {number})"),
                format!(
                    "missing sub-area(s) {}: give all of an area's sub-areas or none",
                    missing.join(", ")
                ),
            ));
            continue;
        }
        let parts: Option<Vec<Interval>> = expected
            .iter()
            .map(|c| sub_intervals.get(c).copied())
            .collect();
        let (Some(parts), Some(area_interval)) = (parts, area_intervals.get(&number)) else {
            continue;
        };
        let sum = Interval::sum(&parts);
        if !sum.meets(area_interval) && !recorded(&figure_label(number)) {
            let area = e.area(number);
            problems.push(Problem::new(
                area.and_then(|a| a.line),
                format!("areas ({number})"),
                format!(
                    "the sub-areas of area {number} add up to {sum} points allowing for rounding, which the printed area total {} cannot be; \
                     fix the typo, or record the difference as published with a [[discrepancies]] entry for \"area {number}\"",
                    area.map(|a| a.points.to_string()).unwrap_or_default()
                ),
            ));
        }
    }

    // The published total against the areas, when all eight are present.
    if let Some(total) = e.total {
        if total.tenths() > TOTAL_MAX.tenths() {
            problems.push(Problem::new(
                e.total_line,
                "total",
                format!("{total} is above the maximum of 800"),
            ));
        } else if area_intervals.len() == 8 {
            let sum = Interval::sum(area_intervals.values());
            if !sum.meets(&Interval::of_printed(total)) && !recorded("total") {
                problems.push(Problem::new(
                    e.total_line,
                    "total",
                    format!(
                        "the eight areas add up to {sum} allowing for rounding, but the published total is {total}; \
                         fix the typo, or record the difference as published with a [[discrepancies]] entry for \"total\""
                    ),
                ));
            }
        }
    }

    if problems.is_empty() {
        Ok(notices)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::import::evaluation_file::parse;
    use crate::import::reference::{parse_catalogue, parse_municipalities};

    const KUMLA: &str = include_str!("../../data-import/evaluations/1881-kumla-2020.toml");

    fn check(text: &str) -> Result<Vec<Notice>, Vec<Problem>> {
        let catalogue = parse_catalogue(
            Path::new("c"),
            include_str!("../../data-import/catalogue.toml"),
        )
        .unwrap();
        let register: BTreeMap<MunicipalityCode, Municipality> = parse_municipalities(
            Path::new("m"),
            include_str!("../../data-import/municipalities.csv"),
        )
        .unwrap()
        .into_iter()
        .map(|m| (m.code, m))
        .collect();
        let recorded = BTreeMap::new();
        let parsed = parse(Path::new("k.toml"), text).unwrap();
        let reference = Reference {
            municipalities: &register,
            catalogue: &catalogue,
            recorded_subareas: &recorded,
        };
        validate(&parsed.evaluation, &parsed.facts, &reference)
    }

    #[test]
    fn kumla_2020_passes_every_check() {
        assert_eq!(check(KUMLA), Ok(vec![]));
    }

    #[test]
    fn typos_in_kumla_2020_fail_the_interval_check() {
        for (from, to, field) in [
            (
                "code = \"3.2\", points = 33, max = 40, percent = 84",
                "code = \"3.2\", points = 43, max = 40, percent = 84",
                "subareas (3.2).points",
            ),
            (
                "code = \"1.3\", points = 18, max = 30, percent = 60",
                "code = \"1.3\", points = 18, max = 30, percent = 66",
                "subareas (1.3)",
            ),
            (
                "number = 4, points = 60, percent = 60",
                "number = 4, points = 66, percent = 66",
                "areas (4)",
            ),
            ("total = 557", "total = 575", "total"),
        ] {
            assert!(KUMLA.contains(from), "{from}");
            let problems = check(&KUMLA.replace(from, to)).unwrap_err();
            assert_eq!(problems[0].field, field, "{to}: {problems:?}");
        }
    }

    #[test]
    fn unknown_sub_areas_of_older_revisions_are_recorded_with_a_notice() {
        let text = r#"
municipality = "0980"
year = 2014
revision = "v2010"
areas = [ { number = 1, points = 61 } ]
subareas = [
  { code = "1.1", points = 30, max = 50 },
  { code = "1.2", points = 31, max = 50 },
]
"#;
        let notices = check(text).unwrap();
        assert_eq!(notices.len(), 1);
        assert!(notices[0].0.contains("recording 1.1, 1.2"), "{notices:?}");
    }
}
