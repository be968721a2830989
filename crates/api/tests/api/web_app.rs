//! The built web app is served at `/`; client-side routes fall back to its index page, while
//! the API's own paths keep answering problem+json.

use clinic_api::startup::ServerOptions;

use crate::helpers::{assert_problem, spawn_app, spawn_app_with};

fn built_app() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "clinic-web-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><div id=root>clinic app</div>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log('clinic')").unwrap();
    std::fs::write(
        dir.join("assets/app.js.map"),
        r#"{"version":3,"sources":["secret.tsx"]}"#,
    )
    .unwrap();
    dir
}

/// The server with the built app in `dir`.
async fn serve_app(dir: &std::path::Path) -> crate::helpers::TestApp {
    spawn_app_with(ServerOptions {
        workers: Some(1),
        web_dir: Some(dir.to_path_buf()),
        ..ServerOptions::default()
    })
    .await
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[tokio::test]
async fn the_app_its_assets_and_its_client_side_routes_are_served() {
    let dir = built_app();
    let app = serve_app(&dir).await;
    let index = app.get("/").await;
    assert_eq!(index.status().as_u16(), 200);
    assert!(index.text().await.unwrap().contains("clinic app"));
    let asset = app.get("/assets/app.js").await;
    assert_eq!(asset.status().as_u16(), 200);
    assert!(
        asset.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    let deep_link = app.get("/patient/appointments/42").await;
    assert_eq!(deep_link.status().as_u16(), 200);
    assert!(deep_link.text().await.unwrap().contains("clinic app"));
    // The API and the operational endpoints are not swallowed by the fallback.
    assert_problem(app.get("/api/v1/nothing-here").await, 404, "not_found").await;
    assert_eq!(app.get("/health").await.status().as_u16(), 200);
    assert_eq!(app.get("/swagger-ui/").await.status().as_u16(), 200);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn source_maps_are_never_served_even_when_a_build_left_one() {
    let dir = built_app();
    let app = serve_app(&dir).await;
    // The file exists on disk; it still answers 404, not the map and not the app's index page.
    for path in [
        "/assets/app.js.map",
        "/assets/APP.JS.MAP",
        "/assets/missing.js.map",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 404, "{path}");
        assert!(
            !response.text().await.unwrap().contains("secret.tsx"),
            "{path}"
        );
    }
    assert_eq!(app.get("/assets/app.js").await.status().as_u16(), 200);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn without_a_built_app_the_root_page_says_how_to_build_it() {
    let app = spawn_app().await;
    let root = app.get("/").await;
    assert_eq!(root.status().as_u16(), 200);
    assert!(root.text().await.unwrap().contains("swagger-ui"));
}
