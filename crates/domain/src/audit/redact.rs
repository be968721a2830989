//! Removing secrets from row snapshots before they enter the audit log, which is append-only:
//! a password hash written there could never be taken out again.

use serde_json::Value;

/// Key fragments that mark a secret; matched case-insensitively anywhere in the key, so
/// `passwd`, `password_hash`, `refresh_token_hash` and `clientSecret` are all removed.
pub const SECRET_KEY_PARTS: [&str; 5] = ["password", "passwd", "token", "secret", "hash"];

/// True if a JSON key names a secret.
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_KEY_PARTS.iter().any(|part| key.contains(part))
}

/// Removes every secret key, at any depth, from objects inside `value` (arrays included).
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(object) => {
            object.retain(|key, _| !is_secret_key(key));
            object.values_mut().for_each(redact);
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secret_keys_are_removed_at_every_depth() {
        let mut row = json!({
            "user_id": 7,
            "passwd": "$argon2id$...",
            "Password_Hash": "x",
            "profile": {"email": "a@b.org", "api_token": "t", "nested": [{"client_secret": "s", "ok": 1}]},
            "sessions": [{"refresh_token_hash": "h", "id": 3}]
        });
        redact(&mut row);
        assert_eq!(
            row,
            json!({
                "user_id": 7,
                "profile": {"email": "a@b.org", "nested": [{"ok": 1}]},
                "sessions": [{"id": 3}]
            })
        );
    }

    #[test]
    fn values_that_merely_look_secret_are_kept() {
        let mut row = json!({"notes": "patient forgot their password", "list": ["token"]});
        let before = row.clone();
        redact(&mut row);
        assert_eq!(row, before);
    }
}
