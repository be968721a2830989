-- The demo clinic. Runs inside the seeding transaction; `clinic.seed_password_hash` holds the
-- argon2 hash every demo account shares. Every row passes the schema's constraints.

SELECT setseed(0.2026);

-- The demo offices' zone for this transaction: current_date is the clinic's today, ::date casts
-- read its calendar, and to_char prints its clock with the zone's abbreviation (CST/CDT).
SET LOCAL TIME ZONE 'America/Chicago';

CREATE TEMP TABLE seed_hash ON COMMIT DROP AS
    SELECT current_setting('clinic.seed_password_hash') AS h;

-- Staff and the administrator.
INSERT INTO users (username, email, role, password_hash, phone_country_code, phone_number)
SELECT username, username || '@demo.clinic', role, (SELECT h FROM seed_hash), '+1', phone
FROM (VALUES ('admin', 'admin', '555-0100'),
             ('frontdesk', 'staff', '555-0101'),
             ('billing', 'staff', '555-0102')) v(username, role, phone);

-- Offices and their services.
INSERT INTO offices (name, address_line1, city, state, postal_code, country,
                     phone_country_code, phone_number, email, time_zone)
VALUES ('Downtown Clinic', '100 Main Street', 'Springfield', 'IL', '62701', 'US', '+1', '555-0110', 'downtown@demo.clinic', 'America/Chicago'),
       ('Riverside Clinic', '25 River Road', 'Springfield', 'IL', '62702', 'US', '+1', '555-0120', 'riverside@demo.clinic', 'America/Chicago'),
       ('Northgate Clinic', '8 North Gate Avenue', 'Springfield', 'IL', '62703', 'US', '+1', '555-0130', 'northgate@demo.clinic', 'America/Chicago');

INSERT INTO office_services (office_id, service_name, price)
SELECT o.office_id, s.name, s.price
FROM offices o,
     (VALUES ('General consultation', 120.00), ('Vaccination', 35.00),
             ('Blood test', 45.00), ('ECG', 80.00)) s(name, price);

CREATE TEMP TABLE seed_offices ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY office_id)::int AS n, office_id, time_zone FROM offices;

-- Ten doctors over five specialties.
CREATE TEMP TABLE seed_doctor_list (n int, username text, first_name text, last_name text,
                                    specialty text, years int) ON COMMIT DROP;
INSERT INTO seed_doctor_list VALUES
    (1, 'dr.house', 'Gregory', 'House', 'Family Medicine', 22),
    (2, 'dr.cuddy', 'Lisa', 'Cuddy', 'Family Medicine', 18),
    (3, 'dr.wilson', 'James', 'Wilson', 'Internal Medicine', 15),
    (4, 'dr.foreman', 'Eric', 'Foreman', 'Internal Medicine', 9),
    (5, 'dr.cameron', 'Allison', 'Cameron', 'Pediatrics', 7),
    (6, 'dr.chase', 'Robert', 'Chase', 'Pediatrics', 8),
    (7, 'dr.yang', 'Cristina', 'Yang', 'Cardiology', 12),
    (8, 'dr.burke', 'Preston', 'Burke', 'Cardiology', 20),
    (9, 'dr.grey', 'Meredith', 'Grey', 'Dermatology', 6),
    (10, 'dr.shepherd', 'Derek', 'Shepherd', 'Family Medicine', 16);

INSERT INTO users (username, email, role, password_hash, phone_country_code, phone_number)
SELECT username, replace(username, 'dr.', '') || '@demo.clinic', 'doctor', (SELECT h FROM seed_hash),
       '+1', '555-02' || lpad(n::text, 2, '0')
FROM seed_doctor_list;

INSERT INTO doctors (user_id, first_name, last_name, license_number, specialty_id, years_of_experience)
SELECT u.user_id, l.first_name, l.last_name, 'IL-' || (100000 + l.n * 7919), s.specialty_id, l.years
FROM seed_doctor_list l
JOIN users u ON u.username = l.username
JOIN specialties s ON s.specialty_name = l.specialty;

CREATE TEMP TABLE seed_doctors ON COMMIT DROP AS
    SELECT l.n, d.doctor_id, d.user_id, d.specialty_id,
           (SELECT office_id FROM seed_offices WHERE n = ((l.n - 1) % 3) + 1) AS office_id,
           (SELECT office_id FROM seed_offices WHERE n = (l.n % 3) + 1) AS second_office_id
    FROM seed_doctor_list l JOIN users u ON u.username = l.username JOIN doctors d ON d.user_id = u.user_id;

-- Each doctor works weekdays 09:00-17:00 at their main office; every other doctor also
-- Saturday mornings at a second office.
INSERT INTO doctor_offices (doctor_id, office_id)
SELECT doctor_id, office_id FROM seed_doctors
UNION
SELECT doctor_id, second_office_id FROM seed_doctors WHERE n % 2 = 0;

INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
SELECT doctor_id, office_id, w, TIME '09:00', TIME '17:00' FROM seed_doctors, generate_series(1, 5) w
UNION ALL
SELECT doctor_id, second_office_id, 6, TIME '09:00', TIME '13:00' FROM seed_doctors WHERE n % 2 = 0;

-- A hundred patients; the first is Alice Smith (login `alice`).
CREATE TEMP TABLE seed_patient_list ON COMMIT DROP AS
SELECT i AS n,
       CASE WHEN i = 1 THEN 'Alice' ELSE (ARRAY['James','Mary','John','Patricia','Robert','Jennifer',
            'Michael','Linda','William','Elizabeth','David','Barbara','Richard','Susan','Joseph',
            'Jessica','Thomas','Sarah','Charles','Karen','Daniel','Nancy','Matthew','Lisa','Anthony',
            'Betty','Mark','Margaret','Donald','Sandra'])[1 + (i * 7) % 30] END AS first_name,
       CASE WHEN i = 1 THEN 'Smith' ELSE (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia',
            'Miller','Davis','Rodriguez','Martinez','Hernandez','Lopez','Gonzalez','Wilson','Anderson',
            'Thomas','Taylor','Moore','Jackson','Martin','Lee','Perez','Thompson','White','Harris',
            'Sanchez','Clark','Ramirez','Lewis','Robinson'])[1 + (i * 13) % 30] END AS last_name
FROM generate_series(1, 100) i;

ALTER TABLE seed_patient_list ADD COLUMN username text;
UPDATE seed_patient_list
SET username = CASE WHEN n = 1 THEN 'alice' ELSE lower(first_name) || '.' || lower(last_name) || n END;

INSERT INTO users (username, email, role, password_hash, phone_country_code, phone_number)
SELECT username, username || '@mail.example', 'patient', (SELECT h FROM seed_hash), '+1',
       '555-' || lpad((3000 + n)::text, 4, '0')
FROM seed_patient_list;

