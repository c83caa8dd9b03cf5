use chrono::TimeZone as _;

use super::*;

fn entry(code: &str, message: Option<&str>) -> NewEntry {
    NewEntry {
        received_name: "kumla-2020.pdf".into(),
        input: InputKind::Report,
        key: EvaluationKey::new(code.parse().unwrap(), 2020, Some(11)),
        file_name: format!("{code}-x-2020.toml"),
        evaluation_toml: "municipality = \"1881\"\n".into(),
        report_text: Some("Kommunkompassen\nAnalys av Kumla kommun 2020\n".into()),
        source_url: "https://www.kumla.se/rapport.pdf".into(),
        contact: Some("kvalitet@kumla.se".into()),
        message: message.map(str::to_string),
    }
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap()
}

#[test]
fn entries_are_numbered_per_year_and_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.db");
    let mut store = Inbox::open(&path).unwrap();
    let caps = Caps::default();
    let first = store
        .add(&entry("1881", Some("Hej <b>")), caps, at(2026, 12, 8))
        .unwrap();
    let second = store
        .add(&entry("1880", None), caps, at(2026, 12, 9))
        .unwrap();
    let next_year = store
        .add(&entry("0115", None), caps, at(2027, 1, 1))
        .unwrap();
    assert_eq!(
        [first, second, next_year].map(|r| r.to_string()),
        ["B-2026-0001", "B-2026-0002", "B-2027-0001"]
    );
    let got = store.get(first).unwrap();
    assert_eq!(got.sent, entry("1881", Some("Hej <b>")));
    assert_eq!(got.status, Status::New);
    assert_eq!(got.received_at, at(2026, 12, 8));
    let listed = store.list(false).unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(
        listed[0].sent.report_text, None,
        "the list leaves the texts out"
    );
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "the inbox is readable by others: {mode:o}");
    assert_eq!(store.integrity().unwrap(), "ok");
}

#[test]
fn decisions_are_kept_and_made_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Inbox::open(&dir.path().join("inbox.db")).unwrap();
    let r = store
        .add(&entry("1881", None), Caps::default(), at(2026, 12, 8))
        .unwrap();
    let reject = Decision::Rejected {
        reason: "samma som redan finns".into(),
    };
    store.decide(r, &reject, at(2026, 12, 10)).unwrap();
    let got = store.get(r).unwrap();
    assert_eq!(got.status, Status::Rejected);
    assert_eq!(got.reason.as_deref(), Some("samma som redan finns"));
    assert_eq!(got.decided_at, Some(at(2026, 12, 10)));
    let again = store.decide(r, &reject, at(2026, 12, 11)).unwrap_err();
    assert!(
        matches!(again, InboxError::AlreadyDecided { .. }),
        "{again}"
    );
    assert!(store.list(true).unwrap().is_empty());
    let missing = ContributionRef::new(2026, 99).unwrap();
    assert!(matches!(store.get(missing), Err(InboxError::NotFound(_))));
}

#[test]
fn a_full_inbox_refuses_by_entries_and_by_bytes_counting_only_those_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Inbox::open(&dir.path().join("inbox.db")).unwrap();
    let one = entry("1881", None);
    let caps = Caps {
        entries: 2,
        bytes: one.bytes() * 3,
    };
    let a = store.add(&one, caps, at(2026, 12, 8)).unwrap();
    store.add(&one, caps, at(2026, 12, 8)).unwrap();
    let full = store.add(&one, caps, at(2026, 12, 8)).unwrap_err();
    assert!(
        matches!(full, InboxError::Full(Full::Entries { max: 2 })),
        "{full}"
    );
    store
        .decide(
            a,
            &Decision::Rejected { reason: "x".into() },
            at(2026, 12, 9),
        )
        .unwrap();
    store.add(&one, caps, at(2026, 12, 9)).unwrap();
    let mut big = one.clone();
    big.message = Some("x".repeat(usize::try_from(one.bytes()).unwrap() * 2));
    let caps = Caps {
        entries: 10,
        bytes: caps.bytes,
    };
    let full = store.add(&big, caps, at(2026, 12, 9)).unwrap_err();
    assert!(
        matches!(full, InboxError::Full(Full::Bytes { .. })),
        "{full}"
    );
    assert_eq!(store.list(true).unwrap().len(), 2);
}

#[test]
fn the_curators_commands_need_an_inbox_that_exists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.db");
    let Err(e) = Inbox::open_existing(&path) else {
        panic!("opened an inbox that is not there");
    };
    assert!(e.to_string().contains("kompass serve"), "{e}");
    assert!(!path.exists());
}
