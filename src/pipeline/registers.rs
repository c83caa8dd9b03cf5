//! The registers a run checks against, loaded once per run: the
//! bundle's when a bundled data folder is at hand, else what the database
//! holds.

use std::collections::BTreeMap;

use diesel::sqlite::SqliteConnection;

use crate::db::{DbError, read};
use crate::domain::{Catalogue, Municipality, MunicipalityCode, Revision, Score, SubareaCode};
use crate::import::bundle::RegisterData;
use crate::import::report::ReportRegisters;
use crate::import::validate::Registers;

#[derive(Debug, Clone)]
pub struct RunRegisters {
    pub municipalities: Vec<Municipality>,
    pub register: BTreeMap<MunicipalityCode, Municipality>,
    pub catalogue: Catalogue,
}

impl RunRegisters {
    pub fn new(municipalities: Vec<Municipality>, catalogue: Catalogue) -> Self {
        let register = municipalities.iter().map(|m| (m.code, m.clone())).collect();
        RunRegisters {
            municipalities,
            register,
            catalogue,
        }
    }

    pub fn of_bundle(data: &RegisterData) -> Self {
        Self::new(data.municipalities.clone(), data.catalogue.clone())
    }

    pub fn of_database(conn: &mut SqliteConnection) -> Result<Self, DbError> {
        Ok(Self::new(
            read::load_municipalities(conn)?,
            read::load_catalogue(conn)?,
        ))
    }

    /// What reading a report needs.
    pub fn report(&self) -> ReportRegisters<'_> {
        ReportRegisters {
            municipalities: &self.municipalities,
            catalogue: &self.catalogue,
        }
    }

    /// What validation needs, with the sub-areas recorded so far.
    pub fn validation<'a>(
        &'a self,
        recorded: &'a BTreeMap<(Revision, SubareaCode), Score>,
    ) -> Registers<'a> {
        Registers {
            municipalities: &self.register,
            catalogue: &self.catalogue,
            recorded_subareas: recorded,
        }
    }
}
