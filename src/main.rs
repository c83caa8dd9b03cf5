use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc, not the system's allocator: glibc keeps an arena per thread and
/// keeps what a burst (a wide PNG drawn on a blocking thread, a report
/// checked) freed, so the server's memory only grew; mimalloc gives freed
/// pages back to the system shortly after (bench/flood.py measures it).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("warn,actix_http=off")),
        )
        .with_writer(std::io::stderr)
        .init();
    match kompass::cli::run(kompass::cli::Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
