//! `POST /bidra/skicka`: "Skicka in" on the review page puts the evaluation
//! in the inbox (`crate::inbox`), the server's one write. The form carries
//! what was reviewed (the report's text, or the evaluation file) and the
//! server keeps nothing between review and send: it reviews it again, as
//! `/bidra` did, against the data it serves, and takes it only when every
//! check passes and its year can be an evaluation's. Bounded: a form from
//! another site is refused (`Sec-Fetch-Site`, else `Origin` against the
//! host and the public address), each client (`client.rs`) may send so many
//! an hour (429 with `Retry-After`), every field is capped, and the inbox
//! takes so many entries and bytes waiting (507 when full). The receipt
//! names the entry's reference.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType, HeaderValue};
use actix_web::{FromRequest as _, HttpRequest, HttpResponse, web};
use chrono::Utc;
use maud::Markup;
use serde::Deserialize;

use super::config::PublicUrl;
use super::per_client::{HourlyLimit, Refused};
use super::{AppError, AppState, Kind, client, upload};
use crate::domain::contribution::Reference;
use crate::domain::dataset::Dataset;
use crate::import::review::{Origin as ReviewOrigin, Review, SnapshotReference, Unread};
use crate::inbox::entry::caps;
use crate::inbox::{self, Caps, InboxError, NewEntry, Origin, Store, sender};
use crate::views::format::{municipality_href, when};
use crate::views::pages::contribute::SendTo;
use crate::views::pages::contribute::receipt::{self, ReceiptView, Refusal};
use crate::views::pages::contribute::review::{self as review_view, ReviewView};
use crate::views::pages::contribute::send::{self, Carried, SEND_PATH, SenderForm};

/// The largest send form: a report's text (at most `caps::REPORT_TEXT_BYTES`)
/// URL-encoded, where a letter such as "å" takes six bytes.
pub const FORM_BYTES: usize = 4 * 1024 * 1024;

/// Sends one client may make in an hour, by default.
pub const PER_HOUR: u32 = 10;

/// Where the inbox is and what it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxSettings {
    /// The file; none: `inbox.db` beside the database.
    pub path: Option<PathBuf>,
    pub per_hour: u32,
    pub caps: Caps,
}

impl Default for InboxSettings {
    fn default() -> Self {
        Self {
            path: None,
            per_hour: PER_HOUR,
            caps: Caps::default(),
        }
    }
}

/// The command-line options of the inbox, for `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct InboxArgs {
    /// The inbox for evaluations sent with "Skicka in" on /bidra: an SQLite
    /// file of its own, the server's one write (never on a network share).
    /// Default: inbox.db beside --db. Unused with --contribute-to.
    #[arg(long, env = "KOMPASS_INBOX", value_name = "PATH")]
    pub inbox: Option<PathBuf>,
    /// How many evaluations one client may send in an hour.
    #[arg(long, env = "KOMPASS_INBOX_PER_HOUR", default_value_t = PER_HOUR, value_name = "N")]
    pub inbox_per_hour: u32,
    /// How many entries the inbox holds waiting for a curator.
    #[arg(
        long,
        env = "KOMPASS_INBOX_MAX_ENTRIES",
        default_value_t = 1000,
        value_name = "N"
    )]
    pub inbox_max_entries: u64,
    /// How many MiB the entries waiting may take.
    #[arg(
        long,
        env = "KOMPASS_INBOX_MAX_MB",
        default_value_t = 200,
        value_name = "MIB"
    )]
    pub inbox_max_mb: u64,
}

impl InboxArgs {
    pub fn settings(&self) -> InboxSettings {
        InboxSettings {
            path: self.inbox.clone(),
            per_hour: self.inbox_per_hour,
            caps: Caps {
                entries: self.inbox_max_entries,
                bytes: self.inbox_max_mb.saturating_mul(1024 * 1024),
            },
        }
    }
}

/// The inbox as the server holds it: opened at the first send (so a server
/// that is never sent anything makes no file), one writer at a time.
pub struct InboxDoor {
    path: PathBuf,
    caps: Caps,
    sends: HourlyLimit,
    store: Mutex<Option<Store>>,
}

