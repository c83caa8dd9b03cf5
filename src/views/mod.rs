//! Presentation: HTML pages (maud), charts (SVG) and the JSON shapes of the API.
//! Pages are built in two steps: a pure `model(&Dataset, ...)` makes a view
//! model, and `render` turns it into HTML.

pub mod chart;
pub mod error_page;
pub mod format;
pub mod json;
pub mod layout;
pub mod pages;
pub mod partials;
#[cfg(test)]
pub(crate) mod testdata;
