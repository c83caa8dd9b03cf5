//! The described, citable dataset: `datapackage.json` (Frictionless Data
//! Package: each CSV's schema with types, licence, sources, when the data was
//! extracted), the README that says how to cite and read the files, what a
//! workbook's "Om uppgifterna" sheet says, and the zip of it all. Citation
//! lives here, in the README and in the workbooks' second sheet, never as a
//! trailing CSV row.
//!
//! The workbooks (.xlsx) are in the zip but not among the package's
//! resources: a Tabular Data Resource (Data Package v1, the profile
//! `tabular-data-package`) is a CSV file or inline JSON, so a workbook could
//! only be listed by giving up the tabular profile and its validation. Each
//! workbook holds the same table as the CSV of the same name.

use std::io::{Cursor, Read, Seek, Write};

use serde_json::{Value, json};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::csv::{self, Cell, Column, CsvError, Flavour, Table};
use super::csv::{register, tables};
use super::xlsx::{self, About, SpreadsheetError};
use crate::domain::YEARS;
use crate::domain::dataset::Dataset;
use crate::domain::snapshot::Snapshot;

pub const LICENCE_ID: &str = "CC-BY-4.0";
pub const LICENCE_TITLE: &str = "Creative Commons Attribution 4.0 International";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";
pub const SKR_URL: &str = "https://skr.se/demokratiledningstyrning/stodforattstyraochleda/attstyraforresultat/kommunkompassenutvarderingsverktyg.683.html";

/// One downloadable table of the package.
pub struct Resource {
    /// Frictionless resource name, and the file name without `.csv`.
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub columns: &'static [Column],
    /// Its rows, made one at a time.
    pub rows: fn(&Dataset) -> Rows<'_>,
    pub primary_key: &'static [&'static str],
}

/// A table's rows, made as they are read.
pub type Rows<'a> = Box<dyn Iterator<Item = Vec<Cell>> + 'a>;

impl Resource {
    /// The whole table.
    pub fn table(&self, data: &Dataset) -> Table {
        Table {
            columns: self.columns,
            rows: (self.rows)(data).collect(),
        }
    }
}

pub const RESOURCES: &[Resource] = &[
    Resource {
        name: "kompass",
        title: "Kommunkompassens resultat, långt format",
        description: "En rad per kommun, utvärdering och område, plus en totalrad per utvärdering (även när inga poäng publicerats) och en rad per publicerat delområde. Bara publicerade siffror; saknade är tomma, aldrig noll.",
        columns: tables::DATASET_COLUMNS,
        rows: |data| Box::new(tables::dataset_rows(data)),
        primary_key: &["utvardering_id", "niva", "omrade", "delomrade"],
    },
    Resource {
        name: "kommuner",
        title: "Kommuner",
        description: "Sveriges 290 kommuner med antal utvärderingar, även de som aldrig utvärderats.",
        columns: register::MUNICIPALITY_COLUMNS,
        rows: |data| Box::new(register::municipalities(data).rows.into_iter()),
        primary_key: &["kommunkod"],
    },
    Resource {
        name: "utvarderingar",
        title: "Utvärderingar",
        description: "En rad per utvärdering: när, kriterieversion, publicerad total, källa och anmärkningar.",
        columns: register::EVALUATION_COLUMNS,
        rows: |data| Box::new(register::evaluations(data).rows.into_iter()),
        primary_key: &["utvardering_id"],
    },
    Resource {
        name: "jamforelsevarden",
        title: "Publicerade jämförelsevärden",
        description: "Medelvärden som tryckts bredvid kommuners resultat (Sverigesnitt, nationella medelvärden), som de trycktes, med källa.",
        columns: register::BENCHMARK_COLUMNS,
        rows: |data| Box::new(register::benchmarks(data).rows.into_iter()),
        primary_key: &[],
    },
];

pub fn resource(name: &str) -> Option<&'static Resource> {
    RESOURCES.iter().find(|r| r.name == name)
}

/// Where the figures come from, for a workbook's second sheet.
pub const SOURCES_SV: &str = "SKR:s utvärderingsrapporter och kommunernas publicerade resultat; adressen för varje utvärdering står i kolumnen kalla. Kommun- och länskoder från SCB.";

/// What a workbook's "Om uppgifterna" sheet says: the table's own title and
/// description with the dataset's source, licence, version and citation.
pub fn about(data: &Snapshot, title: String, description: String) -> About {
    About {
        title,
        description,
        source: format!("{SOURCES_SV} Om Kommunkompassen: {SKR_URL}"),
        licence: format!("CC BY 4.0 ({LICENCE_TITLE}), {LICENCE_URL}"),
        version: short_version(data).to_string(),
        extracted: extracted_on(data),
        citation: citation(data),
        created: data.derived().version.timestamp(),
    }
}

