//! The answers kompass gives, each built once, here, as a read model: a
//! plain value of references into the snapshot that the page (maud), the
//! JSON (API) and the CSV each render, so the three cannot disagree. Each is
//! made by one pure function from parsed request types (`web::params` does
//! the parsing):
//!
//! - `compare::compare`: 2-6 municipalities side by side, per theme;
//! - `ranking::rank`: every municipality's latest figure, highest first;
//! - `changes::changes`: what changed between a municipality's evaluations;
//! - `profile::profile`: one municipality, its evaluations and their context,
//!   with what to improve first (`priorities`);
//! - `peers`: its kommungrupp's evaluated members, and the comparison's
//!   one-click additions (same kommungrupp, same county, neighbours);
//! - `missing::missing`: the evaluations known without figures, and those
//!   the sources imply but do not date (`/saknas`).
//!
//! The reference figure each of them shows is chosen in `reference`; what
//! the maps colour each municipality by, in `map`.

pub mod changes;
pub mod compare;
pub mod map;
pub mod missing;
pub mod peers;
pub mod priorities;
pub mod profile;
pub mod ranking;
pub mod reference;
