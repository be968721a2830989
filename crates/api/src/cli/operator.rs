//! Operator commands: bootstrap an account, verify the audit trail.

use std::io::{BufRead, IsTerminal};

use clinic_domain::Clock;
use clinic_domain::ValidationErrors;
use clinic_domain::audit::{AuditFault, BrokenBecause};
use clinic_domain::identity::{NewUser, PasswordHasher, PasswordPolicy, Role, UserRepository};
use clinic_domain::values::{EmailAddress, Username};
use clinic_infrastructure::audit::{self, ChainVerdict};
use clinic_infrastructure::audit_checkpoint;
use clinic_infrastructure::audit_key::{self, AuditKey};
use clinic_infrastructure::repositories::PgUserRepository;
use clinic_infrastructure::security::Argon2PasswordHasher;

use super::connect_for_tools;
use crate::config::{self, ProcessEnv};

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
    install_audit_key()?;
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

/// The audit key from `CLINIC_AUDIT_KEY`, installed for the appends this command makes.
fn install_audit_key() -> Result<AuditKey, String> {
    let key = config::audit_key(&ProcessEnv).map_err(|e| e.to_string())?;
    audit_key::install_append_key(&key)?;
    Ok(key)
}

/// `clinic audit verify`: walks the keyed hash chain and checks it against the signed
/// checkpoint; a non-zero exit names the first fault.
pub async fn verify_audit_log(without_checkpoint: bool) -> Result<(), String> {
    let key = config::audit_key(&ProcessEnv).map_err(|e| e.to_string())?;
    let path = config::audit_checkpoint(&ProcessEnv);
    let db = connect_for_tools().await?;
    let database = audit_checkpoint::current_database(&db)
        .await
        .map_err(|e| e.to_string())?;
    let checkpoint = if without_checkpoint {
        None
    } else {
        let read = audit_checkpoint::read(&path, &key, &database).map_err(|e| e.to_string())?;
        Some(read.ok_or_else(|| {
            format!(
                "there is no audit checkpoint at {} (CLINIC_AUDIT_CHECKPOINT), so rows missing at \
                 the end of the log could not be detected. Point CLINIC_AUDIT_CHECKPOINT at the \
                 file `clinic serve` writes, or run `clinic audit verify --without-checkpoint` \
                 to check the chain alone",
                path.display()
            )
        })?)
    };
    match audit::verify(&db, &key, checkpoint.as_ref())
        .await
        .map_err(|e| e.to_string())?
    {
        ChainVerdict::Intact(verified) => {
            println!(
                "The audit log is intact: {} rows verified{}.",
                verified.rows,
                verified
                    .head
                    .map(|h| format!(" up to log_id {}", h.log_id))
                    .unwrap_or_default()
            );
            match &checkpoint {
                Some(c) => println!(
                    "It agrees with the checkpoint of {} ({} rows up to log_id {}, {}).",
                    c.written_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    c.rows,
                    c.log_id,
                    path.display()
                ),
                None => println!(
                    "Not checked against a checkpoint: rows missing at the end would not show."
                ),
            }
            Ok(())
        }
        ChainVerdict::Broken(fault) => Err(describe_fault(&fault)),
    }
}

/// The operator's wording of a verification fault.
fn describe_fault(fault: &AuditFault) -> String {
    match fault {
        AuditFault::Chain(broken) => format!(
            "the audit log is broken at log_id {}: {}",
            broken.log_id,
            match broken.reason {
                BrokenBecause::Altered => {
                    "the row does not match its hash under the audit key: it was altered, or the \
                     chain was recomputed without the key (or with another key)"
                }
                BrokenBecause::PreviousMissing => "the row before it was removed or replaced",
                BrokenBecause::OutOfOrder => "the row is out of order",
                BrokenBecause::Unkeyed => {
                    "the row carries the unkeyed SHA-256 hash of before CLINIC_AUDIT_KEY: either the \
                     log predates the key and must be moved to it once with `clinic audit rekey`, \
                     or someone without the key recomputed the chain"
                }
            }
        ),
        AuditFault::Checkpoint(fault) => {
            format!("the audit log disagrees with its checkpoint: {fault}")
        }
    }
}

