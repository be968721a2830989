//! The group commit of `read` audit rows: many concurrent pages of 100 rows each are all
//! recorded, in transactions small enough for one INSERT each.

use clinic_domain::access::Actor;
use clinic_domain::audit::{PhiRead, ReadAudit, reads_of};
use clinic_domain::identity::Role;
use clinic_infrastructure::read_audit::ReadAuditWriter;
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

#[tokio::test]
async fn sixty_concurrent_pages_of_a_hundred_reads_are_all_recorded() {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    db.execute_unprepared(
        "INSERT INTO users (user_id, username, email, role) VALUES (1, 'desk', 'desk@clinic.test', 'staff')",
    )
    .await
    .expect("fixtures");
    let writer = ReadAuditWriter::spawn(db.clone());
    let reader = Actor {
        user_id: 1,
        role: Role::Staff,
        doctor_id: None,
        patient_id: None,
    };
    let pages = (0..60).map(|page: i64| {
        let writer = writer.clone();
        let drafts = reads_of(
            &reader,
            PhiRead::Appointment,
            (0..100).map(|i| page * 100 + i),
        );
        tokio::spawn(async move { ReadAudit::record(&writer, drafts).await })
    });
    for page in futures_join(pages.collect()).await {
        page.expect("the task ran")
            .expect("the reads were recorded");
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT count(*) AS n, count(DISTINCT record_id) AS ids,
                    count(DISTINCT changed_at) AS batches FROM audit_log
             WHERE action = 'read' AND table_name = 'appointments' AND changed_by = 1",
        ))
        .await
        .unwrap()
        .unwrap();
    let count = |column: &str| row.try_get::<i64>("", column).unwrap();
    assert_eq!((count("n"), count("ids")), (6_000, 6_000));
    // Each transaction stamps its rows with one time: 6 000 rows need at least three.
    assert!(count("batches") >= 3, "{} transactions", count("batches"));
}

async fn futures_join<T>(
    handles: Vec<tokio::task::JoinHandle<T>>,
) -> Vec<Result<T, tokio::task::JoinError>> {
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await);
    }
    out
}
