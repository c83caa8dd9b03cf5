//! Errors of the web layer, mapped to HTTP in one place: JSON for the API,
//! a proper page for everything else. 500s say nothing about the cause to the
//! client; the cause is logged once, here.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

use crate::db::DbError;

/// How an error is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Html,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    NotFound {
        message: String,
        format: Format,
        suggestions: Vec<(String, String)>,
    },
    #[error("{message}")]
    BadRequest { message: String, format: Format },
    /// The read-only API and downloads answer GET and HEAD only.
    #[error("{method} is not allowed here: only {allow}")]
    MethodNotAllowed {
        method: String,
        allow: &'static str,
        format: Format,
    },
    /// An address longer than any kompass gives out.
    #[error("the address is too long")]
    UriTooLong { format: Format },
    /// A body larger than the form takes (`/bidra`), refused unread.
    #[error("the body is too large")]
    TooLarge { format: Format },
    /// An upload that did not arrive in time.
    #[error("the upload took too long")]
    TooSlow { format: Format },
    /// Too much work waiting: try again shortly (with `Retry-After`).
    #[error("busy")]
    Busy { format: Format },
    #[error("internal error: {cause}")]
    Internal { cause: String, format: Format },
}

/// Seconds a client is asked to wait after a 503.
pub const RETRY_AFTER_SECONDS: u32 = 2;

impl AppError {
    pub fn not_found(format: Format, message: impl Into<String>) -> Self {
        AppError::NotFound {
            message: message.into(),
            format,
            suggestions: vec![],
        }
    }

    pub fn bad_request(format: Format, message: impl Into<String>) -> Self {
        AppError::BadRequest {
            message: message.into(),
            format,
        }
    }

    pub fn internal(format: Format, cause: impl std::fmt::Display) -> Self {
        AppError::Internal {
            cause: cause.to_string(),
            format,
        }
    }

    /// Close matches to offer on a 404 page: (label, href).
    pub fn with_suggestions(self, list: Vec<(String, String)>) -> Self {
        match self {
            AppError::NotFound {
                message, format, ..
            } => AppError::NotFound {
                message,
                format,
                suggestions: list,
            },
            other => other,
        }
    }

    fn format(&self) -> Format {
        match self {
            AppError::NotFound { format, .. }
            | AppError::BadRequest { format, .. }
            | AppError::MethodNotAllowed { format, .. }
            | AppError::UriTooLong { format }
            | AppError::TooLarge { format }
            | AppError::TooSlow { format }
            | AppError::Busy { format }
            | AppError::Internal { format, .. } => *format,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "not_found",
            AppError::BadRequest { .. } => "bad_request",
            AppError::MethodNotAllowed { .. } => "method_not_allowed",
            AppError::UriTooLong { .. } => "uri_too_long",
            AppError::TooLarge { .. } => "too_large",
            AppError::TooSlow { .. } => "too_slow",
            AppError::Busy { .. } => "busy",
            AppError::Internal { .. } => "internal",
        }
    }

    fn public_message(&self) -> String {
        match self {
            AppError::Internal { .. } => {
                "Ett internt fel inträffade. Försök igen om en stund.".to_string()
            }
            AppError::UriTooLong {
                format: Format::Json,
            } => "the address is too long: at most 2048 characters".to_string(),
            AppError::UriTooLong { .. } => {
                "Adressen är för lång. Sök med ett kortare namn.".to_string()
            }
            AppError::TooLarge { .. } => format!(
                "Det du skickade är för stort: högst {} MB tas emot. En rapports PDF är oftast några MB; \
                 går den inte att göra mindre, klistra in rapportens text i stället.",
                super::upload::MAX_BYTES / (1024 * 1024)
            ),
            AppError::TooSlow { .. } => {
                "Överföringen tog för lång tid. Försök igen, eller klistra in \
                 rapportens text i stället för att skicka filen."
                    .to_string()
            }
            AppError::Busy {
                format: Format::Json,
            } => format!("busy: try again in {RETRY_AFTER_SECONDS} seconds"),
            AppError::Busy { .. } => {
                "Servern har mycket att göra just nu. Försök igen om en stund.".to_string()
            }
            other => other.to_string(),
        }
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        AppError::internal(Format::Html, e)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::UriTooLong { .. } => StatusCode::URI_TOO_LONG,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooSlow { .. } => StatusCode::REQUEST_TIMEOUT,
            AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal { cause, .. } = self {
            tracing::error!(%cause, "request failed");
        }
        let status = self.status_code();
        let mut response = self.body(status);
        use actix_web::http::header::{ALLOW, HeaderValue, RETRY_AFTER};
        match self {
            AppError::MethodNotAllowed { allow, .. } => {
                response
                    .headers_mut()
                    .insert(ALLOW, HeaderValue::from_static(allow));
            }
            AppError::Busy { .. } => {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
            }
            _ => {}
        }
        response
    }
}

impl AppError {
    fn body(&self, status: StatusCode) -> HttpResponse {
        match self.format() {
            Format::Json => HttpResponse::build(status)
                .content_type(ContentType::json())
                .body(
                    json!({"error": {"code": self.code(), "message": self.public_message()}})
                        .to_string(),
                ),
            Format::Html => {
                let suggestions = match self {
                    AppError::NotFound { suggestions, .. } => suggestions.as_slice(),
                    _ => &[],
                };
                let page = crate::views::error_page::render(
                    status.as_u16(),
                    &self.public_message(),
                    suggestions,
                );
                HttpResponse::build(status)
                    .content_type(ContentType::html())
                    .body(page.into_string())
            }
        }
    }
}
