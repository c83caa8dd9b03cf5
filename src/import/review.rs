//! What checking one evaluation found, for the person who sent it: what was
//! read (who, when, which revision, every figure with the line it came
//! from), each check by name (passed, failed with its problems at their
//! lines, or not applicable), and the evaluation file to hand in. One model,
//! shown twice: `kompass check` prints it as text (`dry_run.rs`), `/bidra`
//! as a page in Swedish (`views/pages/contribute`). Pure: values in, values out.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use super::bundle::{SourceFile, sha256_hex};
use super::evaluation_file::{self, ParsedFile};
use super::problem::{Field, ImportError, Notice, Problem, ReadProblem};
use super::report::{self, ReportDetails, ReportRegisters};
use super::validate::{Registers, Rule, RuleOutcome, check_all};
use super::{Content, pdf, read_bytes_with};
use crate::domain::dataset::Dataset;
use crate::domain::text::slug;
use crate::domain::{
    AreaNumber, Catalogue, Evaluation, Municipality, MunicipalityCode, Revision, Score, SubareaCode,
};

/// What the input was (where its figures were read), which says what a
/// line number refers to. Not the `domain::Origin` of a stored evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A published report (its text, or its PDF): lines of the report's text.
    Report,
    /// An evaluation file (TOML): lines of the file.
    File,
    /// A web form's fields, written into an evaluation file: no line to show.
    Form,
}

impl InputKind {
    /// Its name where it is stored or printed for a script (the inbox,
    /// `kompass inbox --format json`).
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Report => "report",
            InputKind::File => "file",
            InputKind::Form => "form",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [InputKind::Report, InputKind::File, InputKind::Form]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The input as received: its name (as sent, for messages) and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub name: String,
    pub sha256: String,
    pub input: InputKind,
}

/// An evaluation read and every rule applied to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub received: Received,
    pub evaluation: Evaluation,
    /// The municipality, from the register (none for an unknown code).
    pub municipality: Option<Municipality>,
    /// What a report showed besides the evaluation.
    pub report: Option<ReportDetails>,
    /// Each rule's outcome, in the order they ran.
    pub rules: Vec<RuleOutcome>,
    /// What reading and checking found worth saying (none stops it).
    pub notices: Vec<Notice>,
}

/// An input that could not be read into an evaluation at all: every
/// problem, each at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub received: Received,
    pub problems: Vec<Problem>,
}

/// What the review needs: names to codes and area names to revisions (for
/// a report), and what the rules check against.
pub struct ReviewRegisters<'a> {
    pub report: ReportRegisters<'a>,
    pub rules: Registers<'a>,
}

/// A check as the review lists it: one of the report's own cross-checks,
/// or a rule every evaluation passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The overview table's rows run N.1, N.2, ... and their maxima add up to 100.
    TableRows,
    /// Each chapter's points are its area's total in the overview table.
    ChapterPoints,
    /// The report prints all eight areas' points.
    AllAreas,
    Rule(Rule),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed(Vec<Problem>),
    /// Nothing to check (no total printed, no source given, ...).
    NotApplicable,
    /// Not run: a rule before it failed (the revision is unknown).
    NotRun,
}

/// What a check covered, for its renderers to word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Nothing,
    Municipality {
        name: String,
        code: MunicipalityCode,
    },
    Revision(String),
    Count(usize),
    Areas(Vec<AreaNumber>),
    Address(String),
    /// The published total; whether all eight areas are there to sum.
    Total {
        total: Score,
        all_areas: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    pub check: Check,
    pub status: Status,
    pub scope: Scope,
}

/// Reviews one input whose content was read (a report's text, or a parsed
/// evaluation file): a report is parsed first; then every rule runs.
pub fn review(
    received: Received,
    content: Content,
    registers: &ReviewRegisters<'_>,
) -> Result<Review, Unread> {
    let path = Path::new(&received.name).to_path_buf();
    let (parsed, details, notices) = match content {
        Content::Evaluation(parsed) => (*parsed, None, vec![]),
        Content::Report(text) => match report::parse_owned(&path, text, &registers.report) {
            Ok(r) => (r.file, Some(r.details), r.notices),
            Err(e) => return Err(Unread::from_error(received, e)),
        },
    };
    Ok(of_parsed(
        received,
        parsed,
        details,
        notices,
        &registers.rules,
    ))
}

