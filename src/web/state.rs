//! `AppState`: the read-only pool, the current `Snapshot` (the dataset and
//! its aggregates, which a watcher thread replaces when an import changes the
//! database), the deployment's settings, the response cache with its
//! background compression, and the gates that bound concurrent rendering,
//! compression and report reading.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::Semaphore;

use super::AppError;
use super::cache::ResponseCache;
use super::config::Settings;
use super::precompress::Precompressor;
use super::spool::Spool;
use super::upload::UploadSlots;
use crate::db::{self, DbError, DbPool};
use crate::domain::EvaluationId;
use crate::domain::dataset::ReportTexts;
use crate::domain::snapshot::Snapshot;

pub struct AppState {
    pub db_path: PathBuf,
    pub settings: Settings,
    pub cache: Arc<ResponseCache>,
    pub precompress: Precompressor,
    /// Renders (cache misses) running at once.
    pub render_gate: Semaphore,
    /// PNGs being drawn at once (`Kind::IMAGE`), apart from the renders.
    pub image_gate: Semaphore,
    /// Compressions at the fast level running at once.
    pub compress_gate: Semaphore,
    /// The dataset's files, written once per fingerprint.
    pub spool: Spool,
    /// Reports sent to `/bidra` being read at once (a permit goes with the
    /// work onto the blocking pool and is released when the work ends).
    pub report_gate: Arc<Semaphore>,
    /// Uploads to `/bidra` arriving, per client and in all.
    pub uploads: UploadSlots,
    /// Where "Skicka in" puts evaluations (none with `--contribute-to`).
    pub inbox: Option<super::inbox::InboxDoor>,
    pool: DbPool,
    dataset: RwLock<Arc<Snapshot>>,
}

/// Loads the dataset and builds its snapshot (the aggregates computed).
fn load(conn: &mut diesel::sqlite::SqliteConnection) -> Result<Snapshot, DbError> {
    let started = std::time::Instant::now();
    let dataset = db::read::load_dataset(conn)?;
    let read = started.elapsed();
    let snapshot = Snapshot::new(dataset);
    tracing::info!(
        read_ms = read.as_millis() as u64,
        derive_ms = (started.elapsed() - read).as_millis() as u64,
        evaluations = snapshot.evaluations.len(),
        "loaded a data version"
    );
    Ok(snapshot)
}

impl AppState {
    /// Opens the database read-only and loads the dataset, with the default
    /// settings.
    pub fn open(db_path: &Path) -> Result<Self, DbError> {
        Self::open_with(db_path, Settings::default())
    }

    pub fn open_with(db_path: &Path, settings: Settings) -> Result<Self, DbError> {
        let pool = db::read_only_pool(db_path)?;
        let dataset = load(&mut *pool.get()?)?;
        let cache = Arc::new(ResponseCache::new(settings.cache_bytes));
        Ok(Self {
            db_path: db_path.to_path_buf(),
            precompress: Precompressor::start(Arc::downgrade(&cache)),
            render_gate: Semaphore::new(settings.render_slots.max(1)),
            image_gate: Semaphore::new(settings.image_slots.max(1)),
            compress_gate: Semaphore::new(settings.compress_slots.max(1)),
            spool: Spool::default(),
            report_gate: Arc::new(Semaphore::new(settings.report_slots.max(1))),
            uploads: UploadSlots::new(settings.upload_slots_per_client, settings.upload_slots),
            inbox: super::inbox::InboxDoor::new(&settings, db_path),
            settings,
            cache,
            pool,
            dataset: RwLock::new(Arc::new(dataset)),
        })
    }

    /// The current snapshot. Handlers hold it for the whole request, so a
    /// page never mixes two versions of the data.
    pub fn dataset(&self) -> Arc<Snapshot> {
        match self.dataset.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The current snapshot with the report texts of the evaluation `pick`
    /// chooses in it (none: no texts), both of one fingerprint (below).
    pub async fn snapshot_with_texts(
        self: &Arc<Self>,
        pick: impl Fn(&Snapshot) -> Option<EvaluationId>,
    ) -> Result<(Arc<Snapshot>, ReportTexts), AppError> {
        let mut reloaded = false;
        loop {
            let data = self.dataset();
            let Some(id) = pick(&data) else {
                return Ok((data, ReportTexts::none()));
            };
            let (texts, current) = self.report_texts(&data, &id).await?;
            if current || reloaded {
                return Ok((data, texts));
            }
            reloaded = true;
        }
    }

    /// The report texts of the evaluation `id` of `data`, read from the
    /// database on the blocking pool, and whether they are of `data`'s data
    /// version. When they are of newer data (an import the watcher has not
    /// seen yet) the snapshot is reloaded first: ask again with the new one
    /// (once; texts of a second import meanwhile are taken as they are).
    pub async fn report_texts(
        self: &Arc<Self>,
        data: &Snapshot,
        id: &EvaluationId,
    ) -> Result<(ReportTexts, bool), AppError> {
        let state = self.clone();
        let wanted = id.clone();
        let (version, texts) = actix_web::web::block(move || {
            let mut conn = state.pool.get()?;
            db::read::report_texts(&mut conn, &wanted)
        })
        .await
        .map_err(AppError::internal)??;
        let current = version == data.fingerprint;
        if !current {
            let state = self.clone();
            actix_web::web::block(move || state.refresh())
                .await
                .map_err(AppError::internal)??;
        }
        let mut read = ReportTexts::none();
        read.insert(id.clone(), texts);
        Ok((read, current))
    }

    /// Reloads the dataset if the stored fingerprint changed, and forgets
    /// every cached answer.
    pub fn refresh(&self) -> Result<bool, DbError> {
        let mut conn = self.pool.get()?;
        let version = db::read::fingerprint(&mut conn)?;
        if version == self.dataset().fingerprint {
            return Ok(false);
        }
        let fresh = Arc::new(load(&mut conn)?);
        match self.dataset.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        self.cache.clear();
        tracing::info!(version = %version, "reloaded the dataset after an import");
        Ok(true)
    }

    /// Watches for imports made while the server runs. A failure is logged
    /// once, not every round, until it changes or the database reads again.
    pub fn watch(state: Arc<Self>, every: Duration) {
        std::thread::spawn(move || {
            let mut failing: Option<String> = None;
            loop {
                std::thread::sleep(every);
                match state.refresh() {
                    Ok(_) if failing.take().is_some() => {
                        tracing::info!("the database reads again");
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let text = e.to_string();
                        if failing.as_deref() != Some(text.as_str()) {
                            state.log_refresh_failure(&text);
                            failing = Some(text);
                        }
                    }
                }
            }
        });
    }

    /// Says what a failed check of the database means: a journal left by an
    /// interrupted import makes every read fail (a read-only server cannot
    /// roll it back) until a writer opens the database.
    fn log_refresh_failure(&self, error: &str) {
        let journal = db::writer::journal_path(&self.db_path);
        if journal.exists() {
            tracing::warn!(
                error,
                journal = %journal.display(),
                "an interrupted import left its journal beside the database; the pages keep \
                 the data loaded before; run `kompass import` (or restart `kompass serve`) \
                 on this database to roll it back"
            );
        } else {
            tracing::warn!(error, "could not check the database for new data");
        }
    }
}
