//! The JSON body and query-string extractors every route uses. They read like actix-web's
//! `web::Json` and `web::Query`, but a value that does not fit its type is refused on the field
//! it is about, in plain words (see `decode`), instead of with the parser's text.
//!
//! The body's size and nesting were already bounded by `limits::enforce` before a handler runs.

use std::ops::{Deref, DerefMut};

use actix_web::dev::Payload;
use actix_web::mime;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::{LocalBoxFuture, Ready, ready};
use serde::de::DeserializeOwned;

use super::decode::field_error;
use crate::error::ApiError;

/// A request body decoded from JSON.
#[derive(Debug)]
pub struct Json<T>(pub T);

/// A query string decoded into its parameters.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = sends_json(req);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType {
                    detail: "send the body as application/json".into(),
                }
                .into());
            }
            let body = body.await.map_err(|e| ApiError::BadRequest {
                code: "malformed_body",
                detail: format!("the body could not be read: {e}"),
            })?;
            Ok(Self(decode_json(&body)?))
        })
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            decode_query(req.query_string())
                .map(Self)
                .map_err(Into::into),
        )
    }
}

/// Decodes a JSON body; a value of the wrong shape names its field (422), text that is not JSON
/// at all is a 400.
///
/// # Errors
/// `invalid_body` (422) with one field error, or `malformed_json` (400).
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut parser = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut parser).map_err(|e| {
        if e.inner().is_data() {
            let error = field_error(&e.path().to_string(), &e.inner().to_string());
            ApiError::invalid_fields("invalid_body", vec![error])
        } else {
            malformed(e.inner())
        }
    })?;
    parser.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

/// Decodes a query string; a parameter that does not fit names itself (400 `invalid_query`).
///
/// # Errors
/// `invalid_query` with one field error.
pub fn decode_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let parser = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(parser).map_err(|e| ApiError::InvalidQuery {
        errors: vec![field_error(&e.path().to_string(), &e.inner().to_string())],
    })
}

fn malformed(error: &serde_json::Error) -> ApiError {
    ApiError::BadRequest {
        code: "malformed_json",
        detail: format!("the body is not valid JSON ({error})"),
    }
}

/// `application/json` or any `+json` type, as `web::Json` accepts.
fn sends_json(req: &HttpRequest) -> bool {
    req.mime_type()
        .ok()
        .flatten()
        .is_some_and(|m| m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON))
}

impl<T> Json<T> {
    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Query<T> {
    /// The decoded parameters.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
