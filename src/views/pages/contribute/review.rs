//! The review of what was sent to `/bidra`, as a page: what was read (as
//! the municipality's page would show it, each figure with the line it came
//! from), each check passed or failed in plain Swedish, and the evaluation
//! file to download. The same `Review` that `kompass check` prints as text.
//! And the page for a report that could not be read: where and why, and
//! what to do instead.

use base64::Engine as _;
use maud::{Markup, html};

use super::send::{self, Sending};
use super::swedish::{self, Worded};
use super::{SendTo, send_in};
use crate::domain::{AreaNumber, Catalogue};
use crate::import::review::{Check, InputKind, Received, Review, Scope, Status, Unread};
use crate::import::validate::Rule;
use crate::import::{Problem, prefill};
use crate::views::format::{and_list, criteria, when};
use crate::views::layout::{PageMeta, layout};
use crate::views::partials::table_wrap;

/// A problem as the page shows it: where (line and part), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemView {
    pub line: Option<u32>,
    pub place: String,
    pub message: Worded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Passed,
    Failed,
    NotApplicable,
    NotRun,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckView {
    pub mark: Mark,
    pub text: String,
    pub problems: Vec<ProblemView>,
}

/// One row of the figures table: an area, or one of its sub-areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    pub area: bool,
    pub label: String,
    pub points: String,
    pub max: String,
    pub percent: String,
    pub line: Option<u32>,
}

/// The evaluation file offered for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOffer {
    pub name: String,
    /// A `data:` address holding the file: nothing is kept on the server.
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewView {
    /// "Kumla, november 2020".
    pub heading: String,
    /// "rapporten kumla-2020.pdf".
    pub received: String,
    pub input: InputKind,
    pub accepted: bool,
    /// (what, value, line).
    pub facts: Vec<(String, String, Option<u32>)>,
    pub figures: Vec<FigureRow>,
    pub checks: Vec<CheckView>,
    pub notices: Vec<String>,
    pub file: Option<FileOffer>,
    /// Sending it to the inbox: what it would change, and the form (none
    /// until every check passes, or when files go to an address).
    pub sending: Option<Sending>,
}

/// "rapporten kumla.pdf", "filen x.toml", "formuläret".
fn received_text(r: &Received) -> String {
    match r.input {
        InputKind::Report => format!("rapporten {}", r.name),
        InputKind::File => format!("filen {}", r.name),
        InputKind::Form => "formuläret".to_string(),
    }
}

pub fn problem_view(p: &Problem, input: InputKind) -> ProblemView {
    ProblemView {
        line: p.line,
        place: swedish::field(&p.field),
        message: swedish::problem(p, input),
    }
}

/// "område 1–8", "område 2", "område 1, 3 och 5".
fn areas_text(areas: &[AreaNumber]) -> String {
    if areas == AreaNumber::ALL {
        return "område 1–8".to_string();
    }
    let names: Vec<String> = areas.iter().map(ToString::to_string).collect();
    format!("område {}", and_list(&names))
}

