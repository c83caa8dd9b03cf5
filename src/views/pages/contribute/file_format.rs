//! `/bidra/filformat`: the evaluation file, field by field, in Swedish, for
//! someone filling one in by hand when a report cannot be read. The example
//! is checked by the tests with the same rules as every file.

use maud::{Markup, html};

use crate::views::layout::{PageMeta, layout};
use crate::views::partials::table_wrap;

/// An evaluation file with every kind of field: what the page shows.
pub const EXAMPLE: &str = r#"municipality = "1881"            # kommunkoden (SCB), fyra siffror, som text
municipality_name = "Kumla"      # valfritt: kontrolleras mot koden
year = 2020
month = 11                       # valfritt
evaluation_number = 2            # valfritt: kommunens andra utvärdering
revision = "v2020"               # v2002, v2010, v2016 eller v2020
total = 557                      # valfritt: bara om den är publicerad
notes = """
Totalpoängen från kommunens nyhet; områdena från rapportens översiktstabell.
"""

areas = [                        # bara de områden som står
  { number = 1, points = 66, percent = 66 },
  { number = 2, points = 73 },
  { number = 3, points = 80 },
  { number = 4, points = 60 },
  { number = 5, points = 65 },
  { number = 6, points = 71 },
  { number = 7, points = 70 },
  { number = 8, points = "72" },  # decimalkomma går bra: "72,5"
]

subareas = [                     # ett områdes alla delområden, eller inga
  { code = "3.1", points = 9, max = 10, percent = 90, name = "Strategi för styrning" },
  { code = "3.2", points = 33, max = 40, percent = 84, name = "Politisk styrning" },
  { code = "3.3", points = 20, max = 30, percent = 67, name = "Uppföljning och analys" },
  { code = "3.4", points = 18, max = 20, percent = 90, name = "Samspel mellan rollerna som förtroendevald respektive tjänsteperson" },
]

[source]
url = "https://www.kumla.se/"
title = "Kommunkompassen. Analys av Kumla kommun 2020"
"#;

const FIELDS: [(&str, &str, &str); 15] = [
    (
        "municipality",
        "ja",
        "Kommunkoden från SCB, fyra siffror inom citattecken: \"0180\" är Stockholm.",
    ),
    (
        "municipality_name",
        "nej",
        "Kommunens namn; kontrolleras mot koden.",
    ),
    ("year", "ja", "Året utvärderingen gjordes."),
    (
        "month",
        "nej",
        "Månaden, 1–12. Behövs när en kommun utvärderades två gånger samma år.",
    ),
    (
        "evaluation_number",
        "nej",
        "Kommunens första (1), andra (2) … utvärdering.",
    ),
    (
        "revision",
        "ja",
        "Kriterieversionen: v2002, v2010, v2016 eller v2020. Avgörs av områdesnamnen, inte av året (se Om metoden).",
    ),
    (
        "total",
        "nej",
        "Totalpoängen av 800, bara om den är publicerad. Den räknas aldrig ut.",
    ),
    (
        "evaluators",
        "nej",
        "Utvärderarnas namn, som en lista: [\"Anna Andersson\", \"Bo Berg\"].",
    ),
    (
        "notes",
        "nej",
        "Fritext: var siffrorna står, och det som bara antyds.",
    ),
    (
        "areas",
        "nej",
        "De områden som står: number (1–8), points, och om de står percent och name.",
    ),
    (
        "subareas",
        "nej",
        "Delområden: code (\"3.2\"), points, max, och om de står percent och name. Ett områdes alla delområden, eller inga.",
    ),
    (
        "[source]",
        "nej",
        "url: adressen där siffrorna står; title: rapportens titel.",
    ),
    (
        "[[discrepancies]]",
        "nej",
        "En skillnad som källan själv trycker: figure = \"total\" eller \"area 1\" … \"area 8\", och note med förklaringen.",
    ),
    (
        "[[texts]]",
        "nej",
        "Rapportens text per område: area, kind (strengths, improvements, strengths_and_improvements eller summary) och text.",
    ),
    (
        "[contribution]",
        "nej",
        "Skrivs av kompass när en inskickad utvärdering godtas, inte för hand: reference (inskickningens referens, \"B-2026-0007\") och accepted (dagen den godtogs, 2026-12-08). Kommunens sida visar då källan som ”inskickad via kompass, granskad 8 december 2026”.",
    ),
];

