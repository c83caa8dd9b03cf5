//! The wording of the rules' messages (`validate.rs`), the evaluation
//! file's and the domain's parse errors, and reading a file or a PDF.

use super::{HOW, Rewrite, figure, interval};

/// (pattern of the English message, its Swedish wording): a table, so one
/// long function.
pub(super) fn table() -> Vec<(&'static str, Rewrite)> {
    vec![
        // validate.rs
        (
            r"^(\d{4}) is not a municipality code in the register",
            |c| {
                format!(
                    "{} är ingen kommunkod i registret över Sveriges 290 kommuner.",
                    &c[1]
                )
            },
        ),
        (r#"^"(.*)" is not the name of (\d{4}) \((.*)\)$"#, |c| {
            format!(
                "”{}” är inte namnet på kommun {} ({}).",
                &c[1], &c[2], &c[3]
            )
        }),
        (r"^(\S+) is not in the catalogue \(known: (.*)\)$", |c| {
            format!(
                "Kriterieversionen {} finns inte (de kända är {}).",
                &c[1], &c[2]
            )
        }),
        (r#"^"(.*)" is not a web address"#, |c| {
            format!(
                "”{}” är ingen webbadress: den ska börja med https:// eller http://.",
                &c[1]
            )
        }),
        (r#"^"(.*)" is not a figure \("total""#, |c| {
            format!(
                "”{}” är ingen siffra i utvärderingen (skriv \"total\" eller \"area 1\" … \"area 8\").",
                &c[1]
            )
        }),
        (r"^area (\d) is listed twice$", |c| {
            format!("Område {} finns med två gånger.", &c[1])
        }),
        (r"^(\S+) has no area (\d+)$", |c| {
            format!("Kriterierna {} har inget område {}.", &c[1], &c[2])
        }),
        (r"^(\S+) points is above the area maximum of (\S+)$", |c| {
            format!(
                "{} poäng är mer än områdets högsta, {}.",
                figure(&c[1]),
                &c[2]
            )
        }),
        (
            r"^(\S+) points and (\S*)% of (\S+) cannot both be right",
            |c| {
                format!(
                    "{} poäng och {} % av {} kan inte båda stämma, inte ens med avrundning.",
                    figure(&c[1]),
                    figure(&c[2]),
                    &c[3]
                )
            },
        ),
        (r"^sub-area (\S+) is listed twice$", |c| {
            format!("Delområde {} finns med två gånger.", &c[1])
        }),
        (
            r"^max (\S+) disagrees with the (\S+) already recorded for (\S+) (\S+)$",
            |c| {
                format!(
                    "Maxpoängen {} stämmer inte med {} som redan finns för delområde {} ({}).",
                    figure(&c[1]),
                    figure(&c[2]),
                    &c[4],
                    &c[3]
                )
            },
        ),
        (
            r"^(\S+) is not a sub-area of (\S+) area (\d) in the catalogue$",
            |c| {
                format!(
                    "{} är inget delområde till område {} i kriterierna {}.",
                    &c[1], &c[3], &c[2]
                )
            },
        ),
        (
            r"^max (\S+) disagrees with the catalogue's (\S+) for (\S+) (\S+)$",
            |c| {
                format!(
                    "Maxpoängen {} stämmer inte med kriteriernas {} för delområde {} ({}).",
                    figure(&c[1]),
                    figure(&c[2]),
                    &c[4],
                    &c[3]
                )
            },
        ),
        (r"^max (\S+) must be above 0 and at most (\S+)$", |c| {
            format!(
                "Maxpoängen {} ska vara över 0 och högst {}.",
                figure(&c[1]),
                &c[2]
            )
        }),
        (r"^(\S+) is outside \[0, (\S+)\]$", |c| {
            format!("{} ligger utanför 0–{}.", figure(&c[1]), figure(&c[2]))
        }),
        (r"^a percent above 100$", |_| {
            "Procenten är över 100.".to_string()
        }),
        (
            r"^(\S+) points of (\S+) and (\S+)% cannot both be right: \S+% of \S+ is (\[.*\]), which does not round to",
            |c| {
                format!(
                    "{} poäng av {} och {} % kan inte båda stämma: {} % av {} är {}, vilket inte avrundas till {}.",
                    figure(&c[1]),
                    figure(&c[2]),
                    figure(&c[3]),
                    figure(&c[3]),
                    figure(&c[2]),
                    interval(&c[4]),
                    figure(&c[1])
                )
            },
        ),
        (
            r"^missing sub-area\(s\) (.+): give all of an area's sub-areas or none$",
            |c| {
                format!(
                    "Delområde {} saknas: ange alla delområden i ett område, eller inga.",
                    &c[1]
                )
            },
        ),
        (
            r"^the sub-areas of area (\d) add up to (\[.*\]) points allowing for rounding, which the printed area total (\S+) cannot be",
            |c| {
                format!(
                    "Delområdena i område {} summerar till {} poäng med avrundning, men områdets tryckta poäng är {}. \
                     {HOW} (figure = \"area {}\").",
                    &c[1],
                    interval(&c[2]),
                    figure(&c[3]),
                    &c[1]
                )
            },
        ),
        (r"^(\S+) is above the maximum of 800$", |c| {
            format!("{} är mer än det högsta möjliga, 800.", figure(&c[1]))
        }),
        (
            r"^the eight areas add up to (\[.*\]) allowing for rounding, but the published total is (\S+);",
            |c| {
                format!(
                    "De åtta områdena summerar till {} med avrundning, men den publicerade totalpoängen är {}. \
                     {HOW} (figure = \"total\").",
                    interval(&c[1]),
                    figure(&c[2])
                )
            },
        ),
        // The evaluation file and the domain's values.
        (r"^(-?\d+) is not a plausible evaluation year$", |c| {
            format!("{} är inget rimligt år för en utvärdering.", &c[1])
        }),
        (r"^(-?\d+) is not a month \(1-12\)$", |c| {
            format!("{} är ingen månad (1–12).", &c[1])
        }),
        (r"^(-?\d+) is not an evaluation number", |c| {
            format!(
                "{} är inget nummer på en utvärdering (1 för den första, 2 för den andra …).",
                &c[1]
            )
        }),
        (r#"^"(.*)" is not a municipality code"#, |c| {
            format!(
                "”{}” är ingen kommunkod (fyra siffror, till exempel 0180 eller 1881).",
                &c[1]
            )
        }),
        (r#"^"(.*)" is not a revision name"#, |c| {
            format!(
                "”{}” är inget namn på en kriterieversion (som v2020).",
                &c[1]
            )
        }),
        (r"^(-?\d+) is not an area number \(1-8\)$", |c| {
            format!("{} är inget områdesnummer (1–8).", &c[1])
        }),
        (r#"^"(.*)" is not a sub-area code"#, |c| {
            format!(
                "”{}” är ingen delområdeskod (område, punkt och nummer, som 3.4).",
                &c[1]
            )
        }),
        (r#"^"(.*)" is not a number$"#, |c| {
            format!("”{}” är inget tal.", &c[1])
        }),
        (r#"^"(.*)" has more than one decimal"#, |c| {
            format!(
                "”{}” har mer än en decimal; publicerade siffror har högst en.",
                &c[1]
            )
        }),
        (r#"^"?(.*?)"? is negative"#, |c| {
            format!("{} är negativt; poäng är aldrig under noll.", &c[1])
        }),
        (r#"^"(.*)" is too large to be a score$"#, |c| {
            format!("”{}” är för stort för att vara poäng.", &c[1])
        }),
        (r"^invalid type: string .*, expected i64$", |_| {
            "Ska vara ett heltal.".to_string()
        }),
        (r"^missing field `(\w+)`$", |c| {
            format!("Fältet {} saknas.", &c[1])
        }),
        (r"^unknown field `(\w+)`", |c| {
            format!("Fältet {} finns inte i filformatet.", &c[1])
        }),
        // Reading the file.
        (r"^the file is empty$", |_| "Filen är tom.".to_string()),
        (r"^the file is not UTF-8", |_| {
            "Filen är inte text i UTF-8. Spara den som UTF-8, eller skicka PDF:en.".to_string()
        }),
        (r"^the file is named \.pdf but is not a PDF", |_| {
            "Filen heter .pdf men är ingen PDF: den börjar inte som en PDF (%PDF-). \
             Välj själva rapportfilen, eller klistra in rapportens text."
                .to_string()
        }),
        (r"^this is neither an evaluation file", |_| {
            "Det här är varken en utvärderingsfil eller texten ur en rapport från Kommunkompassen \
             (den nämner ”Kommunkompassen” och har kapitel per område eller en översiktstabell)."
                .to_string()
        }),
        (r"^this PDF's text is not a Kommunkompassen report", |_| {
            "PDF:ens text är ingen rapport från Kommunkompassen: den saknar ordet ”Kommunkompassen” \
             med en översiktstabell eller kapitel per område."
                .to_string()
        }),
        // Reading a PDF.
        (r"^`[^`]+` took longer than (\d+) seconds", |c| {
            format!(
                "Det tog mer än {} sekunder att läsa PDF:en, så läsningen avbröts.",
                &c[1]
            )
        }),
        (r"within its memory limit of (\d+) MB", |c| {
            format!(
                "PDF:en krävde mer minne än de {} MB som tillåts, så läsningen avbröts.",
                &c[1]
            )
        }),
        (r"^`[^`]+` could not read the PDF", |_| {
            "PDF:en gick inte att läsa: den kan vara skadad, krypterad eller bara bestå av bilder."
                .to_string()
        }),
        (r"^the PDF's text is longer than (\d+) MB", |c| {
            format!(
                "PDF:ens text är längre än {} MB; en rapports text är mycket kortare.",
                &c[1]
            )
        }),
        (r"needs `[^`]+`.*which is not installed", |_| {
            "Servern kan inte läsa PDF just nu (ett program saknas). Klistra in rapportens text i stället.".to_string()
        }),
    ]
}
