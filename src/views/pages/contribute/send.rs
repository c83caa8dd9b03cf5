//! Sending a reviewed evaluation to the inbox, on the review page: what it
//! would change in the data kompass holds (it confirms what is held, changes
//! N figures from what to what, adds figures, or has the very figures of
//! another evaluation; a year that cannot be refused), said in Swedish from
//! the domain's `Comparison`; and the send form, which carries what was
//! reviewed (the report's text, or the evaluation file) for the server to
//! review again, with the source address, a contact and a message.

use maud::{Markup, html};

use chrono::NaiveDate;

use crate::domain::contribution::{Comparison, FigureName, Held, YearRefusal, compare};
use crate::domain::dataset::Dataset;
use crate::domain::{EvaluationId, MunicipalityCode, Score};
use crate::import::review::Review;
use crate::inbox::InputKind;
use crate::inbox::entry::caps;
use crate::inbox::sender::{FieldProblem, SenderField};
use crate::views::format::when;

/// Where the send form posts.
pub const SEND_PATH: &str = "/bidra/skicka";

/// What a contribution would do, as the page says it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComparisonView {
    /// Why it cannot be sent at all.
    pub refusal: Option<String>,
    /// Against the evaluation held: a sentence, then each change.
    pub summary: Option<String>,
    pub changes: Vec<String>,
    /// "Samma siffror som Kumla 2020: fel fil?".
    pub warnings: Vec<String>,
}

/// What was reviewed, carried by the send form to be reviewed again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub input: InputKind,
    /// The name it was sent under.
    pub name: String,
    /// The report's text, or the evaluation file.
    pub content: String,
}

/// What the sender filled in, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SenderForm {
    pub source: String,
    pub contact: String,
    pub message: String,
    pub problems: Vec<(SenderField, FieldProblem)>,
}

/// The review page's part about sending: the comparison and the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sending {
    pub comparison: ComparisonView,
    pub carried: Carried,
    pub form: SenderForm,
}

/// The sending part of a review that every check passed: what it would
/// change in `data` on `today`, and the empty form carrying `carried`.
pub fn offer(review: &Review, carried: Carried, data: &Dataset, today: NaiveDate) -> Sending {
    let e = &review.evaluation;
    let c = compare(e, &data.evaluations, today);
    Sending {
        comparison: comparison(&c, data, e.municipality, e.year),
        carried,
        form: SenderForm::default(),
    }
}

/// The form's name for what was reviewed ("rapport", "fil", "formular").
pub fn input_value(input: InputKind) -> &'static str {
    match input {
        InputKind::Report => "rapport",
        InputKind::File => "fil",
        InputKind::Form => "formular",
    }
}

/// `input_value` read back.
pub fn input_of(value: &str) -> Option<InputKind> {
    [InputKind::Report, InputKind::File, InputKind::Form]
        .into_iter()
        .find(|o| input_value(*o) == value)
}

/// "Kumla 2020" ("Kumla november 2020" when the month tells two apart).
fn evaluation_name(data: &Dataset, id: &EvaluationId) -> String {
    let name = municipality_name(data, id.municipality());
    format!("{name} {}", when(id.year(), id.month()))
}

fn municipality_name(data: &Dataset, code: MunicipalityCode) -> String {
    data.municipality(code)
        .map_or_else(|| code.to_string(), |m| m.name.clone())
}

/// "område 1, poäng".
pub fn figure_name(f: FigureName) -> String {
    match f {
        FigureName::Total => "totalpoäng".into(),
        FigureName::AreaPoints(n) => format!("område {n}, poäng"),
        FigureName::AreaPercent(n) => format!("område {n}, procent"),
        FigureName::SubareaPoints(c) => format!("delområde {c}, poäng"),
        FigureName::SubareaMax(c) => format!("delområde {c}, maxpoäng"),
        FigureName::SubareaPercent(c) => format!("delområde {c}, procent"),
    }
}