impl InboxDoor {
    /// The inbox of a server on `db`; none when evaluations go to an
    /// address (`--contribute-to`).
    pub fn new(settings: &super::Settings, db: &Path) -> Option<Self> {
        if settings.contribute_to.is_some() {
            return None;
        }
        let s = &settings.inbox;
        Some(Self {
            path: s.path.clone().unwrap_or_else(|| inbox::beside(db)),
            caps: s.caps,
            sends: HourlyLimit::new(s.per_hour),
            store: Mutex::new(None),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts an entry in the inbox (blocking: run it on the blocking pool).
    fn put(&self, entry: &NewEntry) -> Result<Reference, InboxError> {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if store.is_none() {
            *store = Some(Store::open(&self.path)?);
        }
        let Some(open) = store.as_mut() else {
            return Err(InboxError::Missing(self.path.display().to_string()));
        };
        let added = open.add(entry, self.caps, Utc::now());
        if matches!(added, Err(InboxError::Query(_) | InboxError::Open { .. })) {
            // Opened again at the next send.
            *store = None;
        }
        added
    }
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource(SEND_PATH)
            .wrap(Kind::FORM)
            .app_data(web::FormConfig::default().limit(FORM_BYTES))
            .get(to_bidra)
            .post(send_in),
    );
}

/// Reads the form (within `FORM_BYTES`) once the request may send one.
async fn read_form(
    req: &HttpRequest,
    payload: web::Payload,
    state: &AppState,
) -> Result<SendForm, HttpResponse> {
    let mut payload = payload.into_inner();
    match web::Form::<SendForm>::from_request(req, &mut payload).await {
        Ok(form) => Ok(form.into_inner()),
        Err(e) => {
            use actix_web::error::{PayloadError, UrlencodedError};
            let too_large = matches!(
                e.as_error::<UrlencodedError>(),
                Some(
                    UrlencodedError::Overflow { .. }
                        | UrlencodedError::Payload(PayloadError::Overflow)
                )
            );
            Err(if too_large {
                refused(
                    state,
                    StatusCode::PAYLOAD_TOO_LARGE,
                    Refusal::TooLarge {
                        megabytes: FORM_BYTES / (1024 * 1024),
                    },
                )
            } else {
                AppError::bad_request("Formuläret kunde inte läsas.").response(super::Format::Html)
            })
        }
    }
}

/// `GET /bidra/skicka`: there is nothing to see without a review.
async fn to_bidra() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/bidra"))
        .finish()
}

/// The send form as sent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SendForm {
    sort: String,
    namn: String,
    innehall: String,
    kalla: String,
    kontakt: String,
    meddelande: String,
}

fn page(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(markup.into_string())
}

/// The origin of an address: `https://kompass.example.se/portal` ->
/// `https://kompass.example.se`.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// Whether a browser sent this form from another site: its
/// `Sec-Fetch-Site` says so, or (an older browser) its `Origin` is neither
/// this host nor the public address. A client that sends neither header is
/// no browser on another site's page.
pub fn cross_site(req: &HttpRequest, public: &PublicUrl) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let same_host = origin
        .split_once("://")
        .is_some_and(|(_, rest)| host.is_some_and(|h| rest.eq_ignore_ascii_case(h)));
    let public_origin = origin.eq_ignore_ascii_case(origin_of(public.as_str()));
    !(same_host || public_origin)
}

fn refused(state: &AppState, status: StatusCode, why: Refusal) -> HttpResponse {
    let elsewhere = state
        .settings
        .contribute_to
        .as_ref()
        .map(|c| (c.as_str(), c.label()));
    page(status, receipt::refusal(why, elsewhere))
}

/// The content a form carries, within its cap; the answer when it is not.
fn carried(form: &SendForm, state: &AppState) -> Result<Carried, HttpResponse> {
    let Some(origin) = send::origin_of(&form.sort) else {
        return Err(AppError::bad_request(
            "Formuläret kunde inte läsas: det saknar vad som granskades.",
        )
        .response(super::Format::Html));
    };
    let cap = match origin {
        Origin::Report => caps::REPORT_TEXT_BYTES,
        Origin::File | Origin::Form => caps::EVALUATION_BYTES,
    };
    if form.innehall.len() > cap {
        let megabytes = cap.div_ceil(1024 * 1024);
        return Err(refused(
            state,
            StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::TooLarge { megabytes },
        ));
    }
    let name = if origin == Origin::Form {
        "formuläret".to_string()
    } else {
        upload::clean_name(&form.namn)
            .chars()
            .take(caps::NAME_CHARS)
            .collect()
    };
    Ok(Carried {
        origin,
        name,
        content: form.innehall.replace("\r\n", "\n"),
    })
}

/// What reviewing the carried content again found.
enum Again {
    Unread(Unread),
    /// A check failed, or the year cannot be: the review page again.
    NotTaken(Box<ReviewView>),
    /// A field of the sender's was wrong: the review page with the form.
    Fields(Box<ReviewView>),
    Taken(Box<(NewEntry, ReceiptView)>),
}

