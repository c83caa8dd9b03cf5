//! A `kompass serve` killed (SIGKILL) while 100 contributions are being
//! sent at once, from 100 clients behind a trusted proxy: the inbox passes
//! `PRAGMA integrity_check`, every entry in it is whole, and every receipt
//! a sender got names an entry that is there.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use super::{Serve, send_fields};
use crate::common::{Scratch, bundled_data, kumla_2020_file};

const SENDERS: usize = 100;

/// The send form of Kumla's bundled file as Örebro's, as a review carries it.
fn fields() -> Vec<(String, String)> {
    let file = std::fs::read_to_string(kumla_2020_file()).expect("the bundled file");
    let file = file
        .replace("municipality = \"1881\"", "municipality = \"1880\"")
        .replace(
            "municipality_name = \"Kumla\"",
            "municipality_name = \"Örebro\"",
        );
    let carried = vec![
        ("sort".to_string(), "fil".to_string()),
        ("namn".to_string(), "orebro.toml".to_string()),
        ("innehall".to_string(), file),
    ];
    send_fields(&carried, "skickad samtidigt med 99 andra")
}

#[test]
fn a_server_killed_amid_100_sends_leaves_an_inbox_of_whole_entries() {
    let scratch = Scratch::new();
    let db = scratch.db();
    let mut server = Serve::start(&db, &bundled_data(), &["--trusted-proxy", "127.0.0.1"]);
    let fields = Arc::new(fields());
    let start = Arc::new(Barrier::new(SENDERS + 1));
    let received = Arc::new(Mutex::new(Vec::<String>::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    let senders: Vec<_> = (0..SENDERS)
        .map(|i| {
            let (base, fields, start) = (server.base.clone(), fields.clone(), start.clone());
            let (received, answered) = (received.clone(), answered.clone());
            std::thread::spawn(move || {
                let client = format!("198.51.100.{}", i + 1);
                start.wait();
                let answer = std::panic::catch_unwind(|| {
                    super::post_send(&base, &fields, &[("X-Forwarded-For", &client)])
                });
                answered.fetch_add(1, Ordering::SeqCst);
                if let Ok(r) = answer
                    && r.status == 200
                {
                    received
                        .lock()
                        .expect("the list")
                        .push(super::reference(&r));
                }
            })
        })
        .collect();
    start.wait();
    // Killed once some sends are answered and others are under way.
    let deadline = Instant::now() + Duration::from_secs(120);
    while received.lock().expect("the list").len() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.child.kill().expect("SIGKILL");
    server.child.wait().expect("the server ended");
    let got_before_kill: Vec<String> = received.lock().expect("the list").clone();
    for s in senders {
        let _ = s.join();
    }
    assert_eq!(answered.load(Ordering::SeqCst), SENDERS);
    assert!(
        !got_before_kill.is_empty(),
        "no send was answered before the kill"
    );

    let mut inbox = kompass::inbox::Inbox::open_existing(&scratch.path("inbox.db"))
        .expect("the inbox opens after the kill");
    assert_eq!(inbox.integrity().expect("an integrity check"), "ok");
    let listed = inbox.list(false).expect("the entries");
    println!(
        "{} receipts before the kill, {} in all, {} entries in the inbox",
        got_before_kill.len(),
        received.lock().expect("the list").len(),
        listed.len()
    );
    assert!(listed.len() >= got_before_kill.len());
    let references: Vec<String> = listed.iter().map(|e| e.reference.to_string()).collect();
    for r in received.lock().expect("the list").iter() {
        assert!(
            references.contains(r),
            "{r} was receipted but is not in the inbox"
        );
    }
    for e in &listed {
        let whole = inbox.get(e.reference).expect("the entry reads");
        let parsed = kompass::import::evaluation_file::parse(
            std::path::Path::new(&whole.sent.file_name),
            &whole.sent.evaluation_toml,
        )
        .unwrap_or_else(|err| panic!("{}: its file does not parse: {err}", e.reference));
        assert_eq!(parsed.evaluation.municipality.as_str(), "1880");
        assert_eq!(parsed.evaluation.areas.len(), 8);
        assert_eq!(whole.sent.source_url, super::SOURCE);
        assert_eq!(
            whole.sent.message.as_deref(),
            Some("skickad samtidigt med 99 andra")
        );
    }
    // References are numbered without a gap: no entry was half made.
    let mut numbers: Vec<u32> = listed.iter().map(|e| e.reference.number()).collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=u32::try_from(listed.len()).expect("few")).collect::<Vec<_>>()
    );
}
