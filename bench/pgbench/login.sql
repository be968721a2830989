-- (7) The SQL of POST /auth/login without the argon2 check and the audit row: find the
-- account, stamp the sign-in, store a refresh token.
\set patient random(1, :pool_patients)
SELECT user_id, role, is_active, password_hash FROM users
 WHERE lower(username) = lower('patient' || :patient) OR lower(email) = lower('patient' || :patient);
BEGIN;
UPDATE users SET last_login = now() WHERE user_id = 2 + :doctors + :patient;
INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
VALUES (2 + :doctors + :patient, gen_random_uuid(), decode(md5(random()::text), 'hex'), now() + interval '30 days');
COMMIT;
