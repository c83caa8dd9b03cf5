//! `/bidra?kommun=1880&ar=2010` (and the same on `/bidra/siffror`): the
//! evaluation a visitor came to contribute, named by `/saknas` or a
//! municipality page. Both forms are filled in with it: the report form's
//! optional "which evaluation" fields, and the figures form's municipality,
//! year and, when kompass holds that evaluation, its month, number and
//! criteria. After a report is read, the review says whether it is the
//! evaluation chosen.

use maud::{Markup, html};

use crate::domain::dataset::{Dataset, StoredEvaluation};
use crate::domain::text::sort_key;
use crate::domain::{Evaluation, MunicipalityCode};
use crate::import::figures_form::FiguresForm;
use crate::views::format::{self, bidra_href, genitive};

/// The evaluation named in the address: a known municipality and a year,
/// either may be absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prefill {
    pub municipality: Option<MunicipalityCode>,
    pub year: Option<i32>,
}

impl Prefill {
    pub fn is_empty(&self) -> bool {
        self.municipality.is_none() && self.year.is_none()
    }

    /// The query that names it again (`kommun=1880&ar=2010`), empty when
    /// nothing is named.
    pub fn query(&self) -> String {
        match (self.municipality, self.year) {
            (Some(m), y) => bidra_href(m.as_str(), y)
                .trim_start_matches("/bidra?")
                .to_string(),
            (None, Some(y)) => format!("ar={y}"),
            (None, None) => String::new(),
        }
    }

    /// `path` with the query, for links between the two forms.
    pub fn href(&self, path: &str) -> String {
        match self.query().as_str() {
            "" => path.to_string(),
            q => format!("{path}?{q}"),
        }
    }

    /// The evaluation kompass holds for it, if the municipality and year
    /// name exactly one.
    pub fn held<'a>(&self, data: &'a Dataset) -> Option<&'a StoredEvaluation> {
        let (code, year) = (self.municipality?, self.year?);
        let mut same: Vec<&StoredEvaluation> = data
            .evaluations_of(code)
            .filter(|s| s.evaluation.year == year)
            .collect();
        (same.len() == 1).then(|| same.remove(0))
    }

    /// The figures form with what is named filled in.
    pub fn figures_form(&self, data: &Dataset) -> FiguresForm {
        let mut form = FiguresForm::default();
        if let Some(m) = self.municipality {
            form.municipality = m.to_string();
        }
        if let Some(y) = self.year {
            form.year = y.to_string();
        }
        if let Some(s) = self.held(data) {
            let e = &s.evaluation;
            form.revision = e.revision.to_string();
            form.month = e.month.map(|m| m.to_string()).unwrap_or_default();
            form.evaluation_number = e
                .evaluation_number
                .map(|n| n.to_string())
                .unwrap_or_default();
        }
        form
    }
}

/// "Örebro 2010", "Örebro", "2010".
fn named(data: &Dataset, p: &Prefill) -> String {
    let name = p
        .municipality
        .and_then(|c| data.municipality(c))
        .map(|m| m.name.clone());
    match (name, p.year) {
        (Some(n), Some(y)) => format!("{n} {y}"),
        (Some(n), None) => n,
        (None, Some(y)) => y.to_string(),
        (None, None) => String::new(),
    }
}

/// What the start page says first when an evaluation is named: which one,
/// what kompass knows of it, and the way to the figures form for it.
pub fn intro(data: &Dataset, p: &Prefill) -> Markup {
    let held = p.held(data);
    let name = p
        .municipality
        .and_then(|c| data.municipality(c))
        .map(|m| m.name.clone());
    html! {
        div.note #vald-utvardering {
            p.note-heading { strong {
                @match (&name, p.year) {
                    (Some(n), Some(y)) => { "Du bidrar med " (genitive(n)) " utvärdering " (y) }
                    (Some(n), None) => { "Du bidrar med en utvärdering av " (n) }
                    (None, Some(y)) => { "Du bidrar med en utvärdering " (y) }
                    (None, None) => {}
                }
            } }
            @if let Some(s) = held {
                p {
                    "kompass vet att den gjordes (kriterierna från "
                    (format::revision_short(&data.catalogue, s.evaluation.revision)) ")"
                    @if let Some(url) = &s.evaluation.source.url { ", enligt " a href=(url) { "källan" } }
                    ", men har "
                    @if s.evaluation.has_published_scores() { "bara en del av poängen" } @else { "inga poäng" }
                    " från den."
                }
            }
            p {
                "Kommun och år är ifyllda i båda formulären. Har du rapporten, skicka den nedan. "
                "Står poängen bara på en webbsida: "
                a href=(p.href("/bidra/siffror")) { "fyll i siffrorna för " (named(data, p)) } "."
            }
        }
    }
}

