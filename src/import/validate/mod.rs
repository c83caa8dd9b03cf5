//! The rules every evaluation passes before it is stored, whatever file it
//! came from: known municipality and revision, areas and sub-areas from the
//! catalogue, figures within range, and the interval check of domain.md §4.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use super::evaluation_file::FileFacts;
pub use super::problem::Notice;
use super::problem::{Field, List, NoticeKind, Part, Problem, RuleProblem, ValueProblem};
use crate::domain::interval::{Interval, figure_interval};
use crate::domain::text::{fold_search, is_web_address};
use crate::domain::{
    AREA_MAX, AreaNumber, AreaScore, Catalogue, Evaluation, Figure, Municipality, MunicipalityCode,
    Revision, RevisionDefinition, Score, SubareaCode, SubareaScore, TOTAL_MAX,
};

/// What validation checks against.
pub struct Registers<'a> {
    pub municipalities: &'a BTreeMap<MunicipalityCode, Municipality>,
    pub catalogue: &'a Catalogue,
    /// Sub-areas (with their max) already stored for revisions whose sub-areas
    /// the catalogue does not list: the first report to print them records them.
    pub recorded_subareas: &'a BTreeMap<(Revision, SubareaCode), Score>,
}

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

/// Checks `e` against the registers; all problems at once, or the notices.
/// `facts` gives the lines a file printed (default for a stored evaluation,
/// whose messages then name no line).
pub fn validate(
    e: &Evaluation,
    facts: &FileFacts,
    registers: &Registers<'_>,
) -> Result<Vec<Notice>, Vec<Problem>> {
    let v = check_all(e, facts, registers);
    if v.passed() {
        Ok(v.notices)
    } else {
        Err(v.problems())
    }
}

/// Applies every rule to `e`, each on its own, so that a review can say
/// which passed; `validate` is this with the outcomes folded into a result.
pub fn check_all(e: &Evaluation, facts: &FileFacts, registers: &Registers<'_>) -> Validation {
    let mut outcomes = Vec::new();
    let mut record = |rule: Rule, problems: Vec<Problem>| {
        outcomes.push(RuleOutcome { rule, problems });
    };
    record(
        Rule::Municipality,
        check_municipality(e, facts, registers.municipalities),
    );
    let revision = match check_revision(e, facts, registers.catalogue) {
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
    let subareas = check_subareas(e, revision, registers.recorded_subareas);
    let sums = check_area_sums(e, revision, &areas.intervals, &subareas.intervals);
    let total = check_total(e, &areas.intervals);
    record(Rule::Areas, areas.problems);
    record(Rule::Subareas, subareas.problems);
    record(Rule::AreaSums, sums);
    record(Rule::Total, total.into_iter().collect());
    let mut notices = Vec::new();
    if !subareas.recorded.is_empty() {
        notices.push(Notice::about(NoticeKind::SubareasRecorded {
            revision: e.revision,
            codes: subareas.recorded,
        }));
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
            Field::Municipality,
            RuleProblem::UnknownMunicipality(e.municipality),
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
        Field::MunicipalityName,
        RuleProblem::NotTheName {
            given: name.clone(),
            code: e.municipality,
            name: m.name.clone(),
        },
    )]
}

/// The revision is in the catalogue (every later rule needs its definition).
pub fn check_revision<'c>(
    e: &Evaluation,
    facts: &FileFacts,
    catalogue: &'c Catalogue,
) -> Result<&'c RevisionDefinition, Problem> {
    catalogue.revision(e.revision).ok_or_else(|| {
        Problem::new(
            facts.revision_line,
            Field::Revision,
            RuleProblem::UnknownRevision {
                revision: e.revision,
                known: catalogue.revisions.iter().map(|r| r.id).collect(),
            },
        )
    })
}

/// A source address is a web address (never `javascript:` or a file path).
pub fn check_source(e: &Evaluation, facts: &FileFacts) -> Option<Problem> {
    let url = e.source.url.as_deref().filter(|u| !is_web_address(u))?;
    Some(Problem::new(
        facts.source_line,
        Field::SourceUrl,
        ValueProblem::NotAWebAddress(url.to_string()),
    ))
}

