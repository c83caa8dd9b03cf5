//! What stops the report reader, in Swedish: who and when, the overview
//! table, the report as a whole.

use super::{areas, list, recognised, score};
use crate::domain::Score;
use crate::domain::catalogue::DetectError;
use crate::import::problem::{
    DateSource, MetadataProblem, ReportProblem, RowFault, TableProblem, TotalFault,
};

pub(super) fn metadata(m: &MetadataProblem) -> String {
    match m {
        MetadataProblem::SeveralMunicipalities(named) => {
            let named: Vec<String> = named
                .iter()
                .map(|(name, line)| format!("{name} (rad {line})"))
                .collect();
            format!(
                "Rapporten nämner flera kommuner som den utvärderade: {}.",
                list(&named)
            )
        }
        MetadataProblem::AmbiguousName {
            printed,
            candidates,
        } => {
            let names: Vec<String> = candidates
                .iter()
                .map(|(name, code)| format!("{name} ({code})"))
                .collect();
            format!(
                "”{printed}” kan vara {}; rapporten måste stava namnet som registret gör.",
                names.join(" eller ")
            )
        }
        MetadataProblem::UnknownName(name) => {
            format!("Rapporten nämner ”{name}”, som inte är en kommun i registret.")
        }
        MetadataProblem::MunicipalityUnclear(mentions) => {
            let text = "Det går inte att se vilken kommun som utvärderades: ingen titel eller \
                        mening som ”Utvärderingen av X kommun” nämner den";
            if mentions.is_empty() {
                return format!("{text}.");
            }
            let counts: Vec<String> = mentions
                .iter()
                .map(|(name, n)| format!("{name} ({n} gånger)"))
                .collect();
            format!(
                "{text}, och kommunerna nämns ungefär lika ofta ({}).",
                list(&counts)
            )
        }
        MetadataProblem::DatesDisagree { source, dates } => {
            let dates: Vec<String> = dates
                .iter()
                .map(|d| format!("{} (rad {}: ”{}”)", d.date, d.line, d.quote))
                .collect();
            format!(
                "{} anger olika datum för utvärderingen: {}. Läsningen gissar inte vilket som gäller: \
                 rätta texten, eller skriv utvärderingsfilen för hand.",
                date_source(*source),
                list(&dates)
            )
        }
        MetadataProblem::NoDate(left_out) => {
            let text = "Hittade inget datum för utvärderingen: letade efter ”Utvärderingen av X kommun \
                        genomfördes i <månad> <år>”, ”X kommun utvärderades i <månad> <år>” och en titel \
                        ”Analys av X kommun <år>”.";
            if left_out.is_empty() {
                return text.to_string();
            }
            let lines: Vec<String> = left_out
                .iter()
                .map(|(line, word)| format!("rad {line} (”{word}”)"))
                .collect();
            format!(
                "{text} Datum i meningar om en tidigare utvärdering eller en revidering lämnades utanför: {}.",
                list(&lines)
            )
        }
    }
}

fn date_source(source: DateSource) -> &'static str {
    match source {
        DateSource::Naming => "Meningarna om den utvärderade kommunen",
        DateSource::TitlePage => "Titelsidan",
        DateSource::Other => "Meningarna med datum (ingen nämner den utvärderade kommunen)",
        DateSource::TitleAndSentences => "Titelsidan och meningarna med datum",
    }
}

pub(super) fn table(t: &TableProblem) -> String {
    match t {
        TableProblem::AreaTwice { area, first_line } => format!(
            "Område {area} finns två gånger i tabellen (första gången på rad {first_line})."
        ),
        TableProblem::NoRowsFor(area) => {
            format!("Översiktstabellen har inga rader för område {area}.")
        }
        TableProblem::RowMissing {
            missing,
            after,
            before,
            line,
        } => {
            let after = after
                .map(|(code, at)| format!(" efter {code} (rad {at})"))
                .unwrap_or_default();
            format!(
                "Raden för delområde {missing} saknas i översiktstabellen{after}, före {before} (rad {line})."
            )
        }
        TableProblem::NoTotalRow(area) => {
            format!("Område {area} har ingen summarad (som ”66 100 66%”) i översiktstabellen.")
        }
        TableProblem::TotalNotOutOf100 { area, max } => format!(
            "Summan för område {area} är tryckt av {}, inte av 100.",
            score(max)
        ),
        TableProblem::MaximaSum { area, sum, max } => format!(
            "Maxpoängen för delområdena i område {area} summerar till {}, inte {}: en rad saknas eller har lästs fel.",
            score(sum),
            score(max)
        ),
        TableProblem::RowFiguresUnclear { code, count } => format!(
            "Raden för delområde {code} slutar med {count} tal, och varken en procentsats eller \
             tabellhuvudets kolumner visar vilka av dem som är poäng, max och procent."
        ),
        TableProblem::RowUnreadable { code, name, fault } => format!(
            "Raden för delområde {code} ({name}) går inte att läsa: {}. Den ska ha poäng, max och procent, som ”13 20 63%”.",
            row_fault(*fault)
        ),
        TableProblem::RowWithoutFigures { code, name } => format!(
            "Raden för delområde {code} ({name}) har inga läsbara poäng, max och procent efter namnet."
        ),
        TableProblem::SecondHeader(area) => {
            format!("Område {area} har en andra rubrik i tabellen.")
        }
        TableProblem::RowAfterOtherHeader {
            code,
            area,
            header_line,
        } => format!(
            "Delområde {code} står direkt efter rubriken för område {area} (rad {header_line})."
        ),
        TableProblem::TotalUnreadable { text, fault } => format!(
            "”{text}” ser ut som en summa, men {}. En summa har poäng, max och procent, som ”66 100 66%”.",
            total_fault(fault)
        ),
        TableProblem::SecondGrandTotal => "Tabellen har en andra totalsumma.".into(),
        TableProblem::TotalNamesOtherArea { named, area } => format!(
            "Summan på raden gäller område {named}, men raderna ovanför hör till område {area}."
        ),
        TableProblem::SecondAreaTotal { area, first_line } => {
            format!("En andra summa för område {area} (den första står på rad {first_line}).")
        }
        TableProblem::TotalBeforeRows => "En summa står före tabellens första delområde.".into(),
        TableProblem::ColumnsInReadingOrder { rows } => format!(
            "{rows} rader saknar siffror bredvid namnen: tabellens kolumner verkar komma efter varandra, \
             som när texten tas ut i läsordning. Skicka själva PDF:en, eller ta ut texten med \
             pdftotext -layout."
        ),
    }
}

