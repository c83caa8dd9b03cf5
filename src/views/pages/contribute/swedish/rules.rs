//! The rules every evaluation passes, and the values of the evaluation
//! file, in Swedish.

use super::{figure, list, score};
use crate::domain::interval::Interval;
use crate::domain::score::BadScore;
use crate::domain::{AREA_MAX, Score, SubareaCode, TOTAL_MAX};
use crate::import::problem::{Dated, RuleProblem, ValueProblem};
use crate::import::review::InputKind;

/// What to do about a sum the printed figures do not meet, by where the
/// figures were entered: a file records the difference under
/// `[[discrepancies]]`, the form in its box about the total.
fn advice(input: InputKind, figure: &str) -> String {
    let fix = "Rätta felskrivningen. Trycker källan verkligen siffrorna så,";
    match input {
        InputKind::Form => {
            format!("{fix} förklara skillnaden i rutan om en totalpoäng som inte stämmer.")
        }
        InputKind::File | InputKind::Report => format!(
            "{fix} anteckna skillnaden i filen under [[discrepancies]] (figure = \"{figure}\")."
        ),
    }
}

pub(super) fn rule(r: &RuleProblem, input: InputKind) -> String {
    let area_max = score(&AREA_MAX);
    match r {
        RuleProblem::UnknownMunicipality(code) => {
            format!("{code} är ingen kommunkod i registret över Sveriges 290 kommuner.")
        }
        RuleProblem::NotTheName { given, code, name } => {
            format!("”{given}” är inte namnet på kommun {code} ({name}).")
        }
        RuleProblem::UnknownRevision { revision, known } => format!(
            "Kriterieversionen {revision} finns inte (de kända är {}).",
            list(known)
        ),
        RuleProblem::FigureNotPublished(f) => format!(
            "Filen anger inte {}; en uppgiven förändring gäller en siffra som filen anger.",
            figure(f)
        ),
        RuleProblem::NotBeforeEvaluation { since, year } => {
            format!("{since} är inte före själva utvärderingen ({year}).")
        }
        RuleProblem::ChangeStatedTwice { figure: f, since } => format!(
            "En förändring av {} sedan {since} anges två gånger.",
            figure(f)
        ),
        RuleProblem::AreaListedTwice(n) => format!("Område {n} finns med två gånger."),
        RuleProblem::NoSuchArea { revision, area } => {
            format!("Kriterierna {revision} har inget område {area}.")
        }
        RuleProblem::AboveAreaMax(points) => {
            format!(
                "{} poäng är mer än områdets högsta, {area_max}.",
                score(points)
            )
        }
        RuleProblem::AreaPercentDisagrees { points, percent } => format!(
            "{} poäng och {} % av {area_max} kan inte båda stämma, inte ens med avrundning.",
            score(points),
            percent.as_ref().map(score).unwrap_or_default(),
        ),
        RuleProblem::SubareaListedTwice(code) => format!("Delområde {code} finns med två gånger."),
        RuleProblem::MaxDisagreesWithRecorded {
            max,
            recorded,
            revision,
            code,
        } => format!(
            "Maxpoängen {} stämmer inte med {} som redan finns för delområde {code} ({revision}).",
            score(max),
            score(recorded)
        ),
        RuleProblem::NotASubareaOf { code, revision } => format!(
            "{code} är inget delområde till område {} i kriterierna {revision}.",
            code.area
        ),
        RuleProblem::MaxDisagreesWithCatalogue {
            max,
            catalogue,
            revision,
            code,
        } => format!(
            "Maxpoängen {} stämmer inte med kriteriernas {} för delområde {code} ({revision}).",
            score(max),
            score(catalogue)
        ),
        RuleProblem::MaxOutOfRange(max) => {
            format!(
                "Maxpoängen {} ska vara över 0 och högst {area_max}.",
                score(max)
            )
        }
        RuleProblem::PointsAboveMax { points, max } => {
            format!("{} ligger utanför 0–{}.", score(points), score(max))
        }
        RuleProblem::PercentAbove100 => "Procenten är över 100.".into(),
        RuleProblem::SubareaPercentDisagrees {
            points,
            max,
            percent,
        } => subarea_percent(points, max, percent.as_ref()),
        RuleProblem::MissingSubareas { missing, .. } => missing_subareas(missing),
        RuleProblem::SubareaSumDisagrees { area, sum, printed } => format!(
            "Delområdena i område {area} summerar till {} poäng med avrundning, men områdets tryckta poäng är {}. {}",
            sum.to_swedish(),
            printed.as_ref().map(score).unwrap_or_default(),
            advice(InputKind::File, &format!("area {area}"))
        ),
        RuleProblem::TotalAboveMax(total) => format!(
            "{} är mer än det högsta möjliga, {}.",
            score(total),
            score(&TOTAL_MAX)
        ),
        RuleProblem::TotalSumDisagrees { sum, total } => format!(
            "De åtta områdena summerar till {} med avrundning, men den publicerade totalpoängen är {}. {}",
            sum.to_swedish(),
            score(total),
            advice(input, "total")
        ),
    }
}