/// A check and what it covered, in Swedish, as a checklist item that reads
/// right whether it passed or failed: `dry_run::describe`'s twin.
fn check_text(check: Check, scope: &Scope, catalogue: &Catalogue) -> String {
    let areas = |s: &Scope| match s {
        Scope::Areas(a) if !a.is_empty() => format!(" ({})", areas_text(a)),
        Scope::Count(n) => format!(" ({n})"),
        _ => String::new(),
    };
    match (check, scope) {
        (Check::AllAreas, _) => "Poäng för alla åtta områden i rapporten".into(),
        (Check::TableRows, Scope::Areas(a)) if a.is_empty() => {
            "Översiktstabellen: ingen tabell med delområden".into()
        }
        (Check::TableRows, s) => format!(
            "Översiktstabellen: rader i följd (1.1, 1.2 …) och maxpoäng som summerar till 100{}",
            areas(s)
        ),
        (Check::ChapterPoints, Scope::Areas(a)) if a.is_empty() => {
            "Kapitlens poäng: inga att jämföra med översiktstabellen".into()
        }
        (Check::ChapterPoints, s) => format!(
            "Kapitlens poäng mot områdenas summor i översiktstabellen{}",
            areas(s)
        ),
        (Check::Rule(Rule::Municipality), Scope::Municipality { name, code }) if !name.is_empty() => {
            format!("Kommunkoden i registret: {code} {name}")
        }
        (Check::Rule(Rule::Municipality), Scope::Municipality { code, .. }) => {
            format!("Kommunkoden i registret: {code}")
        }
        (Check::Rule(Rule::Revision), Scope::Revision(r)) => match r.parse() {
            Ok(revision) => format!(
                "Kriterieversionen: {r} ({})",
                criteria(catalogue, revision)
            ),
            Err(_) => format!("Kriterieversionen: {r}"),
        },
        (Check::Rule(Rule::Source), Scope::Address(_)) => {
            "Källans adress är en webbadress".into()
        }
        (Check::Rule(Rule::Source), _) => {
            "Källans adress: ingen angiven – skriv var rapporten finns publicerad när du skickar in filen".into()
        }
        (Check::Rule(Rule::Discrepancies), s) => {
            format!("Antecknade skillnader gäller en siffra i utvärderingen{}", areas(s))
        }
        (Check::Rule(Rule::Areas), Scope::Count(n)) => format!(
            "Områdenas poäng inom 0–100 och mot procenten ({n} områden)"
        ),
        (Check::Rule(Rule::Areas), _) => "Områdenas poäng: inga angivna".into(),
        (Check::Rule(Rule::Subareas), Scope::Count(n)) => format!(
            "Delområdenas koder och maxpoäng mot kriterierna, poängen mot procenten ({n} delområden)"
        ),
        (Check::Rule(Rule::Subareas), _) => "Delområden: inga angivna".into(),
        (Check::Rule(Rule::AreaSums), Scope::Nothing) => {
            "Delområdenas summa: inga delområden att summera".into()
        }
        (Check::Rule(Rule::AreaSums), s) => format!(
            "Delområdenas summa mot områdets poäng, med hänsyn till avrundning{}",
            areas(s)
        ),
        (Check::Rule(Rule::Total), Scope::Total { total, all_areas: true }) => format!(
            "Totalpoängen {}: högst 800 och mot de åtta områdenas summa, med hänsyn till avrundning",
            total.to_swedish()
        ),
        (Check::Rule(Rule::Total), Scope::Total { total, .. }) => format!(
            "Totalpoängen {}: högst 800 (alla åtta områden finns inte, så summan jämförs inte)",
            total.to_swedish()
        ),
        (Check::Rule(Rule::Total), _) => {
            "Totalpoäng: ingen publicerad här (den räknas aldrig ut)".into()
        }
        (Check::Rule(r), _) => format!("{r:?}"),
    }
}

fn checks(review: &Review, catalogue: &Catalogue) -> Vec<CheckView> {
    let input = review.received.input;
    review
        .checks()
        .into_iter()
        .filter(|c| {
            !(c.check == Check::Rule(Rule::Discrepancies) && c.status == Status::NotApplicable)
        })
        .map(|c| {
            let (mark, problems) = match &c.status {
                Status::Passed => (Mark::Passed, vec![]),
                Status::Failed(p) => (
                    Mark::Failed,
                    p.iter().map(|p| problem_view(p, input)).collect(),
                ),
                Status::NotApplicable => (Mark::NotApplicable, vec![]),
                Status::NotRun => (Mark::NotRun, vec![]),
            };
            let text = if mark == Mark::NotRun {
                format!(
                    "{} – kunde inte kontrolleras: kriterieversionen är okänd",
                    check_text(c.check, &c.scope, catalogue)
                )
            } else {
                check_text(c.check, &c.scope, catalogue)
            };
            CheckView {
                mark,
                text,
                problems,
            }
        })
        .collect()
}

