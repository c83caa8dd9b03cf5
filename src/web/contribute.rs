//! `/bidra`: contribute an evaluation from the browser. Thin handlers: the
//! report form is read under caps (`upload.rs`: a few uploads at once per
//! client, else 429, and in all, else 503) into temporary files, then, once
//! whole, in turn (at most `report_slots` at once, else 503 with
//! `Retry-After`), its PDF read under limits in a folder of its own, then
//! reviewed by the same parse -> rules
//! path as `kompass check` (`import::review`) against the current snapshot.
//! Nothing is written and nothing kept: the bytes are dropped with the
//! answer, and the evaluation file goes back inside the page, with the send
//! form that carries it to the inbox (`inbox.rs`). POST answers pass by the
//! response cache (`respond.rs`) and are never stored (`route.rs`).

use std::path::Path;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use maud::Markup;

use super::client;
use super::params::prefill::PrefillQuery;
use super::upload::{self, UploadError};
use super::{AppError, AppState, Kind};
use crate::domain::dataset::Dataset;
use crate::import::bundle::sha256_hex;
use crate::import::figures_form::{self, FiguresForm};
use crate::import::review::{self, InputKind, Received, Review, SnapshotRegisters, Unread};
use crate::import::{ImportError, evaluation_file, pdf, prefill};
use crate::views::pages::contribute::{self as view, SendTo, figures, file_format};

/// How long `pdftotext` may run on a PDF sent here (by default), and its
/// memory.
pub const PDF_TIME: Duration = Duration::from_secs(20);
pub const PDF_MEMORY: u64 = 512 * 1024 * 1024;
/// The longest text a PDF may give (a report's is ~150 kB).
pub const PDF_TEXT: u64 = 16 * 1024 * 1024;
/// The figures form is small; anything larger is not it.
const FORM_BYTES: usize = 64 * 1024;
/// The name pasted text is reviewed under.
const PASTED: &str = crate::inbox::entry::PASTED_NAME;

pub fn routes(cfg: &mut web::ServiceConfig) {
    let form = web::FormConfig::default()
        .limit(FORM_BYTES)
        .error_handler(|err, _| {
            let too_large = matches!(
                err,
                actix_web::error::UrlencodedError::Overflow { .. }
                    | actix_web::error::UrlencodedError::Payload(
                        actix_web::error::PayloadError::Overflow
                    )
            );
            if too_large {
                AppError::TooLarge.into()
            } else {
                AppError::bad_request("Formuläret kunde inte läsas.").into()
            }
        });
    cfg.service(
        web::resource("/bidra")
            .wrap(Kind::FORM)
            .get(start)
            .post(read_report),
    )
    .service(
        web::resource("/bidra/siffror")
            .wrap(Kind::FORM)
            .app_data(form)
            .get(figures_page)
            .post(read_figures),
    )
    .service(
        web::resource("/bidra/filformat")
            .wrap(Kind::PAGE)
            .get(format_page),
    );
}

fn page(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(markup.into_string())
}

fn send_to(state: &AppState) -> SendTo {
    SendTo(
        state
            .settings
            .contribute_to
            .as_ref()
            .map(|c| (c.as_str().to_string(), c.label().to_string())),
    )
}

/// `/bidra`, or `/bidra?kommun=1880&ar=2010` with that evaluation named
/// and both forms filled in with it.
async fn start(state: web::Data<AppState>, query: web::Query<PrefillQuery>) -> HttpResponse {
    let data = state.dataset();
    let named = query.parse(&data);
    let url = Some(state.settings.public_url.join("/bidra"));
    page(
        StatusCode::OK,
        view::render(&send_to(&state), url, &data, &named),
    )
}

async fn format_page(state: web::Data<AppState>) -> HttpResponse {
    let url = Some(state.settings.public_url.join("/bidra/filformat"));
    page(StatusCode::OK, file_format::render(url))
}

