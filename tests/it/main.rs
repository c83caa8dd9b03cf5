//! The integration tests: one binary, real components (a real SQLite file per
//! test, the real server on a loopback port, the real command line).

#![allow(
    clippy::unwrap_used,
    reason = "a broken fixture should fail the test loudly"
)]

mod api;
mod browser;
mod cli;
mod common;
mod import;
mod pages;