/// The citable data version (`2023-02.f8480c`): the newest evaluation's
/// date and a short hash of the content, from the data alone, so the same
/// data is cited the same on every machine (`domain::version`).
pub fn short_version(data: &Snapshot) -> &str {
    &data.derived().version.label
}

/// The data's own date: the newest evaluation's year and month ("2023-02"),
/// never the time a machine imported it.
pub fn extracted_on(data: &Snapshot) -> String {
    data.derived().version.date()
}

/// How to cite the data, in Swedish.
pub fn citation(data: &Snapshot) -> String {
    format!(
        "kompass: Kommunkompassens resultat som öppna data, version {}, utvärderingar t.o.m. {}. \
         Källor: SKR:s utvärderingsrapporter och kommunernas publicerade resultat (källa per utvärdering i kolumnen kalla). \
         Licens: CC BY 4.0. Beskrivning av filerna: datapackage.json.",
        short_version(data),
        extracted_on(data)
    )
}

fn constraints(column: &Column) -> Option<Value> {
    match column.name {
        "kommunkod" => Some(json!({"required": true, "pattern": "^[0-9]{4}$"})),
        "lanskod" => Some(json!({"required": true, "pattern": "^[0-9]{2}$"})),
        "revision" => Some(json!({"pattern": "^v[0-9]{4}$"})),
        "niva" => Some(
            json!({"required": true, "enum": [tables::NIVA_TOTAL, tables::NIVA_AREA, tables::NIVA_SUBAREA]}),
        ),
        "jamforbarhet" => {
            Some(json!({"enum": ["samma område", "stark", "medel", "svag", "ej jämförbar"]}))
        }
        "poang_publicerade" => Some(json!({"enum": ["ja", "nej"]})),
        "ar" => Some(json!({"minimum": YEARS.start(), "maximum": YEARS.end()})),
        "manad" => Some(json!({"minimum": 1, "maximum": 12})),
        "omrade" => Some(json!({"minimum": 1, "maximum": 8})),
        "delomrade" => Some(json!({"minimum": 1})),
        _ => None,
    }
}

fn schema(resource: &Resource) -> Value {
    let fields: Vec<Value> = resource
        .columns
        .iter()
        .map(|c| {
            let mut field = json!({
                "name": c.name,
                "type": c.kind.table_schema_type(),
                "description": c.description,
            });
            if let (Some(map), Some(cons)) = (field.as_object_mut(), constraints(c)) {
                map.insert("constraints".into(), cons);
            }
            field
        })
        .collect();
    let mut schema = json!({ "fields": fields, "missingValues": [""] });
    if let (Some(map), false) = (schema.as_object_mut(), resource.primary_key.is_empty()) {
        map.insert("primaryKey".into(), json!(resource.primary_key));
    }
    schema
}