/// Reviews the carried content against `data` and reads the sender's
/// fields: the entry to store, or the page to answer with.
fn review_again(carried: Carried, form: &SendForm, data: &Dataset) -> Again {
    let reference = SnapshotReference::new(data);
    let review = match inbox::curate::review_content(
        carried.origin,
        &carried.name,
        &carried.content,
        &reference.get(),
    ) {
        Ok(review) => review,
        Err(unread) => return Again::Unread(unread),
    };
    let today = Utc::now().date_naive();
    let mut model = review_view::model(&review, &data.catalogue);
    let sending = send::offer(&review, carried, data, today);
    let taken = review.accepted() && sending.comparison.refusal.is_none();
    let fields = sender::read(&form.kalla, &form.kontakt, &form.meddelande);
    let (entry, receipt) = match (taken, fields) {
        (true, Ok(who)) => {
            let receipt = receipt_view(&review, &sending, &who, data);
            let entry = NewEntry {
                received_name: sending.carried.name.clone(),
                origin: sending.carried.origin,
                key: review.evaluation.key(),
                file_name: review.file_name(false),
                evaluation_toml: review.toml().unwrap_or_default(),
                report_text: (sending.carried.origin == Origin::Report)
                    .then(|| sending.carried.content.clone()),
                source_url: who.source_url,
                contact: who.contact,
                message: who.message,
            };
            (entry, receipt)
        }
        (taken, fields) => {
            let mut sending = sending;
            sending.form = SenderForm {
                source: form.kalla.clone(),
                contact: form.kontakt.clone(),
                message: form.meddelande.clone(),
                problems: fields.err().unwrap_or_default(),
            };
            if sending.comparison.refusal.is_some() {
                model.file = None;
            }
            model.sending = Some(sending);
            return if taken {
                Again::Fields(Box::new(model))
            } else {
                Again::NotTaken(Box::new(model))
            };
        }
    };
    Again::Taken(Box::new((entry, receipt)))
}

fn receipt_view(
    review: &Review,
    sending: &send::Sending,
    who: &sender::Sender,
    data: &Dataset,
) -> ReceiptView {
    let e = &review.evaluation;
    let municipality = data.municipality(e.municipality);
    let name = municipality.map_or_else(|| e.municipality.to_string(), |m| m.name.clone());
    ReceiptView {
        reference: String::new(),
        evaluation: format!("{name}, {}", when(e.year, e.month)),
        received: match sending.carried.origin {
            Origin::Report => format!("rapporten {}", sending.carried.name),
            Origin::File => format!("filen {}", sending.carried.name),
            Origin::Form => "formuläret för siffror".to_string(),
        },
        source: who.source_url.clone(),
        contact: who.contact.clone(),
        message: who.message.clone(),
        comparison: sending.comparison.clone(),
        municipality_href: municipality.map(municipality_href),
    }
}

fn inbox_error(state: &AppState, e: InboxError) -> HttpResponse {
    match e {
        InboxError::Full(_) | InboxError::NoSpace { .. } => {
            tracing::warn!(error = %e, "a contribution was refused: the inbox is full");
            refused(state, StatusCode::INSUFFICIENT_STORAGE, Refusal::Full)
        }
        other => {
            tracing::error!(error = %other, "a contribution could not be stored");
            AppError::Busy.response(super::Format::Html)
        }
    }
}

