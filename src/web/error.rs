//! Errors of the web layer, mapped to HTTP in one place. Handlers say what
//! went wrong, never how to show it: the `ErrorFormat` (JSON for the API, a page
//! for everything else) is declared with the route (`route::Kind`), whose
//! middleware shows the error. 500s say nothing about the cause to the
//! client; the cause is logged once, here.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

use crate::db::DbError;

/// How an error is shown: the API (`Kind::API`) answers in JSON, every
/// other address (pages, downloads, the API's own documentation page) with
/// a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFormat {
    Json,
    Html,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    NotFound {
        message: String,
        suggestions: Vec<(String, String)>,
    },
    #[error("{message}")]
    BadRequest { message: String },
    /// A query string the extractor could not read (the detail is for the
    /// API; a page says it in Swedish, without the parser's words).
    #[error("invalid query parameter: {detail}")]
    InvalidQuery { detail: String },
    /// The read-only API and downloads answer GET and HEAD only.
    #[error("{method} is not allowed here: only {allow}")]
    MethodNotAllowed { method: String, allow: &'static str },
    /// An address longer than any kompass gives out.
    #[error("the address is too long")]
    UriTooLong,
    /// A body larger than the form takes (`/bidra`), refused unread.
    #[error("the body is too large")]
    TooLarge,
    /// An upload that did not arrive in time.
    #[error("the upload took too long")]
    TooSlow,
    /// Too much work waiting: try again shortly (with `Retry-After`).
    #[error("busy")]
    Busy,
    /// The client already sends as many uploads at once as one may.
    #[error("too many uploads at once from this client")]
    TooMany,
    #[error("internal error: {cause}")]
    Internal { cause: String },
}

/// Seconds a client is asked to wait after a 503.
pub const RETRY_AFTER_SECONDS: u32 = 2;

impl AppError {
    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::NotFound {
            message: message.into(),
            suggestions: vec![],
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError::BadRequest {
            message: message.into(),
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal {
            cause: cause.to_string(),
        }
    }

    /// Close matches to offer on a 404 page: (label, href).
    pub fn with_suggestions(self, list: Vec<(String, String)>) -> Self {
        match self {
            AppError::NotFound { message, .. } => AppError::NotFound {
                message,
                suggestions: list,
            },
            other => other,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "not_found",
            AppError::BadRequest { .. } | AppError::InvalidQuery { .. } => "bad_request",
            AppError::MethodNotAllowed { .. } => "method_not_allowed",
            AppError::UriTooLong => "uri_too_long",
            AppError::TooLarge => "too_large",
            AppError::TooSlow => "too_slow",
            AppError::Busy => "busy",
            AppError::TooMany => "too_many",
            AppError::Internal { .. } => "internal",
        }
    }

    /// What the client reads. The API speaks English to programs, the pages
    /// Swedish to people.
    fn public_message(&self, format: ErrorFormat) -> String {
        match (self, format) {
            (AppError::Internal { .. }, _) => {
                "Ett internt fel inträffade. Försök igen om en stund.".to_string()
            }
            (AppError::InvalidQuery { .. }, ErrorFormat::Html) => {
                "Adressen innehåller en ogiltig parameter.".to_string()
            }
            (AppError::UriTooLong, ErrorFormat::Json) => {
                "the address is too long: at most 2048 characters".to_string()
            }
            (AppError::UriTooLong, ErrorFormat::Html) => {
                "Adressen är för lång. Sök med ett kortare namn.".to_string()
            }
            (AppError::TooLarge, ErrorFormat::Html) => format!(
                "Det du skickade är för stort: högst {} MB tas emot. En rapports PDF är oftast \
                 några MB; går den inte att göra mindre, klistra in rapportens text i stället.",
                super::upload::MAX_BYTES / (1024 * 1024)
            ),
            (AppError::TooSlow, ErrorFormat::Html) => {
                "Överföringen tog för lång tid. Försök igen, eller \
                 klistra in rapportens text i stället för att skicka filen."
                    .to_string()
            }
            (AppError::Busy, ErrorFormat::Json) => {
                format!("busy: try again in {RETRY_AFTER_SECONDS} seconds")
            }
            (AppError::TooMany, ErrorFormat::Html) => {
                "Från din adress pågår redan så många överföringar som tas emot samtidigt. \
                 Vänta tills de är klara och försök sedan igen."
                    .to_string()
            }
            (AppError::Busy, ErrorFormat::Html) => {
                "Servern har mycket att göra just nu. Försök igen om en stund.".to_string()
            }
            (other, _) => other.to_string(),
        }
    }

    /// The response in `format`: `{"error": {"code", "message"}}` or the
    /// error page (with suggestions, for a 404).
    pub fn response(&self, format: ErrorFormat) -> HttpResponse {
        let status = self.status_code();
        let message = self.public_message(format);
        let mut response = match format {
            ErrorFormat::Json => HttpResponse::build(status)
                .content_type(ContentType::json())
                .body(json!({"error": {"code": self.code(), "message": message}}).to_string()),
            ErrorFormat::Html => {
                let suggestions = match self {
                    AppError::NotFound { suggestions, .. } => suggestions.as_slice(),
                    _ => &[],
                };
                let page = crate::views::error_page::render(status.as_u16(), &message, suggestions);
                HttpResponse::build(status)
                    .content_type(ContentType::html())
                    .body(page.into_string())
            }
        };
        match self {
            AppError::MethodNotAllowed { allow, .. } => {
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static(allow));
            }
            AppError::Busy | AppError::TooMany => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
            }
            _ => {}
        }
        response
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        AppError::internal(e)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::BadRequest { .. } | AppError::InvalidQuery { .. } => StatusCode::BAD_REQUEST,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::UriTooLong => StatusCode::URI_TOO_LONG,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooSlow => StatusCode::REQUEST_TIMEOUT,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::TooMany => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Where no request is at hand (actix turning a handler's error into a
    /// response): logged here, once; shown as a page until the route's
    /// middleware (`route.rs`) shows it in the route's format.
    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal { cause } = self {
            tracing::error!(%cause, "request failed");
        }
        self.response(ErrorFormat::Html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_query_is_explained_to_programs_and_said_plainly_to_people() {
        let e = AppError::InvalidQuery {
            detail: "invalid digit found in string".into(),
        };
        assert_eq!(
            e.public_message(ErrorFormat::Json),
            "invalid query parameter: invalid digit found in string"
        );
        assert_eq!(
            e.public_message(ErrorFormat::Html),
            "Adressen innehåller en ogiltig parameter."
        );
        assert_eq!(
            e.response(ErrorFormat::Json).status(),
            StatusCode::BAD_REQUEST
        );
    }
}
