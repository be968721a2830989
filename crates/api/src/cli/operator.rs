//! Operator commands: bootstrap an account, verify the audit trail.

use std::io::{BufRead, IsTerminal};

use clinic_domain::ValidationErrors;
use clinic_domain::identity::{NewUser, PasswordHasher, PasswordPolicy, Role, UserRepository};
use clinic_domain::values::{EmailAddress, Username};
use clinic_infrastructure::audit::{self, ChainVerdict};
use clinic_infrastructure::repositories::PgUserRepository;
use clinic_infrastructure::security::Argon2PasswordHasher;

use super::connect_for_tools;

/// Reads the password: without echo from a terminal, else the first line of standard input.
fn read_password() -> Result<String, String> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.is_empty() {
        return Err("no password given on standard input".into());
    }
    Ok(password)
}

fn describe(errors: &ValidationErrors) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// `clinic create-user --role R --username U --email E`, password on standard input.
pub async fn create_user(role: &str, username: &str, email: &str) -> Result<(), String> {
    let role: Role = role
        .parse()
        .map_err(|_| format!("unknown role {role:?}: use admin, doctor, staff or patient"))?;
    let mut errors = ValidationErrors::new();
    let username_value = errors.capture(Username::parse(username));
    let email_value = errors.capture(EmailAddress::parse(email));
    let password = read_password()?;
    errors.capture(PasswordPolicy::check(
        &password,
        Some(username),
        Some(email),
    ));
    if !errors.is_empty() {
        return Err(describe(&errors));
    }
    let (Some(username), Some(email)) = (username_value, email_value) else {
        return Err("invalid input".into());
    };
    let hash = Argon2PasswordHasher::default()
        .hash(&password)
        .map_err(|e| e.to_string())?;
    let db = connect_for_tools().await?;
    let new = NewUser {
        username,
        email,
        phone: None,
        role,
        password_hash: Some(hash),
    };
    let user = PgUserRepository::new(db)
        .create_by_operator(new)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Created {} account {:?} (id {}).",
        role.as_str(),
        user.username,
        user.user_id
    );
    Ok(())
}

/// `clinic audit verify`: walks the hash chain; a non-zero exit names the first broken row.
pub async fn verify_audit_log() -> Result<(), String> {
    let db = connect_for_tools().await?;
    match audit::verify(&db).await.map_err(|e| e.to_string())? {
        ChainVerdict::Intact { rows } => {
            println!("The audit log is intact: {rows} rows verified.");
            Ok(())
        }
        ChainVerdict::Broken(broken) => Err(format!(
            "the audit log is broken at log_id {}: {}",
            broken.log_id,
            match broken.reason {
                clinic_domain::audit::BrokenBecause::Altered => "the row was altered",
                clinic_domain::audit::BrokenBecause::PreviousMissing =>
                    "the row before it was removed or replaced",
                clinic_domain::audit::BrokenBecause::OutOfOrder => "the row is out of order",
            }
        )),
    }
}

/// `clinic seed demo`: fills an empty database and prints one login per role.
pub async fn seed_demo() -> Result<(), String> {
    use clinic_infrastructure::seed::{DEMO_LOGINS, DEMO_PASSWORD, seed_demo};
    let hash = Argon2PasswordHasher::default()
        .hash(DEMO_PASSWORD)
        .map_err(|e| e.to_string())?;
    let db = connect_for_tools().await?;
    let report = seed_demo(&db, &hash).await.map_err(|e| e.to_string())?;
    println!("Seeded the demo clinic:");
    for (table, rows) in &report.counts {
        println!("  {table:<28} {rows:>6}");
    }
    println!("\nSign in with any of these (password {DEMO_PASSWORD:?}):");
    for (role, login) in DEMO_LOGINS {
        println!("  {role:<8} {login}");
    }
    Ok(())
}
