//! The fields every new account has — username, email, optional phone and password — checked
//! together with the rest of a form, and the password hashed off the async runtime. Shared by
//! admin account creation, patient sign-up and front-desk patient registration.

use clinic_domain::ValidationErrors;
use clinic_domain::identity::{NewUser, PasswordPolicy, Role};
use clinic_domain::values::{EmailAddress, PhoneNumber, Username};

use crate::error::ApiResult;
use crate::routes::common::Phone;
use crate::state::AppState;

/// A new account's fields as the client sent them.
#[derive(Debug, Clone, Copy)]
pub struct AccountFields<'a> {
    pub username: &'a str,
    pub email: &'a str,
    /// `None` creates an account that cannot sign in until a password is set.
    pub password: Option<&'a str>,
    pub phone: Option<&'a Phone>,
}

/// The fields once valid; the password is still in clear until [`ValidAccount::into_new_user`].
#[derive(Debug)]
pub struct ValidAccount {
    username: Username,
    email: EmailAddress,
    phone: Option<PhoneNumber>,
    password: Option<String>,
}

impl AccountFields<'_> {
    /// Checks every field, recording each problem in `errors` (`username`, `email`,
    /// `password`, `phone.*`). The result is only meaningful when `errors` stays empty.
    pub fn parse(&self, errors: &mut ValidationErrors) -> Option<ValidAccount> {
        let username = errors.capture(Username::parse(self.username));
        let email = errors.capture(EmailAddress::parse(self.email));
        if let Some(password) = self.password {
            errors.capture(PasswordPolicy::check(
                password,
                Some(self.username),
                Some(self.email),
            ));
        }
        let phone = match self.phone {
            None => Some(None),
            Some(phone) => errors.capture_all(phone.parse("phone")).map(Some),
        };
        Some(ValidAccount {
            username: username?,
            email: email?,
            phone: phone?,
            password: self.password.map(str::to_owned),
        })
    }
}

impl ValidAccount {
    /// The account to store, with its password hashed (Argon2 is slow on purpose, so on a
    /// blocking thread, within the global bound on concurrent hashes). Authorize the caller
    /// first: a refused request must cost no hash.
    ///
    /// # Errors
    /// 503 when every hashing slot stays busy; 500 when hashing fails.
    pub async fn into_new_user(self, state: &AppState, role: Role) -> ApiResult<NewUser> {
        let password_hash = match self.password {
            Some(password) => Some(
                state
                    .password_slots
                    .hash(&state.passwords, password)
                    .await?,
            ),
            None => None,
        };
        Ok(NewUser {
            username: self.username,
            email: self.email,
            phone: self.phone,
            role,
            password_hash,
        })
    }
}