/// Reviews a file as sent (a PDF is read under `limits`): the path `kompass
/// check` takes, for a file that never touches the disk.
pub fn review_file(
    file: &SourceFile,
    limits: &pdf::Limits,
    registers: &ReviewRegisters<'_>,
) -> Result<Review, Unread> {
    review_file_with_text(file, limits, registers).0
}

/// `review_file`, with the text that was reviewed: a report's (from a PDF,
/// its extracted text), or the evaluation file's; none when nothing could
/// be read.
pub fn review_file_with_text(
    file: &SourceFile,
    limits: &pdf::Limits,
    registers: &ReviewRegisters<'_>,
) -> (Result<Review, Unread>, Option<String>) {
    let name = file.path.to_string_lossy().to_string();
    review_bytes(
        name,
        file.hash.clone(),
        Cow::Borrowed(&file.bytes),
        limits,
        registers,
    )
}

/// `review_file` on bytes sent that nothing else needs: they are read
/// without a copy (a report's text is made in their memory, a PDF's bytes
/// dropped once its text is out), so a large upload is held once. With
/// the text reviewed, for the send form to carry: a report's text, or an
/// evaluation file's (at most `CARRIED_FILE_BYTES`, copied before it is
/// read).
pub fn review_sent(
    name: String,
    bytes: Vec<u8>,
    limits: &pdf::Limits,
    registers: &ReviewRegisters<'_>,
) -> (Result<Review, Unread>, Option<String>) {
    let hash = sha256_hex(&bytes);
    review_bytes(name, hash, Cow::Owned(bytes), limits, registers)
}

/// The largest evaluation file whose text a review keeps to hand back
/// (one with every sub-area and its texts is ~60 kB).
pub const CARRIED_FILE_BYTES: usize = 512 * 1024;

fn review_bytes(
    name: String,
    sha256: String,
    bytes: Cow<'_, [u8]>,
    limits: &pdf::Limits,
    registers: &ReviewRegisters<'_>,
) -> (Result<Review, Unread>, Option<String>) {
    let named_toml = name.to_ascii_lowercase().ends_with(".toml");
    let path = Path::new(&name).to_path_buf();
    let mut received = Received {
        name,
        sha256,
        input: if named_toml {
            InputKind::File
        } else {
            InputKind::Report
        },
    };
    // A small input may be an evaluation file, whose text is carried as sent.
    let small = (bytes.len() <= CARRIED_FILE_BYTES).then(|| bytes.to_vec());
    let content = match read_bytes_with(&path, bytes, limits) {
        Ok(content) => content,
        Err(e) => return (Err(Unread::from_error(received, e)), None),
    };
    let text = match &content {
        Content::Report(text) => Some(text.clone()),
        Content::Evaluation(_) => small.and_then(|b| String::from_utf8(b).ok()),
    };
    received.input = match content {
        Content::Report(_) => InputKind::Report,
        Content::Evaluation(_) => InputKind::File,
    };
    (review(received, content, registers), text)
}

/// Applies every rule to an evaluation already read.
pub fn of_parsed(
    received: Received,
    parsed: ParsedFile,
    report: Option<ReportDetails>,
    mut notices: Vec<Notice>,
    rules: &Registers<'_>,
) -> Review {
    let validation = check_all(&parsed.evaluation, &parsed.facts, rules);
    notices.extend(validation.notices);
    Review {
        received,
        municipality: rules
            .municipalities
            .get(&parsed.evaluation.municipality)
            .cloned(),
        evaluation: parsed.evaluation,
        report,
        rules: validation.outcomes,
        notices,
    }
}

impl Unread {
    /// The problems of an import error (a file that cannot be read is one problem).
    pub fn from_error(received: Received, error: ImportError) -> Self {
        let problems = match error {
            ImportError::Invalid { problems, .. } => problems,
            ImportError::Read { source, .. } => {
                vec![Problem::new(
                    None,
                    Field::File,
                    ReadProblem::CannotRead(source.to_string()),
                )]
            }
        };
        Unread { received, problems }
    }
}