INSERT INTO patients (user_id, first_name, last_name, address_line1, city, state, postal_code, country)
SELECT u.user_id, l.first_name, l.last_name, (10 + l.n * 3) || ' Elm Street', 'Springfield', 'IL',
       '627' || lpad((l.n % 100)::text, 2, '0'), 'US'
FROM seed_patient_list l JOIN users u ON u.username = l.username;

CREATE TEMP TABLE seed_patients ON COMMIT DROP AS
    SELECT l.n, p.patient_id, p.user_id
    FROM seed_patient_list l JOIN users u ON u.username = l.username JOIN patients p ON p.user_id = u.user_id;

INSERT INTO demographics (user_id, race, ethnicity, gender, dob, created_by, updated_by)
SELECT user_id, 1 + (n * 3) % 7, 1 + n % 3, 1 + n % 4,
       DATE '1940-01-01' + ((n * 2731) % 29000), user_id, user_id
FROM seed_patients;

-- Care teams: a primary-care doctor as primary; the patient's usual doctor as a member.
-- Doctor n sees patients (n-1)*10+1 .. n*10 (their "group").
CREATE TEMP TABLE seed_care ON COMMIT DROP AS
SELECT p.patient_id, p.n,
       (SELECT doctor_id FROM seed_doctors WHERE n = (ARRAY[1, 2, 3, 4, 10])[1 + p.n % 5]) AS primary_doctor_id,
       (SELECT doctor_id FROM seed_doctors WHERE n = ((p.n - 1) / 10) + 1) AS group_doctor_id
FROM seed_patients p;

INSERT INTO patient_doctors (patient_id, doctor_id, is_primary, added_at)
SELECT patient_id, primary_doctor_id, true, now() - interval '200 days' FROM seed_care
UNION ALL
SELECT patient_id, group_doctor_id, false, now() - interval '150 days' FROM seed_care
WHERE group_doctor_id <> primary_doctor_id;

UPDATE patients p SET primary_doctor_id = c.primary_doctor_id
FROM seed_care c WHERE c.patient_id = p.patient_id;

INSERT INTO insurances (patient_id, provider_name, policy_number, group_number, holder_name,
                        holder_relationship, valid_from, valid_to, is_active)
SELECT p.patient_id, (ARRAY['Blue Shield', 'Aetna', 'Cigna', 'UnitedHealthcare'])[1 + l.n % 4],
       'POL-' || lpad((70000 + l.n * 37)::text, 6, '0'), 'GRP-' || (100 + l.n % 9),
       l.first_name || ' ' || l.last_name, 'self', DATE '2024-01-01', NULL, true
FROM seed_patients p JOIN seed_patient_list l USING (n)
UNION ALL
SELECT p.patient_id, 'Medicare', 'OLD-' || (5000 + l.n), NULL, l.first_name || ' ' || l.last_name,
       'self', DATE '2019-01-01', DATE '2023-12-31', false
FROM seed_patients p JOIN seed_patient_list l USING (n) WHERE l.n % 10 = 0;

INSERT INTO patient_emergency_contacts (patient_id, name, relationship, phone_country_code, phone_number, priority)
SELECT p.patient_id, (ARRAY['Sam', 'Chris', 'Jordan', 'Taylor'])[1 + l.n % 4] || ' ' || l.last_name,
       (ARRAY['spouse', 'parent', 'sibling', 'friend'])[1 + l.n % 4], '+1',
       '555-' || lpad((6000 + l.n)::text, 4, '0'), 1
FROM seed_patients p JOIN seed_patient_list l USING (n);

-- 500 appointments over the past and next four weeks. Doctor n's slot on a day goes to one of
-- their ten patients, so no doctor and no patient is ever in two places at once. The story is
-- told relative to the moment of seeding, on the offices' clock (the session's zone is theirs,
-- so current_date is the clinic's today): past visits were completed (with a record and a
-- bill), missed or cancelled; a visit that started in the last 45 minutes is under way
-- (checked in, or still waiting for a late patient); later ones are scheduled or confirmed.
-- Each visit was booked days before it, during office hours, never at the seeding moment.
CREATE TEMP TABLE seed_slots ON COMMIT DROP AS
SELECT d.n AS doctor_n, d.doctor_id, d.office_id, d.specialty_id, o.time_zone AS office_time_zone,
       day, s AS slot,
       ((day + TIME '09:00' + s * interval '30 minutes') AT TIME ZONE o.time_zone) AS starts_at,
       (SELECT patient_id FROM seed_patients
         WHERE n = (d.n - 1) * 10 + ((day - current_date + 100 + s) % 10) + 1) AS patient_id,
       random() AS r
FROM seed_doctors d
JOIN seed_offices o ON o.office_id = d.office_id
CROSS JOIN generate_series(current_date - 28, current_date + 28, interval '1 day') g(day_ts)
CROSS JOIN LATERAL (SELECT g.day_ts::date AS day) dd
CROSS JOIN generate_series(0, 15) s
WHERE extract(isodow FROM dd.day) BETWEEN 1 AND 5;

CREATE TEMP TABLE seed_appointments ON COMMIT DROP AS
SELECT *, CASE
           WHEN starts_at > now() AND day = current_date
                THEN CASE WHEN r < 0.2 THEN 'scheduled' WHEN r < 0.9 THEN 'confirmed' ELSE 'cancelled' END
           WHEN starts_at > now()
                THEN CASE WHEN r < 0.55 THEN 'scheduled' WHEN r < 0.85 THEN 'confirmed' ELSE 'cancelled' END
           -- Under way: checked in once it started (the time rules of the status machine), or
           -- the patient is late. Earlier visits were completed, missed or cancelled.
           WHEN starts_at > now() - interval '45 minutes'
                THEN CASE WHEN r < 0.8 THEN 'checked_in' ELSE 'confirmed' END
           ELSE CASE WHEN r < 0.66 THEN 'completed' WHEN r < 0.80 THEN 'no_show' ELSE 'cancelled' END
          END AS status
FROM (SELECT * FROM seed_slots ORDER BY random() LIMIT 500) chosen;

-- A patient holds at most three upcoming active visits, under the clinic's default cap of five
-- for booking online, so every demo patient can still book; the rest were cancelled.
UPDATE seed_appointments s SET status = 'cancelled'
FROM (SELECT doctor_id, starts_at,
             row_number() OVER (PARTITION BY patient_id ORDER BY starts_at) AS k
      FROM seed_appointments
      WHERE starts_at > now() AND status IN ('scheduled', 'confirmed')) upcoming
WHERE upcoming.doctor_id = s.doctor_id AND upcoming.starts_at = s.starts_at AND upcoming.k > 3;

