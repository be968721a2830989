//! Serving the built web app: static files from the app's directory, and `index.html` for any
//! other path that is not the API's, so client-side routes survive a reload.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{CACHE_CONTROL, CacheControl, CacheDirective};
use actix_web::{HttpResponse, ResponseError};

use crate::error::ApiError;

/// Paths that belong to the server, never to the web app.
const SERVER_PREFIXES: [&str; 4] = ["/api/", "/api-docs/", "/swagger-ui", "/health"];

/// Whether `dir` holds a built app.
#[must_use]
pub fn is_built(dir: &Path) -> bool {
    dir.join("index.html").is_file()
}

/// Whether `path` names a source map. Maps are never served, even if a build left one in the
/// directory: they would publish the app's original source.
#[must_use]
pub fn is_source_map(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("map"))
}

/// The static-file service for the app in `dir`, mounted at `/`.
#[must_use]
pub fn service(dir: PathBuf) -> Files {
    let index = dir.join("index.html");
    Files::new("/", dir)
        .index_file("index.html")
        .prefer_utf8(true)
        // A source map is hidden: the default handler below then answers 404 for it.
        .path_filter(|path, _| !is_source_map(path))
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let path = req.path();
                if SERVER_PREFIXES
                    .iter()
                    .any(|prefix| path.starts_with(prefix))
                    || path == "/ready"
                    || is_source_map(Path::new(path))
                {
                    let response = ApiError::NotFound {
                        detail: format!("nothing is at {path}"),
                    }
                    .error_response();
                    return Ok(ServiceResponse::new(req, response));
                }
                // A client-side route: hand over the app, which routes it itself.
                let mut response = match NamedFile::open_async(&index).await {
                    Ok(file) => file.into_response(&req),
                    Err(e) => ApiError::internal(e).error_response(),
                };
                response.headers_mut().insert(
                    CACHE_CONTROL,
                    CacheControl(vec![CacheDirective::NoCache])
                        .to_string()
                        .parse()
                        .unwrap_or_else(|_| {
                            actix_web::http::header::HeaderValue::from_static("no-cache")
                        }),
                );
                Ok(ServiceResponse::new(req, response))
            }
        }))
}

/// What `/` shows when the app has not been built: where to find what is there.
pub async fn not_built() -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Clinic</title></head>\
         <body><h1>Clinic</h1><p>The web app has not been built (run <code>scripts/run</code>, which \
         builds it, or <code>npm run build</code> in <code>frontend/</code>).</p>\
         <p>The API is at <a href=\"/swagger-ui/\">/swagger-ui/</a>.</p></body></html>",
    )
}
