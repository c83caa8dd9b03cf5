//! The inbox's bounds: sends per client and hour, a full inbox, a form too
//! large, a form from another site, what a sender writes shown as text on
//! the page and in the terminal, answers never cached.

use kompass::inbox::Caps;
use kompass::web::Settings;
use kompass::web::inbox::InboxSettings;

use super::{
    carried, kompass, orebro_report, post_send, reference, review_text, send_fields, stdout,
};
use crate::common::upload::raw_upload;
use crate::common::{Scratch, TestApp, bundled_data, import_bundle};

/// The send form of Örebro 2022's review, ready to post.
fn orebro_fields(app: &TestApp, message: &str) -> Vec<(String, String)> {
    let review = review_text(app, &orebro_report(2022));
    assert_eq!(review.status, 200, "{}", review.body);
    send_fields(&carried(&review.body), message)
}

fn app_with_inbox(inbox: InboxSettings) -> TestApp {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    TestApp::serve_with(
        scratch,
        Settings {
            inbox,
            ..Settings::default()
        },
    )
}

#[test]
fn the_eleventh_send_from_one_client_within_an_hour_gets_429_with_retry_after() {
    let app = TestApp::bundled();
    let fields = orebro_fields(&app, "");
    for i in 1..=10 {
        let receipt = post_send(&app.base, &fields, &[]);
        assert_eq!(receipt.status, 200, "send {i}: {}", receipt.body);
    }
    let eleventh = post_send(&app.base, &fields, &[]);
    assert_eq!(eleventh.status, 429, "{}", eleventh.body);
    let retry: u64 = eleventh
        .header("Retry-After")
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!(retry > 3000 && retry <= 3600, "Retry-After: {retry}");
    assert!(
        eleventh.body.contains("För många inskickningar"),
        "{}",
        eleventh.body
    );
    assert!(
        eleventh.body.contains("Försök igen om "),
        "{}",
        eleventh.body
    );
    assert_eq!(eleventh.header("Cache-Control"), Some("no-store"));
}

#[test]
fn a_full_inbox_is_refused_with_507_and_a_clear_page() {
    for caps in [
        Caps {
            entries: 1,
            bytes: 100 * 1024 * 1024,
        },
        Caps {
            entries: 100,
            bytes: 150 * 1024,
        },
    ] {
        let app = app_with_inbox(InboxSettings {
            caps,
            ..InboxSettings::default()
        });
        let fields = orebro_fields(&app, "");
        let first = post_send(&app.base, &fields, &[]);
        assert_eq!(first.status, 200, "{caps:?}: {}", first.body);
        let full = post_send(&app.base, &fields, &[]);
        assert_eq!(full.status, 507, "{caps:?}: {}", full.body);
        assert!(full.body.contains("Inkorgen är full"), "{}", full.body);
        assert!(full.body.contains("Inget sparades."), "{}", full.body);
    }
}

#[test]
fn a_30_mb_send_is_refused_413_before_it_is_read() {
    let app = TestApp::bundled();
    let size = 30 * 1024 * 1024;
    let head = format!(
        "POST /bidra/skicka HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {size}\r\n\r\n"
    );
    // At most 64 kB of the 30 MB go out before the sender waits: the answer
    // comes from the declared length (a server that waited for the body
    // would never answer).
    let declared = raw_upload(
        &app,
        &head,
        b"sort=rapport&innehall=",
        size,
        false,
        64 * 1024,
    );
    assert!(
        declared.status_line.contains(" 413 "),
        "{}",
        declared.status_line
    );
    let head = "POST /bidra/skicka HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n";
    // Undeclared, it is cut off once it passes the form's cap.
    let past = kompass::web::inbox::FORM_BYTES + 1024 * 1024;
    let streamed = raw_upload(&app, head, b"sort=rapport&innehall=", size, true, past);
    assert!(
        streamed.status_line.contains(" 413 "),
        "{}",
        streamed.status_line
    );
    assert!(
        streamed.answer.contains("För stort för att skickas in"),
        "{}",
        streamed.answer
    );
    // /bidra itself still takes at most 20 MB.
    let head = format!(
        "POST /bidra HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {size}\r\n\r\n"
    );
    let upload = raw_upload(&app, &head, b"--b\r\n", size, false, 64 * 1024);
    assert!(
        upload.status_line.contains(" 413 "),
        "{}",
        upload.status_line
    );
    assert_eq!(app.get("/bidra").status, 200);
}