-- A moment during office hours (08:30 + minutes) on a day, on the offices' clock: when people
-- booked, paid, referred and decided. Kept for the blocks below (CREATE OR REPLACE: the seed
-- may run twice on one connection).
CREATE OR REPLACE FUNCTION pg_temp.seed_office_moment(on_day date, minutes int) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
    SELECT (on_day + TIME '08:30' + (minutes % 510) * interval '1 minute') AT TIME ZONE 'America/Chicago'
$$;

-- What each specialty's visits are for, what was found and what (if anything) was prescribed:
-- a visit's reason, its record's diagnosis and its prescription tell one story.
CREATE TEMP TABLE seed_visit_kinds (specialty text, k int, reason text, diagnosis text,
                                    medication text, dose text, route text, frequency text,
                                    quantity int, instructions text) ON COMMIT DROP;
INSERT INTO seed_visit_kinds VALUES
    ('Family Medicine', 0, 'Annual check-up', 'Routine health examination: no acute findings', NULL, NULL, NULL, NULL, NULL, NULL),
    ('Family Medicine', 1, 'Persistent cough', 'Acute bronchitis', 'Benzonatate', '100 mg', 'oral', 'three times daily as needed', 21, 'Swallow whole; do not chew.'),
    ('Family Medicine', 2, 'Sore throat and fever', 'Streptococcal pharyngitis', 'Amoxicillin', '500 mg', 'oral', 'twice daily for 10 days', 20, 'Finish the course even if you feel better.'),
    ('Family Medicine', 3, 'Back pain', 'Lumbar strain', 'Ibuprofen', '400 mg', 'oral', 'every 8 hours as needed', 20, 'Take with food.'),
    ('Family Medicine', 4, 'Hay fever', 'Seasonal allergic rhinitis', 'Cetirizine', '10 mg', 'oral', 'once daily', 30, 'May cause drowsiness.'),
    ('Family Medicine', 5, 'Headaches', 'Tension-type headache', 'Acetaminophen', '500 mg', 'oral', 'every 6 hours as needed', 24, 'No more than 6 tablets a day.'),
    ('Internal Medicine', 0, 'Blood pressure review', 'Essential hypertension', 'Lisinopril', '10 mg', 'oral', 'once daily', 30, 'Check your blood pressure at home weekly.'),
    ('Internal Medicine', 1, 'Diabetes follow-up', 'Type 2 diabetes mellitus without complications', 'Metformin', '500 mg', 'oral', 'twice daily with meals', 60, 'Take with food.'),
    ('Internal Medicine', 2, 'Fatigue', 'Iron deficiency anemia', 'Ferrous sulfate', '325 mg', 'oral', 'once daily', 30, 'Take on an empty stomach with orange juice.'),
    ('Internal Medicine', 3, 'Cholesterol results', 'Hyperlipidemia', 'Atorvastatin', '20 mg', 'oral', 'once daily at bedtime', 30, 'Report unexplained muscle pain.'),
    ('Internal Medicine', 4, 'Annual check-up', 'Routine health examination: no acute findings', NULL, NULL, NULL, NULL, NULL, NULL),
    ('Pediatrics', 0, 'Well-child check', 'Healthy child: growth and development on track', NULL, NULL, NULL, NULL, NULL, NULL),
    ('Pediatrics', 1, 'Vaccination', 'Routine immunization given', NULL, NULL, NULL, NULL, NULL, NULL),
    ('Pediatrics', 2, 'Ear pain', 'Acute otitis media', 'Amoxicillin', '250 mg/5 mL', 'oral', 'twice daily for 7 days', 1, 'Shake the bottle well.'),
    ('Pediatrics', 3, 'Fever and runny nose', 'Viral upper respiratory infection', NULL, NULL, NULL, NULL, NULL, NULL),
    ('Cardiology', 0, 'Chest pain on exertion', 'Stable angina pectoris', 'Nitroglycerin', '0.4 mg', 'sublingual', 'as needed for chest pain', 25, 'Sit down before taking; call 911 if pain lasts 5 minutes after a dose.'),
    ('Cardiology', 1, 'Palpitations', 'Paroxysmal atrial fibrillation', 'Metoprolol succinate', '25 mg', 'oral', 'once daily', 30, 'Do not stop suddenly.'),
    ('Cardiology', 2, 'ECG review', 'Normal sinus rhythm: no signs of ischemia', NULL, NULL, NULL, NULL, NULL, NULL),
    ('Cardiology', 3, 'Blood pressure review', 'Essential hypertension', 'Amlodipine', '5 mg', 'oral', 'once daily', 30, 'Ankle swelling can occur; tell us if it does.'),
    ('Dermatology', 0, 'Changing mole on left forearm', 'Dysplastic nevus: excised for biopsy', NULL, NULL, NULL, NULL, NULL, NULL),
    ('Dermatology', 1, 'Skin rash', 'Contact dermatitis', 'Hydrocortisone cream', '1%', 'topical', 'twice daily for 7 days', 1, 'Apply a thin layer; avoid the face.'),
    ('Dermatology', 2, 'Acne', 'Acne vulgaris', 'Adapalene gel', '0.1%', 'topical', 'once daily at bedtime', 1, 'Use sunscreen during the day.'),
    ('Dermatology', 3, 'Itchy patches on elbows', 'Plaque psoriasis', 'Clobetasol ointment', '0.05%', 'topical', 'twice daily for 2 weeks', 1, 'Not on the face or skin folds.');

CREATE TEMP TABLE seed_specialty_kinds ON COMMIT DROP AS
SELECT s.specialty_id, k.specialty, count(*)::int AS kinds
FROM seed_visit_kinds k JOIN specialties s ON s.specialty_name = k.specialty
GROUP BY s.specialty_id, k.specialty;

ALTER TABLE seed_appointments ADD COLUMN kind int, ADD COLUMN booked_at timestamptz,
    ADD COLUMN changed_at timestamptz;
UPDATE seed_appointments a
SET kind = (a.slot + a.doctor_n + (a.day - current_date + 100)) % sk.kinds,
    -- Booked 3 to 20 days ahead, and at the latest the day before yesterday.
    booked_at = pg_temp.seed_office_moment(
        LEAST(a.day - (3 + (a.slot * 7 + a.doctor_n * 5) % 18), current_date - 2 - (a.slot + a.doctor_n) % 5),
        a.slot * 37 + a.doctor_n * 11)
FROM seed_specialty_kinds sk WHERE sk.specialty_id = a.specialty_id;
-- The last change of status: completed at the visit's end, missed 20 minutes in, checked in
-- at its start, cancelled the day before (or yesterday); otherwise when it was booked.
UPDATE seed_appointments
SET changed_at = CASE status
    WHEN 'completed' THEN starts_at + interval '30 minutes'
    WHEN 'no_show' THEN starts_at + interval '20 minutes'
    WHEN 'checked_in' THEN starts_at
    WHEN 'cancelled' THEN pg_temp.seed_office_moment(LEAST(day - 1, current_date - 1), slot * 41 + doctor_n * 3)
    ELSE booked_at END;

INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes,
                          ends_at, reason, status, created_at, updated_at)
SELECT a.patient_id, a.doctor_id, a.office_id, a.starts_at, 30, a.starts_at + interval '30 minutes',
       k.reason, a.status, a.booked_at, a.changed_at
FROM seed_appointments a
JOIN seed_specialty_kinds sk ON sk.specialty_id = a.specialty_id
JOIN seed_visit_kinds k ON k.specialty = sk.specialty AND k.k = a.kind;

-- A record for every completed visit, written as it ended, with test results; nothing for a
-- visit still under way, missed or cancelled.
INSERT INTO medical_records (patient_id, doctor_id, appointment_id, diagnosis, notes, test_results,
                             created_at, updated_at)
SELECT a.patient_id, a.doctor_id, a.appointment_id, k.diagnosis,
       'Seen for ' || lower(k.reason) || '. ' ||
           CASE WHEN k.medication IS NULL THEN 'No medication needed; plan discussed and agreed.'
                ELSE 'Started ' || k.medication || '; plan discussed and agreed.' END ||
           ' Review in four weeks if symptoms persist.',
       jsonb_build_array(
           jsonb_build_object('name', 'Blood pressure (systolic)', 'value', 110 + a.appointment_id % 40,
                              'unit', 'mmHg', 'reference_range', '90-130',
                              'flag', CASE WHEN 110 + a.appointment_id % 40 > 130 THEN 'high' ELSE 'normal' END,
                              'observed_at', to_char(a.appointment_datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
           jsonb_build_object('name', 'Hemoglobin', 'value', round((11.5 + (a.appointment_id % 50) / 10.0)::numeric, 1),
                              'unit', 'g/dL', 'reference_range', '12.0-17.5',
                              'flag', CASE WHEN 11.5 + (a.appointment_id % 50) / 10.0 < 12 THEN 'low' ELSE 'normal' END)),
       a.appointment_datetime + interval '25 minutes', a.appointment_datetime + interval '25 minutes'
FROM appointments a
JOIN doctors d ON d.doctor_id = a.doctor_id
JOIN seed_specialty_kinds sk ON sk.specialty_id = d.specialty_id
JOIN seed_visit_kinds k ON k.specialty = sk.specialty AND k.reason = a.reason
WHERE a.status = 'completed' AND a.series_id IS NULL;

INSERT INTO prescriptions (record_id, medication_name, dose, route, frequency, quantity, refills,
                           instructions, date_issued, pharmacy_details)
SELECT r.record_id, k.medication, k.dose, k.route, k.frequency, k.quantity, r.record_id % 3,
       k.instructions, r.created_at,
       jsonb_build_object('name', 'Springfield Pharmacy', 'address', '12 Market Street, Springfield', 'phone', '+1 555-0199')
FROM medical_records r
JOIN doctors d ON d.doctor_id = r.doctor_id
JOIN seed_specialty_kinds sk ON sk.specialty_id = d.specialty_id
JOIN seed_visit_kinds k ON k.specialty = sk.specialty AND k.diagnosis = r.diagnosis
WHERE k.medication IS NOT NULL;

-- A bill for every completed visit, made at checkout as it ended: paid, partly paid, unpaid,
-- overdue and void ones. Payments were taken at the desk (card or cash, minutes after the
-- visit) or came in two days later (transfer or insurance) when that day has passed; a bill is
-- voided two days after the visit, so only bills older than that are void.
CREATE TEMP TABLE seed_bills ON COMMIT DROP AS
SELECT a.appointment_id, a.patient_id, s.consultation_fee AS fee,
       a.appointment_datetime + interval '30 minutes' AS made_at,
       CASE WHEN a.appointment_datetime < now() - interval '14 days' AND a.appointment_id % 4 = 0
            THEN (a.appointment_datetime + interval '14 days')::date
            ELSE (a.appointment_datetime + interval '30 days')::date END AS billing_due,
       a.appointment_datetime < now() - interval '3 days' AS settled_later,
       random() AS r
FROM appointments a JOIN doctors d ON d.doctor_id = a.doctor_id JOIN specialties s ON s.specialty_id = d.specialty_id
WHERE a.status = 'completed';

ALTER TABLE seed_bills ADD COLUMN paid numeric, ADD COLUMN paid_at timestamptz, ADD COLUMN voided boolean;
UPDATE seed_bills
SET voided = settled_later AND r >= 0.55 AND r < 0.60,
    paid = CASE WHEN r < 0.35 THEN fee WHEN r < 0.55 THEN LEAST(40.00, fee) ELSE 0 END,
    paid_at = CASE WHEN settled_later AND appointment_id % 2 = 1 THEN made_at + interval '2 days'
                   ELSE made_at + interval '5 minutes' END;

INSERT INTO bills (patient_id, appointment_id, amount_due, amount_paid, billing_due,
                   voided_at, void_reason, created_at, updated_at)
SELECT patient_id, appointment_id, fee, paid, billing_due,
       CASE WHEN voided THEN made_at + interval '2 days' END,
       CASE WHEN voided THEN 'Covered in full by insurance' END,
       made_at,
       CASE WHEN voided THEN made_at + interval '2 days' WHEN paid > 0 THEN paid_at ELSE made_at END
FROM seed_bills;

INSERT INTO payments (bill_id, amount, paid_at, recorded_by, method)
SELECT b.bill_id, b.amount_paid, sb.paid_at,
       (SELECT user_id FROM users WHERE username = CASE WHEN sb.paid_at - sb.made_at < interval '1 hour' THEN 'frontdesk' ELSE 'billing' END),
       CASE WHEN sb.paid_at - sb.made_at < interval '1 hour'
            THEN (ARRAY['card', 'cash'])[1 + b.bill_id % 2]
            ELSE (ARRAY['transfer', 'insurance'])[1 + b.bill_id % 2] END
FROM bills b JOIN seed_bills sb ON sb.appointment_id = b.appointment_id
WHERE b.amount_paid > 0;

-- Specialist approvals in every status, with reasons that fit the specialty. A referral was
-- written as the patient's latest completed primary-care visit (at least two days ago) ended,
-- by that visit's doctor, or (no such visit) by their primary doctor on an earlier day; the
-- specialist decided the next day. Alice was referred to cardiology.
CREATE TEMP TABLE seed_referral_reasons (specialty text, k int, reason text, denial text) ON COMMIT DROP;
INSERT INTO seed_referral_reasons VALUES
    ('Cardiology', 0, 'Chest pain on exertion', 'Please try first-line treatment for six weeks, then refer again if it persists.'),
    ('Cardiology', 1, 'Irregular heartbeat', 'The ECG and Holter are normal; please manage in primary care.'),
    ('Cardiology', 2, 'Shortness of breath climbing stairs', 'Please rule out anemia and asthma first.'),
    ('Dermatology', 0, 'Changing mole on left forearm', 'Photograph it monthly; refer again if it grows or bleeds.'),
    ('Dermatology', 1, 'Eczema not responding to steroid cream', 'Please try a four-week course of a stronger steroid first.'),
    ('Dermatology', 2, 'Suspicious lesion on the scalp', 'A photo review shows a seborrheic keratosis: no visit needed.');

CREATE TEMP TABLE seed_referrals ON COMMIT DROP AS
SELECT k, c.patient_id, c.primary_doctor_id,
       (SELECT doctor_id FROM seed_doctors WHERE n = (ARRAY[7, 8, 9])[1 + k % 3]) AS specialist_id,
       (ARRAY['approved', 'pending', 'approved', 'denied', 'pending', 'cancelled', 'approved',
              'pending', 'denied', 'approved', 'cancelled', 'pending'])[k] AS status
FROM generate_series(1, 12) k
JOIN seed_care c ON c.n = CASE WHEN k = 1 THEN 1 ELSE k * 3 END;

ALTER TABLE seed_referrals ADD COLUMN requesting_doctor_id int, ADD COLUMN requested_at timestamptz,
    ADD COLUMN decided_at timestamptz, ADD COLUMN reason text, ADD COLUMN denial text;
UPDATE seed_referrals r
SET requesting_doctor_id = COALESCE(v.doctor_id, r.primary_doctor_id),
    requested_at = COALESCE(v.ends_at + interval '10 minutes',
                            pg_temp.seed_office_moment(current_date - 3 - 2 * r.k, 60 + r.k * 25))
FROM seed_referrals r2
LEFT JOIN LATERAL (
    SELECT a.doctor_id, a.ends_at
    FROM appointments a JOIN doctors d ON d.doctor_id = a.doctor_id
    JOIN specialties s ON s.specialty_id = d.specialty_id
    WHERE a.patient_id = r2.patient_id AND a.status = 'completed' AND NOT s.requires_referral
      AND a.appointment_datetime < now() - interval '2 days'
    ORDER BY a.appointment_datetime DESC LIMIT 1) v ON true
WHERE r2.k = r.k;
UPDATE seed_referrals r
SET reason = rr.reason, denial = rr.denial,
    decided_at = CASE WHEN r.status <> 'pending'
                      THEN pg_temp.seed_office_moment((r.requested_at AT TIME ZONE 'America/Chicago')::date + 1, 30 + r.k * 17) END
FROM seed_doctors sd
JOIN specialties s ON s.specialty_id = sd.specialty_id
JOIN seed_referral_reasons rr ON rr.specialty = s.specialty_name
WHERE sd.doctor_id = r.specialist_id AND rr.k = (r.k / 3 + 2) % 3;

INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id, reason, status,
                                  requested_at, approved_at, decided_at, decided_by, decision_note)
SELECT r.patient_id, r.requesting_doctor_id, r.specialist_id, r.reason, r.status, r.requested_at,
       CASE WHEN r.status = 'approved' THEN r.decided_at END,
       r.decided_at,
       CASE WHEN r.status IN ('approved', 'denied') THEN (SELECT user_id FROM doctors WHERE doctor_id = r.specialist_id)
            WHEN r.status = 'cancelled' THEN (SELECT user_id FROM doctors WHERE doctor_id = r.requesting_doctor_id) END,
       CASE WHEN r.status = 'denied' THEN r.denial END
FROM seed_referrals r;

INSERT INTO patient_doctors (patient_id, doctor_id, is_primary, added_at)
SELECT patient_id, specialist_id, false, approved_at FROM specialist_approvals WHERE status = 'approved'
ON CONFLICT (patient_id, doctor_id) DO NOTHING;

-- Notifications, stamped when what they tell happened and worded as the app words them (the
-- office's time with its zone, money with its currency): upcoming visits (as they were
-- booked or cancelled), bills (as they were made; read once paid or a week old) and referrals
-- awaiting a specialist (as they were written). Those older than three days were read.
INSERT INTO notifications (user_id, type_notif, message, created_at, read_at, is_read,
                           related_entity_type, related_entity_id)
SELECT user_id, type_notif, message, created_at, read_at, read_at IS NOT NULL, related_entity_type, related_entity_id
FROM (
    SELECT p.user_id, 'appointment' AS type_notif,
           'Your appointment with Dr. ' || d.first_name || ' ' || d.last_name || ' on ' ||
               to_char(a.appointment_datetime, 'Dy, Mon FMDD "at" FMHH12:MI AM TZ') || ' is ' ||
               CASE a.status WHEN 'cancelled' THEN 'cancelled' ELSE 'booked' END || '.' AS message,
           a.updated_at AS created_at,
           CASE WHEN a.updated_at < now() - interval '3 days' THEN a.updated_at + interval '2 hours' END AS read_at,
           'appointments' AS related_entity_type, a.appointment_id AS related_entity_id
    FROM appointments a JOIN patients p ON p.patient_id = a.patient_id JOIN doctors d ON d.doctor_id = a.doctor_id
    WHERE a.appointment_datetime > now() AND a.series_id IS NULL
    UNION ALL
    SELECT p.user_id, 'billing',
           'A bill of $' || to_char(b.amount_due, 'FM999,990.00') || ' for your visit on ' ||
               to_char(a.appointment_datetime, 'Mon FMDD') || ' is due on ' ||
               to_char(b.billing_due, 'Mon FMDD, YYYY') || '.',
           b.created_at,
           CASE WHEN b.amount_paid > 0 THEN (SELECT min(paid_at) FROM payments WHERE bill_id = b.bill_id)
                WHEN b.created_at < now() - interval '7 days' THEN b.created_at + interval '1 day' END,
           'bills', b.bill_id
    FROM bills b JOIN patients p ON p.patient_id = b.patient_id JOIN appointments a ON a.appointment_id = b.appointment_id
    UNION ALL
    SELECT d.user_id, 'approval',
           'Dr. ' || rd.last_name || ' asks you to see ' || p.first_name || ' ' || p.last_name || ' (' ||
               lower(s.reason) || '): the referral awaits your decision.',
           s.requested_at, NULL, 'specialist_approvals', s.approval_id
    FROM specialist_approvals s
    JOIN doctors d ON d.doctor_id = s.specialist_id
    JOIN doctors rd ON rd.doctor_id = s.requesting_doctor_id
    JOIN patients p ON p.patient_id = s.patient_id
    WHERE s.status = 'pending'
) n;

-- Calendar feeds (calendar-feeds part of issue 12): Dr. House subscribed his phone's calendar
-- a month ago (without patients' names) and revoked an older URL. Their tokens are random and
-- unknown to anyone (only hashes are kept), so the demo shows the list, never a working URL:
-- create one on the "Calendar feed" screen to subscribe.
INSERT INTO calendar_feeds (doctor_id, token_hash, include_patient_names, created_at, revoked_at, last_used_at)
SELECT d.doctor_id, encode(sha256(convert_to(gen_random_uuid()::text || f.n, 'UTF8')), 'hex'), false,
       now() - f.age, CASE WHEN f.n = 1 THEN now() - interval '40 days' END,
       now() - f.used
FROM seed_doctors d,
     (VALUES (1, interval '90 days', interval '41 days'), (2, interval '30 days', interval '1 hour')) AS f(n, age, used)
WHERE d.n = 1;
-- The waitlist: a few patients wait for a doctor, the most urgent first; Alice waits for the
-- doctor of a visit someone cancelled and holds an open offer of its slot, made 25 minutes ago
-- (it expires two hours after it was made, or at the slot's start if sooner), with the
-- notification that told her at that moment.
CREATE TEMP TABLE seed_freed ON COMMIT DROP AS
SELECT a.appointment_id, a.doctor_id, a.office_id, a.appointment_datetime AS starts_at, a.ends_at
FROM appointments a
WHERE a.status = 'cancelled' AND a.appointment_datetime > now() + interval '1 day'
  AND NOT EXISTS (
      SELECT 1 FROM appointments b
      WHERE b.status IN ('scheduled', 'confirmed', 'checked_in')
        AND (b.doctor_id = a.doctor_id OR b.patient_id = (SELECT patient_id FROM seed_patients WHERE n = 1))
        AND tstzrange(b.appointment_datetime, b.ends_at) && tstzrange(a.appointment_datetime, a.ends_at))
  AND a.patient_id <> (SELECT patient_id FROM seed_patients WHERE n = 1)
  -- A doctor Alice may book online without a referral.
  AND NOT EXISTS (SELECT 1 FROM doctors d JOIN specialties s ON s.specialty_id = d.specialty_id
                  WHERE d.doctor_id = a.doctor_id AND s.requires_referral)
ORDER BY a.appointment_datetime
LIMIT 1;

INSERT INTO waitlist_entries (patient_id, doctor_id, office_id, weekdays, window_start, window_end,
                              latest_date, urgency, note, status, withdrawn_at, created_by,
                              created_at, updated_at)
SELECT p.patient_id, f.doctor_id, NULL, '{}'::smallint[], NULL::time, NULL::time, current_date + 30,
       'soon', 'Any earlier visit helps.', 'active', NULL::timestamptz, p.user_id,
       pg_temp.seed_office_moment(current_date - 3, 200), pg_temp.seed_office_moment(current_date - 3, 200)
FROM seed_patients p, seed_freed f WHERE p.n = 1
UNION ALL
SELECT p.patient_id, d.doctor_id, d.office_id, w.days, w.from_time, w.to_time, NULL,
       w.urgency, w.note, w.status,
       CASE WHEN w.status = 'withdrawn' THEN pg_temp.seed_office_moment(current_date - 1, 95) END,
       (SELECT user_id FROM users WHERE username = 'frontdesk'),
       pg_temp.seed_office_moment(current_date - w.age_days, 40 + w.age_days * 13),
       CASE WHEN w.status = 'withdrawn' THEN pg_temp.seed_office_moment(current_date - 1, 95)
            ELSE pg_temp.seed_office_moment(current_date - w.age_days, 40 + w.age_days * 13) END
FROM (VALUES (12, 2, ARRAY[1, 3]::smallint[], TIME '09:00', TIME '12:00', 'urgent', 'Chest pain follow-up: call first.', 'active', 5),
             (23, 3, '{}'::smallint[], NULL::time, NULL::time, 'routine', NULL, 'active', 20),
             (34, 4, ARRAY[2, 4, 5]::smallint[], TIME '13:00', TIME '17:00', 'soon', 'Afternoons only (school run).', 'active', 9),
             (45, 5, '{}'::smallint[], NULL::time, NULL::time, 'routine', NULL, 'withdrawn', 30))
     w(patient_n, doctor_n, days, from_time, to_time, urgency, note, status, age_days)
JOIN seed_patients p ON p.n = w.patient_n
JOIN seed_doctors d ON d.n = w.doctor_n;

INSERT INTO waitlist_offers (entry_id, source_appointment_id, doctor_id, office_id, starts_at,
                             ends_at, expires_at, created_at)
SELECT e.entry_id, f.appointment_id, f.doctor_id, f.office_id, f.starts_at, f.ends_at,
       LEAST(now() - interval '25 minutes' + interval '2 hours', f.starts_at), now() - interval '25 minutes'
FROM seed_freed f
JOIN waitlist_entries e ON e.doctor_id = f.doctor_id
    AND e.patient_id = (SELECT patient_id FROM seed_patients WHERE n = 1);

INSERT INTO notifications (user_id, type_notif, message, created_at, related_entity_type, related_entity_id)
SELECT p.user_id, 'appointment',
       'A visit with Dr. ' || d.first_name || ' ' || d.last_name || ' on ' ||
           to_char(w.starts_at, 'Dy, Mon FMDD "at" FMHH12:MI AM TZ') || ' at ' || o.name ||
           ' is free; accept it on your waitlist page before ' ||
           to_char(w.expires_at, 'FMHH12:MI AM TZ') || '.',
       w.created_at, 'waitlist_offers', w.offer_id
FROM waitlist_offers w
JOIN waitlist_entries e ON e.entry_id = w.entry_id
JOIN patients p ON p.patient_id = e.patient_id
JOIN doctors d ON d.doctor_id = w.doctor_id
JOIN offices o ON o.office_id = w.office_id;
-- Availability (the one engine): a closure of Downtown Clinic two weeks ahead, Dr. House's
-- time off next week (a private reason), Dr. Cuddy's day off and Dr. Wilson's extra evening
-- hours, so the calendar, the time-off and the closures screens have something to show.
-- Visits already booked into them stay: the desk sees them over the closure and moves them.
INSERT INTO office_closures (office_id, first_day, last_day, label)
SELECT office_id, (now() AT TIME ZONE time_zone)::date + 14, (now() AT TIME ZONE time_zone)::date + 14,
       'Staff training day'
FROM seed_offices WHERE n = 1;

INSERT INTO doctor_time_off (doctor_id, starts_at, ends_at, reason)
SELECT d.doctor_id,
       (((now() AT TIME ZONE o.time_zone)::date + 8) + TIME '00:00') AT TIME ZONE o.time_zone,
       (((now() AT TIME ZONE o.time_zone)::date + 10) + TIME '00:00') AT TIME ZONE o.time_zone,
       'Medical conference in Boston'
FROM seed_doctors d JOIN seed_offices o ON o.office_id = d.office_id WHERE d.n = 1;

INSERT INTO schedule_exceptions (doctor_id, office_id, on_date, kind, start_time, end_time, note)
SELECT d.doctor_id, d.office_id, (now() AT TIME ZONE o.time_zone)::date + 5, 'day_off', NULL, NULL,
       'Running the city half-marathon'
FROM seed_doctors d JOIN seed_offices o ON o.office_id = d.office_id WHERE d.n = 2
UNION ALL
SELECT d.doctor_id, d.office_id, (now() AT TIME ZONE o.time_zone)::date + 3, 'extra_hours',
       TIME '17:00', TIME '19:00', 'Late clinic'
FROM seed_doctors d JOIN seed_offices o ON o.office_id = d.office_id WHERE d.n = 3;
-- Outbox (the emails to patients): the reminders of the last three days' visits went out
-- (one bounced for good), the next three days' reminders wait for their time, and the
-- reminders of cancelled visits were skipped. Keys as the domain writes them
-- (`OutboxDraft::dedupe_key`), so the worker never enqueues these twice.
INSERT INTO outbox_messages (channel, recipient_user_id, kind, appointment_id, planned_start,
                             offset_minutes, due_at, payload, status, attempts, next_attempt_at,
                             last_error, sent_at, dedupe_key, created_at)
SELECT 'email', p.user_id, 'reminder', a.appointment_id, a.appointment_datetime, r.minutes,
       a.appointment_datetime - r.minutes * interval '1 minute',
       jsonb_build_object(
           'subject', 'Reminder: your appointment on ' ||
               to_char(a.appointment_datetime, 'Dy, Mon FMDD "at" FMHH12:MI AM TZ'),
           'body', 'Hello ' || p.first_name || ' ' || p.last_name || E',\n\nThis is a reminder of your appointment with Dr. ' ||
               d.first_name || ' ' || d.last_name || ' on ' ||
               to_char(a.appointment_datetime, 'Dy, Mon FMDD "at" FMHH12:MI AM TZ') ||
               ' at ' || o.name || E'.\n\nIf you cannot come, please cancel or move it in the app, or call the front desk.\n\nYour clinic\n'),
       s.status, CASE WHEN s.status = 'pending' THEN 0 ELSE 1 END,
       a.appointment_datetime - r.minutes * interval '1 minute',
       CASE s.status WHEN 'skipped' THEN 'the visit is no longer scheduled'
                     WHEN 'failed' THEN '550 5.1.1 mailbox unavailable' END,
       CASE WHEN s.status = 'sent' THEN a.appointment_datetime - r.minutes * interval '1 minute' + interval '40 seconds' END,
       a.appointment_id || ':reminder:email:' || p.user_id || ':' ||
           extract(epoch FROM a.appointment_datetime)::bigint || ':' || r.minutes,
       a.created_at
FROM appointments a
JOIN patients p ON p.patient_id = a.patient_id
JOIN doctors d ON d.doctor_id = a.doctor_id
JOIN offices o ON o.office_id = a.office_id
CROSS JOIN (VALUES (1440), (120)) AS r (minutes)
CROSS JOIN LATERAL (SELECT CASE
    WHEN a.status = 'cancelled' AND a.appointment_datetime - r.minutes * interval '1 minute' < now() THEN 'skipped'
    WHEN a.status = 'cancelled' THEN NULL
    WHEN a.appointment_datetime - r.minutes * interval '1 minute' > now() THEN 'pending'
    WHEN a.appointment_id % 17 = 0 THEN 'failed'
    ELSE 'sent' END AS status) s
WHERE a.appointment_datetime BETWEEN now() - interval '3 days' AND now() + interval '3 days'
  AND s.status IS NOT NULL;
-- Recurring visits (series): a weekly blood-pressure follow-up with Dr. House on Thursdays at
-- 16:30 at his office (its wall clock, so the time holds across a DST change), from the
-- Thursday after next, booked by the front desk. Each visit is its own appointment with the
-- series' id; a Thursday whose time is taken by the doctor or the patient is skipped, as
-- booking a series does. The patient is the one (Alice aside) with the fewest upcoming visits,
-- and the series is as long as keeps them under the clinic's cap for booking online.
CREATE TEMP TABLE seed_series_patient ON COMMIT DROP AS
SELECT p.patient_id,
       GREATEST(1, (SELECT max_future_appointments FROM clinic_settings) - 1 - count(a.appointment_id))::int AS visits
FROM seed_patients p
LEFT JOIN appointments a ON a.patient_id = p.patient_id AND a.appointment_datetime > now()
     AND a.status IN ('scheduled', 'confirmed', 'checked_in')
WHERE p.n > 1
GROUP BY p.patient_id, p.n
ORDER BY count(a.appointment_id), p.n
LIMIT 1;

WITH series AS (
    INSERT INTO appointment_series (patient_id, doctor_id, office_id, rrule, first_starts_at,
                                    duration_minutes, reason, created_by, created_at)
    SELECT sp.patient_id, d.doctor_id, d.office_id, 'FREQ=WEEKLY;BYDAY=TH;COUNT=' || sp.visits,
           (t.first_local AT TIME ZONE o.time_zone), 30, 'Blood pressure follow-up',
           (SELECT user_id FROM users WHERE username = 'frontdesk'), pg_temp.seed_office_moment(current_date - 2, 150)
    FROM seed_doctors d
    JOIN seed_offices o ON o.office_id = d.office_id
    CROSS JOIN seed_series_patient sp
    CROSS JOIN LATERAL (
        SELECT (current_date + ((4 - extract(isodow FROM current_date)::int + 7) % 7 + 7))
               + TIME '16:30' AS first_local) t
    WHERE d.n = 1
    RETURNING series_id, patient_id, doctor_id, office_id, duration_minutes, reason, created_by,
              created_at, first_starts_at
)
INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes,
                          ends_at, reason, status, created_by, created_at, updated_at, series_id)
SELECT s.patient_id, s.doctor_id, s.office_id, v.starts_at, s.duration_minutes,
       v.starts_at + interval '30 minutes', s.reason, 'scheduled', s.created_by, s.created_at,
       s.created_at, s.series_id
FROM series s
JOIN offices o ON o.office_id = s.office_id
CROSS JOIN seed_series_patient sp
CROSS JOIN LATERAL (
    SELECT ((s.first_starts_at AT TIME ZONE o.time_zone) + k * interval '7 days')
           AT TIME ZONE o.time_zone AS starts_at
    FROM generate_series(0, sp.visits - 1) k) v
WHERE NOT EXISTS (
    SELECT 1 FROM appointments a
    WHERE (a.doctor_id = s.doctor_id OR a.patient_id = s.patient_id)
      AND a.status IN ('scheduled', 'confirmed', 'checked_in') AND NOT a.is_overbooked
      AND tstzrange(a.appointment_datetime, a.ends_at)
          && tstzrange(v.starts_at, v.starts_at + interval '30 minutes'))
  -- Nor a Thursday the doctor is away or the office closed (the engine's rules).
  AND NOT EXISTS (
    SELECT 1 FROM doctor_time_off t
    WHERE t.doctor_id = s.doctor_id
      AND tstzrange(t.starts_at, t.ends_at) && tstzrange(v.starts_at, v.starts_at + interval '30 minutes'))
  AND NOT EXISTS (
    SELECT 1 FROM office_closures c
    WHERE c.office_id = s.office_id
      AND (v.starts_at AT TIME ZONE o.time_zone)::date BETWEEN c.first_day AND c.last_day)
  AND NOT EXISTS (
    SELECT 1 FROM schedule_exceptions x
    WHERE x.doctor_id = s.doctor_id AND x.office_id = s.office_id AND x.kind = 'day_off'
      AND x.on_date = (v.starts_at AT TIME ZONE o.time_zone)::date);

INSERT INTO notifications (user_id, type_notif, message, created_at, related_entity_type, related_entity_id)
SELECT u.user_id, 'appointment',
       'Weekly visits (Thursdays at 4:30 PM ' || to_char(s.first_starts_at, 'TZ') || ') with Dr. House at ' || o.name || ' are booked.',
       s.created_at, 'appointment_series', s.series_id
FROM appointment_series s
JOIN patients p ON p.patient_id = s.patient_id
JOIN doctors d ON d.doctor_id = s.doctor_id
JOIN offices o ON o.office_id = s.office_id
CROSS JOIN LATERAL (VALUES (p.user_id), (d.user_id)) u(user_id);

-- ── Visit types (issue 14, booking) ────────────────────────────────────────────────────────
-- What is booked and how long it lasts; the schedule colours visits by type. Two belong to a
-- specialty and are booked with its doctors only. A few of the demo's future visits are
-- labelled with the type matching their length, so the grid shows colours from the start.
INSERT INTO visit_types (name, duration_minutes, specialty_id, colour, created_at, updated_at)
SELECT v.name, v.minutes, s.specialty_id, v.colour, now() - interval '30 days', now() - interval '30 days'
FROM (VALUES
    ('Consultation 30', 30, NULL, '#2563eb'),
    ('Follow-up 15', 15, NULL, '#16a34a'),
    ('Annual physical 45', 45, NULL, '#9333ea'),
    ('Cardiology consult 45', 45, 'Cardiology', '#dc2626'),
    ('Skin check 20', 20, 'Dermatology', '#d97706')
) v(name, minutes, specialty, colour)
LEFT JOIN specialties s ON s.specialty_name = v.specialty
ON CONFLICT DO NOTHING;

UPDATE appointments a SET visit_type_id = t.visit_type_id
FROM visit_types t
WHERE t.name = 'Consultation 30' AND a.duration_minutes = 30 AND a.visit_type_id IS NULL
  AND a.series_id IS NULL AND a.appointment_datetime > now();
-- ===== The chart (issue 14, part "chart"): allergies, problems, vitals, an addendum =====
-- Alice Smith (login `alice`) is allergic to penicillin, has hypertension and asthma on her
-- problem list; her newest record carries vitals with a high blood pressure and a low SpO2, and
-- an addendum (version 2). A few other patients get an allergy each.
INSERT INTO allergies (patient_id, substance, reaction, severity, active, noted_by, noted_at)
SELECT p.patient_id, v.substance, v.reaction, v.severity, v.active,
       (SELECT d.user_id FROM doctors d ORDER BY d.doctor_id LIMIT 1), now() - v.ago
FROM patients p JOIN users u ON u.user_id = p.user_id AND u.username = 'alice'
CROSS JOIN (VALUES ('Penicillin', 'Hives and facial swelling', 'severe', true, interval '400 days'),
                   ('Latex', 'Contact rash', 'mild', false, interval '900 days')) v(substance, reaction, severity, active, ago);
INSERT INTO allergies (patient_id, substance, reaction, severity, noted_by, noted_at)
SELECT p.patient_id, (ARRAY['Sulfa drugs', 'Ibuprofen', 'Peanuts'])[1 + p.patient_id % 3], 'Rash', 'moderate',
       (SELECT d.user_id FROM doctors d ORDER BY d.doctor_id LIMIT 1), now() - interval '200 days'
FROM patients p WHERE p.patient_id % 7 = 3;

INSERT INTO problems (patient_id, condition, status, onset_date, noted_by, noted_at)
SELECT p.patient_id, v.condition, v.status, current_date - v.onset_days,
       (SELECT d.user_id FROM doctors d ORDER BY d.doctor_id LIMIT 1), now() - interval '300 days'
FROM patients p JOIN users u ON u.user_id = p.user_id AND u.username = 'alice'
CROSS JOIN (VALUES ('Essential hypertension', 'active', 1200), ('Asthma', 'active', 5000),
                   ('Acute bronchitis', 'resolved', 120)) v(condition, status, onset_days);

UPDATE medical_records r
SET vitals = jsonb_build_object('systolic_mmhg', 148, 'diastolic_mmhg', 92, 'pulse_bpm', 78,
                                'temperature_c', 36.9, 'weight_kg', 68.5, 'height_cm', 165,
                                'spo2_percent', 93)
WHERE r.record_id = (SELECT r2.record_id FROM medical_records r2
                     JOIN patients p ON p.patient_id = r2.patient_id
                     JOIN users u ON u.user_id = p.user_id AND u.username = 'alice'
                     ORDER BY r2.created_at DESC LIMIT 1);
UPDATE medical_records r
SET vitals = jsonb_build_object('systolic_mmhg', 118, 'diastolic_mmhg', 76, 'pulse_bpm', 70,
                                'spo2_percent', 98)
WHERE r.vitals IS NULL AND r.record_id % 3 = 0;

-- The addendum: Alice's newest record, amended the day after with a reason.
INSERT INTO record_addenda (record_id, version, author_id, created_at, reason, note, changes)
SELECT r.record_id, 2, d.user_id, r.created_at + interval '1 day', 'Spirometry result received',
       'Reviewed by phone; inhaler technique discussed.',
       jsonb_build_array(jsonb_build_object('field', 'notes', 'before', r.notes,
                                            'after', r.notes || ' Spirometry: mild obstruction.'))
FROM medical_records r JOIN doctors d ON d.doctor_id = r.doctor_id
WHERE r.record_id = (SELECT r2.record_id FROM medical_records r2
                     JOIN patients p ON p.patient_id = r2.patient_id
                     JOIN users u ON u.user_id = p.user_id AND u.username = 'alice'
                     ORDER BY r2.created_at DESC LIMIT 1);
UPDATE medical_records r
SET notes = r.notes || ' Spirometry: mild obstruction.', updated_at = r.created_at + interval '1 day'
WHERE r.record_id IN (SELECT record_id FROM record_addenda);
