//! The rules every evaluation passes before it is stored, whatever file it
//! came from: known municipality and revision, areas and sub-areas from the
//! catalogue, figures within range, and the interval check of domain.md §4.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use super::evaluation_file::FileFacts;
use super::problem::Problem;
use crate::domain::interval::{Interval, figure_interval};
use crate::domain::text::{fold_search, is_web_address};
use crate::domain::{
    AREA_MAX, AreaNumber, AreaScore, Catalogue, Evaluation, Figure, Municipality, MunicipalityCode,
    Revision, RevisionDefinition, Score, SubareaCode, SubareaScore, TOTAL_MAX,
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

/// The rules every evaluation passes, each a `check_*` function below, in
/// the order they run. A review lists them by name: which passed, which
/// failed and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// The code is in the register; a name beside it is its name.
    Municipality,
    /// The revision is in the catalogue (the rules after it need it).
    Revision,
    /// A source address is a web address.
    Source,
    /// Each stated change is about a printed figure, an earlier year, with a
    /// web page as its source (a recorded discrepancy's figure is read as one
    /// with the file).
    Discrepancies,
    /// Each area once, of the revision, within 0-100, points and percent agreeing.
    Areas,
    /// Each sub-area once, from the catalogue, within range, points and percent agreeing.
    Subareas,
    /// An area's sub-areas all or none, adding up to its total within rounding.
    AreaSums,
    /// The total at most 800, the eight areas adding up to it within rounding.
    Total,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::Municipality,
        Rule::Revision,
        Rule::Source,
        Rule::Discrepancies,
        Rule::Areas,
        Rule::Subareas,
        Rule::AreaSums,
        Rule::Total,
    ];
}

/// One rule applied to one evaluation: passed when it found no problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOutcome {
    pub rule: Rule,
    pub problems: Vec<Problem>,
}

impl RuleOutcome {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Every rule's outcome (the rules after an unknown revision do not run),
/// and what is worth saying when all passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation {
    pub outcomes: Vec<RuleOutcome>,
    pub notices: Vec<Notice>,
}

impl Validation {
    pub fn passed(&self) -> bool {
        self.outcomes.iter().all(RuleOutcome::passed)
    }

    /// Every problem, in the order the rules ran.
    pub fn problems(&self) -> Vec<Problem> {
        self.outcomes
            .iter()
            .flat_map(|o| o.problems.iter().cloned())
            .collect()
    }
}

/// Checks `e` against the reference; all problems at once, or the notices.
/// `facts` gives the lines a file printed (default for a stored evaluation,
/// whose messages then name no line).
pub fn validate(
    e: &Evaluation,
    facts: &FileFacts,
    reference: &Reference<'_>,
) -> Result<Vec<Notice>, Vec<Problem>> {
    let v = check_all(e, facts, reference);
    if v.passed() {
        Ok(v.notices)
    } else {
        Err(v.problems())
    }
}

/// Applies every rule to `e`, each on its own, so that a review can say
/// which passed; `validate` is this with the outcomes folded into a result.
pub fn check_all(e: &Evaluation, facts: &FileFacts, reference: &Reference<'_>) -> Validation {
    let mut outcomes = Vec::new();
    let mut record = |rule: Rule, problems: Vec<Problem>| {
        outcomes.push(RuleOutcome { rule, problems });
    };
    record(
        Rule::Municipality,
        check_municipality(e, facts, reference.municipalities),
    );
    let revision = match check_revision(e, facts, reference.catalogue) {
        Ok(revision) => revision,
        Err(problem) => {
            record(Rule::Revision, vec![problem]);
            return Validation {
                outcomes,
                notices: vec![],
            };
        }
    };
    record(Rule::Revision, vec![]);
    record(Rule::Source, check_source(e, facts).into_iter().collect());
    record(Rule::Discrepancies, check_stated_changes(e));
    let areas = check_areas(e, revision);
    let subareas = check_subareas(e, revision, reference.recorded_subareas);
    let sums = check_area_sums(e, revision, &areas.intervals, &subareas.intervals);
    let total = check_total(e, &areas.intervals);
    record(Rule::Areas, areas.problems);
    record(Rule::Subareas, subareas.problems);
    record(Rule::AreaSums, sums);
    record(Rule::Total, total.into_iter().collect());
    let mut notices = Vec::new();
    if !subareas.recorded.is_empty() {
        let codes: Vec<String> = subareas.recorded.iter().map(ToString::to_string).collect();
        notices.push(Notice(format!(
            "the catalogue does not list the sub-areas of {}; recording {} as printed here",
            e.revision,
            codes.join(", ")
        )));
    }
    Validation { outcomes, notices }
}

