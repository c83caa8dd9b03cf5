//! What only a curator meets (the registers they edit, an import run
//! over many files), in Swedish all the same: every kind of problem has its
//! wording, whoever sees it.

use super::{Worded, list};
use crate::import::problem::{RegisterProblem, RunProblem};

pub(super) fn registers(r: &RegisterProblem) -> Worded {
    let text = match r {
        RegisterProblem::Csv(error) => {
            return Worded::with_english("CSV-filen går inte att läsa.", error);
        }
        RegisterProblem::MissingColumns(columns) => match columns.as_slice() {
            [one] => format!("Kolumnen {one} saknas."),
            several => format!("Kolumnerna {} saknas.", list(several)),
        },
        RegisterProblem::CodeListedTwice(code) => format!("{code} finns med två gånger."),
        RegisterProblem::Empty => "Fältet är tomt.".into(),
        RegisterProblem::CountyMismatch { given, code } => format!(
            "”{given}” stämmer inte med kodens två första siffror ({}).",
            code.county_code()
        ),
        RegisterProblem::NotAYear(v) => format!("”{v}” är inget år."),
        RegisterProblem::NotACount(v) => format!("”{v}” är inget antal."),
        RegisterProblem::BenchmarkWithoutSource => {
            "Varje jämförelsetal behöver sin källa: en webbadress (http:// eller https://).".into()
        }
        RegisterProblem::RevisionListedTwice => "En kriterieversion finns med två gånger.".into(),
        RegisterProblem::ThemeNumber(n) => format!("{n} är inget nytt temanummer 1–8."),
        RegisterProblem::ThemeSlug(slug) => {
            format!("”{slug}” får bara ha små bokstäver och bindestreck.")
        }
        RegisterProblem::ThemeCount(n) => format!("Det ska finnas 8 teman, inte {n}."),
        RegisterProblem::RevisionName(id) => {
            format!("”{id}” är inget namn på en kriterieversion (som ”v2020”).")
        }
        RegisterProblem::AreaNumber => "Ska vara ett nytt områdesnummer 1–8.".into(),
        RegisterProblem::AreaCount(n) => format!("Ska ha 8 områden, inte {n}."),
        RegisterProblem::AreaTheme(n) => format!("{n} är inget temanummer 1–8."),
        RegisterProblem::Confidence(v) => {
            format!(
                "”{v}” är ingen säkerhet (\"same\", \"strong\", \"medium\", \"weak\" eller \"none\")."
            )
        }
        RegisterProblem::SubareaElsewhere(code) => {
            format!("{code} finns med två gånger eller hör till ett annat område.")
        }
        RegisterProblem::SubareaMax(max) => format!("Maxpoängen {max} ska vara 1–100."),
        RegisterProblem::SubareaMaximaSum(sum) => {
            format!("Delområdenas maxpoäng summerar till {sum}, inte 100.")
        }
        RegisterProblem::NotInRegister(code) => {
            format!("{code} är ingen kommun i kommunregistret (municipalities.csv).")
        }
        RegisterProblem::NameDiffers { given, register } => {
            format!("”{given}” är inte registrets namn för koden (”{register}”).")
        }
        RegisterProblem::NotAGroup(v) => {
            format!("”{v}” är ingen kommungrupp (A1–A2, B3–B5 eller C6–C9).")
        }
        RegisterProblem::GroupNamedTwice { group, name, other } => {
            format!("{group} heter ”{name}” här men ”{other}” på en rad tidigare.")
        }
        RegisterProblem::WithoutSource => {
            "Varje rad behöver sin källa, som börjar med en webbadress (http:// eller https://)."
                .into()
        }
        RegisterProblem::Json(error) => {
            return Worded::with_english("Kartfilen går inte att läsa som JSON.", error);
        }
        RegisterProblem::NotFeatureCollection => {
            "Kartfilen ska vara en GeoJSON-samling (FeatureCollection) av objekt (Feature).".into()
        }
        RegisterProblem::GeometryType(kind) => {
            format!("”{kind}” är ingen polygon (Polygon eller MultiPolygon).")
        }
        RegisterProblem::BadRing { polygon, ring } => format!(
            "Ring {ring} i polygon {polygon} är ingen sluten ring av minst fyra punkter med longitud och latitud."
        ),
    };
    Worded::swedish(text)
}

pub(super) fn run(r: &RunProblem) -> String {
    match r {
        RunProblem::DescribedTwice { evaluation, other } => format!(
            "{} beskrivs också av {}; ha en fil per utvärdering (två utvärderingar samma år behöver sina månader).",
            evaluation.label(),
            other.display()
        ),
        RunProblem::MonthNeeded {
            municipality,
            year,
            months,
        } => {
            let months: Vec<String> = months
                .iter()
                .map(|m| m.map_or_else(|| "?".to_string(), |m| m.to_string()))
                .collect();
            format!(
                "{municipality} har {} utvärderingar sparade {year} (månad {}); ange månaden för att säga vilken det här är.",
                months.len(),
                list(&months)
            )
        }
        RunProblem::TwoBundles { other } => format!(
            "Är en mapp med inbyggda uppgifter, och det är {} också; en körning läser en sådan mapp.",
            other.display()
        ),
    }
}
