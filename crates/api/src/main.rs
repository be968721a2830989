//! `clinic`: serve the API, migrate the database, check the connection, print the OpenAPI document.

fn main() -> std::process::ExitCode {
    clinic_api::cli::main()
}
