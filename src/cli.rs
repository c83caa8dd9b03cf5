//! The command line: `serve`, `import`, `check`, `export`, `backup`, and
//! the curator's `inbox` commands (`inbox.rs`).

mod inbox;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::Catalogue;
use crate::import::dry_run;
use crate::import::review::Review;
use crate::pipeline::{
    self, Action, FileOutcome, PipelineError, Request, RunSummary, Tally, Target,
};
use crate::views::json;
use crate::web::{self, AppState};

/// Writes a line to stdout; a reader that went away (`kompass check … | head`)
/// is not an error worth a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `say!` without the newline.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "kompass",
    version,
    about = "Kommunkompassen results as data: import published evaluations, serve comparison pages, JSON and CSV.",
    after_help = "Examples:\n  kompass serve                      # portal on the bundled data at http://127.0.0.1:8080/\n  kompass check data-import/evaluations\n  kompass import new-evaluation.toml\n  kompass check report.pdf --emit-toml data-import/evaluations/\n  kompass inbox list                 # evaluations sent in with \"Skicka in\" on /bidra"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The database file when none is named.
const DEFAULT_DB: &str = "kompass.db";

/// Where the data is: the database and the bundled data folder (the
/// database's writer is `pipeline::Store`).
#[derive(Debug, Args, Clone)]
pub struct DataPaths {
    /// The SQLite database file (created on first use).
    #[arg(long, env = "KOMPASS_DB", default_value = DEFAULT_DB, global = true)]
    pub db: PathBuf,
    /// The bundled data folder, imported whenever it changed.
    #[arg(
        long,
        env = "KOMPASS_DATA",
        default_value = "data-import",
        global = true
    )]
    pub data: PathBuf,
}

/// How `--dry-run` and `check` print what they found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrintFormat {
    /// A readable summary; for a report, every figure with its report line.
    Text,
    /// The evaluation as `/api/v1/evaluations/{id}` gives it (an array for several files).
    Json,
}

/// What `import` and `check` take besides the files.
#[derive(Debug, Args, Clone)]
pub struct Output {
    /// How to print what was found.
    #[arg(long, value_enum, default_value = "text")]
    pub format: PrintFormat,
    /// Write the evaluation file (TOML) a curator reviews: to FILE, or into a
    /// folder as CODE-NAME-YEAR.toml. An existing file is never overwritten.
    #[arg(long, value_name = "PATH")]
    pub emit_toml: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the portal (imports the bundled data first when it is new or changed).
    #[command(
        after_help = "Examples:\n  kompass serve\n  kompass serve --addr 127.0.0.1:3000 --db /var/lib/kompass/kompass.db\n  KOMPASS_ADDR=0.0.0.0:8080 kompass serve --public-url https://kompass.example.se --hsts"
    )]
    Serve {
        /// Address to listen on.
        #[arg(long, env = "KOMPASS_ADDR", default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        server: web::config::ServerArgs,
        #[command(flatten)]
        paths: DataPaths,
    },
    /// Import evaluation files or published reports (text or PDF), or folders
    /// of them, in one transaction: all or nothing.
    #[command(
        after_help = "A report is recognised by its content: the text extracted from the PDF (.txt) or the PDF itself\n(read with pdftotext from poppler-utils). Every figure keeps the report line it was read from.\nA folder holding municipalities.csv is a bundled data folder, imported as the bundle (as `serve` does).\n\nExamples:\n  kompass import data-import\n  kompass import data-import/evaluations/1881-kumla-2020.toml\n  kompass import --db test.db my-evaluations/\n  kompass import kumla-2020.pdf --dry-run                # what the report says; writes nothing\n  kompass import kumla-2020.txt --dry-run --format json  # the evaluation as the API gives it\n  kompass import kumla-2020.pdf --emit-toml data-import/evaluations/\n  kompass import data-import --prefer-bundle            # bundled files back in place of hand imports"
    )]
    Import {
        /// Evaluation files (.toml), reports (.txt, .pdf) or folders holding them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read and check everything, show what was found, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Let the bundled data's files replace the evaluations imported by
        /// hand that they describe (which otherwise stay, and are named on
        /// every run as holding those files back).
        #[arg(long)]
        prefer_bundle: bool,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        paths: DataPaths,
    },
    /// Write the whole site for the current data into a folder, for any
    /// static server or CDN (precompressed .gz and .br beside each file).
    #[command(
        after_help = "Every address is a file: / is index.html, /kommun/1881-kumla is kommun/1881-kumla/index.html,\n/api/v1/municipalities/1881 is api/v1/municipalities/1881/index.json, /data/kompass.csv is itself.\nServe it with `index index.html index.json` (see the README for nginx).\n\nExamples:\n  kompass export site/ --public-url https://kompass.example.se"
    )]
    Export {
        /// The folder to write into (created when missing).
        dir: PathBuf,
        #[command(flatten)]
        server: web::config::ServerArgs,
        #[command(flatten)]
        paths: DataPaths,
    },
    /// Copy the database consistently (SQLite VACUUM INTO), also while an
    /// import runs: what a replica or a backup should take.
    #[command(
        after_help = "Examples:\n  kompass backup --db /var/lib/kompass/kompass.db /srv/replica/kompass.db",
        alias = "snapshot"
    )]
    Backup {
        /// Where to write the copy (replaced atomically).
        out: PathBuf,
        #[command(flatten)]
        paths: DataPaths,
    },
    /// The contributions sent with "Skicka in" on /bidra: list, show, accept
    /// into the bundled data, or reject.
    #[command(
        after_help = "The inbox is the SQLite file `serve` keeps beside its database (inbox.db), or --inbox.\n\nExamples:\n  kompass inbox list\n  kompass inbox show B-2026-0007\n  kompass inbox accept B-2026-0007 --data data-import\n  kompass inbox accept B-2026-0007 --replace\n  kompass inbox reject B-2026-0008 --reason \"the figures are Kumla's\"\n  kompass inbox list --format json"
    )]
    Inbox {
        #[command(subcommand)]
        action: inbox::Action,
        #[command(flatten)]
        place: inbox::Place,
        #[command(flatten)]
        paths: DataPaths,
    },
    /// The start-up import of `serve`, run by `serve` as a process of its
    /// own so that the memory the import takes is returned when it ends.
    #[command(hide = true)]
    SyncBundle {
        #[command(flatten)]
        paths: DataPaths,
    },
    /// Validate files as `import` would, without writing anything (`import --dry-run`).
    #[command(
        after_help = "A folder holding municipalities.csv is a bundled data folder: every file in it is checked.\n\nExamples:\n  kompass check data-import\n  kompass check new-evaluation.toml\n  kompass check kumla-2020.pdf --emit-toml kumla-2020.toml"
    )]
    Check {
        /// Evaluation files (.toml), reports (.txt, .pdf) or folders holding them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        paths: DataPaths,
    },
}

