//! The Swedish wording of what the import finds, in one place: the
//! command line reports each problem in English as `file:line: field:
//! message`; `/bidra` shows the very same problems, each message and field
//! put in Swedish here, message by message. A message this table does not
//! know (a rare one of the report reader) is shown as it is, marked as
//! English, so nothing is ever hidden. The tests below produce the messages
//! through the real rules, so a reworded rule is noticed here.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::import::Problem;
use crate::import::review::Origin;

/// A message in the page's words; `english` when no wording was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    pub text: String,
    pub english: bool,
}

type Rewrite = fn(&Captures<'_>) -> String;

/// An interval as the rules print it, `[66.40, 67.40]`, in Swedish: `66,4–67,4`.
fn interval(text: &str) -> String {
    let inner = text.trim_start_matches('[').trim_end_matches(']');
    let show = |v: &str| {
        let v = v.trim();
        let v = v.strip_suffix('0').unwrap_or(v);
        let v = v.strip_suffix(".0").unwrap_or(v);
        v.replace('.', ",")
    };
    match inner.split_once(',') {
        Some((lo, hi)) => format!("{}–{}", show(lo), show(hi)),
        None => text.to_string(),
    }
}

/// A score as printed by the rules (`72.5`), with a decimal comma.
fn figure(text: &str) -> String {
    text.replace('.', ",")
}

/// Where the advice on a difference the source itself prints goes; the
/// words depend on where the figures were entered (`with_advice`).
const HOW: &str = "{how}";
const HOW_IN_FILE: &str = "Rätta felskrivningen. Trycker källan verkligen siffrorna så, \
     anteckna skillnaden i filen under [[discrepancies]]";
const HOW_IN_FORM: &str = "Rätta felskrivningen. Trycker källan verkligen siffrorna så, \
     förklara skillnaden i rutan om en totalpoäng som inte stämmer";

/// Message patterns of the rules (`validate.rs`), the evaluation file
/// (`evaluation_file.rs`, the domain's parse errors), reading a file or a
/// PDF (`import/mod.rs`, `pdf.rs`) and the report reader's cross-checks.
static MESSAGES: LazyLock<Vec<(Regex, Rewrite)>> = LazyLock::new(|| {
    let table: Vec<(&str, Rewrite)> = vec![
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
        // What reading a report found worth saying (notices).
        (
            r"^strengths and improvements of area\(s\) (.+) are kept as one block each",
            |c| {
                format!(
                    "Styrkor och förbättringsmöjligheter i område {} sparas som ett textblock per område: texten har \
                 de två kolumnerna i följd utan markering. (En PDF läses med sina kolumner och delas då i två listor.)",
                    &c[1]
                )
            },
        ),
        (
            r#"^found no chapter "Område N \.\.\." for area\(s\) (.+): "#,
            |c| {
                format!(
                    "Hittade inget kapitel ”Område N …” för område {}: poängen jämförs inte med tabellen och texten läses inte.",
                    &c[1]
                )
            },
        ),
        (
            r"^found no points in the chapter\(s\) of area\(s\) (.+): ",
            |c| {
                format!(
                    "Hittade inga poäng i kapitlet om område {}: de jämförs inte med tabellen.",
                    &c[1]
                )
            },
        ),
        (r"^found no overview table", |_| {
            "Hittade ingen översiktstabell (”Översikt av poängfördelning”): områdenas poäng kommer från kapitlen, \
             och inga delområden lästes."
                .to_string()
        }),
        (r"^found no area chapters", |_| {
            "Hittade inga kapitel per område: kapitlens poäng jämförs inte med tabellen, och inga styrkor och \
             förbättringsmöjligheter lästes."
                .to_string()
        }),
        (
            r#"^sub-area (\S+) \((.*)\) prints "–" for its points \(not assessed\): the sub-areas of area (\d)"#,
            |c| {
                format!(
                    "Delområde {} ({}) har ”–” som poäng (inte bedömt): delområdena i område {} utelämnas, eftersom \
                 ett område har alla sina delområden eller inga. Områdets poäng behålls som den står.",
                    &c[1], &c[2], &c[3]
                )
            },
        ),
        (
            r#"^the chapter of area (\d) lists (\d+) headings under "Rubriker", the table (\d+) sub-areas$"#,
            |c| {
                format!(
                    "Kapitlet om område {} har {} rubriker under ”Rubriker”, tabellen {} delområden.",
                    &c[1], &c[2], &c[3]
                )
            },
        ),
        (
            r"^the chapter of area (\d) prints several lone numbers where its points stand \((.*)\); (\S+) is read as its points",
            |c| {
                format!(
                    "Kapitlet om område {} har flera ensamma tal där poängen står ({}); {} läses som poängen eftersom det är \
                 översiktstabellens summa, de andra som sidnummer.",
                    &c[1],
                    c[2].replace(" on line ", " på rad ").replace(", ", "; "),
                    figure(&c[3])
                )
            },
        ),
        (
            r#"^area (\d) is printed as "(.*)", which is not a (\S+) name; read as"#,
            |c| {
                format!(
                    "Område {} är tryckt som ”{}”, som inte är ett namn i {}; det läses som område {} i {}.",
                    &c[1], &c[2], &c[3], &c[1], &c[3]
                )
            },
        ),
        (
            r"^the evaluation number is left out, as the report gives different ones \((.*)\)$",
            |c| {
                format!(
                    "Utvärderingens nummer utelämnas, eftersom rapporten anger olika ({}).",
                    &c[1]
                )
            },
        ),
        (
            r#"^the title "(.*)" gives the year (\d+); the evaluation is dated (.+) from line (\d+)"#,
            |c| {
                format!(
                    "Titeln ”{}” anger året {}; utvärderingen dateras {} enligt rad {}.",
                    &c[1], &c[2], &c[3], &c[4]
                )
            },
        ),
        (
            r#"^"(.*)" spans several months; the evaluation is dated by the first, (.+)$"#,
            |c| {
                format!(
                    "”{}” omfattar flera månader; utvärderingen dateras efter den första, {}.",
                    &c[1], &c[2]
                )
            },
        ),
        (
            r#"^the month of the evaluation is read from "(.*)", which does not name the municipality; the title \(line (\d+)\)"#,
            |c| {
                format!(
                    "Månaden läses från ”{}”, som inte nämner kommunen; titeln (rad {}) anger bara året.",
                    &c[1], &c[2]
                )
            },
        ),
        (
            r"^the catalogue does not list the sub-areas of (\S+); recording (.+) as printed here$",
            |c| {
                format!(
                    "Kriterierna {} har inga delområden i katalogen; {} tas med som de står här.",
                    &c[1], &c[2]
                )
            },
        ),
        // The report reader's cross-checks and who and when.
        (r"^the row of sub-area (\S+) is missing", |c| {
            format!("Raden för delområde {} saknas i översiktstabellen.", &c[1])
        }),
        (
            r"^area (\d) appears twice in the table \(first at line (\d+)\)$",
            |c| {
                format!(
                    "Område {} finns två gånger i tabellen (första gången på rad {}).",
                    &c[1], &c[2]
                )
            },
        ),
        (r"^the table has no rows for area (\d)$", |c| {
            format!("Översiktstabellen har inga rader för område {}.", &c[1])
        }),
        (r"^area (\d) has no total row", |c| {
            format!(
                "Område {} har ingen summarad (som ”66 100 66%”) i översiktstabellen.",
                &c[1]
            )
        }),
        (
            r"^the total of area (\d) is printed out of (\S+), not 100$",
            |c| {
                format!(
                    "Summan för område {} är tryckt av {}, inte av 100.",
                    &c[1],
                    figure(&c[2])
                )
            },
        ),
        (
            r"^the maxima of area (\d)'s sub-areas add up to (\S+), not (\S+):",
            |c| {
                format!(
                    "Maxpoängen för delområdena i område {} summerar till {}, inte {}: en rad saknas eller har lästs fel.",
                    &c[1],
                    figure(&c[2]),
                    figure(&c[3])
                )
            },
        ),
        (
            r#"^the chapter "(.*)" prints (\S+) points, but the overview table's total for area (\d) is (\S+) \(line (\d+)\)$"#,
            |c| {
                format!(
                    "Kapitlet ”{}” anger {} poäng, men översiktstabellens summa för område {} är {} (rad {}).",
                    &c[1],
                    figure(&c[2]),
                    &c[3],
                    figure(&c[4]),
                    &c[5]
                )
            },
        ),
        (
            r"^the chapter of area (\d) prints several lone numbers where its points stand",
            |c| {
                format!(
                    "Kapitlet om område {} har flera ensamma tal där poängen brukar stå, och inget av dem kan skiljas från ett sidnummer.",
                    &c[1]
                )
            },
        ),
        (
            r"^found no points for area\(s\) (.+) in the overview table or the chapters",
            |c| {
                format!(
                    "Hittade inga poäng för område {} i översiktstabellen eller kapitlen: rapporten verkar ofullständig \
                 (avklippt?). Varje rapport anger alla åtta områden.",
                    &c[1]
                )
            },
        ),
        (
            r#"^the report names "(.*)", which is not a municipality in the register"#,
            |c| {
                format!(
                    "Rapporten nämner ”{}”, som inte är en kommun i registret.",
                    &c[1]
                )
            },
        ),
        (
            r"^the report names several municipalities as the one evaluated: (.*)$",
            |c| {
                format!(
                    "Rapporten nämner flera kommuner som den utvärderade: {}.",
                    &c[1]
                )
            },
        ),
        (r"^cannot tell which municipality was evaluated", |_| {
            "Det går inte att se vilken kommun som utvärderades: ingen titel eller mening som \
             ”Utvärderingen av X kommun” nämner den."
                .to_string()
        }),
        (r"^found no evaluation date", |_| {
            "Hittade inget datum för utvärderingen: letade efter ”Utvärderingen av X kommun genomfördes i \
             <månad> <år>”, ”X kommun utvärderades i <månad> <år>” och en titel ”Analys av X kommun <år>”."
                .to_string()
        }),
        (r"^found no area names", |_| {
            "Hittade inga områdesnamn (kapitel ”Område 1 …” eller rubriker i tabellen) att avgöra kriterieversionen från."
                .to_string()
        }),
        (
            r"^cannot tell the criteria revision from the printed area names",
            |_| {
                "Det går inte att avgöra kriterieversionen från de tryckta områdesnamnen."
                    .to_string()
            },
        ),
        (r"^found neither", |_| {
            "Hittade varken översiktstabellen (”Översikt av poängfördelning”) eller kapitel per område.".to_string()
        }),
    ];
    table
        .into_iter()
        .map(|(pattern, rewrite)| {
            let re = Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?}: {e}"));
            (re, rewrite)
        })
        .collect()
});

