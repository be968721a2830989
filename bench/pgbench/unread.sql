-- (6) What GET /notifications/unread-count runs: the signed-in patient and the count.
\set patient random(1, :pool_patients)
SELECT u.user_id, u.role, u.is_active, u.tokens_valid_after, d.doctor_id, p.patient_id
  FROM users u LEFT JOIN doctors d ON d.user_id = u.user_id LEFT JOIN patients p ON p.user_id = u.user_id
 WHERE u.user_id = 2 + :doctors + :patient;
SELECT count(*) AS total FROM notifications WHERE user_id = 2 + :doctors + :patient AND NOT is_read;
