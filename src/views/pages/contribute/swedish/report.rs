//! The wording of what the report reader says: its notices, its
//! cross-checks, and who and when.

use super::{Rewrite, figure};

/// (pattern of the English message, its Swedish wording): a table, so one
/// long function.
pub(super) fn table() -> Vec<(&'static str, Rewrite)> {
    vec![
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
    ]
}