/// Runs a command; the error is what the user reads.
pub fn run(cli: Cli) -> Result<(), String> {
    let paths = cli.command.paths().clone();
    dispatch(cli.command).map_err(|message| or_damaged(&paths, message))
}

impl Command {
    fn paths(&self) -> &DataPaths {
        match self {
            Command::Serve { paths, .. }
            | Command::Import { paths, .. }
            | Command::Export { paths, .. }
            | Command::Backup { paths, .. }
            | Command::SyncBundle { paths }
            | Command::Inbox { paths, .. }
            | Command::Check { paths, .. } => paths,
        }
    }
}

/// SQLite's words for a database file whose structure is damaged
/// (`SQLITE_CORRUPT`, `SQLITE_NOTADB`): its own error strings, which do not
/// change between versions.
const DAMAGED: [&str; 2] = ["database disk image is malformed", "file is not a database"];

/// A failure on a damaged database, said with the file and the remedy: the
/// database holds only what the bundle and the imports put there, so a new
/// one is made by deleting it.
fn or_damaged(paths: &DataPaths, message: String) -> String {
    if !DAMAGED.iter().any(|words| message.contains(words)) {
        return message;
    }
    let db = paths.db.display();
    format!(
        "the database {db} is damaged ({message}). Delete it (rm {db}); the next \
         `kompass serve` rebuilds it from {}, and evaluations imported by hand are \
         imported again with `kompass import`",
        paths.data.display()
    )
}

fn dispatch(command: Command) -> Result<(), String> {
    match command {
        Command::Serve {
            addr,
            server,
            paths,
        } => serve(&addr, &server, &paths),
        Command::Import {
            files,
            dry_run,
            prefer_bundle,
            output,
            paths,
        } => import(
            &files,
            &paths,
            Mode {
                dry_run,
                prefer_bundle,
            },
            &output,
        ),
        Command::Check {
            files,
            output,
            paths,
        } => import(
            &files,
            &paths,
            Mode {
                dry_run: true,
                prefer_bundle: false,
            },
            &output,
        ),
        Command::Export { dir, server, paths } => export(&dir, &server, &paths),
        Command::Backup { out, paths } => backup(&paths.db, &out),
        Command::Inbox {
            action,
            place,
            paths,
        } => inbox::run(action, &place, &paths),
        Command::SyncBundle { paths } => sync_bundle(&paths),
    }
}

