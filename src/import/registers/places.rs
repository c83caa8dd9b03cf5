//! The register files keyed by municipality beside the register: SKR's
//! kommungrupper (`kommungrupper.csv`) and SCB's populations
//! (`population.csv`). Every row names a municipality of the register, once,
//! by its code and its register name, and its source.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{Row, read_csv};
use crate::domain::place::{GroupCode, MunicipalityGroup, Population};
use crate::domain::{Municipality, MunicipalityCode};
use crate::import::problem::{Field, ImportError, Problems, RegisterProblem};

/// The register's names by code, to check a file keyed by municipality.
pub struct Register(BTreeMap<MunicipalityCode, String>);

impl Register {
    pub fn of(municipalities: &[Municipality]) -> Self {
        Register(
            municipalities
                .iter()
                .map(|m| (m.code, m.name.clone()))
                .collect(),
        )
    }

    /// The code of a row naming a municipality by `code` and `name`: one the
    /// register lists under that name, not named by an earlier row.
    pub fn row(
        &self,
        line: Option<u32>,
        (code, code_field): (&str, Field),
        (name, name_field): (&str, Field),
        seen: &mut BTreeSet<MunicipalityCode>,
        problems: &mut Problems,
    ) -> Option<MunicipalityCode> {
        let code = problems.check(line, code_field.clone(), code.parse::<MunicipalityCode>())?;
        let Some(register) = self.0.get(&code) else {
            problems.push(line, code_field, RegisterProblem::NotInRegister(code));
            return None;
        };
        if !seen.insert(code) {
            problems.push(line, code_field, RegisterProblem::CodeListedTwice(code));
            return None;
        }
        if name != register {
            problems.push(
                line,
                name_field,
                RegisterProblem::NameDiffers {
                    given: name.to_string(),
                    register: register.clone(),
                },
            );
        }
        Some(code)
    }
}

/// Whether a source begins with a web address (what follows may say where
/// in it the figure is).
fn check_source(line: Option<u32>, row: &Cells, problems: &mut Problems) {
    let source = row.get("source").map_or("", String::as_str);
    let address = source.split_whitespace().next().unwrap_or("");
    if !crate::domain::text::is_web_address(address) {
        problems.push(
            line,
            Field::column("source"),
            RegisterProblem::WithoutSource,
        );
    }
}

/// One CSV record's cells by column.
type Cells = BTreeMap<String, String>;

fn field<'a>(row: &'a Cells, key: &str) -> &'a str {
    row.get(key).map_or("", String::as_str)
}

/// `kommungrupper.csv`: `code,name,group_code,group_name,source`, one row
/// per municipality; a group has one name throughout.
pub fn parse_groups(
    path: &Path,
    text: &str,
    register: &Register,
) -> Result<Vec<(MunicipalityCode, MunicipalityGroup)>, ImportError> {
    let rows = read_csv(
        path,
        text,
        &["code", "name", "group_code", "group_name", "source"],
    )?;
    let mut problems = Problems::default();
    let mut seen = BTreeSet::new();
    let mut names: BTreeMap<GroupCode, String> = BTreeMap::new();
    let mut out = Vec::new();
    for (line, row) in &rows {
        let line = *line;
        let code = register.row(
            line,
            (field(row, "code"), Field::column("code")),
            (field(row, "name"), Field::column("name")),
            &mut seen,
            &mut problems,
        );
        check_source(line, row, &mut problems);
        let group = group(line, row, &mut names, &mut problems);
        if let (Some(code), Some(group)) = (code, group) {
            out.push((code, group));
        }
    }
    problems.into_result(path, out)
}

/// A row's kommungrupp: a known code, named as on the rows before.
fn group(
    line: Option<u32>,
    row: &Cells,
    names: &mut BTreeMap<GroupCode, String>,
    problems: &mut Problems,
) -> Option<MunicipalityGroup> {
    let given = field(row, "group_code");
    let code = given
        .parse::<GroupCode>()
        .map_err(|_| RegisterProblem::NotAGroup(given.to_string()));
    let code = problems.check(line, Field::column("group_code"), code)?;
    let name = field(row, "group_name");
    if name.is_empty() {
        problems.push(line, Field::column("group_name"), RegisterProblem::Empty);
        return None;
    }
    let first = names.entry(code).or_insert_with(|| name.to_string());
    if first != name {
        problems.push(
            line,
            Field::column("group_name"),
            RegisterProblem::GroupNamedTwice {
                group: code,
                name: name.to_string(),
                other: first.clone(),
            },
        );
        return None;
    }
    Some(MunicipalityGroup {
        code,
        name: name.to_string(),
    })
}

