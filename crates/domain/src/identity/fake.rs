//! An in-memory [`UserRepository`] for the use-case tests of identity and demographics: the
//! accounts and demographics the tests read and write. Sign-in and account creation are not
//! exercised here and fail as unexpected.

use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{TimeZone, Utc};

use super::{
    ActorRecord, Demographics, DemographicsInput, LoginRecord, NewPatientAccount, NewUser, Role,
    User, UserFilter, UserPatch, UserRepository,
};
use crate::access::Actor;
use crate::error::{ConflictCode, DomainError};
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};

/// Accounts and demographics in memory.
#[derive(Debug, Default)]
pub(crate) struct InMemoryUsers {
    pub users: Mutex<Vec<User>>,
    pub demographics: Mutex<Vec<Demographics>>,
    /// The filter the last list was asked with.
    pub last_filter: Mutex<Option<UserFilter>>,
}

impl InMemoryUsers {
    /// Users with these ids and roles.
    pub fn with(accounts: &[(i32, Role)]) -> Self {
        let users = accounts
            .iter()
            .map(|&(user_id, role)| account(user_id, role))
            .collect();
        Self {
            users: Mutex::new(users),
            ..Self::default()
        }
    }

    /// The account `user_id`, as stored now.
    pub fn user(&self, user_id: i32) -> Option<User> {
        let users = self.users.lock().unwrap();
        users.iter().find(|u| u.user_id == user_id).cloned()
    }
}

/// Account `user_id`, active, with a username and email made of its id.
fn account(user_id: i32, role: Role) -> User {
    let at = Utc.with_ymd_and_hms(2030, 1, 1, 9, 0, 0).unwrap();
    User {
        user_id,
        username: format!("user{user_id}"),
        email: format!("user{user_id}@example.org"),
        phone_country_code: None,
        phone_number: None,
        phone_extension: None,
        role,
        is_active: true,
        created_at: at,
        updated_at: at,
        last_login: None,
        deactivated_at: None,
        doctor_id: None,
        patient_id: None,
        full_name: None,
    }
}

/// What a method these tests never call answers.
fn unused<T>() -> StoreResult<T> {
    Err(StoreError::Unexpected("not part of the fake".into()))
}

#[async_trait]
impl UserRepository for InMemoryUsers {
    async fn find_for_login(&self, _login: &str) -> StoreResult<Option<LoginRecord>> {
        unused()
    }

    async fn record_login(&self, _user_id: i32, _rehash: Option<String>) -> StoreResult<()> {
        unused()
    }

    async fn record_failed_login(&self, _user_id: Option<i32>) -> StoreResult<()> {
        unused()
    }

    async fn load_actor(
        &self,
        user_id: i32,
        _session: &super::SessionId,
    ) -> StoreResult<Option<ActorRecord>> {
        Ok(self.user(user_id).map(|user| ActorRecord {
            actor: Actor {
                user_id,
                role: user.role,
                doctor_id: user.doctor_id,
                patient_id: user.patient_id,
            },
            is_active: user.is_active,
            tokens_valid_after: None,
            session_open: true,
        }))
    }

    async fn list(&self, filter: &UserFilter, page: PageRequest) -> StoreResult<Page<User>> {
        *self.last_filter.lock().unwrap() = Some(filter.clone());
        let items = self.users.lock().unwrap().clone();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }

    async fn get(&self, user_id: i32) -> StoreResult<User> {
        self.user(user_id)
            .ok_or_else(|| StoreError::not_found("user"))
    }

    async fn create(&self, _actor: &Actor, new: NewUser) -> StoreResult<User> {
        let mut users = self.users.lock().unwrap();
        let user_id = users.iter().map(|u| u.user_id).max().unwrap_or(0) + 1;
        let mut user = account(user_id, new.role);
        new.username.as_str().clone_into(&mut user.username);
        new.email.as_str().clone_into(&mut user.email);
        users.push(user.clone());
        Ok(user)
    }

    async fn create_by_operator(&self, _new: NewUser) -> StoreResult<User> {
        unused()
    }

    async fn register_patient(&self, new: NewPatientAccount) -> StoreResult<User> {
        let mut users = self.users.lock().unwrap();
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        // Like the adapter: a taken username is reported before a taken email.
        for (taken, code) in [
            (
                users
                    .iter()
                    .any(|u| same(&u.username, new.user.username.as_str())),
                ConflictCode::UsernameTaken,
            ),
            (
                users
                    .iter()
                    .any(|u| same(&u.email, new.user.email.as_str())),
                ConflictCode::EmailTaken,
            ),
        ] {
            if taken {
                return Err(DomainError::conflict(code, code.as_str()).into());
            }
        }
        let user_id = users.iter().map(|u| u.user_id).max().unwrap_or(0) + 1;
        let mut user = account(user_id, Role::Patient);
        new.user.username.as_str().clone_into(&mut user.username);
        new.user.email.as_str().clone_into(&mut user.email);
        users.push(user.clone());
        Ok(user)
    }

    async fn update(&self, _actor: &Actor, user_id: i32, patch: UserPatch) -> StoreResult<User> {
        let mut users = self.users.lock().unwrap();
        let user = users
            .iter_mut()
            .find(|u| u.user_id == user_id)
            .ok_or_else(|| StoreError::not_found("user"))?;
        if let Some(username) = patch.username {
            username.as_str().clone_into(&mut user.username);
        }
        if let Some(role) = patch.role {
            user.role = role;
        }
        Ok(user.clone())
    }

    async fn deactivate(&self, _actor: &Actor, user_id: i32) -> StoreResult<User> {
        let mut users = self.users.lock().unwrap();
        let user = users
            .iter_mut()
            .find(|u| u.user_id == user_id)
            .ok_or_else(|| StoreError::not_found("user"))?;
        user.is_active = false;
        Ok(user.clone())
    }

    async fn reactivate(&self, _actor: &Actor, user_id: i32) -> StoreResult<User> {
        let mut users = self.users.lock().unwrap();
        let user = users
            .iter_mut()
            .find(|u| u.user_id == user_id)
            .ok_or_else(|| StoreError::not_found("user"))?;
        user.is_active = true;
        user.deactivated_at = None;
        Ok(user.clone())
    }

    async fn password_hash(&self, _user_id: i32) -> StoreResult<Option<String>> {
        unused()
    }

    async fn change_password(&self, _user_id: i32, _new_hash: String) -> StoreResult<()> {
        unused()
    }

    async fn demographics(&self, user_id: i32) -> StoreResult<Demographics> {
        self.get(user_id).await?;
        let stored = self.demographics.lock().unwrap();
        Ok(stored
            .iter()
            .find(|d| d.user_id == user_id)
            .cloned()
            .unwrap_or(Demographics {
                user_id,
                ..Demographics::default()
            }))
    }

    async fn set_demographics(
        &self,
        actor: &Actor,
        user_id: i32,
        input: DemographicsInput,
    ) -> StoreResult<Demographics> {
        self.get(user_id).await?;
        let new = Demographics {
            user_id,
            race: input.race,
            ethnicity: input.ethnicity,
            gender: input.gender,
            dob: input.dob.map(|d| d.date()),
            updated_at: None,
            updated_by: Some(actor.user_id),
        };
        let mut stored = self.demographics.lock().unwrap();
        stored.retain(|d| d.user_id != user_id);
        stored.push(new.clone());
        Ok(new)
    }
}
