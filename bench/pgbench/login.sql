-- (7) The SQL of POST /auth/login without the argon2 check and the audit row: find the
-- account, count the attempt (per account, then per address), stamp the sign-in, take the
-- attempt back and remember the address, store a refresh token.
\set patient random(1, :pool_patients)
SELECT user_id, role, is_active, password_hash FROM users
 WHERE lower(username) = lower('patient' || :patient) OR lower(email) = lower('patient' || :patient);
INSERT INTO auth_attempts AS a (kind, subject, window_start, expires_at, attempts)
VALUES ('login_account', 'user:' || (2 + :doctors + :patient), date_trunc('hour', now()), date_trunc('hour', now()) + interval '15 minutes', 1)
ON CONFLICT (kind, subject, window_start) DO UPDATE SET attempts = a.attempts + 1 RETURNING attempts;
INSERT INTO auth_attempts AS a (kind, subject, window_start, expires_at, attempts)
VALUES ('login_address', 'address:127.0.0.1', date_trunc('hour', now()), date_trunc('hour', now()) + interval '15 minutes', 1)
ON CONFLICT (kind, subject, window_start) DO UPDATE SET attempts = a.attempts + 1 RETURNING attempts;
UPDATE auth_attempts SET attempts = attempts - 1
 WHERE kind = 'login_account' AND subject = 'user:' || (2 + :doctors + :patient) AND window_start = date_trunc('hour', now()) AND attempts > 0;
INSERT INTO auth_known_addresses (user_id, address, last_success_at) VALUES (2 + :doctors + :patient, '127.0.0.1', now())
ON CONFLICT (user_id, address) DO UPDATE SET last_success_at = GREATEST(auth_known_addresses.last_success_at, now());
BEGIN;
UPDATE users SET last_login = now() WHERE user_id = 2 + :doctors + :patient;
INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, session_expires_at)
VALUES (2 + :doctors + :patient, gen_random_uuid(), decode(md5(random()::text), 'hex'), now() + interval '14 days', now() + interval '30 days');
COMMIT;