/// `GET /bidra/siffror`, prefilled by its query: the evaluation named
/// (`kommun`, `ar`, as on `/bidra`) and the figures a link carries
/// (`import::prefill`, from a report `/bidra` could not read whole).
async fn figures_page(
    state: web::Data<AppState>,
    query: web::Query<Vec<(String, String)>>,
) -> HttpResponse {
    let data = state.dataset();
    let url = Some(state.settings.public_url.join("/bidra/siffror"));
    let named = PrefillQuery::from_pairs(&query).parse(&data);
    let form = prefill::over(named.figures_form(&data), &query);
    let model = figures::FiguresPage::new(&data, form);
    page(
        StatusCode::OK,
        figures::render(&model, &send_to(&state), url),
    )
}

fn limits(state: &AppState) -> pdf::Limits {
    pdf::Limits {
        time: Some(state.settings.pdf_time),
        memory: Some(PDF_MEMORY),
        output: Some(PDF_TEXT),
        temp_parent: state.settings.scratch_dir.clone(),
        program: None,
    }
}

fn upload_error(e: UploadError) -> AppError {
    match e {
        UploadError::TooLarge => AppError::TooLarge,
        UploadError::TooSlow => AppError::TooSlow,
        UploadError::Storage(why) => AppError::internal(why),
        UploadError::Malformed(why) => {
            tracing::debug!(%why, "a /bidra upload that is not a form");
            AppError::bad_request(
                "Det som skickades var inget formulär med en fil. Använd formuläret på /bidra.",
            )
        }
    }
}

/// Bytes of report per report slot: checking a report's text takes several
/// times its size in memory while it is read (lines, words, figures), so a
/// large one takes more than one slot: at most one report of the largest
/// size is checked at once, and memory stays bounded whatever is sent.
const BYTES_PER_SLOT: usize = 4 * 1024 * 1024;

/// How many report slots a report of `len` bytes takes (one at least, all
/// of them at most).
fn report_weight(len: usize, slots: usize) -> u32 {
    let wanted = 1 + len / BYTES_PER_SLOT;
    u32::try_from(wanted.min(slots.max(1))).unwrap_or(1)
}

/// The report sent (its file, else the pasted text), read from its
/// temporary file, reviewed.
fn read_sent(
    sent: upload::Upload,
    limits: &pdf::Limits,
    data: &Dataset,
) -> Result<(Result<Review, Unread>, Option<String>), AppError> {
    let (name, bytes) = match sent.file {
        Some((name, field)) => (name, field.into_bytes().map_err(AppError::internal)?),
        None => {
            let bytes = match sent.text {
                Some(field) => field.into_bytes().map_err(AppError::internal)?,
                None => Vec::new(),
            };
            // Pasted text as the browser sent it, decoded without a copy
            // when it is UTF-8 (as it always is from the form).
            let text = String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            if text.trim().is_empty() {
                return Err(AppError::bad_request(
                    "Ingen rapport kom med: välj en fil eller klistra in rapportens text.",
                ));
            }
            (PASTED.to_string(), text.into_bytes())
        }
    };
    Ok(review_upload(name, bytes, limits, data))
}

/// Reads, checks and answers, with the text reviewed (for the send form);
/// the bytes are read without a copy and dropped as soon as they are no
/// longer needed.
fn review_upload(
    name: String,
    bytes: Vec<u8>,
    limits: &pdf::Limits,
    data: &Dataset,
) -> (Result<Review, Unread>, Option<String>) {
    let registers = SnapshotRegisters::new(data);
    review::review_sent(name, bytes, limits, &registers.get())
}