/// The `[contribution]` table as `kompass inbox accept` writes it.
pub const CONTRIBUTION_EXAMPLE: &str = r#"[contribution]                   # skrivs av kompass när utvärderingen godtas
reference = "B-2026-0007"        # inskickningens referens: B, året den kom in, dess nummer det året
accepted = 2026-12-08            # dagen den granskades och godtogs
"#;

pub fn render(url: Option<String>) -> Markup {
    let meta = PageMeta::new(
        "Utvärderingsfilens format",
        "Så fyller du i en utvärderingsfil för Kommunkompassen för hand: fälten, ett exempel och det som kontrolleras.",
    )
    .at(url);
    layout(
        &meta,
        html! {
            p.eyebrow { a href="/bidra" { "Bidra" } " · filformatet" }
            h1 { "Utvärderingsfilens format" }
            p.lead {
                "En utvärdering per fil, i textformatet TOML och teckenkodningen UTF-8. "
                "Bara siffror som står i källan är siffror; det som bara antyds skrivs i notes. "
                "Är inga poäng publicerade är det ändå en utvärdering: utelämna då total, areas och subareas."
            }
            p {
                "Skicka den färdiga filen till "
                a href="/bidra" { "Bidra" }
                ": den kontrolleras där på samma sätt som här beskrivs, och du ser var något inte stämmer."
            }
            h2 { "Fälten" }
            (table_wrap("Fälten i utvärderingsfilen", html! {
                table {
                    thead { tr { th scope="col" { "Fält" } th scope="col" { "Måste finnas" } th scope="col" { "Vad" } } }
                    tbody {
                        @for (name, required, what) in FIELDS {
                            tr { th scope="row" { code { (name) } } td { (required) } td { (what) } }
                        }
                    }
                }
            }))
            h2 { "Exempel" }
            pre.example tabindex="0" { code { (EXAMPLE) } }
            p {
                "En utvärdering som skickats in med Skicka in och godtagits får dessutom en tabell "
                "som säger det; den skrivs av kompass, inte för hand:"
            }
            pre.example tabindex="0" { code { (CONTRIBUTION_EXAMPLE) } }
            h2 { "Det här kontrolleras" }
            ul {
                li { "Kommunkoden finns i registret, kriterieversionen finns, områdena är 1–8 och varje område och delområde står en gång." }
                li { "Delområdenas koder och maxpoäng stämmer med kriterierna; poängen ligger mellan 0 och max." }
                li {
                    "Avrundade siffror kontrolleras som intervall: en tryckt 5 står för 4,5–5,5, och 48 % av 10 för 4,75–4,85. "
                    "Poäng och procent ska stämma, ett områdes delområden ska summera till områdets poäng och de åtta områdena till totalpoängen, med hänsyn till avrundning."
                }
                li { "En skillnad utöver avrundning godtas bara om den står under [[discrepancies]]: den visas då som en anmärkning om uppgifternas kvalitet." }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::import::bundle::{SourceFile, sha256_hex};
    use crate::import::pdf::Limits;
    use crate::import::review::{SnapshotRegisters, review_file};
    use crate::views::testdata;

    #[test]
    fn the_example_passes_every_check() {
        let registers = SnapshotRegisters::new(testdata::bundled());
        let file = SourceFile {
            path: PathBuf::from("exempel.toml"),
            hash: sha256_hex(EXAMPLE.as_bytes()),
            bytes: EXAMPLE.as_bytes().to_vec(),
        };
        let review = review_file(&file, &Limits::default(), &registers.get()).unwrap();
        assert!(review.accepted(), "{:?}", review.problems());
        assert_eq!(review.evaluation.areas.len(), 8);
        assert_eq!(review.evaluation.subareas.len(), 4);
        // With the [contribution] table too.
        let text = format!("{EXAMPLE}\n{CONTRIBUTION_EXAMPLE}");
        let file = SourceFile {
            path: PathBuf::from("exempel.toml"),
            hash: sha256_hex(text.as_bytes()),
            bytes: text.into_bytes(),
        };
        let review = review_file(&file, &Limits::default(), &registers.get()).unwrap();
        assert!(review.accepted(), "{:?}", review.problems());
        let c = review.evaluation.contribution.expect("the table is read");
        assert_eq!(c.reference.to_string(), "B-2026-0007");
    }
}
