//! What the review page says a contribution would change before it is
//! sent, and what the server takes when it is: it reviews what the form
//! carries again, and refuses what does not pass.

use super::{SOURCE, carried, kumla_report, orebro_report, post_send, review_text, send_fields};
use crate::common::upload::Part;
use crate::common::{TestApp, kumla_2020_file};

fn entries(app: &TestApp) -> usize {
    let path = app.scratch.path("inbox.db");
    if !path.exists() {
        return 0;
    }
    kompass::inbox::Inbox::open_existing(&path)
        .expect("the inbox opens")
        .list(false)
        .expect("its entries")
        .len()
}

#[test]
fn a_second_identical_report_confirms_what_is_held() {
    let app = TestApp::bundled();
    let review = review_text(&app, &kumla_report());
    assert_eq!(review.status, 200);
    assert!(
        review.body.contains(
            "Det här bekräftar det som redan finns: kompass har samma siffror för Kumla 2020."
        ),
        "{}",
        review.body
    );
    assert!(
        !review.body.contains("Samma siffror som"),
        "Kumla is not another evaluation"
    );
}

#[test]
fn a_changed_area_says_which_figures_change_from_what_to_what() {
    let app = TestApp::bundled();
    let file = std::fs::read_to_string(kumla_2020_file()).expect("the bundled file");
    let row = "{ number = 1, points = 66, percent = 66,";
    assert!(file.contains(row), "area 1's row in the bundled file");
    let changed = file.replacen(row, "{ number = 1, points = 67, percent = 67,", 1);
    let review = app.post_multipart(
        "/bidra",
        &[Part::file(
            "rapport",
            "kumla-rattad.toml",
            changed.as_bytes(),
        )],
    );
    assert_eq!(review.status, 200, "{}", review.body);
    let body = &review.body;
    assert!(
        body.contains("Det här ändrar 2 siffror i Kumla 2020, som kompass har:"),
        "{body}"
    );
    assert!(body.contains("Område 1, poäng: 66 → 67"), "{body}");
    assert!(body.contains("Område 1, procent: 66 % → 67 %"), "{body}");
    // What is sent is what was reviewed: the file, checked again.
    let fields = carried(body);
    assert_eq!(fields[0], ("sort".to_string(), "fil".to_string()));
    let receipt = post_send(&app.base, &send_fields(&fields, ""), &[]);
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    assert!(receipt.body.contains("Område 1, poäng: 66 → 67"));
    // The curator sees the same differences in `inbox show`.
    let shown = super::kompass(
        &["inbox", "show", &super::reference(&receipt)],
        &app.scratch.db(),
        None,
    );
    let shown = super::stdout(&shown);
    assert!(
        shown.contains("what it changes: changes 2 figure(s) of 1881-2020 (Kumla 2020)")
            && shown.contains("  area 1 points: 66 -> 67")
            && shown.contains("  area 1 percent: 66 -> 67"),
        "{shown}"
    );
}

#[test]
fn kumlas_figures_sent_as_another_municipality_get_the_same_figures_warning() {
    let app = TestApp::bundled();
    let review = review_text(&app, &orebro_report(2022));
    assert_eq!(review.status, 200);
    assert!(
        review
            .body
            .contains("Samma siffror som Kumla 2020: fel fil?"),
        "{}",
        review.body
    );
    assert!(
        review
            .body
            .contains("kompass har ingen utvärdering av Örebro 2022: den blir ny.")
    );
}

#[test]
fn a_year_to_come_or_before_2002_is_refused_on_the_review_and_on_send() {
    let app = TestApp::bundled();
    for (year, said) in [
        (2031, "Året 2031 har inte kommit än"),
        (1999, "Kommunkompassens utvärderingar började 2002, så 1999"),
    ] {
        let review = review_text(&app, &orebro_report(year));
        assert_eq!(review.status, 422, "{year}: {}", review.body);
        assert!(review.body.contains(said), "{year}: {}", review.body);
        assert!(
            !review.body.contains("class=\"panel send\""),
            "{year}: a send form"
        );
        assert!(
            !review.body.contains("data:application/toml"),
            "{year}: a file"
        );
        // Sent all the same, the server reviews it again and refuses it.
        let forged = vec![
            ("sort".to_string(), "rapport".to_string()),
            ("namn".to_string(), "r.txt".to_string()),
            ("innehall".to_string(), orebro_report(year)),
        ];
        let answer = post_send(&app.base, &send_fields(&forged, ""), &[]);
        assert_eq!(answer.status, 422, "{year}: {}", answer.body);
        assert!(answer.body.contains(said));
    }
    assert_eq!(entries(&app), 0);
}

#[test]
fn what_the_form_carries_is_checked_again_and_a_missing_source_asked_for() {
    let app = TestApp::bundled();
    let review = review_text(&app, &orebro_report(2022));
    let mut fields = carried(&review.body);
    // No source address: the review again, the field marked.
    let mut no_source = send_fields(&fields, "");
    no_source.retain(|(k, _)| k != "kalla");
    no_source.push(("kalla".into(), String::new()));
    let answer = post_send(&app.base, &no_source, &[]);
    assert_eq!(answer.status, 422);
    assert!(
        answer
            .body
            .contains("Fyll i adressen där rapporten eller siffrorna finns publicerade."),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("id=\"kalla\"") && answer.body.contains("aria-invalid=\"true\""));
    // A report changed after its review: its checks fail when reviewed again.
    fields[2].1 = crate::contribute::damaged_report(&fields[2].1);
    let answer = post_send(&app.base, &send_fields(&fields, ""), &[]);
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(
        answer.body.contains("Delområdenas summa"),
        "{}",
        answer.body
    );
    assert_eq!(entries(&app), 0);
    // The figures form's evaluation is sent as one too.
    let figures = [
        ("municipality", "1880"),
        ("year", "2023"),
        ("revision", "v2020"),
        ("total", "512"),
        ("source_url", SOURCE),
    ];
    let review = app.post_urlencoded("/bidra/siffror", &figures);
    assert_eq!(review.status, 200, "{}", review.body);
    let fields = carried(&review.body);
    assert_eq!(fields[0].1, "formular");
    let receipt = post_send(&app.base, &send_fields(&fields, ""), &[]);
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    assert!(receipt.body.contains("formuläret för siffror"));
    assert_eq!(entries(&app), 1);
}
