//! Presentation: HTML pages (maud), charts (SVG), the JSON shapes of the API,
//! CSV and the same tables as .xlsx. Pages are built in two steps: a pure
//! `model(&Dataset, ...)` makes a view model, and `render` turns it into HTML.

pub mod api_page;
pub mod chart;
pub mod csv;
pub mod downloads;
pub mod error_page;
pub mod format;
pub mod json;
pub mod layout;
pub mod notes;
pub mod package;
pub mod pages;
pub mod partials;
pub mod publish;
pub mod reference;
#[cfg(test)]
pub(crate) mod testdata;
pub mod xlsx;
