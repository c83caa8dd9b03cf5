//! The integration tests: one binary, real components (a real SQLite file per
//! test, the real server on a loopback port, the real command line).

mod api;
mod cli;
mod common;
mod import;