fn value(f: FigureName, v: Score) -> String {
    match f {
        FigureName::AreaPercent(_) | FigureName::SubareaPercent(_) => {
            format!("{} %", v.to_swedish())
        }
        _ => v.to_swedish(),
    }
}

fn figures(n: usize) -> String {
    if n == 1 {
        "1 siffra".into()
    } else {
        format!("{n} siffror")
    }
}

/// The refusal of a year, in Swedish.
pub fn refusal(r: YearRefusal) -> String {
    match r {
        YearRefusal::Future { year, this_year } => format!(
            "Året {year} har inte kommit än (det är {this_year}), så ingen utvärdering kan vara \
             gjord då. Kontrollera året i rapporten; utvärderingen kan inte skickas in."
        ),
        YearRefusal::BeforeFirst { year } => format!(
            "Kommunkompassens utvärderingar började 2002, så {year} kan inte vara året för en av \
             dem. Kontrollera året i rapporten; utvärderingen kan inte skickas in."
        ),
    }
}

/// The comparison in Swedish, naming evaluations as the register does.
pub fn comparison(
    c: &Comparison,
    data: &Dataset,
    municipality: MunicipalityCode,
    year: i32,
) -> ComparisonView {
    let mut view = ComparisonView {
        refusal: c.year.map(refusal),
        ..ComparisonView::default()
    };
    view.summary = Some(match &c.held {
        Held::New => format!(
            "kompass har ingen utvärdering av {} {year}: den blir ny.",
            municipality_name(data, municipality)
        ),
        Held::Confirms { id } => format!(
            "Det här bekräftar det som redan finns: kompass har samma siffror för {}.",
            evaluation_name(data, id)
        ),
        Held::Changes { id, changed, added } => {
            let name = evaluation_name(data, id);
            for ch in changed {
                view.changes.push(format!(
                    "{}: {} → {}",
                    capitalised(&figure_name(ch.figure)),
                    value(ch.figure, ch.old),
                    value(ch.figure, ch.new)
                ));
            }
            for a in added {
                view.changes.push(format!(
                    "{}: {} (ny)",
                    capitalised(&figure_name(a.figure)),
                    value(a.figure, a.value)
                ));
            }
            match (changed.len(), added.len()) {
                (n, 0) => format!("Det här ändrar {} i {name}, som kompass har:", figures(n)),
                (0, m) => format!(
                    "Det här lägger till {} som kompass saknar för {name}:",
                    figures(m)
                ),
                (n, m) => format!(
                    "Det här ändrar {} i {name}, som kompass har, och lägger till {}:",
                    figures(n),
                    figures(m)
                ),
            }
        }
        Held::Ambiguous { ids } => {
            let names: Vec<String> = ids.iter().map(|id| evaluation_name(data, id)).collect();
            format!(
                "kompass har flera utvärderingar det året ({}); utan månad går det inte att säga \
                 vilken det här gäller.",
                crate::views::format::and_list(&names)
            )
        }
    });
    for same in &c.same_figures {
        view.warnings.push(format!(
            "Samma siffror som {}: fel fil? Varenda siffra är densamma som i den utvärderingen.",
            evaluation_name(data, &same.id)
        ));
    }
    view
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The comparison, shown under the verdict.
pub fn comparison_note(c: &ComparisonView) -> Markup {
    html! {
        @if let Some(summary) = &c.summary {
            div.note.comparison #jamfort {
                p.note-heading { strong { "Jämfört med det kompass har" } }
                p { (summary) }
                @if !c.changes.is_empty() {
                    ul.changes {
                        @for line in &c.changes { li { (line) } }
                    }
                }
            }
        }
        @for w in &c.warnings {
            div.note.warning {
                p { strong { (w) } }
            }
        }
    }
}