/// `population.csv`: `code,name,population,year,source`, one row per
/// municipality: the population on 31 December of the year.
pub fn parse_populations(
    path: &Path,
    text: &str,
    register: &Register,
) -> Result<Vec<(MunicipalityCode, Population)>, ImportError> {
    let rows: Vec<Row> = read_csv(
        path,
        text,
        &["code", "name", "population", "year", "source"],
    )?;
    let mut problems = Problems::default();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (line, row) in &rows {
        let line = *line;
        let code = register.row(
            line,
            (field(row, "code"), Field::column("code")),
            (field(row, "name"), Field::column("name")),
            &mut seen,
            &mut problems,
        );
        check_source(line, row, &mut problems);
        let count = field(row, "population");
        let count = count
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| RegisterProblem::NotACount(count.to_string()));
        let count = problems.check(line, Field::column("population"), count);
        let year = field(row, "year");
        let year = year
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .ok_or_else(|| RegisterProblem::NotAYear(year.to_string()));
        let year = problems.check(line, Field::column("year"), year);
        if let (Some(code), Some(count), Some(year)) = (code, count, year) {
            out.push((code, Population { count, year }));
        }
    }
    problems.into_result(path, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tests::municipality;

    fn register() -> Register {
        Register::of(&[
            municipality("1880", "Örebro"),
            municipality("1881", "Kumla"),
            municipality("0381", "Enköping"),
        ])
    }

    const SOURCE: &str = "https://example.org/kommungrupper.json (row 1)";

    fn errors(result: Result<impl std::fmt::Debug, ImportError>) -> String {
        result.expect_err("refused").to_string()
    }

    #[test]
    fn the_bundled_files_name_every_municipality_of_the_register_once() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-import");
        let text = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        let municipalities =
            super::super::parse_municipalities(Path::new("m"), &text("municipalities.csv"))
                .unwrap();
        let register = Register::of(&municipalities);
        let groups = parse_groups(Path::new("k"), &text("kommungrupper.csv"), &register).unwrap();
        let populations =
            parse_populations(Path::new("p"), &text("population.csv"), &register).unwrap();
        assert_eq!(groups.len(), 290);
        assert_eq!(populations.len(), 290);
        let enkoping: MunicipalityCode = "0381".parse().unwrap();
        let (_, group) = groups.iter().find(|(c, _)| *c == enkoping).unwrap();
        assert_eq!(group.code.as_str(), "B4");
        let (_, population) = populations.iter().find(|(c, _)| *c == enkoping).unwrap();
        assert_eq!((population.count, population.year), (45_287, 2019));
    }

    #[test]
    fn every_row_is_checked_and_each_problem_named_at_its_line_and_column() {
        let text = format!(
            "code,name,group_code,group_name,source\n\
             1880,Örebro,B3,Större stad,{SOURCE}\n\
             1880,Örebro,B3,Större stad,{SOURCE}\n\
             1881,Kumla kommun,B9,Pendlingskommun,{SOURCE}\n\
             0180,Stockholm,A1,Storstäder,{SOURCE}\n\
             0381,Enköping,B3,Större städer,Kommunen själv\n"
        );
        let e = errors(parse_groups(Path::new("k.csv"), &text, &register()));
        let crlf = errors(parse_groups(
            Path::new("k.csv"),
            &text.replace('\n', "\r\n"),
            &register(),
        ));
        assert_eq!(crlf, e, "lines count alike with CRLF line ends");
        for expected in [
            "k.csv:3: code: 1880 is listed twice",
            "k.csv:4: name: \"Kumla kommun\" is not the register's name for this code (\"Kumla\")",
            "k.csv:4: group_code: \"B9\" is not a kommungrupp (A1-A2, B3-B5 or C6-C9)",
            "k.csv:5: code: 0180 is not a municipality in the register (municipalities.csv)",
            "k.csv:6: source: every row needs its source",
            "k.csv:6: group_name: B3 is named \"Större städer\" here and \"Större stad\" on an earlier line",
        ] {
            assert!(e.contains(expected), "{expected}\n  not in\n{e}");
        }
    }

    #[test]
    fn a_population_is_a_positive_count_of_a_year() {
        let text = format!(
            "code,name,population,year,source\n\
             1880,Örebro,155696,2019,{SOURCE}\n\
             1881,Kumla,många,2019,{SOURCE}\n\
             0381,Enköping,0,tjugo,{SOURCE}\n"
        );
        let e = errors(parse_populations(Path::new("p.csv"), &text, &register()));
        assert!(
            e.contains("p.csv:3: population: \"många\" is not a count"),
            "{e}"
        );
        assert!(
            e.contains("p.csv:4: population: \"0\" is not a count"),
            "{e}"
        );
        assert!(e.contains("p.csv:4: year: \"tjugo\" is not a year"), "{e}");
        let ok = format!("code,name,population,year,source\n1880,Örebro,155696,2019,{SOURCE}\n");
        let read = parse_populations(Path::new("p.csv"), &ok, &register()).unwrap();
        assert_eq!(
            read[0].1,
            Population {
                count: 155_696,
                year: 2019
            }
        );
        let e = errors(parse_populations(
            Path::new("p.csv"),
            "code,name\n",
            &register(),
        ));
        assert!(
            e.contains("p.csv:1: header: missing column(s): population, year, source"),
            "{e}"
        );
    }
}