/// `datapackage.json`.
pub fn datapackage(data: &Snapshot) -> Value {
    let resources: Vec<Value> = RESOURCES
        .iter()
        .map(|r| {
            json!({
                "name": r.name,
                "path": format!("{}.csv", r.name),
                "profile": "tabular-data-resource",
                "title": r.title,
                "description": r.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true },
                "schema": schema(r),
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "kompass-kommunkompassen",
        "title": "Kommunkompassen: resultat som öppna data (kompass)",
        "description": "Publicerade resultat från SKR:s Kommunkompassen: totalpoäng, områden och delområden per kommun och utvärdering, med kriterieversion, korsnyckel till 2020 års teman och källa för varje utvärdering. Bara siffror som publicerats; saknade siffror är tomma, aldrig noll. Kolumnnamnen är svenska utan å, ä, ö. Samma tabeller finns som kalkylblad (.xlsx, t.ex. /data/kompass.xlsx) och som CSV för svenska Excel (semikolon, decimalkomma, BOM), t.ex. /data/kompass-excel.csv. Kalkylbladen listas inte som resurser: en tabellresurs i Data Package v1 är en CSV-fil.",
        "version": short_version(data),
        "created": data.derived().version.timestamp(),
        "keywords": ["Kommunkompassen", "SKR", "kommuner", "styrning", "ledning", "öppna data"],
        "licenses": [{ "name": LICENCE_ID, "title": LICENCE_TITLE, "path": LICENCE_URL }],
        "sources": [
            { "title": "SKR: Kommunkompassen, utvärderingsverktyg", "path": SKR_URL },
            { "title": "Kommunernas och SKR:s publicerade rapporter och resultat; adressen för varje utvärdering finns i kolumnen kalla" },
            { "title": "SCB: kommun- och länskoder" }
        ],
        "citation": citation(data),
        "data_version": data.derived().version.hash,
        "resources": resources,
    })
}

/// One-line reads that keep the codes as text, for the README.
const READING: &str = "## Läsa filerna\n\n\
Kommunkoden (`kommunkod`, och `lanskod` i kommuner.csv) är text med inledande nolla (0114, 01): \
läs den som text, annars blir 0114 talet 114.\n\n\
- Excel, LibreOffice, Numbers: öppna `.xlsx`-filen; koderna är redan text och siffrorna tal.\n\
- pandas: `pd.read_csv(\"kompass.csv\", dtype={\"kommunkod\": str})` \
(kommuner.csv: `dtype={\"kommunkod\": str, \"lanskod\": str}`)\n\
- pandas, kalkylbladet: `pd.read_excel(\"kompass.xlsx\", dtype={\"kommunkod\": str})`: \
koden är en textcell, men pandas gissar typen även för text och gör annars 0114 till 114\n\
- R: `read.csv(\"kompass.csv\", colClasses = c(kommunkod = \"character\"), fileEncoding = \"UTF-8\")`\n\
- R med readr: `readr::read_csv(\"kompass.csv\", col_types = readr::cols(kommunkod = \"c\"))`\n\n\
Övriga kolumner läses rätt utan typangivelse: område och delområde är heltal (`omrade` 3 och \
`delomrade` 2 för delområde 3.2, så att 3.10 inte kan bli 3.1), poäng är tal med decimalpunkt. \
Tomma celler är saknade värden (NaN i pandas, NA i R), aldrig noll; pandas läser därför en \
heltalskolumn med tomma celler som flyttal (3.0) om du inte anger `\"omrade\": \"Int64\"`.\n";

/// The README inside the zip: what the files are, how to read and cite them.
pub fn readme(data: &Snapshot) -> String {
    let mut files = String::new();
    for r in RESOURCES {
        files.push_str(&format!(
            "- `{}.csv` och `{}.xlsx`: {}. {}\n",
            r.name, r.name, r.title, r.description
        ));
    }
    let columns: String = tables::DATASET_COLUMNS
        .iter()
        .map(|c| {
            format!(
                "| `{}` | {} | {} |\n",
                c.name,
                c.kind.table_schema_type(),
                c.description
            )
        })
        .collect();
    format!(
        "# kompass: Kommunkompassens resultat som öppna data\n\n\
         Version {version}, utvärderingar t.o.m. {date} (innehållets SHA-256: `{full}`).\n\n\
         ## Citera\n\n{cite}\n\n\
         ## Filer\n\n{files}- `datapackage.json`: beskrivning av CSV-filerna enligt Frictionless Data Package \
         (kolumner, typer, licens, källor). Kalkylbladen (.xlsx) är inte listade där: en tabellresurs i \
         Data Package v1 är en CSV-fil. Varje .xlsx har samma tabell som CSV-filen med samma namn, \
         och ett andra blad, Om uppgifterna, med källa, licens, version och kolumnernas innehåll.\n\n\
         CSV-filerna följer RFC 4180: UTF-8, komma, decimalpunkt, radslut CRLF, en rubrikrad. \
         Samma tabeller för svenska Excel (UTF-8 med BOM, semikolon, decimalkomma) har egna adresser som slutar på \
         `-excel.csv`, t.ex. `/data/kompass-excel.csv`; Excel gör ändå om kommunkoden till ett tal (0180 blir 180) \
         om du inte väljer typen Text för `kommunkod` via Data > Från text/CSV. Kalkylbladen har inte det problemet.\n\n\
         {reading}\n\
         Textceller i CSV-filerna som börjar med =, +, -, @, tab eller vagnretur har fått en inledande apostrof \
         så att kalkylprogram inte kör dem som formler. I kalkylbladen är all text textceller, som aldrig körs \
         som formler, och står därför som den publicerades.\n\n\
         ## kompass.csv\n\n| kolumn | typ | innehåll |\n|---|---|---|\n{columns}\n\
         ## Att tänka på\n\n\
         - Bara publicerade siffror finns med. En utvärdering utan publicerade poäng har en totalrad med tom `poang`.\n\
         - Kriterierna reviderades 2010, 2016 och 2020. Områden från olika versioner jämförs via korsnyckeln \
         (`tema`, `jamforbarhet`); totaler från olika versioner är inte helt jämförbara.\n\
         - Delområdespoäng är avrundade i källan; procenten räknades från det oavrundade värdet.\n\n\
         ## Licens\n\n{licence} ({url}). Ange källan enligt ovan.\n",
        version = short_version(data),
        date = extracted_on(data),
        full = data.derived().version.hash,
        cite = citation(data),
        files = files,
        reading = READING,
        columns = columns,
        licence = LICENCE_TITLE,
        url = LICENCE_URL,
    )
}

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error("could not write the zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not write the zip: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write datapackage.json: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Spreadsheet(#[from] SpreadsheetError),
}

/// Every entry stamped with the data's own date, so the same data gives the
/// same bytes.
fn stamp(data: &Snapshot) -> DateTime {
    let created = data.derived().version.timestamp();
    let num = |range: std::ops::Range<usize>| -> Option<u16> {
        created.get(range).and_then(|s| s.parse().ok())
    };
    let parts = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    );
    if let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) = parts {
        let narrow = |v: u16| u8::try_from(v).unwrap_or(0);
        DateTime::from_date_and_time(y, narrow(mo), narrow(d), narrow(h), narrow(mi), narrow(s))
            .unwrap_or_default()
    } else {
        DateTime::default()
    }
}