impl Review {
    /// Whether every rule passed: the evaluation file may be handed in.
    pub fn accepted(&self) -> bool {
        self.rules.iter().all(RuleOutcome::passed)
    }

    /// Every problem the rules found, in the order they ran.
    pub fn problems(&self) -> Vec<&Problem> {
        self.rules.iter().flat_map(|o| &o.problems).collect()
    }

    /// The name the bundled file would have: `1881-kumla-2020.toml` (with
    /// the month, `-11`, when asked: two evaluations in one year).
    pub fn file_name(&self, with_month: bool) -> String {
        file_name(&self.evaluation, self.municipality.as_ref(), with_month)
    }

    /// The evaluation file to hand in, with a header saying where it was
    /// read; none while a rule fails.
    pub fn toml(&self) -> Option<String> {
        if !self.accepted() {
            return None;
        }
        let name = self.municipality.as_ref().map(|m| m.name.as_str());
        Some(evaluation_file::to_toml(
            &self.evaluation,
            name,
            &self.header(),
        ))
    }

    /// The file's comments, in Swedish for whoever reads it: what it is,
    /// where it came from, and what happens to it.
    fn header(&self) -> String {
        let r = &self.received;
        let e = &self.evaluation;
        let name = self
            .municipality
            .as_ref()
            .map_or_else(|| e.municipality.to_string(), |m| m.name.clone());
        let month = e
            .month
            .and_then(crate::domain::evaluation::month_name_sv)
            .map(|m| format!("{m} "))
            .unwrap_or_default();
        let mut text = format!(
            "Utvärderingsfil för kompass: Kommunkompassen i {name}, {month}{}.\n",
            e.year
        );
        text.push_str(&match r.input {
            InputKind::Report => format!("Läst av kompass ur rapporten {}", r.name),
            InputKind::File => format!("Läst av kompass ur filen {}", r.name),
            InputKind::Form => "Ifylld i kompass formulär för siffror från en webbsida".to_string(),
        });
        if r.input != InputKind::Form {
            text.push_str(&format!(" (sha256 {})", r.sha256));
        }
        text.push_str(".\n");
        if let Some((first, last)) = self.report.as_ref().and_then(|d| d.table_lines) {
            text.push_str(&format!(
                "Områden och delområden som de står i rapportens översiktstabell (rad {first}-{last}).\n"
            ));
        }
        text.push_str(
            "Rader som börjar med # är kommentarer; formatet beskrivs på /bidra/filformat.\n\
             Innan filen läggs in jämförs den med källan, där siffrorna finns publicerade.",
        );
        text
    }

    /// Every check in the order a reader follows them: the report's own
    /// cross-checks (for a report), then the rules, each with its status
    /// and what it covered.
    pub fn checks(&self) -> Vec<CheckLine> {
        let mut out = Vec::new();
        if let Some(details) = &self.report {
            out.extend(self.report_checks(details));
        }
        for rule in Rule::ALL {
            let outcome = self.rules.iter().find(|o| o.rule == rule);
            let scope = self.scope(rule);
            let status = match outcome {
                None => Status::NotRun,
                Some(o) if !o.passed() => Status::Failed(o.problems.clone()),
                Some(_) if scope == Scope::Nothing => Status::NotApplicable,
                Some(_) => Status::Passed,
            };
            out.push(CheckLine {
                check: Check::Rule(rule),
                status,
                scope,
            });
        }
        out
    }

    /// A report that was read passed its cross-checks (else it was not read).
    fn report_checks(&self, details: &ReportDetails) -> Vec<CheckLine> {
        let in_table = self.areas_with_subareas();
        let line = |check, scope: Scope| CheckLine {
            check,
            status: match scope {
                Scope::Areas(ref a) if a.is_empty() => Status::NotApplicable,
                _ => Status::Passed,
            },
            scope,
        };
        vec![
            line(Check::AllAreas, Scope::Count(self.evaluation.areas.len())),
            line(Check::TableRows, Scope::Areas(in_table)),
            line(
                Check::ChapterPoints,
                Scope::Areas(details.checked_areas.clone()),
            ),
        ]
    }