fn export(dir: &Path, server: &web::config::ServerArgs, paths: &DataPaths) -> Result<(), String> {
    let mut settings = server.settings(crate::web::config::DEFAULT_PUBLIC_URL)?;
    settings.cache_bytes = 0;
    let run = pipeline::run(&Target::File(paths.db.clone()), Some(&paths.data), vec![])
        .map_err(describe)?;
    print_run(&run, false, false, paths);
    let state = Arc::new(AppState::open_with(&paths.db, settings).map_err(|e| e.to_string())?);
    let done = crate::export::export(state, dir).map_err(|e| e.to_string())?;
    for (address, status) in &done.not_exported {
        say!("  note: {address} answered {status}; not exported");
    }
    say!(
        "kompass: exported {} files and {} precompressed copies ({:.1} MB) into {}",
        done.files,
        done.compressed,
        done.bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}

fn backup(db: &Path, out: &Path) -> Result<(), String> {
    let bytes = crate::backup::backup(db, out).map_err(|e| e.to_string())?;
    say!(
        "kompass: {} copied to {} ({:.1} MB, integrity ok)",
        db.display(),
        out.display(),
        bytes as f64 / 1e6
    );
    Ok(())
}

fn describe(err: PipelineError) -> String {
    match err {
        PipelineError::Rejected(list) => {
            let n = list.len();
            let body = list
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n");
            format!("{body}\n{n} file(s) refused; nothing was written")
        }
        other => other.to_string(),
    }
}

/// What a run did: the bundle first (synced, or unchanged), then each named
/// file. `bundle_named`: the bundle folder was named on the command line, so
/// its files are listed too when checked. A dry run shows a report's whole
/// review, and a file's when it is the only one shown.
fn print_run(run: &RunSummary, dry_run: bool, bundle_named: bool, paths: &DataPaths) {
    print_bundle(run, dry_run);
    print_held_back(run, paths);
    let bundled = match (&run.bundle, dry_run, bundle_named) {
        (Some(b), true, true) => b.files.as_slice(),
        _ => &[],
    };
    let single = bundled.len() + run.files.len() == 1;
    for f in bundled.iter().chain(&run.files) {
        print_file(f, dry_run, &run.catalogue, single);
    }
}
fn print_bundle(run: &RunSummary, dry_run: bool) {
    let Some((dir, count)) = &run.bundle_folder else {
        return;
    };
    let Some(b) = &run.bundle else {
        say!(
            "bundled data {}: unchanged since the last import ({count} evaluation files)",
            dir.display()
        );
        return;
    };
    let t = b.tally();
    let verb = if dry_run { "checked" } else { "synced" };
    let kept = if t.kept > 0 {
        format!(", {} kept as imported by hand", t.kept)
    } else {
        String::new()
    };
    say!(
        "bundled data {}: {verb}, {} evaluation files: {} new, {} replaced, {} unchanged{kept}, {} removed",
        dir.display(),
        b.evaluations,
        t.new,
        t.replaced,
        t.unchanged,
        b.removed.len()
    );
    for restored in &b.restored {
        say!("  note: {restored}");
    }
}

/// The bundled files an evaluation imported by hand holds back, on every
/// run, with the command that restores them.
fn print_held_back(run: &RunSummary, paths: &DataPaths) {
    let (Some((dir, _)), [first, ..]) = (&run.bundle_folder, run.held_back.as_slice()) else {
        return;
    };
    let db = if paths.db == Path::new(DEFAULT_DB) {
        String::new()
    } else {
        format!(" --db {}", paths.db.display())
    };
    let restore = format!("`kompass import {} --prefer-bundle{db}`", dir.display());
    let describe = |h: &pipeline::held_back::HeldBack| {
        format!(
            "{} ({}), imported by hand on {} from {}",
            dir.join(&h.file).display(),
            h.id,
            h.imported_at.get(..10).unwrap_or(&h.imported_at),
            h.imported_from
        )
    };
    if run.held_back.len() == 1 {
        say!(
            "1 bundled file held back: {}; {restore} restores it",
            describe(first)
        );
        return;
    }
    say!(
        "{} bundled files held back, each by an evaluation imported by hand; {restore} restores them:",
        run.held_back.len()
    );
    for h in &run.held_back {
        say!("  {}", describe(h));
    }
}

fn print_file(f: &FileOutcome, dry_run: bool, catalogue: &Catalogue, single: bool) {
    let action = match (&f.action, dry_run) {
        (_, true) => "ok",
        (Action::Unchanged, false) => "unchanged: stored before from this very file",
        (other, false) => other.as_str(),
    };
    let kind = if f.report.is_some() {
        ", read from the report"
    } else {
        ""
    };
    say!(
        "{}: {} {} ({action}{kind})",
        f.path.display(),
        f.id,
        f.evaluation.revision
    );
    if dry_run && (single || f.report.is_some()) {
        say_raw!("{}", dry_run::render(&f.review(), catalogue));
    } else if dry_run {
        say_raw!(
            "{}",
            dry_run::one_line(
                &f.evaluation,
                f.municipality.as_ref().map(|m| m.name.as_str())
            )
        );
    }
    for notice in &f.notices {
        say!("  note: {notice}");
    }
}

/// The evaluations as the API's `/api/v1/evaluations/{id}` gives them.
fn print_json(files: &[&FileOutcome], catalogue: &Catalogue) -> Result<(), String> {
    let details: Vec<json::EvaluationDetail> = files
        .iter()
        .map(|f| {
            json::detail(
                &f.evaluation,
                Some(&f.id),
                f.municipality.as_ref(),
                Some(&f.provenance),
                catalogue,
            )
        })
        .collect();
    let text = match details.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        _ => serde_json::to_string_pretty(&details),
    }
    .map_err(|e| format!("cannot write JSON: {e}"))?;
    say!("{text}");
    Ok(())
}

