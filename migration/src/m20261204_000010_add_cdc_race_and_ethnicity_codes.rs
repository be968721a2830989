//! The CDC Race & Ethnicity codes (`urn:oid:2.16.840.1.113883.6.238`) of the race and
//! ethnicity categories, so the FHIR API's US Core race and ethnicity extensions are read from
//! the code tables like every other use of them. "Unknown or declined" has no CDC code (FHIR
//! sends the `UNK` null flavour); "Other" is the CDC's "Other Race", not an OMB category.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE race_codes ADD COLUMN cdc_code text CONSTRAINT race_codes_cdc_code_key UNIQUE;
UPDATE race_codes SET cdc_code = CASE race_code
    WHEN 1 THEN '1002-5'
    WHEN 2 THEN '2028-9'
    WHEN 3 THEN '2054-5'
    WHEN 4 THEN '2076-8'
    WHEN 5 THEN '2106-3'
    WHEN 6 THEN '2131-1'
END;
ALTER TABLE ethnicity_codes ADD COLUMN cdc_code text CONSTRAINT ethnicity_codes_cdc_code_key UNIQUE;
UPDATE ethnicity_codes SET cdc_code = CASE ethnicity_code
    WHEN 1 THEN '2135-2'
    WHEN 2 THEN '2186-5'
END;
"#;

const DOWN: &str = r#"
ALTER TABLE ethnicity_codes DROP COLUMN cdc_code;
ALTER TABLE race_codes DROP COLUMN cdc_code;
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
