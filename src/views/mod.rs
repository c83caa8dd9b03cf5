//! Presentation: HTML pages (maud), charts (SVG) and the JSON shapes of the API.

pub mod chart;
pub mod error_page;
pub mod format;
pub mod json;
pub mod layout;