/// The report form's optional fields naming the evaluation: the
/// municipality (a select of all 290) and the year.
pub fn report_fields(data: &Dataset, p: &Prefill) -> Markup {
    let mut municipalities: Vec<(MunicipalityCode, &str)> = data
        .municipalities
        .iter()
        .map(|m| (m.code, m.name.as_str()))
        .collect();
    municipalities.sort_by_key(|(_, name)| sort_key(name));
    let year = p.year.map(|y| y.to_string()).unwrap_or_default();
    html! {
        fieldset {
            legend { "Vilken utvärdering gäller rapporten? (valfritt)" }
            p.hint #vilken-hint { "kompass läser kommun och år ur rapporten; det du väljer här jämförs med det som läses." }
            div.form-grid {
                div.field {
                    label for="vald-kommun" { "Kommun" }
                    select #vald-kommun name="kommun" aria-describedby="vilken-hint" {
                        option value="" { "Ingen vald" }
                        @for (code, name) in &municipalities {
                            option value=(code.as_str()) selected[p.municipality == Some(*code)] { (name) }
                        }
                    }
                }
                div.field {
                    label for="valt-ar" { "År" }
                    input #valt-ar name="ar" type="text" inputmode="numeric" value=(year)
                        aria-describedby="vilken-hint";
                }
            }
        }
    }
}

/// After a report is read: whether it is the evaluation chosen on the form.
pub fn chosen_notice(data: &Dataset, chosen: &Prefill, read: &Evaluation) -> Option<String> {
    if chosen.is_empty() {
        return None;
    }
    let same_place = chosen.municipality.is_none_or(|m| m == read.municipality);
    let same_year = chosen.year.is_none_or(|y| y == read.year);
    let read_name = data
        .municipality(read.municipality)
        .map_or_else(|| read.municipality.to_string(), |m| m.name.clone());
    let text = if same_place && same_year {
        format!(
            "Rapporten gäller den utvärdering du valde: {read_name} {}.",
            read.year
        )
    } else {
        format!(
            "Du valde {}, men rapporten gäller {read_name} {}. Kontrollera att det är rätt rapport.",
            named(data, chosen),
            read.year
        )
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::testdata::bundled;

    fn orebro_2010() -> Prefill {
        Prefill {
            municipality: Some("1880".parse().unwrap()),
            year: Some(2010),
        }
    }

    #[test]
    fn the_figures_form_gets_what_kompass_holds_of_the_named_evaluation() {
        let data = bundled();
        let form = orebro_2010().figures_form(data);
        assert_eq!(
            (
                form.municipality.as_str(),
                form.year.as_str(),
                form.revision.as_str()
            ),
            ("1880", "2010", "v2010")
        );
        assert_eq!(form.evaluation_number, "3");
        assert_eq!(
            orebro_2010().href("/bidra/siffror"),
            "/bidra/siffror?kommun=1880&ar=2010"
        );
        let only_year = Prefill {
            municipality: None,
            year: Some(2009),
        };
        assert_eq!(only_year.figures_form(data).municipality, "");
        assert_eq!(Prefill::default().href("/bidra/siffror"), "/bidra/siffror");
    }

    #[test]
    fn the_report_form_has_the_municipality_selected_and_the_year_filled_in() {
        let html = report_fields(bundled(), &orebro_2010()).into_string();
        assert!(
            html.contains(r#"<option value="1880" selected>Örebro</option>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"name="ar" type="text" inputmode="numeric" value="2010""#),
            "{html}"
        );
    }

    #[test]
    fn the_review_says_whether_the_report_is_the_evaluation_chosen() {
        let data = bundled();
        let kumla = &data
            .evaluation(&"1881-2020".parse().unwrap())
            .unwrap()
            .evaluation;
        let said = chosen_notice(data, &orebro_2010(), kumla).unwrap();
        assert_eq!(
            said,
            "Du valde Örebro 2010, men rapporten gäller Kumla 2020. Kontrollera att det är rätt rapport."
        );
        let kumla_2020 = Prefill {
            municipality: Some("1881".parse().unwrap()),
            year: Some(2020),
        };
        assert!(
            chosen_notice(data, &kumla_2020, kumla)
                .unwrap()
                .starts_with("Rapporten gäller den utvärdering du valde")
        );
        assert!(chosen_notice(data, &Prefill::default(), kumla).is_none());
    }
}
