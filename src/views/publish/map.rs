//! The maps as files (SVG and PNG): the map with its legend drawn in, a
//! title, what it shows, the source with the map data's attribution, the
//! licence and the data version, through the same document and raster
//! pipeline as the charts.

use crate::domain::snapshot::Snapshot;
use crate::views::chart::document::Context;
use crate::views::chart::map::{ATTRIBUTION, drawn};
use crate::views::pages::map::MapBlock;

use super::charts::ChartFile;
use super::{licence_line, source_line};

/// The map of `block` as a file, its description under the title.
pub fn file(data: &Snapshot, block: &MapBlock) -> ChartFile {
    ChartFile {
        drawn: drawn(&block.chart, false),
        context: Context {
            title: block.chart.title.clone(),
            subtitle: Some(block.chart.desc.clone()),
            source: format!("{}. {ATTRIBUTION} (MIT)", source_line(&[])),
            licence: licence_line(data),
            note: None,
        },
    }
}
