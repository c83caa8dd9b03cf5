//! `/bidra/siffror`: the form for figures printed only on a web page. The
//! form is written into an evaluation file and checked as any file is
//! (`import::figures_form`); each problem is shown at its field, in
//! Swedish, and consistent figures get the same review and file as a report.

use maud::{Markup, html};

use super::SendTo;
use super::review::{self, ProblemView, ReviewView, problem_list, problem_view, worded};
use crate::domain::MunicipalityCode;
use crate::domain::dataset::Dataset;
use crate::domain::evaluation::month_name_sv;
use crate::domain::text::sort_key;
use crate::import::figures_form::{Field, FiguresForm, Written};
use crate::import::review::InputKind;
use crate::import::{Problem, problem};
use crate::views::format::revision_short;
use crate::views::layout::{PageMeta, layout};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresPage {
    pub form: FiguresForm,
    /// (code, name), by name.
    pub municipalities: Vec<(MunicipalityCode, String)>,
    /// (id, label), newest first.
    pub revisions: Vec<(String, String)>,
    /// Problems shown at their field.
    pub at_fields: Vec<(Field, ProblemView)>,
    /// Problems no field stands for.
    pub elsewhere: Vec<ProblemView>,
    /// The review, when the figures were read (their checks failed).
    pub review: Option<ReviewView>,
}

impl FiguresPage {
    /// The empty form (or the form as sent, without problems).
    pub fn new(data: &Dataset, form: FiguresForm) -> Self {
        let mut municipalities: Vec<(MunicipalityCode, String)> = data
            .municipalities
            .iter()
            .map(|m| (m.code, m.name.clone()))
            .collect();
        municipalities.sort_by_key(|(_, name)| sort_key(name));
        let revisions = data
            .catalogue
            .revisions
            .iter()
            .rev()
            .map(|r| {
                let label = format!("{} ({})", revision_short(&data.catalogue, r.id), r.id);
                (r.id.to_string(), label)
            })
            .collect();
        FiguresPage {
            form,
            municipalities,
            revisions,
            at_fields: vec![],
            elsewhere: vec![],
            review: None,
        }
    }

    /// Fields left empty that the form needs.
    pub fn with_missing(mut self, missing: &[Field]) -> Self {
        for f in missing {
            let message = match f {
                Field::Municipality => "Välj kommun.",
                Field::Year => "Fyll i året för utvärderingen.",
                Field::Revision => "Välj vilka kriterier utvärderingen gjordes med.",
                Field::SourceUrl => "Fyll i adressen till sidan där siffrorna står.",
                _ => "Fyll i fältet.",
            };
            self.at_fields.push((
                *f,
                ProblemView {
                    line: None,
                    place: String::new(),
                    message: super::swedish::Worded::swedish(message),
                },
            ));
        }
        self
    }

    /// The problems of the file written from the form, each at its field.
    pub fn with_problems(mut self, written: &Written, problems: &[Problem]) -> Self {
        for p in problems {
            let mut view = problem_view(p, InputKind::Form);
            view.line = None;
            match field_of(written, p) {
                Some(f) => self.at_fields.push((f, view)),
                None => self.elsewhere.push(view),
            }
        }
        self
    }

    pub fn with_review(mut self, review: ReviewView) -> Self {
        self.review = Some(review);
        self
    }

    fn problems_at(&self, field: Field) -> Vec<&ProblemView> {
        self.at_fields
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, p)| p)
            .collect()
    }

    fn has_problems(&self) -> bool {
        !self.at_fields.is_empty() || !self.elsewhere.is_empty()
    }
}

/// The field a problem stands for: by the line of the file it is on, else
/// by the field of the file it names.
fn field_of(written: &Written, p: &Problem) -> Option<Field> {
    if let Some(f) = written.field_at(p.line) {
        return Some(f);
    }
    match &p.field {
        problem::Field::Municipality | problem::Field::MunicipalityName => {
            Some(Field::Municipality)
        }
        problem::Field::Year => Some(Field::Year),
        problem::Field::Month => Some(Field::Month),
        problem::Field::EvaluationNumber => Some(Field::EvaluationNumber),
        problem::Field::Revision => Some(Field::Revision),
        problem::Field::Total => Some(Field::Total),
        problem::Field::SourceUrl => Some(Field::SourceUrl),
        problem::Field::Area(n) => Some(Field::Area(*n)),
        _ => None,
    }
}