#[test]
fn a_script_in_a_message_is_text_on_the_receipt_and_escape_characters_are_escaped_in_inbox_show() {
    let app = TestApp::bundled();
    let message = "Hej <script>alert('x')</script>\u{1b}[2J\u{1b}[31mröd\rslut";
    let receipt = post_send(&app.base, &orebro_fields(&app, message), &[]);
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    assert!(!receipt.body.contains("<script>alert"), "{}", receipt.body);
    assert!(
        receipt
            .body
            .contains("Hej &lt;script&gt;alert('x')&lt;/script&gt;"),
        "{}",
        receipt.body
    );
    let r = reference(&receipt);
    let show = kompass(&["inbox", "show", &r], &app.scratch.db(), None);
    let shown = stdout(&show);
    assert!(show.status.success(), "{}", super::stderr(&show));
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\r'),
        "{shown:?}"
    );
    assert!(
        shown.contains("message:  Hej <script>alert('x')</script>\\x1b[2J\\x1b[31mröd\\rslut"),
        "{shown}"
    );
    // As stored, the message is the sender's text, unchanged.
    let entry = kompass::inbox::Inbox::open_existing(&app.scratch.path("inbox.db"))
        .expect("the inbox")
        .get(r.parse().expect("a reference"))
        .expect("the entry");
    assert_eq!(entry.sent.message.as_deref(), Some(message));
}

#[test]
fn a_send_from_another_site_is_refused_and_nothing_is_stored() {
    let app = TestApp::bundled();
    let fields = orebro_fields(&app, "");
    for headers in [
        [("Origin", "https://evil.example"), ("X-Test", "1")],
        [
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", "https://evil.example"),
        ],
        [("Origin", "null"), ("X-Test", "1")],
    ] {
        let answer = post_send(&app.base, &fields, &headers);
        assert_eq!(answer.status, 403, "{headers:?}: {}", answer.body);
        assert!(answer.body.contains("Skickat från en annan webbplats"));
    }
    assert!(!app.scratch.path("inbox.db").exists(), "the inbox was made");
    // From kompass's own page, as a browser says it.
    let origin = app.base.clone();
    let own = post_send(
        &app.base,
        &fields,
        &[("Origin", &origin), ("Sec-Fetch-Site", "same-origin")],
    );
    assert_eq!(own.status, 200, "{}", own.body);
}

#[test]
fn the_review_and_the_receipt_are_never_cached() {
    let app = TestApp::bundled();
    let review = review_text(&app, &orebro_report(2022));
    assert_eq!(review.header("Cache-Control"), Some("no-store"));
    let receipt = post_send(&app.base, &send_fields(&carried(&review.body), ""), &[]);
    assert_eq!(receipt.status, 200);
    assert_eq!(receipt.header("Cache-Control"), Some("no-store"));
    // The start page, a GET, stays cacheable.
    assert_ne!(app.get("/bidra").header("Cache-Control"), Some("no-store"));
}

#[test]
fn a_site_that_sends_to_an_address_keeps_no_inbox() {
    let scratch = Scratch::new();
    import_bundle(&scratch.db(), &bundled_data());
    let app = TestApp::serve_with(
        scratch,
        Settings {
            contribute_to: Some(
                kompass::web::config::ContributeTo::parse("mailto:data@kompass.example.se")
                    .expect("an address"),
            ),
            ..Settings::default()
        },
    );
    let review = review_text(&app, &orebro_report(2022));
    assert!(!review.body.contains("class=\"panel send\""));
    assert!(review.body.contains("data@kompass.example.se"));
    let fields = vec![("sort".to_string(), "rapport".to_string())];
    let answer = post_send(&app.base, &send_fields(&fields, ""), &[]);
    assert_eq!(answer.status, 404);
    assert!(!app.scratch.path("inbox.db").exists());
}