/// A message of the import in Swedish, or as it is (marked English).
pub fn message(text: &str) -> Worded {
    message_for(text, Origin::File)
}

/// The advice on a difference, for a file or for the form.
fn with_advice(text: &str, origin: Origin) -> String {
    match origin {
        Origin::Form => text
            .replace(HOW, HOW_IN_FORM)
            .replace(" (figure = \"total\")", ""),
        Origin::File | Origin::Report => text.replace(HOW, HOW_IN_FILE),
    }
}

fn message_for(text: &str, origin: Origin) -> Worded {
    for (re, rewrite) in MESSAGES.iter() {
        if let Some(c) = re.captures(text) {
            return Worded {
                text: with_advice(&rewrite(&c), origin),
                english: false,
            };
        }
    }
    Worded {
        text: text.to_string(),
        english: true,
    }
}

static FIELDS: LazyLock<Vec<(Regex, Rewrite)>> = LazyLock::new(|| {
    let table: Vec<(&str, Rewrite)> = vec![
        (r"^areas \((\d)\)$", |c| format!("område {}", &c[1])),
        (r"^areas\[(\d+)\]\.(\w+)$", |c| {
            format!("områdesrad {} ({})", index(&c[1]), part_sv(&c[2]))
        }),
        (r"^subareas \((\d\.\d+)\)(?:\.(\w+))?$", |c| {
            match c.get(2) {
                Some(p) => format!("delområde {}, {}", &c[1], part_sv(p.as_str())),
                None => format!("delområde {}", &c[1]),
            }
        }),
        (r"^subareas \(area (\d)\)$", |c| {
            format!("delområdena i område {}", &c[1])
        }),
        (r"^subareas\[(\d+)\]\.(\w+)$", |c| {
            format!("delområdesrad {} ({})", index(&c[1]), part_sv(&c[2]))
        }),
        (r"^texts\[(\d+)\]\.(\w+)$", |c| {
            format!("text {} ({})", index(&c[1]), part_sv(&c[2]))
        }),
        (r"^overview table \(area (\d)\)$", |c| {
            format!("översiktstabellen, område {}", &c[1])
        }),
        (r"^overview table \((\d\.\d+)\)$", |c| {
            format!("översiktstabellen, delområde {}", &c[1])
        }),
        (r"^overview table.*$", |_| "översiktstabellen".to_string()),
        (r"^(?:area )?(\d) \(chapter points\)$", |c| {
            format!("kapitlet om område {}, poängen", &c[1])
        }),
    ];
    table
        .into_iter()
        .map(|(pattern, rewrite)| {
            let re = Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?}: {e}"));
            (re, rewrite)
        })
        .collect()
});

