//! What is worth knowing about an accepted input, in Swedish.

use super::{areas, list, recognised, score};
use crate::import::NoticeKind;
use crate::import::replacement::Dropped;

#[expect(
    clippy::too_many_lines,
    reason = "one arm per notice kind, exhaustive so a new kind needs its Swedish: its length is the list of kinds"
)]
pub(super) fn notice(n: &NoticeKind) -> String {
    match n {
        NoticeKind::SubareasRecorded { revision, codes } => format!(
            "Kriterierna {revision} har inga delområden i katalogen; {} tas med som de står här.",
            list(codes)
        ),
        NoticeKind::NoOverviewTable => "Hittade ingen översiktstabell (”Översikt av poängfördelning”): \
                                        områdenas poäng kommer från kapitlen, och inga delområden lästes."
            .into(),
        NoticeKind::NoAreaChapters => "Hittade inga kapitel per område: kapitlens poäng jämförs inte med \
                                       tabellen, och inga styrkor och förbättringsmöjligheter lästes."
            .into(),
        NoticeKind::NoChapterFor(numbers) => format!(
            "Hittade inget kapitel ”Område N …” för {}: poängen jämförs inte med tabellen och texten läses inte.",
            areas(numbers)
        ),
        NoticeKind::NoChapterPoints(numbers) => format!(
            "Hittade inga poäng i kapitlet om {}: de jämförs inte med tabellen.",
            areas(numbers)
        ),
        NoticeKind::Unassessed { code, name, area } => format!(
            "Delområde {code} ({name}) har ”–” som poäng (inte bedömt): delområdena i område {area} utelämnas, \
             eftersom ett område har alla sina delområden eller inga. Områdets poäng behålls som den står."
        ),
        NoticeKind::HeadingsCount {
            area,
            headings,
            rows,
        } => format!(
            "Kapitlet om område {area} har {headings} rubriker under ”Rubriker”, tabellen {rows} delområden."
        ),
        NoticeKind::ColumnsRunTogether(numbers) => format!(
            "Styrkor och förbättringsmöjligheter i {} sparas som ett textblock per område: texten har de två \
             kolumnerna i följd utan markering. (En PDF läses med sina kolumner och delas då i två listor.)",
            areas(numbers)
        ),
        NoticeKind::PointsSettled {
            area,
            candidates,
            points,
            total_line,
        } => {
            let found: Vec<String> = candidates
                .iter()
                .map(|(s, line)| format!("{} på rad {line}", score(s)))
                .collect();
            format!(
                "Kapitlet om område {area} har flera ensamma tal där poängen står ({}); {} läses som poängen \
                 eftersom det är översiktstabellens summa (rad {total_line}), de andra som sidnummer.",
                list(&found),
                score(points)
            )
        }
        NoticeKind::ForeignAreaName {
            area,
            printed,
            revision,
        } => format!(
            "Område {area} är tryckt som ”{printed}”, som inte är ett namn i {revision}; det läses som område {area} i {revision}."
        ),
        NoticeKind::NumberLeftOut(found) => {
            let found: Vec<String> = found
                .iter()
                .map(|(line, quote)| format!("rad {line}: ”{quote}”"))
                .collect();
            format!(
                "Utvärderingens nummer utelämnas, eftersom rapporten anger olika ({}).",
                found.join("; ")
            )
        }
        NoticeKind::TitleYearDiffers {
            title,
            title_year,
            chosen,
        } => format!(
            "Titeln ”{title}” anger året {title_year}; utvärderingen dateras {} enligt rad {} (”{}”).",
            chosen.date, chosen.line, chosen.quote
        ),
        NoticeKind::MonthRange { quote, date } => format!(
            "”{quote}” omfattar flera månader; utvärderingen dateras efter den första, {date}."
        ),
        NoticeKind::MonthFromSentence { quote, title_line } => format!(
            "Månaden läses från ”{quote}”, som inte nämner kommunen; titeln (rad {title_line}) anger bara året."
        ),
        NoticeKind::YearFromReportDate {
            title,
            year,
            report_line,
        } => format!(
            "Titeln ”{title}” anger inget år; {year} är året för rapportens datum (rad {report_line}), \
             den senaste sådana månaden före det."
        ),
        NoticeKind::Transcript(site) => format!(
            "Texten är en utskrift från {}; sådana kopior kan tappa siffror, så jämför siffrorna med rapportens PDF.",
            recognised::site(*site)
        ),
        NoticeKind::PointsFromContents(numbers) => format!(
            "Poängen för {} läses från innehållsförteckningen: kapitlen anger inga och det finns ingen poängtabell.",
            areas(numbers)
        ),
        NoticeKind::Replaces {
            evaluation,
            source_file,
            dropped,
        } => {
            let dropped: Vec<String> = dropped.iter().map(dropped_sv).collect();
            format!(
                "Ersätter {} från {source_file} och tappar det som den här källan inte anger: {}.",
                evaluation.label(),
                dropped.join("; ")
            )
        }
    }
}

fn dropped_sv(d: &Dropped) -> String {
    match d {
        Dropped::Month(m) => format!("månaden ({m})"),
        Dropped::EvaluationNumber(n) => format!("utvärderingens nummer ({n})"),
        Dropped::Total(total) => format!("totalpoängen {}", score(total)),
        Dropped::Areas(scores) => {
            let items: Vec<String> = scores
                .iter()
                .map(|(n, points)| format!("{n} ({})", score(points)))
                .collect();
            format!("område {}", list(&items))
        }
        Dropped::Subareas(codes) => format!("delområde {}", list(codes)),
        Dropped::Discrepancies => "de antecknade skillnaderna".into(),
        Dropped::Notes => "anteckningarna".into(),
        Dropped::PublicNote => "anmärkningen till läsarna".into(),
        Dropped::StatedChanges(1) => "1 förändring som källan anger".into(),
        Dropped::StatedChanges(n) => format!("{n} förändringar som källan anger"),
        Dropped::Published(date) => format!("publiceringsdatumet ({date})"),
        Dropped::SourceUrl => "källans adress".into(),
        Dropped::SourceTitle => "källans titel".into(),
        Dropped::Evaluators => "utvärderarna".into(),
        Dropped::Texts(1) => "1 text".into(),
        Dropped::Texts(n) => format!("{n} texter"),
    }
}