fn row_fault(fault: RowFault) -> &'static str {
    match fault {
        RowFault::MaxIsDash => "maxpoängen är tryckt som ”–”",
        RowFault::TooFew => "den har färre än två tal",
        RowFault::TooMany => "den har fler än tre tal",
        RowFault::PercentFirst => "en procentsats står före det sista talet",
    }
}

fn total_fault(fault: &TotalFault) -> String {
    match fault {
        TotalFault::Stray(words) => format!("”{words}” står bland orden och talen"),
        TotalFault::Dash => "en summa kan inte vara ”–”".into(),
        TotalFault::Row(fault) => row_fault(*fault).into(),
    }
}

/// "66 på rad 229 och 12 på rad 231".
fn candidates(list_of: &[(Score, u32)]) -> String {
    let items: Vec<String> = list_of
        .iter()
        .map(|(s, line)| format!("{} på rad {line}", score(s)))
        .collect();
    list(&items)
}

pub(super) fn report(r: &ReportProblem) -> String {
    match r {
        ReportProblem::TextEmpty => "Texten är tom.".into(),
        ReportProblem::NothingToRead => {
            "Hittade varken översiktstabellen (”Översikt av poängfördelning”) \
                                         eller kapitel per område med poäng."
                .into()
        }
        ReportProblem::NoAreaNames => {
            "Hittade inga områdesnamn (kapitel ”Område N …” eller rubriker i \
                                       tabellen) att avgöra kriterieversionen från."
                .into()
        }
        ReportProblem::RevisionUnclear(e) => format!(
            "Det går inte att avgöra kriterieversionen från de tryckta områdesnamnen: {}.",
            detect_error(e)
        ),
        ReportProblem::LoneNumbers {
            area,
            candidates: found,
            total,
        } => {
            let start = format!(
                "Kapitlet om område {area} har flera ensamma tal där poängen brukar stå ({})",
                candidates(found)
            );
            match total {
                None => format!(
                    "{start}, och ingen summa i översiktstabellen skiljer poängen från ett sidnummer."
                ),
                Some((points, line)) => format!(
                    "{start}, och inget av dem är översiktstabellens summa för området, {} (rad {line}).",
                    score(points)
                ),
            }
        }
        ReportProblem::ChapterDisagrees {
            area,
            name,
            points,
            total,
            total_line,
        } => format!(
            "Kapitlet ”Område {area} {name}” anger {} poäng, men översiktstabellens summa för område {area} är {} (rad {total_line}).",
            score(points),
            score(total)
        ),
        ReportProblem::StopsEarly(stopped) => recognised::stopped(stopped),
        ReportProblem::DigitsLost(found) => recognised::digits_lost(found),
        ReportProblem::ContentsDisagree {
            area,
            contents,
            elsewhere,
        } => format!(
            "Innehållsförteckningen anger {} poäng för område {area} (rad {}), rapporten i övrigt {} (rad {}).",
            score(&contents.0),
            contents.1,
            score(&elsewhere.0),
            elsewhere.1
        ),
        ReportProblem::AreasMissing(missing) => format!(
            "Hittade inga poäng för {} i översiktstabellen eller kapitlen: rapporten verkar ofullständig \
             (avklippt?). Varje rapport anger alla åtta områden.",
            areas(missing)
        ),
    }
}

fn detect_error(e: &DetectError) -> String {
    match e {
        DetectError::NoKnownName => "inget av dem finns i kriterierna".into(),
        DetectError::Conflicting(parts) => {
            let parts: Vec<String> = parts
                .iter()
                .map(|(revision, numbers)| format!("{revision} för {}", areas(numbers)))
                .collect();
            format!("namnen pekar på olika kriterieversioner ({})", list(&parts))
        }
        DetectError::Ambiguous(revisions) => format!(
            "namnen passar flera kriterieversioner ({}) och ingen går före",
            list(revisions)
        ),
    }
}