/// `POST /bidra`: the report (a file, or pasted text) reviewed.
async fn read_report(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if upload::declared_too_large(&req) {
        return Err(AppError::TooLarge);
    }
    let client = client::of(&req, state.settings.trusted_proxy);
    // Held until the answer: one client's uploads, arriving or read, are
    // capped together.
    let _arriving = state.uploads.take(client).map_err(|full| match full {
        upload::Full::Client => AppError::TooMany,
        upload::Full::All => AppError::Busy,
    })?;
    let scratch = state.settings.scratch_dir.as_deref();
    let sent = upload::read(&req, payload, scratch)
        .await
        .map_err(upload_error)?;
    // The report slot is taken once the upload is whole, and goes with the
    // work: it is released when the work ends, even if the client left.
    let wait = state.settings.report_wait;
    let gate = state.report_gate.clone();
    let weight = report_weight(sent.len(), state.settings.report_slots);
    let Ok(Ok(turn)) = actix_web::rt::time::timeout(wait, gate.acquire_many_owned(weight)).await
    else {
        return Err(AppError::Busy);
    };
    let chosen = PrefillQuery {
        kommun: Some(sent.kommun.clone()),
        ar: Some(sent.ar.clone()),
    };
    let data = state.dataset();
    let limits = limits(&state);
    let read = web::block(move || {
        let _turn = turn;
        read_sent(sent, &limits, &data)
    })
    .await;
    // Checking took several times the report's size, free now.
    super::memory::large_work_done();
    let (outcome, text) = read.map_err(AppError::internal)??;
    let dataset = state.dataset();
    Ok(match outcome {
        Ok(review) => {
            let status = if review.accepted() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let mut model = view::review::model(&review, &dataset.catalogue);
            let named = chosen.parse(&dataset);
            if let Some(notice) = view::prefill::chosen_notice(&dataset, &named, &review.evaluation)
            {
                model.notices.insert(0, notice);
            }
            let status = super::inbox::offer(&state, &mut model, &review, text, status);
            page(status, view::review::render(&model, &send_to(&state)))
        }
        Err(unread) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            view::review::render_unread(&unread),
        ),
    })
}

/// `POST /bidra/siffror`: the figures written into an evaluation file and
/// checked as one; the form again, with each problem at its field, until
/// they pass.
async fn read_figures(state: web::Data<AppState>, form: web::Form<FiguresForm>) -> HttpResponse {
    let form = form.into_inner();
    let data = state.dataset();
    let to = send_to(&state);
    let url = Some(state.settings.public_url.join("/bidra/siffror"));
    let missing = form.missing();
    if !missing.is_empty() {
        let model = figures::FiguresPage::new(&data, form).with_missing(&missing);
        return page(
            StatusCode::UNPROCESSABLE_ENTITY,
            figures::render(&model, &to, url),
        );
    }
    let written = figures_form::write(&form);
    let parsed = match evaluation_file::parse(Path::new("formulär.toml"), &written.text) {
        Ok(parsed) => parsed,
        Err(ImportError::Invalid { problems, .. }) => {
            let model = figures::FiguresPage::new(&data, form).with_problems(&written, &problems);
            return page(
                StatusCode::UNPROCESSABLE_ENTITY,
                figures::render(&model, &to, url),
            );
        }
        Err(e) => {
            return AppError::internal(e).error_response();
        }
    };
    let received = Received {
        name: "formuläret".into(),
        sha256: sha256_hex(written.text.as_bytes()),
        input: InputKind::Form,
    };
    let registers = SnapshotRegisters::new(&data);
    let review = review::of_parsed(received, parsed, None, vec![], &registers.get().rules);
    let mut model = view::review::model(&review, &data.catalogue);
    if review.accepted() {
        let text = Some(written.text.clone());
        let status = super::inbox::offer(&state, &mut model, &review, text, StatusCode::OK);
        return page(status, view::review::render(&model, &to));
    }
    let problems: Vec<_> = review.problems().into_iter().cloned().collect();
    let model = figures::FiguresPage::new(&data, form)
        .with_problems(&written, &problems)
        .with_review(model);
    page(
        StatusCode::UNPROCESSABLE_ENTITY,
        figures::render(&model, &to, url),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_report_takes_more_slots_up_to_all_of_them() {
        assert_eq!(report_weight(0, 2), 1);
        assert_eq!(report_weight(150_000, 2), 1);
        assert_eq!(report_weight(5 * 1024 * 1024, 4), 2);
        assert_eq!(report_weight(19 * 1024 * 1024, 2), 2);
        assert_eq!(report_weight(19 * 1024 * 1024, 8), 5);
        assert_eq!(report_weight(19 * 1024 * 1024, 0), 1);
    }
}
