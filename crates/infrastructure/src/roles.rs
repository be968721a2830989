//! The two PostgreSQL roles Clinic runs under: an **owner** that owns the schema and runs the
//! migrations, and an **app** role that `clinic serve` connects as. The app role reads and
//! writes the tables it serves, but may only `SELECT` and `INSERT` into `audit_log`: it cannot
//! update, delete or truncate rows, and, not owning the table, cannot `ALTER TABLE audit_log
//! DISABLE TRIGGER` either. Neither role is a superuser.
//!
//! [`set_up`] (`clinic db roles`) is run by a superuser on the application's database and is
//! idempotent: run it before the first migration, and again whenever you like. It moves every
//! object in `public` that someone else owns to the owner, so an existing database (migrated
//! as a superuser) comes over too.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};

/// The roles' names and, for password authentication, their passwords.
#[derive(Clone)]
pub struct RoleSetup {
    /// The schema owner, e.g. `clinic_owner`.
    pub owner: String,
    /// The serving role, e.g. `clinic_app`.
    pub app: String,
    /// The owner's password; `None` leaves it as it is (trust or peer authentication).
    pub owner_password: Option<String>,
    /// The app role's password; `None` leaves it as it is.
    pub app_password: Option<String>,
}

impl std::fmt::Debug for RoleSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoleSetup")
            .field("owner", &self.owner)
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

/// Why the roles were not set up.
#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    /// A role name that is not a plain lower-case identifier.
    #[error(
        "{0:?} is not a role name: use 1 to 63 lower-case letters, digits and _, starting with a letter or _"
    )]
    BadName(String),
    /// The two names are the same, or one is the connecting role.
    #[error("{0}")]
    Conflict(String),
    /// A password holding a NUL character.
    #[error("a role password may not contain a NUL character")]
    BadPassword,
    /// The database refused.
    #[error("setting up the roles failed: {0}")]
    Database(#[from] DbErr),
}

fn check_name(name: &str) -> Result<(), RoleError> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if first_ok && rest_ok && name.len() <= 63 {
        Ok(())
    } else {
        Err(RoleError::BadName(name.to_owned()))
    }
}

/// `text` as an SQL string literal (standard-conforming strings, the default since 9.1).
fn literal(text: &str) -> Result<String, RoleError> {
    if text.contains('\0') {
        return Err(RoleError::BadPassword);
    }
    Ok(format!("'{}'", text.replace('\'', "''")))
}

/// Creates (or updates) the owner and app roles on the database `admin` is connected to, as
/// described in the module documentation. `admin` must be a superuser.
///
/// # Errors
/// [`RoleError`]; nothing is changed then (one transaction; a role created concurrently by
/// another run is taken as it is).
pub async fn set_up(admin: &DatabaseConnection, setup: &RoleSetup) -> Result<(), RoleError> {
    let (owner, app) = (setup.owner.as_str(), setup.app.as_str());
    check_name(owner)?;
    check_name(app)?;
    if owner == app {
        return Err(RoleError::Conflict(
            "the owner and the app role must be two different roles".into(),
        ));
    }
    let txn = admin.begin().await?;
    let me: String = txn
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT current_user AS me, current_database() AS db",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("current_user returned no row".into()))?
        .try_get("", "me")?;
    if me == owner || me == app {
        return Err(RoleError::Conflict(format!(
            "run `clinic db roles` as a superuser other than {me:?}: it may not be one of the roles it sets up"
        )));
    }
    let mut sql = String::new();
    for role in [owner, app] {
        // Roles are cluster-wide: another database's run may create the same role at the same
        // moment, which is fine.
        sql.push_str(&format!(
            "DO $$ BEGIN
               IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                 BEGIN CREATE ROLE \"{role}\" LOGIN;
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
               END IF;
             END $$;
             ALTER ROLE \"{role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;\n"
        ));
    }
    for (role, password) in [(owner, &setup.owner_password), (app, &setup.app_password)] {
        if let Some(password) = password {
            sql.push_str(&format!(
                "ALTER ROLE \"{role}\" PASSWORD {};\n",
                literal(password)?
            ));
        }
    }
    sql.push_str(&format!(
        r#"
DO $$ BEGIN
  EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO "{owner}"', current_database());
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO "{app}"', current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO "{owner}";
GRANT USAGE ON SCHEMA public TO "{app}";
REVOKE CREATE ON SCHEMA public FROM "{app}";

-- Everything in public that another role owns (a database migrated as a superuser) moves to
-- the owner; objects of extensions and the sequences of identity or serial columns follow
-- their extension or table.
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.oid::regclass AS name,
           CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                          WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                          ELSE 'TABLE' END AS kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND c.relowner <> '"{owner}"'::regrole
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                      AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO "{owner}"', r.kind, r.name);
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proowner <> '"{owner}"'::regrole
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                      AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO "{owner}"', r.name);
  END LOOP;
  FOR r IN
    SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typowner <> '"{owner}"'::regrole
      AND t.typtype IN ('e', 'd', 'r', 'm') AND t.typelem = 0
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                      AND d.objid = t.oid AND d.deptype IN ('e', 'i'))
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO "{owner}"', r.name);
  END LOOP;
END $$;

-- The app role serves every table ...
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{app}";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{app}";
ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{app}";
ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO "{app}";
-- ... reads the migration history without writing it ...
DO $$ BEGIN
  IF to_regclass('public.seaql_migrations') IS NOT NULL THEN
    REVOKE ALL ON seaql_migrations FROM "{app}";
    GRANT SELECT ON seaql_migrations TO "{app}";
  END IF;
END $$;
"#
    ));
    sql.push_str(&restrict_audit_log_sql());
    txn.execute_unprepared(&sql).await?;
    txn.commit().await?;
    Ok(())
}

/// SQL that leaves `audit_log` append-only for every role but its owner: whoever holds
/// `UPDATE`, `DELETE`, `TRUNCATE`, `TRIGGER` or `REFERENCES` on it (default privileges give a
/// table created by a later migration full DML) loses them, and only `SELECT` and `INSERT`
/// remain. Run after every migration ([`crate::migrations::up`]) and by [`set_up`]; a role
/// that may not revoke (neither owner nor superuser) changes nothing.
#[must_use]
pub fn restrict_audit_log_sql() -> String {
    r"
DO $$
DECLARE r record;
BEGIN
  IF to_regclass('public.audit_log') IS NULL THEN RETURN; END IF;
  FOR r IN
    SELECT DISTINCT a.grantee
    FROM pg_class c, aclexplode(c.relacl) a
    WHERE c.oid = 'public.audit_log'::regclass AND a.grantee <> c.relowner
      AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON public.audit_log FROM %s',
                   CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END);
  END LOOP;
END $$;
"
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_plain_identifiers() {
        for good in ["clinic_app", "_x", "a1"] {
            assert!(check_name(good).is_ok(), "{good}");
        }
        for bad in ["", "1a", "Clinic", "a-b", "a\"b", &"a".repeat(64)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_are_quoted_as_literals() {
        assert_eq!(literal("it's").unwrap(), "'it''s'");
        assert!(literal("a\0b").is_err());
    }
}