fn id(field: Field) -> String {
    format!("f-{}", field.name().replace('_', "-"))
}

/// A label, the control, and the field's problems tied to it.
fn field_block(
    page: &FiguresPage,
    field: Field,
    label: &str,
    hint: Option<&str>,
    control: Markup,
) -> Markup {
    let problems = page.problems_at(field);
    let error_id = format!("{}-fel", id(field));
    let hint_id = format!("{}-hint", id(field));
    html! {
        div.field.invalid[!problems.is_empty()] {
            label for=(id(field)) { (label) }
            @if let Some(h) = hint { span.hint id=(hint_id) { (h) } }
            @if !problems.is_empty() {
                ul.field-errors id=(error_id) {
                    @for p in &problems { li { (worded(&p.message)) } }
                }
            }
            (control)
        }
    }
}

/// `aria-describedby` for a field: its hint and its problems.
fn described_by(page: &FiguresPage, field: Field, hint: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{}-hint", id(field)));
    }
    if !page.problems_at(field).is_empty() {
        ids.push(format!("{}-fel", id(field)));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn text_input(page: &FiguresPage, field: Field, value: &str, mode: &str, hint: bool) -> Markup {
    let invalid = (!page.problems_at(field).is_empty()).then_some("true");
    let required = matches!(field, Field::Year | Field::SourceUrl);
    let kind = if field == Field::SourceUrl {
        "url"
    } else {
        "text"
    };
    html! {
        input id=(id(field)) name=(field.name()) type=(kind) value=(value)
            inputmode=[(kind == "text").then_some(mode)]
            required[required] aria-invalid=[invalid]
            aria-describedby=[described_by(page, field, hint)];
    }
}

fn select(
    page: &FiguresPage,
    field: Field,
    options: &[(String, String)],
    value: &str,
    empty: &str,
) -> Markup {
    let invalid = (!page.problems_at(field).is_empty()).then_some("true");
    let required = matches!(field, Field::Municipality | Field::Revision);
    html! {
        select id=(id(field)) name=(field.name()) required[required] aria-invalid=[invalid]
            aria-describedby=[described_by(page, field, false)] {
            option value="" { (empty) }
            @for (v, label) in options {
                option value=(v) selected[v == value] { (label) }
            }
        }
    }
}

fn form(page: &FiguresPage) -> Markup {
    let f = &page.form;
    let municipalities: Vec<(String, String)> = page
        .municipalities
        .iter()
        .map(|(c, n)| (c.to_string(), n.clone()))
        .collect();
    let months: Vec<(String, String)> = (1..=12u8)
        .filter_map(|m| month_name_sv(m).map(|n| (m.to_string(), n.to_string())))
        .collect();
    html! {
        form.panel.figures action="/bidra/siffror" method="post" {
            fieldset {
                legend { "Vilken utvärdering" }
                div.form-grid {
                    (field_block(page, Field::Municipality, "Kommun", None, select(page, Field::Municipality, &municipalities, &f.municipality, "Välj kommun")))
                    (field_block(page, Field::Year, "År", Some("Året utvärderingen gjordes, som 2020."), text_input(page, Field::Year, &f.year, "numeric", true)))
                    (field_block(page, Field::Month, "Månad (om den står)", None, select(page, Field::Month, &months, &f.month, "Anges inte")))
                    (field_block(page, Field::EvaluationNumber, "Kommunens utvärdering nr (om det står)", None, text_input(page, Field::EvaluationNumber, &f.evaluation_number, "numeric", false)))
                    (field_block(page, Field::Revision, "Kriterier", None, select(page, Field::Revision, &page.revisions, &f.revision, "Välj kriterier")))
                }
            }
            fieldset {
                legend { "Poäng som står på sidan" }
                p.hint { "Fyll bara i det som står: totalpoängen av 800, varje område av 100. Ett tal med decimal skrivs som 72,5. Det som inte står lämnas tomt: det visas som ej publicerat, aldrig som noll." }
                (field_block(page, Field::Total, "Totalpoäng (av 800)", None, text_input(page, Field::Total, &f.total, "decimal", false)))
                div.form-grid.narrow {
                    @for (n, value) in f.areas() {
                        (field_block(page, Field::Area(n), &format!("Område {n}"), None, text_input(page, Field::Area(n), value, "decimal", false)))
                    }
                }
                @let difference = Field::TotalDiscrepancy;
                (field_block(page, difference, "Trycker sidan en totalpoäng som inte stämmer med områdenas summa?", Some("Förklara då skillnaden, till exempel ”Sidan anger 359 poäng; områdena summerar till 363.” Annars lämnas rutan tom."), html! {
                    textarea id=(id(difference)) name=(difference.name()) rows="2"
                        aria-describedby=[described_by(page, difference, true)] { (f.total_discrepancy) }
                }))
            }
            fieldset {
                legend { "Källan" }
                (field_block(page, Field::SourceUrl, "Adressen till sidan där siffrorna står", Some("Börjar med https:// eller http://."), text_input(page, Field::SourceUrl, &f.source_url, "url", true)))
                div.field {
                    label for="f-notes" { "Anteckningar (valfritt)" }
                    span.hint #f-notes-hint { "Till exempel var på sidan siffrorna står, eller det som bara antyds (”137 poäng mer än 2017”)." }
                    textarea #f-notes name="notes" rows="3" aria-describedby="f-notes-hint" { (f.notes) }
                }
            }
            button type="submit" { "Granska siffrorna" }
        }
    }
}

pub fn render(page: &FiguresPage, to: &SendTo, url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        "Siffror från en webbsida",
        "Fyll i Kommunkompassens poäng som bara finns på en webbsida: de kontrolleras som en \
         utvärderingsfil, och du får filen att skicka in.",
    )
    .at(url);
    layout(
        &meta,
        html! {
            p.eyebrow { a href="/bidra" { "Bidra" } " · siffror från en webbsida" }
            h1 { "Siffror från en webbsida" }
            @if page.has_problems() {
                div.note.warning #problem {
                    p.note-heading { strong { "Siffrorna gick inte igenom kontrollen" } }
                    ul {
                        @for (f, p) in &page.at_fields {
                            li { a href=(format!("#{}", id(*f))) { (field_label(*f)) } ": " (worded(&p.message)) }
                        }
                    }
                    @if !page.elsewhere.is_empty() {
                        (problem_list(&page.elsewhere, InputKind::Form))
                    }
                }
            } @else {
                p.lead {
                    "Finns resultatet bara på en webbsida, som ett pressmeddelande om ”557 av 800 poäng”? "
                    "Fyll i det som står. Siffrorna kontrolleras som en utvärderingsfil, "
                    "och går de igenom får du filen att skicka in."
                }
            }
            @if let Some(view) = &page.review {
                details.review-details {
                    summary { "Visa alla kontroller" }
                    (review::body(view, to))
                }
            }
            (form(page))
            p { a href="/bidra" { "Har du rapporten? Skicka den i stället." } }
        },
    )
}

fn field_label(f: Field) -> String {
    match f {
        Field::Municipality => "Kommun".into(),
        Field::Year => "År".into(),
        Field::Month => "Månad".into(),
        Field::EvaluationNumber => "Utvärdering nr".into(),
        Field::Revision => "Kriterier".into(),
        Field::Total => "Totalpoäng".into(),
        Field::Area(n) => format!("Område {n}"),
        Field::SourceUrl => "Källans adress".into(),
        Field::Notes => "Anteckningar".into(),
        Field::TotalDiscrepancy => "Skillnad som sidan trycker".into(),
    }
}
