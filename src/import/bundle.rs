//! The bundled data folder (`data-import/`) and the files given on the command
//! line: finding them, reading them, and hashing them.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::problem::{Field, ImportError, ReadProblem};
use super::registers;
use super::text::read_text;
use crate::domain::place::Places;
use crate::domain::{Benchmark, Catalogue, Municipality};

pub const MUNICIPALITIES_FILE: &str = "municipalities.csv";
pub const CATALOGUE_FILE: &str = "catalogue.toml";
pub const BENCHMARKS_FILE: &str = "benchmarks.csv";
/// SKR's kommungrupper (2023), one row per municipality.
pub const GROUPS_FILE: &str = "kommungrupper.csv";
/// SCB's populations, one row per municipality.
pub const POPULATION_FILE: &str = "population.csv";
/// The municipalities' boundaries (GeoJSON).
pub const MAP_FILE: &str = "maps/kommuner.geojson";
pub const EVALUATIONS_DIR: &str = "evaluations";

/// The register files of a bundle, in the order they are read and hashed.
const REGISTER_FILES: [&str; 6] = [
    MUNICIPALITIES_FILE,
    CATALOGUE_FILE,
    BENCHMARKS_FILE,
    GROUPS_FILE,
    POPULATION_FILE,
    MAP_FILE,
];

/// Extensions of files that hold an evaluation (a file or a report).
const INPUT_EXTENSIONS: [&str; 3] = ["toml", "txt", "pdf"];

/// A file read whole, with its SHA-256.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes, hex.
    pub hash: String,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<Self, ImportError> {
        let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            hash: sha256_hex(&bytes),
            bytes,
        })
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The registers of a bundle.
#[derive(Debug, Clone)]
pub struct RegisterData {
    pub municipalities: Vec<Municipality>,
    pub catalogue: Catalogue,
    pub benchmarks: Vec<Benchmark>,
    /// Each municipality's kommungrupp, population, outline and neighbours.
    pub places: Places,
}

/// A whole bundled data folder, read.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub dir: PathBuf,
    pub hash: String,
    pub registers: RegisterData,
    pub evaluations: Vec<SourceFile>,
}

/// Whether a folder is a bundled data folder: it holds the municipality
/// register (and so the rest of the registers beside its evaluations).
pub fn is_bundle(path: &Path) -> bool {
    path.join(MUNICIPALITIES_FILE).is_file()
}

/// Expands paths: a directory stands for the evaluation files under it
/// (sorted, recursively; in a bundled data folder, those of its
/// `evaluations/`); a file stands for itself whatever its name.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = out.len();
            let folder = if is_bundle(path) {
                path.join(EVALUATIONS_DIR)
            } else {
                path.clone()
            };
            if folder.is_dir() {
                walk(&folder, &mut out)?;
            }
            if out.len() == before {
                return Err(ImportError::one(
                    path,
                    None,
                    Field::Folder,
                    ReadProblem::EmptyFolder,
                ));
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let read_err = |source| ImportError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read_err)?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // A linked folder is not followed: links can loop, and a bundle's
        // files should be in the bundle.
        let linked = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() && !linked {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| INPUT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// What the file system says of a bundle's files, read without opening
/// one: how many evaluation files it has, and a stat of every file's
/// name, size, modification and change times and inode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleStat {
    /// The files' stats, hashed.
    pub digest: String,
    pub evaluations: usize,
    /// Every file last changed more than `SETTLED` ago. A file written in
    /// the same clock tick as the stat was taken could be written
    /// again without moving its times, so a fresh stat is not trusted
    /// (the files are read and hashed), as git does with "racy" entries.
    pub settled: bool,
}