/// Where `--emit-toml PATH` writes one evaluation: PATH itself, or a file
/// named like the bundled ones inside the folder PATH.
fn emit_path(path: &Path, review: &Review, several: bool) -> Result<PathBuf, String> {
    let is_dir = path.is_dir() || path.to_string_lossy().ends_with('/');
    if is_dir {
        return Ok(path.join(review.file_name(several)));
    }
    if several {
        return Err(format!(
            "--emit-toml {}: several evaluations were read; give a folder",
            path.display()
        ));
    }
    Ok(path.to_path_buf())
}

/// Writes each evaluation file, or none: every target is checked before the
/// first is written. Returns the files written.
fn emit_toml(files: &[&FileOutcome], path: &Path) -> Result<Vec<PathBuf>, String> {
    let several = files.len() > 1;
    let mut planned = Vec::with_capacity(files.len());
    for f in files {
        let review = f.review();
        let target = emit_path(path, &review, several)?;
        if target.exists() {
            return Err(format!(
                "--emit-toml: {} exists; remove it or choose another path (no file was written)",
                target.display()
            ));
        }
        let text = review
            .toml()
            .ok_or_else(|| format!("{}: a check failed; no file was written", f.path.display()))?;
        planned.push((target, text));
    }
    let mut written = Vec::with_capacity(planned.len());
    for (target, text) in planned {
        let done = |written: &[PathBuf]| match written {
            [] => "no file was written".to_string(),
            _ => format!("written before it: {}", paths(written)),
        };
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                format!(
                    "cannot create {}: {e} ({})",
                    parent.display(),
                    done(&written)
                )
            })?;
        }
        std::fs::write(&target, text).map_err(|e| {
            format!(
                "cannot write {}: {e} ({})",
                target.display(),
                done(&written)
            )
        })?;
        written.push(target);
    }
    Ok(written)
}

