//! Charts as inline SVG rendered on the server: pure geometry (`geometry`),
//! shared SVG parts (`svg`) and one module per kind of chart.

pub mod areas;
pub mod document;
pub mod fonts;
pub mod geometry;
pub mod grouped;
pub mod map;
pub mod raster;
pub mod svg;
pub mod timeline;