/// The municipality is in the register, and a name written beside the code is its name.
pub fn check_municipality(
    e: &Evaluation,
    facts: &FileFacts,
    register: &BTreeMap<MunicipalityCode, Municipality>,
) -> Vec<Problem> {
    let Some(m) = register.get(&e.municipality) else {
        return vec![Problem::new(
            facts.municipality_line,
            "municipality",
            format!(
                "{} is not a municipality code in the register (municipalities.csv)",
                e.municipality
            ),
        )];
    };
    let Some((name, line)) = &facts.municipality_name else {
        return vec![];
    };
    let given = fold_search(name);
    let known = fold_search(&m.name);
    if given == known || given == format!("{known} kommun") || given == format!("{known} stad") {
        return vec![];
    }
    vec![Problem::new(
        Some(*line),
        "municipality_name",
        format!(
            "{name:?} is not the name of {} ({})",
            e.municipality, m.name
        ),
    )]
}

/// The revision is in the catalogue (every later rule needs its definition).
pub fn check_revision<'c>(
    e: &Evaluation,
    facts: &FileFacts,
    catalogue: &'c Catalogue,
) -> Result<&'c RevisionDefinition, Problem> {
    catalogue.revision(e.revision).ok_or_else(|| {
        let known: Vec<String> = catalogue
            .revisions
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        Problem::new(
            facts.revision_line,
            "revision",
            format!(
                "{} is not in the catalogue (known: {})",
                e.revision,
                known.join(", ")
            ),
        )
    })
}

/// A source address is a web address (never `javascript:` or a file path).
pub fn check_source(e: &Evaluation, facts: &FileFacts) -> Option<Problem> {
    let url = e.source.url.as_deref().filter(|u| !is_web_address(u))?;
    Some(Problem::new(
        facts.source_line,
        "source.url",
        format!("{url:?} is not a web address (http:// or https://)"),
    ))
}

/// Each stated change is about a figure this evaluation published, against
/// an earlier year, once, and names a web page as its source.
pub fn check_stated_changes(e: &Evaluation) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, s) in e.stated_changes.iter().enumerate() {
        let field = |f: &str| format!("stated_changes[{i}].{f}");
        let published = match s.figure {
            Figure::Total => e.total.is_some(),
            Figure::Area(n) => e.area(n).is_some(),
        };
        if !published {
            problems.push(Problem::new(
                s.line,
                field("figure"),
                format!(
                    "{} is not published in this file; a stated change is about a figure it prints",
                    s.figure
                ),
            ));
        }
        if s.since >= e.year {
            problems.push(Problem::new(
                s.line,
                field("since"),
                format!(
                    "{} is not before the evaluation itself ({})",
                    s.since, e.year
                ),
            ));
        }
        if !is_web_address(&s.source) {
            problems.push(Problem::new(
                s.line,
                field("source"),
                format!("{:?} is not a web address (http:// or https://)", s.source),
            ));
        }
        if !seen.insert((s.figure, s.since)) {
            problems.push(Problem::new(
                s.line,
                field("figure"),
                format!("a change of {} since {} is stated twice", s.figure, s.since),
            ));
        }
    }
    problems
}

/// Figures that passed their own checks, as the intervals their rounding allows.
#[derive(Debug)]
pub struct Checked<K> {
    pub intervals: BTreeMap<K, Interval>,
    pub problems: Vec<Problem>,
    /// Sub-areas recorded here for a revision the catalogue lists none of.
    pub recorded: Vec<SubareaCode>,
}

impl<K> Default for Checked<K> {
    fn default() -> Self {
        Self {
            intervals: BTreeMap::new(),
            problems: vec![],
            recorded: vec![],
        }
    }
}