/// `POST /bidra/skicka`.
async fn send_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let Some(door) = state.inbox.as_ref() else {
        return Ok(refused(&state, StatusCode::NOT_FOUND, Refusal::Elsewhere));
    };
    if cross_site(&req, &state.settings.public_url) {
        return Ok(refused(&state, StatusCode::FORBIDDEN, Refusal::CrossSite));
    }
    let who = client::of(&req, state.settings.trusted_proxy);
    match door.sends.count(who, Instant::now()) {
        Ok(()) => {}
        Err(Refused::Busy) => return Err(AppError::Busy),
        Err(Refused::TooOften { retry_after }) => {
            let minutes = retry_after.as_secs().div_ceil(60);
            let mut res = refused(
                &state,
                StatusCode::TOO_MANY_REQUESTS,
                Refusal::TooMany {
                    per_hour: door.sends.per_hour(),
                    minutes,
                },
            );
            res.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after.as_secs()),
            );
            return Ok(res);
        }
    }
    // Held until the answer: the body arrives within the per-client and
    // overall caps on uploads (`upload.rs`).
    let _arriving = state.uploads.take(who).map_err(|full| match full {
        upload::Full::Client => AppError::TooMany,
        upload::Full::All => AppError::Busy,
    })?;
    let form = match read_form(&req, payload, &state).await {
        Ok(form) => form,
        Err(answer) => return Ok(answer),
    };
    let carried = match carried(&form, &state) {
        Ok(carried) => carried,
        Err(answer) => return Ok(answer),
    };
    let wait = state.settings.report_wait;
    let gate = state.report_gate.clone();
    let Ok(Ok(turn)) = actix_web::rt::time::timeout(wait, gate.acquire_owned()).await else {
        return Err(AppError::Busy);
    };
    let data = state.dataset();
    let again = web::block(move || {
        let _turn = turn;
        review_again(carried, &form, &data)
    })
    .await
    .map_err(AppError::internal)?;
    let to = SendTo(None);
    let (entry, mut receipt) = match again {
        Again::Unread(unread) => {
            return Ok(page(
                StatusCode::UNPROCESSABLE_ENTITY,
                review_view::render_unread(&unread),
            ));
        }
        Again::NotTaken(model) | Again::Fields(model) => {
            return Ok(page(
                StatusCode::UNPROCESSABLE_ENTITY,
                review_view::render(&model, &to),
            ));
        }
        Again::Taken(taken) => *taken,
    };
    let holder = state.clone();
    let stored = web::block(move || {
        holder
            .inbox
            .as_ref()
            .map(|door| door.put(&entry))
            .unwrap_or_else(|| Err(InboxError::Missing(String::new())))
    })
    .await
    .map_err(AppError::internal)?;
    match stored {
        Ok(reference) => {
            tracing::info!(%reference, "a contribution was put in the inbox");
            receipt.reference = reference.to_string();
            Ok(page(StatusCode::OK, receipt::render(&receipt)))
        }
        Err(e) => Ok(inbox_error(&state, e)),
    }
}

/// Adds the send form to a review that every check passed, when the site
/// keeps an inbox: what it would change, and what was reviewed to carry.
/// A year that cannot be an evaluation's takes the file away and makes
/// the answer 422. The status to answer with.
pub fn offer(
    state: &AppState,
    model: &mut ReviewView,
    review: &Review,
    text: Option<String>,
    status: StatusCode,
) -> StatusCode {
    if state.inbox.is_none() || !review.accepted() {
        return status;
    }
    let carried = text.map(|content| Carried {
        origin: match review.received.origin {
            ReviewOrigin::Report => Origin::Report,
            ReviewOrigin::File => Origin::File,
            ReviewOrigin::Form => Origin::Form,
        },
        name: review.received.name.clone(),
        content,
    });
    let data = state.dataset();
    let fits = |c: &Carried| match c.origin {
        Origin::Report => c.content.len() <= caps::REPORT_TEXT_BYTES,
        Origin::File | Origin::Form => c.content.len() <= caps::EVALUATION_BYTES,
    };
    // Past its cap, what is carried is the evaluation file the review made.
    let carried = carried.filter(fits).unwrap_or_else(|| Carried {
        origin: Origin::File,
        name: review.file_name(false),
        content: review.toml().unwrap_or_default(),
    });
    let sending = send::offer(review, carried, &data, Utc::now().date_naive());
    let refused = sending.comparison.refusal.is_some();
    model.sending = Some(sending);
    if refused {
        model.file = None;
        return StatusCode::UNPROCESSABLE_ENTITY;
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn public() -> PublicUrl {
        PublicUrl::parse("https://kompass.example.se/portal").unwrap()
    }

    #[test]
    fn a_form_from_another_site_is_told_apart() {
        let req = |headers: &[(&str, &str)]| {
            let mut r = TestRequest::post().insert_header(("host", "127.0.0.1:8080"));
            for h in headers {
                r = r.insert_header(*h);
            }
            r.to_http_request()
        };
        let p = public();
        assert!(!cross_site(&req(&[]), &p), "no browser headers: a script");
        assert!(!cross_site(&req(&[("sec-fetch-site", "same-origin")]), &p));
        assert!(cross_site(&req(&[("sec-fetch-site", "cross-site")]), &p));
        assert!(cross_site(&req(&[("sec-fetch-site", "same-site")]), &p));
        assert!(!cross_site(
            &req(&[("origin", "http://127.0.0.1:8080")]),
            &p
        ));
        assert!(!cross_site(
            &req(&[("origin", "https://kompass.example.se")]),
            &p
        ));
        assert!(cross_site(&req(&[("origin", "https://evil.example")]), &p));
        assert!(cross_site(&req(&[("origin", "null")]), &p));
        // Sec-Fetch-Site decides when both are there.
        assert!(cross_site(
            &req(&[
                ("origin", "http://127.0.0.1:8080"),
                ("sec-fetch-site", "cross-site")
            ]),
            &p
        ));
        assert_eq!(
            origin_of("https://kompass.example.se/portal"),
            "https://kompass.example.se"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
