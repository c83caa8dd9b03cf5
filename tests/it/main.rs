//! The integration tests: one binary, real components (a real SQLite file per
//! test, the real server on a loopback port, the real command line).

#![allow(
    clippy::unwrap_used,
    reason = "a broken fixture should fail the test loudly"
)]

mod answers;
mod api;
mod api_v1;
mod article_images;
mod backup;
mod browser;
mod changes;
mod cli;
mod common;
mod contribute;
mod council;
mod data_support;
mod download_links;
mod downloads;
mod export;
mod faults;
mod hardening;
mod http_cache;
mod import;
mod inbox;
mod known;
mod municipality_page;
mod openapi;
mod package;
mod pages;
mod places;
mod publish;
mod report;
mod report_eras;
mod report_layouts;
mod report_props;
mod response_cache;
mod spreadsheets;
