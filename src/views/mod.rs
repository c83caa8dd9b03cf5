//! Presentation: HTML pages (maud), the JSON shapes of the API and CSV.

pub mod api_page;
pub mod csv;
pub mod error_page;
pub mod json;
pub mod layout;
pub mod package;