/// `areas[0]` is the first row.
fn index(zero_based: &str) -> String {
    zero_based
        .parse::<usize>()
        .map_or_else(|_| zero_based.to_string(), |i| (i + 1).to_string())
}

fn part_sv(part: &str) -> &'static str {
    match part {
        "points" => "poäng",
        "max" => "max",
        "percent" => "procent",
        "number" => "nummer",
        "code" => "kod",
        "area" => "område",
        "kind" => "slag",
        "name" => "namn",
        _ => "fält",
    }
}

/// Where in the evaluation a problem is, in Swedish ("delområde 3.2, poäng").
pub fn field(name: &str) -> String {
    let plain = match name {
        "municipality" => Some("kommun"),
        "municipality_name" => Some("kommunens namn"),
        "year" => Some("år"),
        "month" => Some("månad"),
        "evaluation_number" => Some("utvärderingens nummer"),
        "revision" => Some("kriterieversion"),
        "total" => Some("totalpoäng"),
        "source.url" => Some("källans adress"),
        "discrepancies.figure" => Some("antecknad skillnad"),
        "toml" => Some("filens form"),
        "file" => Some("filen"),
        "format" => Some("filens slag"),
        "encoding" => Some("teckenkodning"),
        "pdf" => Some("PDF"),
        "report" => Some("rapporten"),
        "municipality, year, month" => Some("kommun, år och månad"),
        _ => None,
    };
    if let Some(p) = plain {
        return p.to_string();
    }
    for (re, rewrite) in FIELDS.iter() {
        if let Some(c) = re.captures(name) {
            return rewrite(&c);
        }
    }
    name.to_string()
}

/// A notice ("line 12: ...") in Swedish, its line first ("Rad 12: ...").
pub fn notice(text: &str) -> Worded {
    static LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^line (\d+): (.*)$").unwrap_or_else(|e| panic!("{e}")));
    match LINE.captures(text) {
        Some(c) => {
            let rest = message(&c[2]);
            if rest.english {
                return Worded {
                    text: text.to_string(),
                    english: true,
                };
            }
            Worded {
                text: format!("Rad {}: {}", &c[1], rest.text),
                english: false,
            }
        }
        None => message(text),
    }
}

/// A problem's message in Swedish, its advice for where the figures were entered.
pub fn problem(p: &Problem, origin: Origin) -> Worded {
    message_for(&p.message, origin)
}

#[cfg(test)]
mod tests;
