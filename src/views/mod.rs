//! Presentation: HTML pages (maud) and the JSON shapes of the API.

pub mod error_page;
pub mod json;
pub mod layout;