/// Each stated change is about a figure this evaluation published, against
/// an earlier year, once, and names a web page as its source.
pub fn check_stated_changes(e: &Evaluation) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, s) in e.stated_changes.iter().enumerate() {
        let field = |part| Field::entry(List::StatedChanges, i, part);
        let published = match s.figure {
            Figure::Total => e.total.is_some(),
            Figure::Area(n) => e.area(n).is_some(),
        };
        if !published {
            problems.push(Problem::new(
                s.line,
                field(Part::Figure),
                RuleProblem::FigureNotPublished(s.figure),
            ));
        }
        if s.since >= e.year {
            problems.push(Problem::new(
                s.line,
                field(Part::Since),
                RuleProblem::NotBeforeEvaluation {
                    since: s.since,
                    year: e.year,
                },
            ));
        }
        if !is_web_address(&s.source) {
            problems.push(Problem::new(
                s.line,
                field(Part::Source),
                ValueProblem::NotAWebAddress(s.source.clone()),
            ));
        }
        if !seen.insert((s.figure, s.since)) {
            problems.push(Problem::new(
                s.line,
                field(Part::Figure),
                RuleProblem::ChangeStatedTwice {
                    figure: s.figure,
                    since: s.since,
                },
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
        let problem = match out.intervals.entry(a.number) {
            Entry::Occupied(_) => RuleProblem::AreaListedTwice(a.number),
            Entry::Vacant(slot) => match area_interval(e, revision, a) {
                Ok(interval) => {
                    slot.insert(interval);
                    continue;
                }
                Err(problem) => problem,
            },
        };
        out.problems
            .push(Problem::new(a.line, Field::Area(a.number), problem));
    }
    out
}

/// An area of the revision within 0-100, and the interval its points and
/// printed percent share.
fn area_interval(
    e: &Evaluation,
    revision: &RevisionDefinition,
    a: &AreaScore,
) -> Result<Interval, RuleProblem> {
    if revision.area(a.number).is_none() {
        return Err(RuleProblem::NoSuchArea {
            revision: e.revision,
            area: a.number,
        });
    }
    if a.points.tenths() > AREA_MAX.tenths() {
        return Err(RuleProblem::AboveAreaMax(a.points));
    }
    figure_interval(a.points, a.percent, Some(AREA_MAX)).ok_or(RuleProblem::AreaPercentDisagrees {
        points: a.points,
        percent: a.percent,
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
                Field::subarea(s.code),
                RuleProblem::SubareaListedTwice(s.code),
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
    let max_problem = |problem: RuleProblem| {
        Problem::new(s.line, Field::subarea_part(s.code, Part::Max), problem)
    };
    if !revision.knows_subareas() {
        return match recorded.get(&(id, s.code)) {
            Some(max) if *max != s.max => Err(max_problem(RuleProblem::MaxDisagreesWithRecorded {
                max: s.max,
                recorded: *max,
                revision: id,
                code: s.code,
            })),
            Some(_) => Ok(false),
            None => Ok(true),
        };
    }
    match revision.subarea(s.code) {
        None => Err(Problem::new(
            s.line,
            Field::subarea(s.code),
            RuleProblem::NotASubareaOf {
                code: s.code,
                revision: id,
            },
        )),
        Some(def) if def.max != s.max => Err(max_problem(RuleProblem::MaxDisagreesWithCatalogue {
            max: s.max,
            catalogue: def.max,
            revision: id,
            code: s.code,
        })),
        Some(_) => Ok(false),
    }
}

/// A sub-area's figures in range, and the interval its points and percent share.
fn subarea_interval(s: &SubareaScore) -> Result<Interval, Problem> {
    let problem = |part: Option<Part>, problem: RuleProblem| {
        Problem::new(s.line, Field::Subarea { code: s.code, part }, problem)
    };
    if s.max.tenths() <= 0 || s.max.tenths() > AREA_MAX.tenths() {
        return Err(problem(Some(Part::Max), RuleProblem::MaxOutOfRange(s.max)));
    }
    if s.points.tenths() > s.max.tenths() {
        return Err(problem(
            Some(Part::Points),
            RuleProblem::PointsAboveMax {
                points: s.points,
                max: s.max,
            },
        ));
    }
    if s.percent.is_some_and(|p| p.tenths() > 1000) {
        return Err(problem(Some(Part::Percent), RuleProblem::PercentAbove100));
    }
    figure_interval(s.points, s.percent, Some(s.max)).ok_or_else(|| {
        problem(
            None,
            RuleProblem::SubareaPercentDisagrees {
                points: s.points,
                max: s.max,
                percent: s.percent,
            },
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
        let missing: Vec<SubareaCode> = expected
            .iter()
            .filter(|c| !given.iter().any(|s| s.code == **c))
            .copied()
            .collect();
        if !missing.is_empty() {
            problems.push(Problem::new(
                first.line,
                Field::SubareasOf(number),
                RuleProblem::MissingSubareas {
                    area: number,
                    missing,
                },
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
                Field::Area(number),
                RuleProblem::SubareaSumDisagrees {
                    area: number,
                    sum,
                    printed: printed.map(|a| a.points),
                },
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
            Field::Total,
            RuleProblem::TotalAboveMax(total),
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
        Field::Total,
        RuleProblem::TotalSumDisagrees { sum, total },
    ))
}

/// Whether the source itself printed a difference for this figure.
fn recorded_as_published(e: &Evaluation, figure: Figure) -> bool {
    e.discrepancies.iter().any(|d| d.figure == figure)
}

#[cfg(test)]
mod tests;
