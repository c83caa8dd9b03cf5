//! kompass: Kommunkompassen results as data.
//!
//! Data flows one way: files in `data-import/` -> [`import`] (parse, validate)
//! -> [`domain`] values -> [`db`] (SQLite) -> [`web`] handlers, which build
//! each answer once (`domain::answer`) -> [`views`] (HTML, JSON, CSV).
//! [`pipeline`] runs an import in one transaction; [`inbox`] keeps what
//! senders send from `/bidra` until a curator accepts it into the bundled
//! data; [`cli`] is the command line over all of it.

pub mod backup;
pub mod cli;
pub mod db;
pub mod domain;
pub mod export;
pub mod import;
pub mod inbox;
pub mod pipeline;
pub mod views;
pub mod web;