/// Areas: each once, in the revision, within 0-100, points and printed
/// percent agreeing.
pub fn check_areas(e: &Evaluation, revision: &RevisionDefinition) -> Checked<AreaNumber> {
    let mut out = Checked::default();
    for a in &e.areas {
        let message = match out.intervals.entry(a.number) {
            Entry::Occupied(_) => format!("area {} is listed twice", a.number),
            Entry::Vacant(slot) => match area_interval(e, revision, a) {
                Ok(interval) => {
                    slot.insert(interval);
                    continue;
                }
                Err(message) => message,
            },
        };
        let field = format!("areas ({})", a.number);
        out.problems.push(Problem::new(a.line, field, message));
    }
    out
}

/// An area of the revision within 0-100, and the interval its points and
/// printed percent share.
fn area_interval(
    e: &Evaluation,
    revision: &RevisionDefinition,
    a: &AreaScore,
) -> Result<Interval, String> {
    if revision.area(a.number).is_none() {
        return Err(format!("{} has no area {}", e.revision, a.number));
    }
    if a.points.tenths() > AREA_MAX.tenths() {
        return Err(format!(
            "{} points is above the area maximum of {AREA_MAX}",
            a.points
        ));
    }
    figure_interval(a.points, a.percent, Some(AREA_MAX)).ok_or_else(|| {
        format!(
            "{} points and {}% of {AREA_MAX} cannot both be right (rounding allows no common value)",
            a.points,
            a.percent.map(|p| p.to_string()).unwrap_or_default()
        )
    })
}

/// Sub-areas: each once, from the catalogue (or agreeing with what is
/// already recorded for a revision it lists none of), within range, points
/// and percent agreeing.
pub fn check_subareas(
    e: &Evaluation,
    revision: &RevisionDefinition,
    recorded: &BTreeMap<(Revision, SubareaCode), Score>,
) -> Checked<SubareaCode> {
    let mut out = Checked::default();
    let mut seen = BTreeSet::new();
    for s in &e.subareas {
        if !seen.insert(s.code) {
            out.problems.push(Problem::new(
                s.line,
                format!("subareas ({})", s.code),
                format!("sub-area {} is listed twice", s.code),
            ));
            continue;
        }
        let checked = check_subarea_definition(s, e.revision, revision, recorded)
            .and_then(|new| subarea_interval(s).map(|i| (new, i)));
        match checked {
            Ok((new, interval)) => {
                out.recorded.extend(new.then_some(s.code));
                out.intervals.insert(s.code, interval);
            }
            Err(problem) => out.problems.push(problem),
        }
    }
    out
}

/// The sub-area's code and max as the catalogue defines them, or as first
/// recorded for a revision the catalogue lists none of. `Ok(true)`: this is
/// the first time the sub-area is printed.
fn check_subarea_definition(
    s: &SubareaScore,
    id: Revision,
    revision: &RevisionDefinition,
    recorded: &BTreeMap<(Revision, SubareaCode), Score>,
) -> Result<bool, Problem> {
    let max_problem =
        |message: String| Problem::new(s.line, format!("subareas ({}).max", s.code), message);
    if !revision.knows_subareas() {
        return match recorded.get(&(id, s.code)) {
            Some(max) if *max != s.max => Err(max_problem(format!(
                "max {} disagrees with the {} already recorded for {} {}",
                s.max, max, id, s.code
            ))),
            Some(_) => Ok(false),
            None => Ok(true),
        };
    }
    match revision.subarea(s.code) {
        None => Err(Problem::new(
            s.line,
            format!("subareas ({})", s.code),
            format!(
                "{} is not a sub-area of {} area {} in the catalogue",
                s.code, id, s.code.area
            ),
        )),
        Some(def) if def.max != s.max => Err(max_problem(format!(
            "max {} disagrees with the catalogue's {} for {} {}",
            s.max, def.max, id, s.code
        ))),
        Some(_) => Ok(false),
    }
}

