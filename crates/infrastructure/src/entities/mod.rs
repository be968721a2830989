//! SeaORM entities, one file per table. They never leave this crate.
