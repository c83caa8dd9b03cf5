//! The human page at `/api`: what the API and the downloads offer, with an
//! example for each endpoint. Every endpoint of the OpenAPI document is
//! listed (a test holds the page to the document).

use maud::{Markup, html};

use super::downloads::{self, TableFiles};
use super::format::when;
use super::layout::{PageMeta, layout};
use super::partials::table_wrap;
use crate::domain::snapshot::Snapshot;

/// "29 november 2026" for an RFC 3339 time; the text as it is otherwise.
pub fn date_sv(rfc3339: &str) -> String {
    use chrono::Datelike;
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => {
            let month = u8::try_from(t.month()).ok();
            format!("{} {}", t.day(), when(t.year(), month))
        }
        Err(_) => rfc3339.to_string(),
    }
}

/// "februari 2023" for the data's own date ("2023-02"); the text as it is
/// otherwise.
pub fn month_sv(year_month: &str) -> String {
    let parsed = year_month
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u8>().ok()?)));
    match parsed {
        Some((y, m)) => when(y, Some(m)),
        None => year_month.to_string(),
    }
}

/// (path template, what it gives in Swedish, an example address).
const ENDPOINTS: &[(&str, &str, &str)] = &[
    (
        "/api/v1/municipalities",
        "Alla 290 kommuner med antal utvärderingar. Filter: county (länskod), evaluated=true.",
        "/api/v1/municipalities?county=18&evaluated=true",
    ),
    (
        "/api/v1/municipalities/{code}",
        "En kommun med alla dess utvärderingar, områden och teman.",
        "/api/v1/municipalities/1881",
    ),
    (
        "/api/v1/evaluations",
        "Alla utvärderingar. Filter: year, revision, county.",
        "/api/v1/evaluations?year=2020",
    ),
    (
        "/api/v1/evaluations/{id}",
        "En utvärdering med delområden, anmärkningar, texter och ursprung.",
        "/api/v1/evaluations/1881-2020",
    ),
    (
        "/api/v1/revisions",
        "Kriterieversionerna: områden, namn som förekommit i tryck, delområden med maxpoäng.",
        "/api/v1/revisions",
    ),
    (
        "/api/v1/themes",
        "De åtta temana (2020 års områden) med korsnyckeln och dess jämförbarhet, och SKR:s fyra rubriker.",
        "/api/v1/themes",
    ),
    (
        "/api/v1/benchmarks",
        "Publicerade jämförelsevärden (Sverigesnitt m.m.) med källa.",
        "/api/v1/benchmarks",
    ),
    (
        "/api/v1/compare",
        "Jämför 2–6 kommuner per tema och totalt (det som jämförelsesidan visar). Varje kommun jämförs med den utvärdering som publicerat flest områden; kod:år väljer en annan (kommun=1880:2015,1881). references: referensvärdet som sidan visar, när utvärderingarna har samma version av kriterierna.",
        "/api/v1/compare?kommun=1881,0115,1444",
    ),
    (
        "/api/v1/rankings/{metric}",
        "Rankning på total eller ett tema (slug), senaste utvärdering per kommun. Filter: revision (utan den rankas alla versioner), county. references: referensvärdet som sidan visar, när alla har samma version.",
        "/api/v1/rankings/total?revision=v2020",
    ),
    (
        "/api/v1/changes",
        "Förändring mellan en kommuns utvärderingar, per tema och totalt, markerad där kriterierna bytts.",
        "/api/v1/changes?kommun=0115",
    ),
];

/// The tables: (address without extension, its filters, what it holds).
/// Each is offered as .xlsx and both CSV flavours.
const TABLES: &[(&str, &str, &str)] = &[
    (
        "/data/kompass",
        "",
        "Hela datamängden i långt format: en rad per kommun, utvärdering och område, samt totalrader och delområden.",
    ),
    (
        "/data/kommuner",
        "",
        "Kommunregistret med antal utvärderingar.",
    ),
    (
        "/data/utvarderingar",
        "",
        "En rad per utvärdering, med total och källa.",
    ),
    (
        "/data/jamforelsevarden",
        "",
        "Publicerade jämförelsevärden.",
    ),
    ("/kommun/1881", "", "Det som kommunsidan visar, här Kumla."),
    (
        "/jamfor",
        "kommun=1881,0115,1444",
        "Det som jämförelsesidan visar.",
    ),
    ("/omrade/brukarens-fokus", "", "Rankningen på ett tema."),
    ("/rankning", "", "Rankningen på total."),
];

