//! The bill list filters by a SQL twin of the domain's status rule; they must agree.

use chrono::NaiveDate;
use clinic_domain::billing::derive_status;
use clinic_domain::values::Money;
use clinic_infrastructure::repositories::bills::derived_status_sql;
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

#[tokio::test]
async fn the_sql_status_agrees_with_the_domain_rule_on_every_case() {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    let today = NaiveDate::from_ymd_opt(2030, 6, 15).unwrap();
    let dues = ["2030-06-14", "2030-06-15", "2030-06-16"];
    let amounts = [
        ("0.00", "0.00"),
        ("100.00", "0.00"),
        ("100.00", "40.00"),
        ("100.00", "100.00"),
    ];
    let mut cases = 0;
    for due in dues {
        for (amount_due, amount_paid) in amounts {
            for voided in [false, true] {
                let sql = format!(
                    "SELECT {} AS status FROM (SELECT {amount_due}::numeric AS amount_due, {amount_paid}::numeric AS amount_paid,
                        DATE '{due}' AS billing_due, CASE WHEN {voided} THEN now() END AS voided_at) b",
                    derived_status_sql("DATE '2030-06-15'")
                );
                let row = db
                    .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
                    .await
                    .unwrap()
                    .unwrap();
                let in_sql: String = row.try_get("", "status").unwrap();
                let in_rust = derive_status(
                    Money::parse_str(amount_due).unwrap(),
                    Money::parse_str(amount_paid).unwrap(),
                    due.parse().unwrap(),
                    voided,
                    today,
                );
                assert_eq!(
                    in_sql,
                    in_rust.as_str(),
                    "due {due}, {amount_paid}/{amount_due}, voided {voided}"
                );
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 24);
}