fn missing_subareas(missing: &[SubareaCode]) -> String {
    let all_or_none = "ange alla delområden i ett område, eller inga.";
    match missing {
        [one] => format!("Delområde {one} saknas: {all_or_none}"),
        several => format!("Delområdena {} saknas: {all_or_none}", list(several)),
    }
}

/// "33 poäng av 40 och 95 % kan inte båda stämma: 95 % av 40 är 37,8–38,2,
/// vilket inte avrundas till 33."
fn subarea_percent(points: &Score, max: &Score, percent: Option<&Score>) -> String {
    let (p, m) = (score(points), score(max));
    match percent {
        Some(pct) => format!(
            "{p} poäng av {m} och {} % kan inte båda stämma: {} % av {m} är {}, vilket inte avrundas till {p}.",
            score(pct),
            score(pct),
            Interval::of_percent(*pct, *max).to_swedish()
        ),
        None => format!("{p} poäng av {m} kan inte stämma, inte ens med avrundning."),
    }
}

pub(super) fn value(v: &ValueProblem) -> String {
    match v {
        ValueProblem::MunicipalityCode(bad) => format!(
            "”{}” är ingen kommunkod (fyra siffror, till exempel 0180 eller 1881).",
            bad.0
        ),
        ValueProblem::Revision(bad) => {
            format!(
                "”{}” är inget namn på en kriterieversion (som v2020).",
                bad.0
            )
        }
        ValueProblem::AreaNumber(bad) => format!("{} är inget områdesnummer (1–8).", bad.0),
        ValueProblem::SubareaCode(bad) => format!(
            "”{}” är ingen delområdeskod (område, punkt och nummer, som 3.4).",
            bad.0
        ),
        ValueProblem::Score(bad) => bad_score(bad),
        ValueProblem::Figure(bad) => format!(
            "”{}” är ingen siffra i utvärderingen (skriv \"total\" eller \"area 1\" … \"area 8\").",
            bad.0
        ),
        ValueProblem::NegativeWhole(n) => {
            format!("{n} är negativt; poäng är aldrig under noll.")
        }
        ValueProblem::NotFinite(v) => format!("{v} är inget tal."),
        ValueProblem::NotAChange(v) => format!("{v} är ingen förändring i poäng."),
        ValueProblem::ImplausibleYear(y) => format!("{y} är inget rimligt år för en utvärdering."),
        ValueProblem::NotAMonth(m) => format!("{m} är ingen månad (1–12)."),
        ValueProblem::NotAnEvaluationNumber(n) => {
            format!("{n} är inget nummer på en utvärdering (1 för den första, 2 för den andra …).")
        }
        ValueProblem::NotADate(text) => {
            format!("”{text}” är inget datum (skriv det som 2021-05-10).")
        }
        ValueProblem::ImplausiblePublication(date) => {
            format!("{date} är inget rimligt datum för när resultaten publicerades.")
        }
        ValueProblem::PublishedBeforeEvaluation { date, year, month } => {
            let when = Dated {
                year: *year,
                month: *month,
            };
            format!("{date} är före själva utvärderingen ({when}).")
        }
        ValueProblem::NotATextKind(kind) => format!(
            "”{kind}” är inget slag av text (\"strengths_and_improvements\", \"strengths\", \"improvements\" eller \"summary\")."
        ),
        ValueProblem::NotAWebAddress(url) => {
            format!("”{url}” är ingen webbadress: den ska börja med https:// eller http://.")
        }
        ValueProblem::StatedSourceMissing => {
            "Adressen till sidan som anger förändringen saknas.".into()
        }
        ValueProblem::ContributionReference(bad) => format!(
            "”{}” är ingen referens till en inskickning (B-ÅÅÅÅ-NNNN, till exempel B-2026-0007).",
            bad.0
        ),
    }
}

fn bad_score(bad: &BadScore) -> String {
    match bad {
        BadScore::NotANumber(text) => format!("”{text}” är inget tal."),
        BadScore::TooPrecise(text) => {
            format!("”{text}” har mer än en decimal; publicerade siffror har högst en.")
        }
        BadScore::Negative(text) => format!("{text} är negativt; poäng är aldrig under noll."),
        BadScore::TooLarge(text) => format!("”{text}” är för stort för att vara poäng."),
    }
}
