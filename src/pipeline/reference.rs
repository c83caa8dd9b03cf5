//! The reference data a run checks against, loaded once per run: the
//! bundle's when a bundled data folder is at hand, else what the database
//! holds.

use std::collections::BTreeMap;

use diesel::sqlite::SqliteConnection;

use crate::db::{DbError, read};
use crate::domain::{Catalogue, Municipality, MunicipalityCode, Revision, Score, SubareaCode};
use crate::import::bundle::ReferenceData;
use crate::import::report::ReportReference;
use crate::import::validate::Reference;

#[derive(Debug, Clone)]
pub struct RunReference {
    pub municipalities: Vec<Municipality>,
    pub register: BTreeMap<MunicipalityCode, Municipality>,
    pub catalogue: Catalogue,
}

impl RunReference {
    pub fn new(municipalities: Vec<Municipality>, catalogue: Catalogue) -> Self {
        let register = municipalities.iter().map(|m| (m.code, m.clone())).collect();
        RunReference {
            municipalities,
            register,
            catalogue,
        }
    }

    pub fn of_bundle(data: &ReferenceData) -> Self {
        Self::new(data.municipalities.clone(), data.catalogue.clone())
    }

    pub fn of_database(conn: &mut SqliteConnection) -> Result<Self, DbError> {
        Ok(Self::new(
            read::load_municipalities(conn)?,
            read::load_catalogue(conn)?,
        ))
    }

    /// What reading a report needs.
    pub fn report(&self) -> ReportReference<'_> {
        ReportReference {
            municipalities: &self.municipalities,
            catalogue: &self.catalogue,
        }
    }

    /// What validation needs, with the sub-areas recorded so far.
    pub fn validation<'a>(
        &'a self,
        recorded: &'a BTreeMap<(Revision, SubareaCode), Score>,
    ) -> Reference<'a> {
        Reference {
            municipalities: &self.register,
            catalogue: &self.catalogue,
            recorded_subareas: recorded,
        }
    }
}