    fn areas_with_subareas(&self) -> Vec<AreaNumber> {
        let e = &self.evaluation;
        AreaNumber::ALL
            .into_iter()
            .filter(|n| e.subareas.iter().any(|s| s.code.area == *n))
            .collect()
    }

    /// What a rule covered in this evaluation; `Nothing` when there was
    /// nothing for it to check.
    fn scope(&self, rule: Rule) -> Scope {
        let e = &self.evaluation;
        let count = |n: usize| {
            if n == 0 {
                Scope::Nothing
            } else {
                Scope::Count(n)
            }
        };
        match rule {
            Rule::Municipality => Scope::Municipality {
                name: self
                    .municipality
                    .as_ref()
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                code: e.municipality,
            },
            Rule::Revision => Scope::Revision(e.revision.to_string()),
            Rule::Source => e.source.url.clone().map_or(Scope::Nothing, Scope::Address),
            Rule::Discrepancies => count(e.discrepancies.len()),
            Rule::Areas => count(e.areas.len()),
            Rule::Subareas => count(e.subareas.len()),
            Rule::AreaSums => {
                let areas: Vec<AreaNumber> = self
                    .areas_with_subareas()
                    .into_iter()
                    .filter(|n| e.area(*n).is_some())
                    .collect();
                if areas.is_empty() {
                    Scope::Nothing
                } else {
                    Scope::Areas(areas)
                }
            }
            Rule::Total => e.total.map_or(Scope::Nothing, |total| Scope::Total {
                total,
                all_areas: e.areas.len() == AreaNumber::ALL.len(),
            }),
        }
    }
}

/// The name rule of bundled files: `1881-kumla-2020.toml`, with the month
/// (`-11`) when asked (two evaluations in one year).
pub fn file_name(e: &Evaluation, municipality: Option<&Municipality>, with_month: bool) -> String {
    let name = municipality
        .map(|m| format!("-{}", slug(&m.name)))
        .unwrap_or_default();
    let month = match e.month {
        Some(m) if with_month => format!("-{m:02}"),
        _ => String::new(),
    };
    format!("{}{name}-{}{month}.toml", e.municipality, e.year)
}

/// What a review checks against, taken from a loaded snapshot of the data
/// (the web server's, which has no database to write a dry run into).
pub struct SnapshotRegisters<'a> {
    data: &'a Dataset,
    register: BTreeMap<MunicipalityCode, Municipality>,
    recorded: BTreeMap<(Revision, SubareaCode), Score>,
}

impl<'a> SnapshotRegisters<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        SnapshotRegisters {
            register: data
                .municipalities
                .iter()
                .map(|m| (m.code, m.clone()))
                .collect(),
            recorded: recorded_subareas(
                data.evaluations.iter().map(|s| &s.evaluation),
                &data.catalogue,
            ),
            data,
        }
    }

    pub fn get(&self) -> ReviewRegisters<'_> {
        ReviewRegisters {
            report: ReportRegisters {
                municipalities: &self.data.municipalities,
                catalogue: &self.data.catalogue,
            },
            rules: Registers {
                municipalities: &self.register,
                catalogue: &self.data.catalogue,
                recorded_subareas: &self.recorded,
            },
        }
    }
}

/// Sub-areas recorded for revisions whose sub-areas the catalogue does not
/// list, from evaluations already read: what a review checks maxima against
/// when there is no database to ask (the web's read-only snapshot).
pub fn recorded_subareas<'a>(
    evaluations: impl IntoIterator<Item = &'a Evaluation>,
    catalogue: &Catalogue,
) -> BTreeMap<(Revision, SubareaCode), Score> {
    let mut out = BTreeMap::new();
    for e in evaluations {
        if catalogue
            .revision(e.revision)
            .is_some_and(|r| r.knows_subareas())
        {
            continue;
        }
        for s in &e.subareas {
            out.entry((e.revision, s.code)).or_insert(s.max);
        }
    }
    out
}

#[cfg(test)]
mod tests;