fn facts(review: &Review, catalogue: &Catalogue) -> Vec<(String, String, Option<u32>)> {
    let e = &review.evaluation;
    let d = review.report.as_ref();
    let name = review
        .municipality
        .as_ref()
        .map_or_else(|| "okänd kommun".to_string(), |m| m.name.clone());
    let mut out = vec![
        (
            "Kommun".to_string(),
            format!("{name} ({})", e.municipality),
            d.map(|d| d.municipality_line),
        ),
        (
            "Utvärderad".to_string(),
            when(e.year, e.month),
            d.map(|d| d.date_line),
        ),
    ];
    let number = e.evaluation_number.map_or_else(
        || "anges inte".to_string(),
        |n| format!("kommunens {}", ordinal(n)),
    );
    out.push(("Utvärdering".into(), number, d.and_then(|d| d.number_line)));
    let mut revision = format!("{} ({})", e.revision, criteria(catalogue, e.revision));
    if d.is_some() {
        revision.push_str(", avgjort från de tryckta områdesnamnen");
    }
    out.push(("Kriterier".into(), revision, None));
    if !e.evaluators.is_empty() {
        out.push(("Utvärderare".into(), and_list(&e.evaluators), None));
    }
    let total = match (e.total, d) {
        (Some(t), _) => t.to_swedish(),
        (None, Some(_)) => "trycks inte i rapporten (räknas aldrig ut)".into(),
        (None, None) => "ej publicerad".into(),
    };
    out.push((
        "Totalpoäng".into(),
        total,
        e.total_line.filter(|_| d.is_some()),
    ));
    if let Some((first, last)) = d.and_then(|d| d.table_lines) {
        out.push((
            "Översiktstabell".into(),
            format!("rad {first}–{last}"),
            None,
        ));
    }
    if let Some(url) = &e.source.url {
        out.push(("Källa".into(), url.clone(), None));
    }
    out
}

fn ordinal(n: u8) -> String {
    const WORDS: [&str; 10] = [
        "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde",
        "tionde",
    ];
    WORDS
        .get(usize::from(n).saturating_sub(1))
        .map_or_else(|| format!("{n}:e"), |w| (*w).to_string())
        + " utvärdering"
}

fn figures(review: &Review, catalogue: &Catalogue) -> Vec<FigureRow> {
    let e = &review.evaluation;
    let pct = |p: Option<crate::domain::Score>| {
        p.map_or_else(String::new, |p| format!("{} %", p.to_swedish()))
    };
    let mut out = Vec::new();
    for a in &e.areas {
        let name = catalogue.area_name(e.revision, a);
        out.push(FigureRow {
            area: true,
            label: format!("{} {name}", a.number),
            points: a.points.to_swedish(),
            max: "100".into(),
            percent: pct(a.percent),
            line: a.line,
        });
        for s in e.subareas.iter().filter(|s| s.code.area == a.number) {
            out.push(FigureRow {
                area: false,
                label: format!("{} {}", s.code, s.name.as_deref().unwrap_or("")),
                points: s.points.to_swedish(),
                max: s.max.to_swedish(),
                percent: pct(s.percent),
                line: s.line,
            });
        }
    }
    out
}

/// The file as a `data:` address: the download needs no second request,
/// and nothing is kept on the server to answer one.
pub fn file_offer(review: &Review) -> Option<FileOffer> {
    let text = review.toml()?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    Some(FileOffer {
        name: review.file_name(false),
        href: format!("data:application/toml;charset=utf-8;base64,{encoded}"),
        text,
    })
}

pub fn model(review: &Review, catalogue: &Catalogue) -> ReviewView {
    let e = &review.evaluation;
    let name = review
        .municipality
        .as_ref()
        .map_or_else(|| e.municipality.to_string(), |m| m.name.clone());
    ReviewView {
        heading: format!("{name}, {}", when(e.year, e.month)),
        received: received_text(&review.received),
        input: review.received.input,
        accepted: review.accepted(),
        facts: facts(review, catalogue),
        figures: figures(review, catalogue),
        checks: checks(review, catalogue),
        notices: review.notices.iter().map(swedish::notice).collect(),
        file: file_offer(review),
        sending: None,
    }
}

/// A message, with another program's own words after it, marked as English.
pub fn worded(w: &Worded) -> Markup {
    html! {
        (w.text)
        @if let Some(english) = &w.english {
            " (" span lang="en" { (english) } ")"
        }
    }
}