fn problem_text(field: SenderField, p: FieldProblem) -> String {
    match (field, p) {
        (SenderField::Source, FieldProblem::Missing) => {
            "Fyll i adressen där rapporten eller siffrorna finns publicerade.".into()
        }
        (_, FieldProblem::Missing) => "Fyll i fältet.".into(),
        (_, FieldProblem::NotAWebAddress) => {
            "Det är ingen webbadress: den ska börja med https:// eller http://.".into()
        }
        (_, FieldProblem::TooLong { max }) => format!("Högst {max} tecken."),
    }
}

fn field_id(field: SenderField) -> &'static str {
    match field {
        SenderField::Source => "kalla",
        SenderField::Contact => "kontakt",
        SenderField::Message => "meddelande",
    }
}

/// A field of the form: label, hint, control, its problems.
fn field(
    form: &SenderForm,
    field: SenderField,
    label: &str,
    hint: &str,
    control: Markup,
) -> Markup {
    let id = field_id(field);
    let problems: Vec<String> = form
        .problems
        .iter()
        .filter(|(f, _)| *f == field)
        .map(|(f, p)| problem_text(*f, *p))
        .collect();
    html! {
        div.field.invalid[!problems.is_empty()] {
            label for=(id) { (label) }
            span.hint id=(format!("{id}-hint")) { (hint) }
            @if !problems.is_empty() {
                ul.field-errors id=(format!("{id}-fel")) {
                    @for p in &problems { li { (p) } }
                }
            }
            (control)
        }
    }
}

fn described_by(form: &SenderForm, field: SenderField) -> String {
    let id = field_id(field);
    if form.problems.iter().any(|(f, _)| *f == field) {
        format!("{id}-hint {id}-fel")
    } else {
        format!("{id}-hint")
    }
}

fn invalid(form: &SenderForm, field: SenderField) -> Option<&'static str> {
    form.problems
        .iter()
        .any(|(f, _)| *f == field)
        .then_some("true")
}

/// The send form, or why there is none.
pub fn section(s: &Sending) -> Markup {
    let f = &s.form;
    html! {
        @if let Some(refusal) = &s.comparison.refusal {
            p { (refusal) }
        } @else {
            p {
                "Skicka in utvärderingen till kompass inkorg. Den som driver webbplatsen granskar den "
                "mot källan innan den läggs in bland uppgifterna; du får en referens att fråga efter."
            }
            form.panel.send action=(SEND_PATH) method="post" {
                input type="hidden" name="sort" value=(input_value(s.carried.input));
                input type="hidden" name="namn" value=(s.carried.name);
                input type="hidden" name="innehall" value=(s.carried.content);
                (field(f, SenderField::Source, "Var rapporten eller siffrorna finns publicerade",
                    "Webbadressen, till exempel till PDF:en på kommunens webbplats. Börjar med https:// eller http://.",
                    html! {
                        input #kalla name="kalla" type="url" required value=(f.source)
                            maxlength=(caps::SOURCE_CHARS) autocomplete="url"
                            aria-invalid=[invalid(f, SenderField::Source)]
                            aria-describedby=(described_by(f, SenderField::Source));
                    }))
                (field(f, SenderField::Contact, "Din e-postadress (frivillig)",
                    "Om något behöver frågas. Den visas aldrig och läggs inte in bland uppgifterna.",
                    html! {
                        input #kontakt name="kontakt" type="text" value=(f.contact)
                            maxlength=(caps::CONTACT_CHARS) autocomplete="email"
                            aria-invalid=[invalid(f, SenderField::Contact)]
                            aria-describedby=(described_by(f, SenderField::Contact));
                    }))
                (field(f, SenderField::Message, "Meddelande (frivilligt)",
                    "Till den som granskar: var siffrorna står, vad som är osäkert. Visas aldrig för andra.",
                    html! {
                        textarea #meddelande name="meddelande" rows="4"
                            maxlength=(caps::MESSAGE_CHARS)
                            aria-invalid=[invalid(f, SenderField::Message)]
                            aria-describedby=(described_by(f, SenderField::Message)) { (f.message) }
                    }))
                button type="submit" { "Skicka in" }
            }
        }
    }
}

#[cfg(test)]
mod tests;
