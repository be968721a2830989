//! Following `next` from `_count=10` visits every match exactly once, and `previous` leads
//! back: the links replay the same search.

use std::collections::HashSet;

use super::{DemoClinic, entries, link};

#[tokio::test]
async fn next_links_visit_every_match_exactly_once() {
    let clinic = DemoClinic::start().await;
    let desk = clinic.token("frontdesk").await;
    for search in [
        "/Appointment?date=ge2000-01-01&date=lt2100-01-01&_count=10",
        "/Patient?_count=10",
    ] {
        let (status, first) = clinic.get(&desk, search).await;
        assert_eq!(status, 200);
        let total = first["total"].as_u64().unwrap();
        assert!(
            total > 30,
            "{search}: the demo clinic has more than three pages"
        );
        let mut seen = HashSet::new();
        let mut pages = 0;
        let mut page = first;
        loop {
            pages += 1;
            let ids = entries(&page, "match");
            assert!(ids.len() <= 10);
            for id in ids {
                assert!(seen.insert(id.clone()), "{search}: {id} came twice");
            }
            let Some(next) = link(&page, "next") else {
                break;
            };
            let (status, following) = clinic.get(&desk, &next).await;
            assert_eq!(status, 200, "{next}");
            assert_eq!(
                link(&following, "previous").as_deref(),
                link(&page, "self").as_deref(),
                "previous leads back"
            );
            page = following;
        }
        assert_eq!(seen.len() as u64, total, "{search}: every match once");
        assert_eq!(pages, total.div_ceil(10));
    }
}

#[tokio::test]
async fn everything_pages_through_the_whole_record_once() {
    let clinic = DemoClinic::start().await;
    let alice = clinic.token("alice").await;
    let id = clinic.patient_id("alice").await;
    let (_, whole) = clinic
        .get(&alice, &format!("/Patient/{id}/$everything?_count=100"))
        .await;
    let all: HashSet<String> = entries(&whole, "match").into_iter().collect();
    assert!(all.contains(&format!("Patient/{id}")));
    assert!(all.len() > 10, "Alice's record spans pages of ten");
    let mut seen = HashSet::new();
    let mut next = Some(format!("/Patient/{id}/$everything?_count=10"));
    while let Some(path) = next {
        let (status, page) = clinic.get(&alice, &path).await;
        assert_eq!(status, 200, "{path}");
        for entry in entries(&page, "match") {
            assert!(seen.insert(entry.clone()), "{entry} came twice");
        }
        next = link(&page, "next");
    }
    assert_eq!(seen, all);
}