/// "Rad 37 i rapporten, delområde 3.2, poäng:".
fn place(p: &ProblemView, input: InputKind) -> String {
    let at = match (p.line, input) {
        (Some(l), InputKind::Report) => format!("Rad {l} i rapporten"),
        (Some(l), InputKind::File) => format!("Rad {l} i filen"),
        _ => String::new(),
    };
    match (at.is_empty(), p.place.is_empty()) {
        (true, _) => capitalised(&p.place),
        (false, true) => at,
        (false, false) => format!("{at}, {}", p.place),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

pub fn problem_list(problems: &[ProblemView], input: InputKind) -> Markup {
    html! {
        ul.problems {
            @for p in problems {
                li { strong { (place(p, input)) ": " } (worded(&p.message)) }
            }
        }
    }
}

fn mark_text(mark: Mark) -> (&'static str, &'static str) {
    match mark {
        Mark::Passed => ("passed", "Godkänd"),
        Mark::Failed => ("failed", "Underkänd"),
        Mark::NotApplicable => ("none", "Ej aktuell"),
        Mark::NotRun => ("none", "Ej kontrollerad"),
    }
}

fn checks_list(view: &ReviewView) -> Markup {
    html! {
        ul.checks {
            @for c in &view.checks {
                @let (class, label) = mark_text(c.mark);
                li class=(class) {
                    span.mark { (label) }
                    div.check-text {
                        (c.text)
                        @if !c.problems.is_empty() {
                            (problem_list(&c.problems, view.input))
                        }
                    }
                }
            }
        }
    }
}

fn figures_table(view: &ReviewView) -> Markup {
    let lines = view.input != InputKind::Form;
    let where_ = if view.input == InputKind::Report {
        "Rad i rapporten"
    } else {
        "Rad i filen"
    };
    table_wrap(
        "Områden och delområden som lästes",
        html! {
            table #lasta-siffror {
                caption { "Områden och delområden" }
                thead {
                    tr {
                        th scope="col" { "Område / delområde" }
                        th.num scope="col" { "Poäng" }
                        th.num scope="col" { "Max" }
                        th.num scope="col" { "Procent" }
                        @if lines { th.num scope="col" { (where_) } }
                    }
                }
                tbody {
                    @for r in &view.figures {
                        tr class=[r.area.then_some("group-row")] {
                            th scope="row" { (r.label) }
                            td.num { (r.points) }
                            td.num { (r.max) }
                            td.num { (r.percent) }
                            @if lines { td.num { (r.line.map(|l| l.to_string()).unwrap_or_default()) } }
                        }
                    }
                }
            }
        },
    )
}

/// The review itself (without the page around it): the verdict, the
/// file, what was read, the checks.
pub fn body(view: &ReviewView, to: &SendTo) -> Markup {
    let failed = view
        .checks
        .iter()
        .filter(|c| c.mark == Mark::Failed)
        .count();
    let inbox = view.sending.as_ref().filter(|_| to.0.is_none());
    let refused = inbox.and_then(|s| s.comparison.refusal.as_ref());
    html! {
        @if let Some(refusal) = refused {
            div.note.warning.verdict {
                p.note-heading { strong { "Utvärderingen kan inte skickas in." } }
                p { (refusal) }
            }
        } @else if let (Some(file), Some(_)) = (&view.file, inbox) {
            div.note.verdict {
                p.note-heading { strong { "Alla kontroller gick igenom." } }
                p { "Se efter att det som lästes stämmer med källan och " a href="#skicka" { "skicka in utvärderingen" } " längre ner. Du kan också spara den som en fil." }
                p.download {
                    a href=(file.href) download=(file.name) type="application/toml" {
                        "Ladda ner " (file.name)
                    }
                }
            }
        } @else if let Some(file) = &view.file {
            div.note.verdict {
                p.note-heading { strong { "Alla kontroller gick igenom." } }
                p { "Ladda ner utvärderingsfilen, se efter att den stämmer med källan och skicka in den." }
                p.download {
                    a.button href=(file.href) download=(file.name) type="application/toml" {
                        "Ladda ner " (file.name)
                    }
                }
            }
        } @else {
            div.note.warning.verdict {
                p.note-heading { strong { (failed) " av " (view.checks.len()) " kontroller gick inte igenom." } }
                p { "Ingen utvärderingsfil kan lämnas ut förrän de går igenom. Under " a href="#kontroller" { "Kontroller" } " står var och varför." }
            }
        }
        @if let Some(s) = &view.sending {
            (send::comparison_note(&s.comparison))
        }
        h2 #lastes { "Det här lästes ur " (view.received) }
        dl.plain.facts {
            @for (what, value, line) in &view.facts {
                dt { (what) }
                dd {
                    (value)
                    @if let Some(l) = line { span.meta { " (rad " (l) ")" } }
                }
            }
        }
        @if !view.figures.is_empty() {
            (figures_table(view))
        }
        h2 #kontroller { "Kontroller" }
        (checks_list(view))
        @if !view.notices.is_empty() {
            h3 { "Att känna till" }
            ul.notices {
                @for n in &view.notices { li { (n) } }
            }
        }
        @if let Some(file) = &view.file {
            h2 #filen { "Utvärderingsfilen" }
            p {
                a href=(file.href) download=(file.name) type="application/toml" { (file.name) }
                " är en textfil i formatet som beskrivs under "
                a href="/bidra/filformat" { "Utvärderingsfilens format" } "."
            }
            details.file-text {
                summary { "Visa filens innehåll" }
                pre.example tabindex="0" { code { (file.text) } }
            }
            @if let Some(s) = inbox {
                h2 #skicka { "Skicka in utvärderingen" }
                (send::section(s))
            } @else {
                h2 #skicka { "Skicka in filen" }
                (send_in(to))
            }
        }
    }
}

pub fn render(view: &ReviewView, to: &SendTo) -> Markup {
    let meta = PageMeta::new(
        format!("Granskning: {}", view.heading),
        "Vad kompass läste ur det du skickade, och kontrollerna av siffrorna.",
    );
    layout(
        &meta,
        html! {
            p.eyebrow { "Bidra · granskning" }
            h1 { (view.heading) }
            (body(view, to))
            p { a href="/bidra" { "Skicka en annan rapport" } }
        },
    )
}

/// The page for an input that could not be read into an evaluation.
pub fn render_unread(unread: &Unread) -> Markup {
    let input = unread.received.input;
    let problems: Vec<ProblemView> = unread
        .problems
        .iter()
        .map(|p| problem_view(p, input))
        .collect();
    let what = received_text(&unread.received);
    let pdf = unread.received.name.to_ascii_lowercase().ends_with(".pdf");
    let meta = PageMeta::new(
        "Det gick inte att läsa det du skickade",
        "Var och varför det du skickade inte kunde läsas, och vad du kan göra i stället.",
    );
    layout(
        &meta,
        html! {
            p.eyebrow { "Bidra · granskning" }
            h1 { "Det gick inte att läsa " (what) }
            div.note.warning {
                p.note-heading { strong { "Var och varför" } }
                (problem_list(&problems, unread.received.input))
            }
            h2 { "Vad kan du göra i stället?" }
            @if let Some((query, areas)) = prefill::of_refusal(&unread.problems) {
                @let href = format!("/bidra/siffror?{query}");
                p.download {
                    a.button #fyll-i-siffror href=(href) {
                        @if areas > 0 { "Fyll i de " (areas) " områdenas poäng i formuläret för siffror" }
                        @else { "Fyll i det som hittades i formuläret för siffror" }
                    }
                }
                p.hint { "Formuläret fylls i med det som hittades i texten. Se efter att det stämmer med rapporten och skriv var den finns publicerad." }
            }
            ul {
                @if pdf {
                    li { "Skicka rapportens text i stället för PDF:en: öppna PDF:en, markera all text, kopiera och klistra in den i rutan på " a href="/bidra" { "Bidra" } "." }
                }
                li { "Står det fel i rapporten själv (en siffra som inte stämmer), skriv av siffrorna som de står och anteckna skillnaden: se " a href="/bidra/filformat" { "Utvärderingsfilens format" } "." }
                li { "Är det ingen rapport från Kommunkompassen, utan till exempel ett pressmeddelande: fyll i siffrorna i " a href="/bidra/siffror" { "formuläret för siffror" } "." }
            }
            p { a href="/bidra" { "Försök igen" } }
        },
    )
}