/// A sub-area's figures in range, and the interval its points and percent share.
fn subarea_interval(s: &SubareaScore) -> Result<Interval, Problem> {
    let problem = |part: &str, message: String| {
        Problem::new(s.line, format!("subareas ({}){part}", s.code), message)
    };
    if s.max.tenths() <= 0 || s.max.tenths() > AREA_MAX.tenths() {
        return Err(problem(
            ".max",
            format!("max {} must be above 0 and at most {AREA_MAX}", s.max),
        ));
    }
    if s.points.tenths() > s.max.tenths() {
        return Err(problem(
            ".points",
            format!("{} is outside [0, {}]", s.points, s.max),
        ));
    }
    if s.percent.is_some_and(|p| p.tenths() > 1000) {
        return Err(problem(".percent", "a percent above 100".into()));
    }
    figure_interval(s.points, s.percent, Some(s.max)).ok_or_else(|| {
        let percent = s.percent.map(|p| p.to_string()).unwrap_or_default();
        let of_max = s
            .percent
            .map(|p| Interval::of_percent(p, s.max).to_string())
            .unwrap_or_default();
        problem(
            "",
            format!(
                "{} points of {} and {percent}% cannot both be right: {percent}% of {} is {of_max}, which does not round to {}",
                s.points, s.max, s.max, s.points
            ),
        )
    })
}

/// Each area's sub-areas: all of them or none, and their sum meets the
/// area's printed total, unless the source recorded the difference.
pub fn check_area_sums(
    e: &Evaluation,
    revision: &RevisionDefinition,
    areas: &BTreeMap<AreaNumber, Interval>,
    subareas: &BTreeMap<SubareaCode, Interval>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for number in AreaNumber::ALL {
        let given: Vec<&SubareaScore> = e
            .subareas
            .iter()
            .filter(|s| s.code.area == number)
            .collect();
        let Some(first) = given.first() else {
            continue;
        };
        let expected: Vec<SubareaCode> = match revision.area(number) {
            Some(def) if !def.subareas.is_empty() => def.subareas.iter().map(|s| s.code).collect(),
            _ => given.iter().map(|s| s.code).collect(),
        };
        let missing: Vec<String> = expected
            .iter()
            .filter(|c| !given.iter().any(|s| s.code == **c))
            .map(ToString::to_string)
            .collect();
        if !missing.is_empty() {
            problems.push(Problem::new(
                first.line,
                format!("subareas (area {number})"),
                format!(
                    "missing sub-area(s) {}: give all of an area's sub-areas or none",
                    missing.join(", ")
                ),
            ));
            continue;
        }
        let parts: Option<Vec<Interval>> =
            expected.iter().map(|c| subareas.get(c).copied()).collect();
        let (Some(parts), Some(area)) = (parts, areas.get(&number)) else {
            continue;
        };
        let sum = Interval::sum(&parts);
        if !sum.meets(area) && !recorded_as_published(e, Figure::Area(number)) {
            let printed = e.area(number);
            problems.push(Problem::new(
                printed.and_then(|a| a.line),
                format!("areas ({number})"),
                format!(
                    "the sub-areas of area {number} add up to {sum} points allowing for rounding, which the printed area total {} cannot be; \
                     fix the typo, or record the difference as published with a [[discrepancies]] entry for \"area {number}\"",
                    printed.map(|a| a.points.to_string()).unwrap_or_default()
                ),
            ));
        }
    }
    problems
}

/// The published total: at most 800, and, when all eight areas are
/// present, within rounding of their sum unless recorded as published.
pub fn check_total(e: &Evaluation, areas: &BTreeMap<AreaNumber, Interval>) -> Option<Problem> {
    let total = e.total?;
    if total.tenths() > TOTAL_MAX.tenths() {
        return Some(Problem::new(
            e.total_line,
            "total",
            format!("{total} is above the maximum of 800"),
        ));
    }
    if areas.len() != AreaNumber::ALL.len() {
        return None;
    }
    let sum = Interval::sum(areas.values());
    if sum.meets(&Interval::of_printed(total)) || recorded_as_published(e, Figure::Total) {
        return None;
    }
    Some(Problem::new(
        e.total_line,
        "total",
        format!(
            "the eight areas add up to {sum} allowing for rounding, but the published total is {total}; \
             fix the typo, or record the difference as published with a [[discrepancies]] entry for \"total\""
        ),
    ))
}

/// Whether the source itself printed a difference for this figure.
fn recorded_as_published(e: &Evaluation, figure: Figure) -> bool {
    e.discrepancies.iter().any(|d| d.figure == figure)
}

#[cfg(test)]
mod tests;