/// `clinic audit checkpoint`: verifies the whole log (against the existing checkpoint, if any)
/// and writes a checkpoint of its head.
pub async fn write_audit_checkpoint() -> Result<(), String> {
    let key = config::audit_key(&ProcessEnv).map_err(|e| e.to_string())?;
    let path = config::audit_checkpoint(&ProcessEnv);
    let db = connect_for_tools().await?;
    let checkpoint =
        audit_checkpoint::write_verified(&db, &key, &path, clinic_domain::SystemClock.now())
            .await
            .map_err(|e| match e {
                audit_checkpoint::AdvanceError::Log(fault) => format!(
                    "{}; the checkpoint at {} is left as it was",
                    describe_fault(&fault),
                    path.display()
                ),
                other => other.to_string(),
            })?;
    println!(
        "Wrote the audit checkpoint {}: {} rows up to log_id {}.",
        path.display(),
        checkpoint.rows,
        checkpoint.log_id
    );
    Ok(())
}

/// `clinic audit rekey`: moves the log from the unkeyed hash (or an old key) to the key.
pub async fn rekey_audit_log(old_key_env: Option<String>) -> Result<(), String> {
    use clinic_domain::audit::{AuditCheckpoint, AuditHasher};
    use config::Env;
    let key = config::audit_key(&ProcessEnv).map_err(|e| e.to_string())?;
    let old_key = match &old_key_env {
        None => None,
        Some(name) => {
            let raw = ProcessEnv
                .var(name)
                .ok_or_else(|| format!("{name} (--old-key-env) is not set"))?;
            Some(AuditKey::from_hex(&raw).map_err(|e| format!("{name} is invalid: {e}"))?)
        }
    };
    let old: &dyn AuditHasher = match &old_key {
        Some(old_key) => old_key,
        None => &audit_key::UnkeyedSha256,
    };
    let path = config::audit_checkpoint(&ProcessEnv);
    let db = connect_for_tools().await?;
    let rekeyed = audit::rekey(&db, old, &key)
        .await
        .map_err(|e| format!("the audit log was not rekeyed (nothing changed): {e}"))?;
    let database = audit_checkpoint::current_database(&db)
        .await
        .map_err(|e| e.to_string())?;
    let checkpoint = AuditCheckpoint::of(
        &database,
        rekeyed.head.as_ref(),
        clinic_domain::SystemClock.now(),
    );
    audit_checkpoint::write(&path, &key, &checkpoint).map_err(|e| e.to_string())?;
    println!(
        "Rekeyed {} audit rows under the key {}; wrote the checkpoint {}.",
        rekeyed.rows,
        key.fingerprint(),
        path.display()
    );
    Ok(())
}

/// `clinic db roles`: the schema owner and the app role, on DATABASE_URL's database.
pub async fn set_up_roles(owner: String, app: String) -> Result<(), String> {
    use clinic_infrastructure::roles::{RoleSetup, set_up};
    use config::Env;
    let setup = RoleSetup {
        owner_password: ProcessEnv.var("CLINIC_OWNER_PASSWORD"),
        app_password: ProcessEnv.var("CLINIC_APP_PASSWORD"),
        owner,
        app,
    };
    let db = connect_for_tools().await?;
    set_up(&db, &setup).await.map_err(|e| e.to_string())?;
    println!(
        "Roles ready: {} owns the schema and runs migrations; {} serves, and may only SELECT and \
         INSERT audit_log.",
        setup.owner, setup.app
    );
    Ok(())
}

/// `clinic seed demo`: fills an empty database and prints one login per role.
pub async fn seed_demo() -> Result<(), String> {
    use clinic_infrastructure::seed::{DEMO_LOGINS, DEMO_PASSWORD, seed_demo};
    install_audit_key()?;
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
        println!("  {role:<14} {login}");
    }
    Ok(())
}
