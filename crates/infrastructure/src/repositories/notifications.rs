//! Notifications: written inside the transaction of their event, read and marked by their user.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::notification::{
    Notification, NotificationDraft, NotificationFilter, NotificationRepository,
};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement};

use super::ListSql;
use super::support::{count, page_rows, store_error};

/// Inserts `drafts` on the caller's connection (normally its open transaction).
pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    drafts: &[NotificationDraft],
) -> Result<(), DbErr> {
    if drafts.is_empty() {
        return Ok(());
    }
    // One statement for all of them: each round trip inside an audited transaction delays
    // every other audited write.
    let mut rows = Vec::with_capacity(drafts.len());
    let mut values: Vec<sea_orm::Value> = Vec::with_capacity(drafts.len() * 5);
    for draft in drafts {
        let n = values.len();
        rows.push(format!(
            "(${}, ${}, ${}, ${}, ${})",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5
        ));
        values.extend([
            draft.user_id.into(),
            draft.kind.as_str().into(),
            draft.message.clone().into(),
            draft.related_entity_type.into(),
            draft.related_entity_id.into(),
        ]);
    }
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "INSERT INTO notifications (user_id, type_notif, message, related_entity_type, related_entity_id)
             VALUES {}",
            rows.join(", ")
        ),
        values,
    ))
    .await?;
    Ok(())
}

/// Notifications in PostgreSQL.
#[derive(Clone)]
pub struct PgNotifications {
    db: DatabaseConnection,
}

impl PgNotifications {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const COLUMNS: &str = "notification_id, user_id, type_notif, message, created_at, read_at,
    related_entity_type, related_entity_id";

#[derive(FromQueryResult)]
struct Row {
    notification_id: i64,
    user_id: i32,
    type_notif: String,
    message: String,
    created_at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
    related_entity_type: Option<String>,
    related_entity_id: Option<i64>,
}

impl Row {
    fn into_notification(self) -> StoreResult<Notification> {
        Ok(Notification {
            kind: self.type_notif.parse().map_err(|_| {
                StoreError::Unexpected(format!("unknown notification type {:?}", self.type_notif))
            })?,
            notification_id: self.notification_id,
            user_id: self.user_id,
            message: self.message,
            created_at: self.created_at,
            read_at: self.read_at,
            related_entity_type: self.related_entity_type,
            related_entity_id: self.related_entity_id,
        })
    }
}

/// The SQL of `GET /notifications`; parameters: the user, whether read ones are excluded (or
/// NULL).
#[must_use]
pub fn list_sql() -> ListSql {
    let condition = "WHERE user_id = $1 AND ($2::boolean IS NULL OR is_read <> $2)";
    ListSql {
        page: format!(
            "SELECT {COLUMNS} FROM notifications {condition}
             ORDER BY created_at DESC, notification_id DESC"
        ),
        total: format!("SELECT count(*) AS total FROM notifications {condition}"),
    }
}

#[async_trait]
impl NotificationRepository for PgNotifications {
    async fn list(
        &self,
        user_id: i32,
        filter: NotificationFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Notification>> {
        let sql = list_sql();
        let params = vec![user_id.into(), filter.unread.into()];
        let (rows, total) =
            page_rows::<Row, _>(&self.db, &sql.page, &sql.total, params, page).await?;
        let items = rows
            .into_iter()
            .map(Row::into_notification)
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }

    async fn unread_count(&self, user_id: i32) -> StoreResult<u64> {
        count(
            &self.db,
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT count(*) AS total FROM notifications WHERE user_id = $1 AND NOT is_read",
                [user_id.into()],
            ),
        )
        .await
        .map_err(store_error)
    }

    async fn mark_read(&self, user_id: i32, notification_id: i64) -> StoreResult<Notification> {
        Row::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "UPDATE notifications SET is_read = true, read_at = COALESCE(read_at, now())
                 WHERE notification_id = $1 AND user_id = $2 RETURNING {COLUMNS}"
            ),
            [notification_id.into(), user_id.into()],
        ))
        .one(&self.db)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found("notification"))?
        .into_notification()
    }

    async fn mark_all_read(&self, user_id: i32) -> StoreResult<u64> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE notifications SET is_read = true, read_at = now()
                 WHERE user_id = $1 AND NOT is_read",
                [user_id.into()],
            ))
            .await
            .map_err(store_error)?;
        Ok(result.rows_affected())
    }
}
