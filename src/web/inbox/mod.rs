//! `POST /bidra/skicka`: "Skicka in" on the review page puts the evaluation
//! in the inbox (`crate::inbox`), the server's one write. The form carries
//! what was reviewed (the report's text, or the evaluation file) and the
//! server keeps nothing between review and send: it reviews it again, as
//! `/bidra` did, against the data it serves, and takes it only when every
//! check passes and its year can be an evaluation's. Bounded: a form from
//! another site is refused (`Sec-Fetch-Site`, else `InputKind` against the
//! host and the public address), each client (`client.rs`) may send so many
//! an hour (429 with `Retry-After`), every field is capped, and the inbox
//! takes so many entries and bytes waiting (507 when full). The receipt
//! names the entry's reference. `door.rs` is the inbox as the server holds
//! it, `cross_site.rs` the check of where a form came from, `again.rs` the
//! review on send.

mod again;
mod cross_site;
mod door;

use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType, HeaderValue};
use actix_web::{FromRequest as _, HttpRequest, HttpResponse, web};
use chrono::Utc;
use maud::Markup;
use serde::Deserialize;

use super::per_client::Refused;
use super::{AppError, AppState, Kind, client, upload};
use crate::import::review::{InputKind, Review};
use crate::inbox::InboxError;
use crate::inbox::entry::caps;
use crate::views::pages::contribute::SendTo;
use crate::views::pages::contribute::receipt::{self, Refusal};
use crate::views::pages::contribute::review::{self as review_view, ReviewView};
use crate::views::pages::contribute::send::{self, Carried, SEND_PATH};
use again::{Again, review_again};
pub use cross_site::cross_site;
pub use door::{InboxArgs, InboxDoor, InboxSettings, PER_HOUR};

/// The largest send form: a report's text (at most `caps::REPORT_TEXT_BYTES`)
/// URL-encoded, where a letter such as "å" takes six bytes.
pub const FORM_BYTES: usize = 4 * 1024 * 1024;

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
async fn read_form(req: &HttpRequest, payload: web::Payload) -> Result<SendForm, NotRead> {
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
                NotRead::TooLarge {
                    megabytes: FORM_BYTES / (1024 * 1024),
                }
            } else {
                NotRead::Unreadable("Formuläret kunde inte läsas.")
            })
        }
    }
}

/// Why a send form was not taken as it came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotRead {
    TooLarge { megabytes: usize },
    Unreadable(&'static str),
}

fn not_read(state: &AppState, why: NotRead) -> HttpResponse {
    match why {
        NotRead::TooLarge { megabytes } => refused(
            state,
            StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::TooLarge { megabytes },
        ),
        NotRead::Unreadable(message) => {
            AppError::bad_request(message).response(super::ErrorFormat::Html)
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

fn refused(state: &AppState, status: StatusCode, why: Refusal) -> HttpResponse {
    let elsewhere = state
        .settings
        .contribute_to
        .as_ref()
        .map(|c| (c.as_str(), c.label()));
    page(status, receipt::refusal(why, elsewhere))
}

/// The content a form carries, within its cap; the answer when it is not.
fn carried(form: &SendForm) -> Result<Carried, NotRead> {
    let Some(input) = send::input_of(&form.sort) else {
        return Err(NotRead::Unreadable(
            "Formuläret kunde inte läsas: det saknar vad som granskades.",
        ));
    };
    let cap = match input {
        InputKind::Report => caps::REPORT_TEXT_BYTES,
        InputKind::File | InputKind::Form => caps::EVALUATION_BYTES,
    };
    if form.innehall.len() > cap {
        return Err(NotRead::TooLarge {
            megabytes: cap.div_ceil(1024 * 1024),
        });
    }
    let name = if input == InputKind::Form {
        "formuläret".to_string()
    } else {
        upload::clean_name(&form.namn)
            .chars()
            .take(caps::NAME_CHARS)
            .collect()
    };
    Ok(Carried {
        input,
        name,
        content: form.innehall.replace("\r\n", "\n"),
    })
}

fn inbox_error(state: &AppState, e: InboxError) -> HttpResponse {
    match e {
        InboxError::Full(_) | InboxError::NoSpace { .. } => {
            tracing::warn!(error = %e, "a contribution was refused: the inbox is full");
            refused(state, StatusCode::INSUFFICIENT_STORAGE, Refusal::Full)
        }
        other => {
            tracing::error!(error = %other, "a contribution could not be stored");
            AppError::Busy.response(super::ErrorFormat::Html)
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
    let form = match read_form(&req, payload).await {
        Ok(form) => form,
        Err(why) => return Ok(not_read(&state, why)),
    };
    let carried = match carried(&form) {
        Ok(carried) => carried,
        Err(why) => return Ok(not_read(&state, why)),
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
        input: review.received.input,
        name: review.received.name.clone(),
        content,
    });
    let data = state.dataset();
    let fits = |c: &Carried| match c.input {
        InputKind::Report => c.content.len() <= caps::REPORT_TEXT_BYTES,
        InputKind::File | InputKind::Form => c.content.len() <= caps::EVALUATION_BYTES,
    };
    // Past its cap, what is carried is the evaluation file the review made.
    let carried = carried.filter(fits).unwrap_or_else(|| Carried {
        input: InputKind::File,
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