/// The described dataset as a whole.
const PACKAGE: &[(&str, &str)] = &[
    (
        "/data/datapackage.json",
        "Beskrivning av CSV-filerna (Frictionless Data Package): kolumner, typer, licens, källor.",
    ),
    (
        "/data/kompass.zip",
        "Allt ovan i en zip-fil (CSV och .xlsx), med en README om hur filerna läses och citeras.",
    ),
];

/// The page; `public_url` is the site's address (`https://…`), for the
/// `curl` example.
pub fn render(operations: &[(String, String)], data: &Snapshot, public_url: &str) -> Markup {
    let example = format!("curl {public_url}/api/v1/municipalities/1881");
    let body = html! {
        h1 { "Öppna data och API" }
        p {
            "Allt i kompass finns som öppna data: ett JSON-API för program, och kalkylblad (.xlsx) och CSV-filer att ladda ner. "
            "Uppgifterna omfattar utvärderingar t.o.m. " (month_sv(&crate::views::package::extracted_on(data))) " (version " code { (crate::views::package::short_version(data)) } ", beskriven i " a href="/data/datapackage.json" { "datapackage.json" } "). "
            "Kommunkoder är alltid text med fyra tecken (0180 Stockholm). Saknade siffror är tomma eller null, aldrig noll."
        }
        h2 { "JSON-API" }
        p {
            "Maskinläsbar beskrivning (OpenAPI 3): " a href="/api/v1/openapi.json" { "/api/v1/openapi.json" } ". "
            "Långa listor delas i sidor med " code { "page" } " och " code { "per_page" } "; svaret anger "
            code { "total" } " och en länk " code { "next" } " till nästa sida. Fel ges som "
            code { "{\"error\": {\"code\", \"message\"}}" } " med status 400 (felaktig parameter) eller 404 (okänd kod eller id)."
        }
        pre.example tabindex="0" { code { (example) } }
        (table_wrap("Adresser i JSON-API:t", html! { table.cards.api-table {
            thead { tr { th scope="col" { "Adress" } th scope="col" { "Innehåll" } th scope="col" { "Exempel" } } }
            tbody {
                @for (path, what, example) in ENDPOINTS {
                    tr { th scope="row" { code { (path) } } td { (what) } td data-label="Exempel" { a href=(example) { (example) } } }
                }
                @for (path, summary) in operations.iter().filter(|(p, _)| !ENDPOINTS.iter().any(|(e, _, _)| e == p)) {
                    tr { th scope="row" { code { (path) } } td { (summary) } td {} }
                }
            }
        } }))
        h2 { "Kalkylblad och CSV" }
        p {
            "Varje tabell finns som kalkylblad (" code { ".xlsx" } ": kommunkoder som text, siffror som tal, "
            "ett andra blad med källa, licens och kolumnernas innehåll) och som CSV i två varianter: "
            code { "-excel.csv" } " (UTF-8 med BOM, semikolon, decimalkomma) som svenska Excel öppnar med å, ä och ö i behåll, "
            "och " code { ".csv" } " (standard, RFC 4180: UTF-8, komma, decimalpunkt) för program. "
            "Kolumnnamnen är på svenska och beskrivs i " a href="/data/datapackage.json" { "datapackage.json" } "."
        }
        ul.downloads {
            @for (stem, query, what) in TABLES {
                li { code { (stem) } " – " (what) br; (downloads::links(&TableFiles::new(stem, query))) }
            }
            @for (path, what) in PACKAGE {
                li { a href=(path) { (path) } " – " (what) }
            }
        }
        h2 { "Citera" }
        p {
            "Ange källan så här: kompass, Kommunkompassens resultat som öppna data (version "
            (crate::views::package::short_version(data)) ", utvärderingar t.o.m. " (month_sv(&crate::views::package::extracted_on(data)))
            "). Siffrorna kommer från kommunernas och SKR:s publicerade rapporter; varje utvärdering anger sin källa. "
            "Licens: CC BY 4.0."
        }
    };
    layout(
        &PageMeta::new(
            "Öppna data och API",
            "Kommunkompassens resultat som JSON-API, kalkylblad och CSV, med beskrivning och citering.",
        ),
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_swedish_dates_not_timestamps() {
        assert_eq!(date_sv("2026-11-29T23:01:02Z"), "29 november 2026");
        assert_eq!(date_sv("2021-05-01T00:00:00+02:00"), "1 maj 2021");
        assert_eq!(date_sv("okänt"), "okänt");
        assert_eq!(month_sv("2023-02"), "februari 2023");
        assert_eq!(month_sv("2023"), "2023");
    }
}
