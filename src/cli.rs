//! The command line: `serve`, `import`, `check`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::pipeline::{self, PipelineError, RunReport, Target};
use crate::web::{self, AppState};

#[derive(Debug, Parser)]
#[command(
    name = "kompass",
    version,
    about = "Kommunkompassen results as data: import published evaluations, serve comparison pages, JSON and CSV.",
    after_help = "Examples:\n  kompass serve                      # portal on the bundled data at http://127.0.0.1:8080/\n  kompass check data-import/evaluations\n  kompass import new-evaluation.toml"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct Store {
    /// The SQLite database file (created on first use).
    #[arg(long, env = "KOMPASS_DB", default_value = "kompass.db", global = true)]
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the portal (imports the bundled data first when it is new or changed).
    #[command(
        after_help = "Examples:\n  kompass serve\n  kompass serve --addr 127.0.0.1:3000 --db /var/lib/kompass/kompass.db\n  KOMPASS_ADDR=0.0.0.0:8080 kompass serve"
    )]
    Serve {
        /// Address to listen on.
        #[arg(long, env = "KOMPASS_ADDR", default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        store: Store,
    },
    /// Import evaluation files (or folders of them) in one transaction: all or nothing.
    #[command(
        after_help = "Examples:\n  kompass import data-import/evaluations/1881-kumla-2020.toml\n  kompass import --db test.db my-evaluations/"
    )]
    Import {
        /// Evaluation files (.toml) or folders holding them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        store: Store,
    },
    /// Validate files as `import` would, without writing anything.
    #[command(
        after_help = "Examples:\n  kompass check data-import/evaluations\n  kompass check new-evaluation.toml"
    )]
    Check {
        /// Evaluation files (.toml) or folders holding them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        store: Store,
    },
}

/// Runs a command; the error is what the user reads.
pub fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve { addr, store } => serve(&addr, &store),
        Command::Import { files, store } => import(&files, &store, false),
        Command::Check { files, store } => import(&files, &store, true),
    }
}

fn data_dir(store: &Store) -> Option<&Path> {
    store.data.is_dir().then_some(store.data.as_path())
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

fn print_report(report: &RunReport, dry_run: bool) {
    if let Some(b) = &report.bundle {
        println!(
            "bundled data: {} evaluation files, {} new or changed, {} removed",
            b.evaluations,
            b.changed,
            b.removed.len()
        );
    }
    for f in &report.files {
        let action = if dry_run { "ok" } else { f.action.as_str() };
        println!(
            "{}: {} {} ({action})",
            f.path.display(),
            f.id,
            f.evaluation.revision
        );
        for notice in &f.notices {
            println!("  note: {}", notice.0);
        }
    }
}

fn import(files: &[PathBuf], store: &Store, dry_run: bool) -> Result<(), String> {
    let inputs = pipeline::read_inputs(files).map_err(describe)?;
    let target = if dry_run {
        Target::DryRun(store.db.clone())
    } else {
        Target::File(store.db.clone())
    };
    let report = pipeline::run(&target, data_dir(store), &inputs).map_err(describe)?;
    print_report(&report, dry_run);
    if dry_run {
        println!("{} file(s) valid; nothing written", report.files.len());
    } else {
        println!(
            "{} file(s) imported into {}",
            report.files.len(),
            store.db.display()
        );
    }
    Ok(())
}

fn serve(addr: &str, store: &Store) -> Result<(), String> {
    let report =
        pipeline::run(&Target::File(store.db.clone()), data_dir(store), &[]).map_err(describe)?;
    print_report(&report, false);
    let state = Arc::new(AppState::open(&store.db).map_err(|e| e.to_string())?);
    let listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let data = state.dataset();
    println!(
        "kompass: {} evaluations of {} municipalities from {}",
        data.evaluations.len(),
        data.municipalities.len(),
        store.db.display()
    );
    println!("kompass: open http://{local}/ (Ctrl-C to stop)");
    AppState::watch(state.clone(), Duration::from_secs(2));
    let system = actix_web::rt::System::new();
    system
        .block_on(async move {
            let server = web::run(listener, actix_web::web::Data::from(state))?;
            server.await
        })
        .map_err(|e| format!("server stopped: {e}"))
}