fn paths(list: &[PathBuf]) -> String {
    list.iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How `import` runs: `check` is a dry run.
#[derive(Debug, Clone, Copy)]
struct Mode {
    dry_run: bool,
    prefer_bundle: bool,
}

fn import(files: &[PathBuf], paths: &DataPaths, mode: Mode, output: &Output) -> Result<(), String> {
    let Mode {
        dry_run,
        prefer_bundle,
    } = mode;
    let named = pipeline::read_named(files).map_err(describe)?;
    let bundle_named = named.bundle.is_some();
    let request = Request {
        target: if dry_run {
            Target::DryRun(paths.db.clone())
        } else {
            Target::File(paths.db.clone())
        },
        bundle: Some(named.bundle.unwrap_or_else(|| paths.data.clone())),
        // `check data-import` checks every bundled file, changed or not.
        recheck_bundle: dry_run && bundle_named,
        prefer_bundle,
        inputs: named.inputs,
    };
    let run = pipeline::execute(request).map_err(describe)?;
    let bundled: &[FileOutcome] = match (&run.bundle, bundle_named) {
        (Some(b), true) => &b.files,
        _ => &[],
    };
    let shown: Vec<&FileOutcome> = bundled.iter().chain(&run.files).collect();
    let emitted = match &output.emit_toml {
        Some(path) => emit_toml(&shown, path)?,
        None => vec![],
    };
    if output.format == PrintFormat::Json {
        // stdout is the JSON; what was written goes beside it.
        for path in &emitted {
            eprintln!("wrote the evaluation file {}", path.display());
        }
        return print_json(&shown, &run.catalogue);
    }
    print_run(&run, dry_run, bundle_named, paths);
    say!(
        "{}{}",
        last_line(&run, shown.len(), dry_run, &paths.db),
        wrote(&emitted)
    );
    Ok(())
}

/// The last line: how many files were valid, or what the named files did
/// and what the database holds now.
fn last_line(run: &RunSummary, files: usize, dry_run: bool, db: &Path) -> String {
    if dry_run {
        return format!("{files} file(s) valid; nothing written to {}", db.display());
    }
    let holds = format!("{} holds {} evaluations", db.display(), run.stored);
    if run.files.is_empty() {
        return holds;
    }
    let t = Tally::of(&run.files);
    format!(
        "{} named file(s): {} new, {} replaced, {} unchanged; {holds}",
        run.files.len(),
        t.new,
        t.replaced,
        t.unchanged
    )
}

/// `serve`'s start-up import, in this process (`kompass sync-bundle`): the
/// bundle brought into the database when it is new or changed, what it did
/// printed, and the process's peak memory logged (`RUST_LOG=info`).
fn sync_bundle(paths: &DataPaths) -> Result<(), String> {
    let run = pipeline::run(&Target::File(paths.db.clone()), Some(&paths.data), vec![])
        .map_err(describe)?;
    print_run(&run, false, false, paths);
    if let Some(kb) = peak_rss_kb() {
        tracing::info!(peak_rss_mb = kb / 1024, "start-up import done");
    }
    Ok(())
}

/// This process's peak resident memory in kB (Linux: `VmHWM`).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the start-up import as a process of its own (`sync-bundle`), so
/// that the memory an import takes (reading and checking every file) is
/// returned when it ends, not kept by the server for its whole life. It
/// writes what it did and its errors where the server writes its own.
fn start_up_import(paths: &DataPaths) -> Result<(), String> {
    let program = std::env::current_exe()
        .map_err(|e| format!("cannot find this program to run the start-up import: {e}"))?;
    let status = std::process::Command::new(program)
        .arg("sync-bundle")
        .arg("--db")
        .arg(&paths.db)
        .arg("--data")
        .arg(&paths.data)
        .stdin(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run the start-up import: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the start-up import of {} into {} failed ({status}; its error is above): \
             the server was not started",
            paths.data.display(),
            paths.db.display()
        ))
    }
}

/// The evaluation files `--emit-toml` wrote, for the last line.
fn wrote(emitted: &[PathBuf]) -> String {
    match emitted {
        [] => String::new(),
        [one] => format!("; wrote the evaluation file {}", one.display()),
        more => format!("; wrote {} evaluation files: {}", more.len(), paths(more)),
    }
}

fn serve(addr: &str, server: &web::config::ServerArgs, paths: &DataPaths) -> Result<(), String> {
    let listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let settings = server.settings(&format!("http://{local}"))?;
    start_up_import(paths)?;
    // Before the server's threads: the allocator's bounds, and memory given
    // back after large work (`web/memory.rs`).
    if !web::memory::configure() {
        tracing::debug!("the allocator's bounds are not set here (not glibc)");
    }
    web::memory::spawn_trimmer(web::memory::TRIM_EVERY);
    let state = Arc::new(AppState::open_with(&paths.db, settings).map_err(|e| e.to_string())?);
    let data = state.dataset();
    say!(
        "kompass: {} evaluations of {} municipalities from {}",
        data.evaluations.len(),
        data.municipalities.len(),
        paths.db.display()
    );
    say!("kompass: open http://{local}/ (Ctrl-C to stop)");
    AppState::watch(state.clone(), Duration::from_secs(2));
    let system = actix_web::rt::System::new();
    system
        .block_on(async move {
            let server = web::run(listener, actix_web::web::Data::from(state))?;
            server.await
        })
        .map_err(|e| format!("server stopped: {e}"))
}