/// `kompass.zip`: the CSVs, the same tables as workbooks,
/// `datapackage.json` and the README.
pub fn zip(data: &Snapshot) -> Result<Vec<u8>, PackageError> {
    let mut out = Cursor::new(Vec::new());
    write_zip(data, &mut out)?;
    Ok(out.into_inner())
}

/// The zip written into `out` (a file, for the server): each table's rows
/// are made as they are written, and each workbook goes through a
/// temporary file, so memory stays small whatever the data's size.
pub fn write_zip<W: Write + Seek>(data: &Snapshot, out: W) -> Result<(), PackageError> {
    write_zip_with(data, out, |_| None)
}

/// The zip, taking each table's file (`kompass.csv`, `kompass.xlsx`, ...)
/// from `made` when it gives one (the server's spooled files, the same
/// bytes), else making it.
pub fn write_zip_with<'a, W: Write + Seek>(
    data: &Snapshot,
    out: W,
    made: impl Fn(&str) -> Option<Box<dyn Read + 'a>>,
) -> Result<(), PackageError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp(data))
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(out);
    for r in RESOURCES {
        let name = format!("{}.csv", r.name);
        zip.start_file(format!("kompass/{name}"), options)?;
        match made(&name) {
            Some(mut file) => {
                std::io::copy(&mut file, &mut zip)?;
            }
            None => {
                csv::write_rows(r.columns, (r.rows)(data), Flavour::Standard, &mut zip)?;
            }
        }
        let name = format!("{}.xlsx", r.name);
        zip.start_file(format!("kompass/{name}"), options)?;
        match made(&name) {
            Some(mut file) => {
                std::io::copy(&mut file, &mut zip)?;
            }
            None => {
                let about = about(data, r.title.to_string(), r.description.to_string());
                let mut workbook = tempfile::tempfile()?;
                xlsx::write_workbook(r.columns, (r.rows)(data), &about, &mut workbook)?;
                workbook.rewind()?;
                std::io::copy(&mut workbook, &mut zip)?;
            }
        }
    }
    zip.start_file("kompass/datapackage.json", options)?;
    zip.write_all(serde_json::to_string_pretty(&datapackage(data))?.as_bytes())?;
    zip.start_file("kompass/README.md", options)?;
    zip.write_all(readme(data).as_bytes())?;
    zip.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::csv::tables::tests::sample;

    #[test]
    fn each_resource_schema_lists_its_columns_with_types() {
        let data = Snapshot::new(sample());
        let pkg = datapackage(&data);
        assert_eq!(pkg["created"], data.derived().version.timestamp());
        assert!(
            pkg["created"].as_str().unwrap().ends_with("-01T00:00:00Z"),
            "the data's own date, not the import's"
        );
        let resources = pkg["resources"].as_array().unwrap();
        assert_eq!(resources.len(), RESOURCES.len());
        for (json, resource) in resources.iter().zip(RESOURCES) {
            let fields = json["schema"]["fields"].as_array().unwrap();
            let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
            let expected: Vec<&str> = resource.columns.iter().map(|c| c.name).collect();
            assert_eq!(names, expected);
            for key in resource.primary_key {
                assert!(names.contains(key), "{key}");
            }
        }
        let poang = &resources[0]["schema"]["fields"][15];
        assert_eq!(
            (poang["name"].as_str(), poang["type"].as_str()),
            (Some("poang"), Some("number"))
        );
    }

    #[test]
    fn the_zip_is_the_same_bytes_for_the_same_data() {
        let data = Snapshot::new(sample());
        let a = zip(&data).unwrap();
        assert_eq!(a, zip(&data).unwrap());
        let (year, month) = data.derived().version.newest.unwrap();
        assert_eq!(
            stamp(&data),
            DateTime::from_date_and_time(year as u16, month.unwrap_or(1), 1, 0, 0, 0).unwrap()
        );
    }

    #[test]
    fn the_readme_says_how_to_cite_with_the_version_and_date() {
        let data = Snapshot::new(sample());
        let text = readme(&data);
        assert!(text.contains("## Citera"));
        let version = &data.derived().version;
        assert!(text.contains(&format!(
            "Version {}, utvärderingar t.o.m. {}",
            version.label,
            version.date()
        )));
        assert!(text.contains("| `kommunkod` | string |"));
    }
}