/// How long ago a bundle's files must have last changed for their
/// stat to stand for their content.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// The bundle's `BundleStat`. Recorded beside the content hash (`load`'s
/// `hash`, which alone decides whether the bundle changed), it lets a start
/// skip reading and hashing the files when they are the very files that
/// were hashed: any write to a file moves its change time, which no tool
/// sets back, and adding, removing or renaming a file changes the list. A
/// copied or touched bundle is read and hashed again, and found unchanged.
pub fn stat(dir: &Path) -> Result<BundleStat, ImportError> {
    use std::os::unix::fs::MetadataExt;
    let evaluations_dir = dir.join(EVALUATIONS_DIR);
    let mut evaluations = Vec::new();
    if evaluations_dir.is_dir() {
        walk(&evaluations_dir, &mut evaluations)?;
    }
    let mut hasher = Sha256::new();
    let mut newest = i64::MIN;
    let registers = REGISTER_FILES.map(|f| dir.join(f));
    for path in registers.iter().chain(&evaluations) {
        let m = std::fs::metadata(path).map_err(|source| ImportError::Read {
            path: path.clone(),
            source,
        })?;
        let relative = path.strip_prefix(dir).unwrap_or(path);
        hasher.update(relative.to_string_lossy().as_bytes());
        for n in [m.size(), m.ino(), m.dev()] {
            hasher.update(n.to_le_bytes());
        }
        for n in [m.mtime(), m.mtime_nsec(), m.ctime(), m.ctime_nsec()] {
            hasher.update(n.to_le_bytes());
        }
        newest = newest.max(m.ctime()).max(m.mtime());
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let settled = i64::try_from(now.saturating_sub(SETTLED.as_secs())).is_ok_and(|t| newest < t);
    Ok(BundleStat {
        digest: hex::encode(hasher.finalize()),
        evaluations: evaluations.len(),
        settled,
    })
}

/// Reads the bundled data folder: registers and evaluation files.
pub fn load(dir: &Path) -> Result<Bundle, ImportError> {
    let texts = REGISTER_FILES
        .map(|name| read_text(&dir.join(name)).map(|text| (name, dir.join(name), text)));
    let [m, c, b, g, p, map] = texts;
    let (m, c, b, g, p, map) = (m?, c?, b?, g?, p?, map?);
    let municipalities = registers::parse_municipalities(&m.1, &m.2)?;
    let register = registers::Register::of(&municipalities);
    let groups = registers::parse_groups(&g.1, &g.2, &register)?;
    let populations = registers::parse_populations(&p.1, &p.2, &register)?;
    let outlines = registers::parse_map(&map.1, &map.2, &register)?;
    let registers = RegisterData {
        municipalities,
        catalogue: registers::parse_catalogue(&c.1, &c.2)?,
        benchmarks: registers::parse_benchmarks(&b.1, &b.2)?,
        places: Places::from_registers(&groups, &populations, &outlines),
    };
    let evaluations_dir = dir.join(EVALUATIONS_DIR);
    let evaluations = if evaluations_dir.is_dir() {
        {
            // An empty evaluations folder is a bundle with no evaluations yet.
            let mut files = Vec::new();
            walk(&evaluations_dir, &mut files)?;
            files
        }
        .iter()
        .map(|p| SourceFile::read(p))
        .collect::<Result<Vec<_>, _>>()?
    } else {
        vec![]
    };
    let mut hasher = Sha256::new();
    for (name, _, text) in [&m, &c, &b, &g, &p, &map] {
        hasher.update(name.as_bytes());
        hasher.update(sha256_hex(text.as_bytes()).as_bytes());
    }
    for f in &evaluations {
        let relative = f.path.strip_prefix(dir).unwrap_or(&f.path);
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update(f.hash.as_bytes());
    }
    Ok(Bundle {
        dir: dir.to_path_buf(),
        hash: hex::encode(hasher.finalize()),
        registers,
        evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a scratch folder");
        std::fs::create_dir(dir.path().join("maps")).expect("maps/");
        for name in REGISTER_FILES {
            std::fs::write(dir.path().join(name), "x").expect("a register file");
        }
        std::fs::create_dir(dir.path().join(EVALUATIONS_DIR)).expect("evaluations/");
        std::fs::write(dir.path().join("evaluations/a.toml"), "a = 1").expect("a file");
        dir
    }

    #[test]
    fn the_bundled_map_gives_every_municipality_its_outline_and_neighbours() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-import");
        let bundle = load(&dir).expect("the bundled data");
        let places = &bundle.registers.places;
        let name = |code| {
            let m = bundle
                .registers
                .municipalities
                .iter()
                .find(|m| m.code == code);
            m.expect("in the register").name.as_str()
        };
        let outlined = places.iter().filter(|(_, p)| !p.shape.is_empty()).count();
        assert_eq!(outlined, 290);
        let code = |c: &str| c.parse().expect("a code");
        // Lengths in kilometres, not degrees: Vingåker's border (mostly
        // north-south) is longer than Kumla's (east-west), though in degrees
        // of longitude and latitude Kumla's would look longer.
        let orebro: Vec<(&str, u32)> = places
            .neighbours(code("1880"))
            .iter()
            .map(|n| (name(n.code), n.border_metres / 1000))
            .collect();
        assert_eq!(
            orebro,
            [
                ("Nora", 40),
                ("Hallsberg", 31),
                ("Lindesberg", 30),
                ("Lekeberg", 28),
                ("Vingåker", 22),
                ("Kumla", 17),
                ("Arboga", 12),
                ("Finspång", 8),
                ("Karlskoga", 5),
            ]
        );
        // Örebro and Lekeberg lie some metres apart for part of their border.
        assert_eq!(places.neighbours(code("1814"))[0].code, code("1880"));
        assert!(
            places.neighbours(code("0980")).is_empty(),
            "Gotland is an island"
        );
        assert_eq!(places.borders().len(), 694);
        assert_eq!(
            places.group_of(code("0381")).map(|g| g.code.as_str()),
            Some("B4")
        );
    }

    #[test]
    fn the_stat_changes_with_any_write_or_rename_and_only_then() {
        let dir = folder();
        let first = stat(dir.path()).unwrap();
        assert_eq!(first.evaluations, 1);
        assert_eq!(stat(dir.path()).unwrap(), first, "nothing changed");
        assert!(!first.settled, "files written just now are not trusted");
        // Same size, same content even: a write moves the change time (or
        // falls in the same clock tick, which `settled` covers).
        std::fs::write(dir.path().join("evaluations/a.toml"), "a = 1").unwrap();
        let rewritten = stat(dir.path()).unwrap();
        assert!(!rewritten.settled);
        std::fs::rename(
            dir.path().join("evaluations/a.toml"),
            dir.path().join("evaluations/b.toml"),
        )
        .unwrap();
        let renamed = stat(dir.path()).unwrap();
        assert_ne!(renamed, rewritten);
        std::fs::write(dir.path().join("evaluations/c.toml"), "c = 1").unwrap();
        let added = stat(dir.path()).unwrap();
        assert_eq!(added.evaluations, 2);
        assert_ne!(added, renamed);
    }
}
