//! Extensions (`btree_gist` for exclusion constraints, `pg_trgm` for name search) and the
//! code tables used by `demographics`, filled with their fixed rows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- OMB / CDC race categories, plus Other and Unknown or declined.
CREATE TABLE race_codes (
    race_code smallint NOT NULL CONSTRAINT race_codes_pkey PRIMARY KEY,
    race_text text NOT NULL CONSTRAINT race_codes_race_text_key UNIQUE
);
INSERT INTO race_codes (race_code, race_text) VALUES
    (1, 'American Indian or Alaska Native'),
    (2, 'Asian'),
    (3, 'Black or African American'),
    (4, 'Native Hawaiian or Other Pacific Islander'),
    (5, 'White'),
    (6, 'Other'),
    (7, 'Unknown or declined');

-- OMB / CDC ethnicity categories.
CREATE TABLE ethnicity_codes (
    ethnicity_code smallint NOT NULL CONSTRAINT ethnicity_codes_pkey PRIMARY KEY,
    ethnicity_text text NOT NULL CONSTRAINT ethnicity_codes_ethnicity_text_key UNIQUE
);
INSERT INTO ethnicity_codes (ethnicity_code, ethnicity_text) VALUES
    (1, 'Hispanic or Latino'),
    (2, 'Not Hispanic or Latino'),
    (3, 'Unknown or declined');

-- FHIR AdministrativeGender.
CREATE TABLE gender_codes (
    gender_code smallint NOT NULL CONSTRAINT gender_codes_pkey PRIMARY KEY,
    gender_text text NOT NULL CONSTRAINT gender_codes_gender_text_key UNIQUE
);
INSERT INTO gender_codes (gender_code, gender_text) VALUES
    (1, 'male'),
    (2, 'female'),
    (3, 'other'),
    (4, 'unknown');
"#;

const DOWN: &str = r#"
DROP TABLE IF EXISTS gender_codes;
DROP TABLE IF EXISTS ethnicity_codes;
DROP TABLE IF EXISTS race_codes;
DROP EXTENSION IF EXISTS pg_trgm;
DROP EXTENSION IF EXISTS btree_gist;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}
