//! The waitlist's writes inside a scheduling transaction: a cancellation's offers, joining and
//! withdrawing, and the locked answer to an offer. Every write is audited in the transaction.

use async_trait::async_trait;
use clinic_domain::scheduling::Written;
use clinic_domain::scheduling::waitlist::{
    JoinFacts, LockedEntry, NewEntry, OfferAnswer, OfferGroup, SlotOffer, StoredOfferStatus,
    WaitingEntry, WaitlistEntry, WaitlistTx,
};
use clinic_domain::scheduling::{OfficeFacts, Party};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{DbBackend, FromQueryResult, Statement, Value};

use super::transaction::PgSchedulingTx;
use crate::repositories::support::{find_one, insert_audited, store_error, update_audited};
use crate::repositories::waitlist::{
    ENTRY_COLUMNS, ENTRY_FROM, EntryRow, OFFER_COLUMNS, OFFER_FROM, OfferRow,
};

fn stmt(sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

#[derive(FromQueryResult)]
struct PartyRow {
    user_id: i32,
    name: String,
}

#[derive(FromQueryResult)]
struct OfficeRow {
    name: String,
    time_zone: String,
    is_active: bool,
    works_at_office: bool,
}

#[derive(FromQueryResult)]
struct SiblingRow {
    offer_id: i32,
    status: String,
}

#[derive(FromQueryResult)]
struct GroupRow {
    #[sea_orm(nested)]
    offer: OfferRow,
    patient_user_id: i32,
    patient_name: String,
    doctor_user_id: i32,
    entry_status: String,
}

#[derive(FromQueryResult)]
struct SourceRow {
    source_appointment_id: i32,
}

#[derive(FromQueryResult)]
struct StampRow {
    id: i32,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

impl PgSchedulingTx {
    async fn entries_where(
        &self,
        condition: &str,
        values: Vec<Value>,
    ) -> StoreResult<Vec<EntryRow>> {
        EntryRow::find_by_statement(stmt(
            &format!("{ENTRY_COLUMNS} {ENTRY_FROM} WHERE {condition} ORDER BY e.entry_id FOR NO KEY UPDATE OF e"),
            values,
        ))
        .all(&self.txn)
        .await
        .map_err(store_error)
    }

    async fn entry(&self, entry_id: i32) -> StoreResult<WaitlistEntry> {
        find_one::<EntryRow, _>(
            &self.txn,
            stmt(
                &format!("{ENTRY_COLUMNS} {ENTRY_FROM} WHERE e.entry_id = $1"),
                vec![entry_id.into()],
            ),
            "waitlist entry",
        )
        .await?
        .into_entry()
    }

    /// Sets an offer's status (answered now, by `author`), audited.
    async fn close_offer(
        &mut self,
        author: i32,
        offer_id: i32,
        status: StoredOfferStatus,
        appointment_id: Option<i32>,
    ) -> StoreResult<()> {
        let audit = update_audited(
            &self.txn,
            Some(author),
            ("waitlist_offers", "offer_id", offer_id.into()),
            stmt(
                "UPDATE waitlist_offers SET status = $2, booked_appointment_id = $3,
                     answered_at = now(), answered_by = $4
                 WHERE offer_id = $1",
                vec![
                    offer_id.into(),
                    status.as_str().into(),
                    appointment_id.into(),
                    author.into(),
                ],
            ),
        )
        .await?;
        self.audits.push(audit);
        Ok(())
    }
}

#[async_trait]
impl WaitlistTx for PgSchedulingTx {
    async fn waiting_for(
        &mut self,
        doctor_id: i32,
        office_id: i32,
    ) -> StoreResult<Vec<WaitingEntry>> {
        self.entries_where(
            "e.doctor_id = $1 AND (e.office_id IS NULL OR e.office_id = $2) AND e.status = 'active'",
            vec![doctor_id.into(), office_id.into()],
        )
        .await?
        .into_iter()
        .map(EntryRow::into_waiting)
        .collect()
    }

    async fn write_offers(&mut self, author: i32, offer: &SlotOffer) -> StoreResult<Vec<i32>> {
        let mut ids = Vec::with_capacity(offer.entry_ids.len());
        for entry_id in &offer.entry_ids {
            let (id, audit) = insert_audited(
                &self.txn,
                Some(author),
                "waitlist_offers",
                stmt(
                    "INSERT INTO waitlist_offers AS t (entry_id, source_appointment_id, doctor_id,
                         office_id, starts_at, ends_at, expires_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     RETURNING t.offer_id AS id, to_jsonb(t) AS row",
                    vec![
                        (*entry_id).into(),
                        offer.source_appointment_id.into(),
                        offer.doctor_id.into(),
                        offer.office_id.into(),
                        offer.range.start().into(),
                        offer.range.end().into(),
                        offer.expires_at.into(),
                    ],
                ),
            )
            .await?;
            self.audits.push(audit);
            ids.push(id);
        }
        Ok(ids)
    }

    async fn join_facts(
        &mut self,
        patient_id: i32,
        doctor_id: i32,
        office_id: Option<i32>,
    ) -> StoreResult<JoinFacts> {
        let patient = PartyRow::find_by_statement(stmt(
            "SELECT user_id, concat_ws(' ', first_name, last_name) AS name
             FROM patients WHERE patient_id = $1 FOR NO KEY UPDATE",
            vec![patient_id.into()],
        ))
        .one(&self.txn)
        .await
        .map_err(store_error)?;
        let doctor = PartyRow::find_by_statement(stmt(
            "SELECT user_id, concat_ws(' ', first_name, last_name) AS name
             FROM doctors WHERE doctor_id = $1",
            vec![doctor_id.into()],
        ))
        .one(&self.txn)
        .await
        .map_err(store_error)?;
        let office = match office_id {
            None => None,
            Some(office_id) => OfficeRow::find_by_statement(stmt(
                "SELECT name, time_zone, is_active,
                        EXISTS (SELECT 1 FROM doctor_offices
                                WHERE doctor_id = $2 AND office_id = $1) AS works_at_office
                 FROM offices WHERE office_id = $1 FOR SHARE",
                vec![office_id.into(), doctor_id.into()],
            ))
            .one(&self.txn)
            .await
            .map_err(store_error)?,
        };
        let existing = if patient.is_some() {
            self.entries_where(
                "e.patient_id = $1 AND e.doctor_id = $2 AND e.status = 'active'",
                vec![patient_id.into(), doctor_id.into()],
            )
            .await?
            .into_iter()
            .map(EntryRow::into_waiting)
            .collect::<StoreResult<_>>()?
        } else {
            Vec::new()
        };
        let party = |r: PartyRow| Party {
            user_id: r.user_id,
            name: r.name,
        };
        Ok(JoinFacts {
            patient: patient.map(party),
            doctor: doctor.map(party),
            doctor_works_at_office: office.as_ref().is_some_and(|o| o.works_at_office),
            office: office.map(|o| OfficeFacts {
                name: o.name,
                time_zone: o.time_zone,
                active: o.is_active,
            }),
            existing,
        })
    }

    async fn insert_entry(&mut self, author: i32, new: &NewEntry) -> StoreResult<WaitlistEntry> {
        let weekdays: Vec<i64> = new
            .preferences
            .weekdays
            .iter()
            .map(|d| i64::from(d.number_from_monday()))
            .collect();
        let window = new.preferences.window;
        let (id, audit) = insert_audited(
            &self.txn,
            Some(author),
            "waitlist_entries",
            stmt(
                "INSERT INTO waitlist_entries AS t (patient_id, doctor_id, office_id, weekdays,
                     window_start, window_end, latest_date, urgency, note, created_by)
                 VALUES ($1, $2, $3,
                         ARRAY(SELECT jsonb_array_elements_text($4::jsonb)::smallint),
                         $5, $6, $7, $8, $9, $10)
                 RETURNING t.entry_id AS id, to_jsonb(t) AS row",
                vec![
                    new.patient_id.into(),
                    new.doctor_id.into(),
                    new.office_id.into(),
                    serde_json::json!(weekdays).into(),
                    window.map(|w| w.from()).into(),
                    window.map(|w| w.to()).into(),
                    new.preferences.latest_date.into(),
                    new.urgency.as_str().into(),
                    new.note.clone().into(),
                    author.into(),
                ],
            ),
        )
        .await?;
        self.audits.push(audit);
        self.entry(id).await
    }

    async fn lock_entry(&mut self, entry_id: i32) -> StoreResult<LockedEntry> {
        let row = self
            .entries_where("e.entry_id = $1", vec![entry_id.into()])
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::not_found("waitlist entry"))?;
        let open_offers = SiblingRow::find_by_statement(stmt(
            "SELECT offer_id, status FROM waitlist_offers
             WHERE entry_id = $1 AND status = 'open' ORDER BY offer_id FOR NO KEY UPDATE",
            vec![entry_id.into()],
        ))
        .all(&self.txn)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|r| r.offer_id)
        .collect();
        Ok(LockedEntry {
            entry: row.into_entry()?,
            open_offers,
        })
    }

    async fn withdraw_entry(
        &mut self,
        author: i32,
        entry_id: i32,
        open_offers: &[i32],
    ) -> StoreResult<Written> {
        for offer_id in open_offers {
            self.close_offer(author, *offer_id, StoredOfferStatus::Withdrawn, None)
                .await?;
        }
        let audit = update_audited(
            &self.txn,
            Some(author),
            ("waitlist_entries", "entry_id", entry_id.into()),
            stmt(
                "UPDATE waitlist_entries SET status = 'withdrawn', withdrawn_at = now(),
                     updated_at = now()
                 WHERE entry_id = $1",
                vec![entry_id.into()],
            ),
        )
        .await?;
        self.audits.push(audit);
        let row = find_one::<StampRow, _>(
            &self.txn,
            stmt(
                "SELECT entry_id AS id, created_at, updated_at FROM waitlist_entries
                 WHERE entry_id = $1",
                vec![entry_id.into()],
            ),
            "waitlist entry",
        )
        .await?;
        Ok(Written {
            id: row.id,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }

    async fn lock_offer_group(&mut self, offer_id: i32) -> StoreResult<OfferGroup> {
        let source = find_one::<SourceRow, _>(
            &self.txn,
            stmt(
                "SELECT source_appointment_id FROM waitlist_offers WHERE offer_id = $1",
                vec![offer_id.into()],
            ),
            "waitlist offer",
        )
        .await?
        .source_appointment_id;
        // Every offer of the slot, in id order: two accepts of one slot queue here, and the
        // second reads the first's answer once it commits.
        let siblings = SiblingRow::find_by_statement(stmt(
            "SELECT offer_id, status FROM waitlist_offers
             WHERE source_appointment_id = $1 ORDER BY offer_id FOR NO KEY UPDATE",
            vec![source.into()],
        ))
        .all(&self.txn)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|r| {
            r.status
                .parse::<StoredOfferStatus>()
                .map(|s| (r.offer_id, s))
                .map_err(|e| StoreError::Unexpected(e.to_string()))
        })
        .collect::<StoreResult<Vec<_>>>()?;
        let group = find_one::<GroupRow, _>(
            &self.txn,
            stmt(
                &format!(
                    "{OFFER_COLUMNS}, p.user_id AS patient_user_id,
                            concat_ws(' ', p.first_name, p.last_name) AS patient_name,
                            d.user_id AS doctor_user_id, e.status AS entry_status
                     {OFFER_FROM} JOIN patients p ON p.patient_id = e.patient_id
                     WHERE w.offer_id = $1"
                ),
                vec![offer_id.into()],
            ),
            "waitlist offer",
        )
        .await?;
        Ok(OfferGroup {
            offer: group.offer.into_offer()?,
            patient_user_id: group.patient_user_id,
            doctor_user_id: group.doctor_user_id,
            patient_name: group.patient_name,
            entry_status: group
                .entry_status
                .parse()
                .map_err(|e| StoreError::Unexpected(format!("{e}")))?,
            siblings,
        })
    }

    async fn answer_offer(
        &mut self,
        author: i32,
        group: &OfferGroup,
        answer: &OfferAnswer,
    ) -> StoreResult<()> {
        let offer_id = group.offer.offer_id;
        match answer {
            OfferAnswer::Declined => {
                self.close_offer(author, offer_id, StoredOfferStatus::Declined, None)
                    .await
            }
            OfferAnswer::Accepted {
                appointment_id,
                taken,
            } => {
                self.close_offer(
                    author,
                    offer_id,
                    StoredOfferStatus::Accepted,
                    Some(*appointment_id),
                )
                .await?;
                for other in taken {
                    self.close_offer(author, *other, StoredOfferStatus::Taken, None)
                        .await?;
                }
                let audit = update_audited(
                    &self.txn,
                    Some(author),
                    ("waitlist_entries", "entry_id", group.offer.entry_id.into()),
                    stmt(
                        "UPDATE waitlist_entries SET status = 'booked',
                             booked_appointment_id = $2, updated_at = now()
                         WHERE entry_id = $1",
                        vec![group.offer.entry_id.into(), (*appointment_id).into()],
                    ),
                )
                .await?;
                self.audits.push(audit);
                Ok(())
            }
        }
    }
}
