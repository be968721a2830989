-- The benchmark clinic: fills an empty, migrated database at the size the custom settings give.
--
--   SET bench.offices = '200';  SET bench.doctors = '5000';  SET bench.patients = '1000000';
--   SET bench.appointments = '10000000';  SET bench.records = '3000000';
--   SET bench.notifications = '3000000';
--   SET bench.password_hash = '<argon2 hash every generated account shares>';
--
-- Run it in one transaction (`psql --single-transaction -f`, or one `execute_unprepared` call,
-- which PostgreSQL runs as one implicit transaction). No psql meta-commands, so a Rust test can
-- run it too. The last statement prints how long each step took.
--
-- Every row passes the schema's constraints. For speed the foreign keys, unique and exclusion
-- constraints and secondary indexes of the big tables are dropped first and re-created from
-- their own catalogued definitions afterwards (PostgreSQL's "Populating a Database" advice):
-- re-creating them checks every row at once. The patients' primary-doctor trigger is off
-- during the load and replaced by one set-wise check at the end.
--
-- Ids are explicit so that load scripts can compute them:
--   office o = 1..offices, doctor d = 1..doctors (user_id 2 + d, login doctor<d>, works at
--   office ((d - 1) % offices) + 1 on weekdays 09:00-17:00 UTC), patient p = 1..patients
--   (user_id 2 + doctors + p, login patient<p>, primary doctor ((p - 1) % doctors) + 1, sees only
--   that doctor). user 1 is benchadmin, user 2 benchstaff. Appointments fill 156 weeks of
--   weekdays, the last 13 of them still to come; the week after is free for booking.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM users) THEN
        RAISE EXCEPTION 'bench/generate.sql fills an empty, migrated database; this one has accounts';
    END IF;
END $$;

CREATE TEMP TABLE bench_size AS
SELECT current_setting('bench.offices')::int AS offices,
       current_setting('bench.doctors')::int AS doctors,
       current_setting('bench.patients')::int AS patients,
       current_setting('bench.appointments')::bigint AS appointments,
       current_setting('bench.records')::bigint AS records,
       current_setting('bench.notifications')::bigint AS notifications,
       current_setting('bench.password_hash') AS password_hash,
       156 AS weeks,
       13 AS future_weeks,
       16 AS slots_per_day;

DO $$
DECLARE s pg_temp.bench_size;
BEGIN
    SELECT * INTO s FROM pg_temp.bench_size;
    IF s.offices < 1 OR s.doctors < s.offices OR s.patients < s.doctors THEN
        RAISE EXCEPTION 'bench sizes need 1 <= offices <= doctors <= patients';
    END IF;
    IF s.appointments > s.doctors::bigint * s.weeks * 5 * s.slots_per_day THEN
        RAISE EXCEPTION 'too many appointments for % doctors', s.doctors;
    END IF;
END $$;

CREATE TEMP TABLE bench_timings (
    ord serial, step text, rows bigint, finished timestamptz DEFAULT clock_timestamp()
);
INSERT INTO bench_timings (step, rows) VALUES ('start', NULL);

-- Drop what slows a bulk load, remembering how to re-create it.
CREATE TEMP TABLE bench_ddl (ord serial, create_sql text, drop_sql text, is_fk boolean);
WITH big(rel) AS (
    SELECT unnest(ARRAY['users', 'patients', 'patient_doctors', 'appointments', 'medical_records',
                        'prescriptions', 'bills', 'payments', 'notifications']::regclass[])
)
INSERT INTO bench_ddl (create_sql, drop_sql, is_fk)
SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
              pg_get_constraintdef(c.oid)),
       format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
       c.contype = 'f'
FROM pg_constraint c
WHERE (c.contype IN ('u', 'x') AND c.conrelid IN (SELECT rel FROM big))
   OR (c.contype = 'f' AND (c.conrelid IN (SELECT rel FROM big) OR c.confrelid IN (SELECT rel FROM big)))
UNION ALL
SELECT pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass), false
FROM pg_index i
WHERE i.indrelid IN (SELECT rel FROM big)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);

DO $$
DECLARE stmt text;
BEGIN
    FOR stmt IN SELECT drop_sql FROM pg_temp.bench_ddl ORDER BY is_fk DESC, ord LOOP
        EXECUTE stmt;
    END LOOP;
END $$;
ALTER TABLE patients DISABLE TRIGGER patients_primary_doctor_consistent;
ALTER TABLE patient_doctors DISABLE TRIGGER patients_primary_doctor_consistent;

-- Accounts: an administrator, a front desk, every doctor and every patient.
INSERT INTO users (user_id, username, email, role, password_hash, created_at, updated_at)
SELECT 1, 'benchadmin', 'benchadmin@bench.clinic', 'admin', password_hash, now(), now() FROM bench_size
UNION ALL
SELECT 2, 'benchstaff', 'benchstaff@bench.clinic', 'staff', password_hash, now(), now() FROM bench_size
UNION ALL
SELECT 2 + d, 'doctor' || d, 'doctor' || d || '@bench.clinic', 'doctor', s.password_hash,
       now() - interval '4 years', now() - interval '4 years'
FROM bench_size s, generate_series(1, s.doctors) d
UNION ALL
SELECT 2 + s.doctors + p, 'patient' || p, 'patient' || p || '@bench.clinic', 'patient',
       s.password_hash, now() - interval '3 years', now() - interval '3 years'
FROM bench_size s, generate_series(1, s.patients) p;
INSERT INTO bench_timings (step, rows) SELECT 'users', count(*) FROM users;

INSERT INTO offices (office_id, name, address_line1, city, state, postal_code, country,
                     phone_country_code, phone_number, email, time_zone)
SELECT o, 'Bench Office ' || o, o || ' Main Street', 'Springfield', 'IL',
       lpad((60000 + o)::text, 5, '0'), 'US', '+1', '555-' || lpad(o::text, 4, '0'),
       'office' || o || '@bench.clinic', 'UTC'
FROM bench_size s, generate_series(1, s.offices) o;
INSERT INTO office_services (office_id, service_name, price)
SELECT o.office_id, v.name, v.price
FROM offices o, (VALUES ('General consultation', 120.00), ('Blood test', 45.00), ('ECG', 80.00)) v(name, price);
INSERT INTO bench_timings (step, rows) SELECT 'offices', count(*) FROM offices;

INSERT INTO doctors (doctor_id, user_id, first_name, last_name, license_number, specialty_id,
                     years_of_experience)
SELECT d, 2 + d,
       (ARRAY['Gregory','Lisa','James','Eric','Allison','Robert','Cristina','Preston','Meredith',
              'Derek','Miranda','Richard'])[1 + d % 12],
       (ARRAY['House','Cuddy','Wilson','Foreman','Cameron','Chase','Yang','Burke','Grey',
              'Shepherd','Bailey','Webber','Karev'])[1 + d % 13] || '-' || d,
       'BN-' || d,
       (SELECT specialty_id FROM specialties ORDER BY specialty_id
        OFFSET (d - 1) % (SELECT count(*) FROM specialties) LIMIT 1),
       d % 40
FROM bench_size s, generate_series(1, s.doctors) d;
INSERT INTO doctor_offices (doctor_id, office_id)
SELECT d, ((d - 1) % s.offices) + 1 FROM bench_size s, generate_series(1, s.doctors) d;
INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
SELECT doctor_id, office_id, w, TIME '09:00', TIME '17:00'
FROM doctor_offices, generate_series(1, 5) w;
INSERT INTO bench_timings (step, rows) SELECT 'doctors', count(*) FROM doctors;

INSERT INTO patients (patient_id, user_id, first_name, last_name, address_line1, city, state,
                      postal_code, country, primary_doctor_id, created_at, updated_at)
SELECT p, 2 + s.doctors + p,
       (ARRAY['James','Mary','John','Patricia','Robert','Jennifer','Michael','Linda','William',
              'Elizabeth','David','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah',
              'Charles','Karen','Daniel','Nancy','Matthew','Lisa','Anthony','Betty','Mark',
              'Margaret','Donald','Sandra'])[1 + (p * 7) % 30],
       (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez',
              'Martinez','Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor',
              'Moore','Jackson','Martin','Lee','Perez','Thompson','White','Harris','Sanchez',
              'Clark','Ramirez','Lewis','Robinson','Walker','Young','Allen'])[1 + (p * 13) % 33],
       (10 + p % 9000) || ' Elm Street', 'Springfield', 'IL', lpad((p % 100000)::text, 5, '0'),
       'US', ((p - 1) % s.doctors) + 1, now() - interval '3 years', now() - interval '3 years'
FROM bench_size s, generate_series(1, s.patients) p;
INSERT INTO patient_doctors (patient_id, doctor_id, is_primary, added_at)
SELECT patient_id, primary_doctor_id, true, created_at FROM patients;
INSERT INTO bench_timings (step, rows) SELECT 'patients', count(*) FROM patients;

-- Appointment k (0-based) is the j-th of doctor d = k % doctors + 1, j = k / doctors. Its slot
-- g spreads the doctor's appointments evenly over their 156 weeks of half-hour slots, so no two
-- of a doctor's overlap; its patient is one of the doctor's own, who see no one else, so no
-- patient's overlap either.
INSERT INTO appointments (appointment_id, patient_id, doctor_id, office_id, appointment_datetime,
                          duration_minutes, ends_at, reason, status, created_by, created_at,
                          updated_at)
SELECT k + 1, patient_id, d, ((d - 1) % s.offices) + 1, starts_at, 30,
       starts_at + interval '30 minutes',
       (ARRAY['Annual check-up', 'Persistent cough', 'Follow-up visit', 'Back pain', 'Skin rash',
              'Blood pressure review', 'Headaches', 'Vaccination'])[1 + k % 8],
       CASE WHEN starts_at > now() THEN
                CASE WHEN r < 60 THEN 'cancelled' WHEN r < 600 THEN 'scheduled' ELSE 'confirmed' END
            ELSE
                CASE WHEN r < 100 THEN 'cancelled' WHEN r < 160 THEN 'no_show' ELSE 'completed' END
       END,
       2 + s.doctors + patient_id,
       LEAST(starts_at - interval '14 days', now()), LEAST(starts_at, now())
FROM bench_size s,
     generate_series(0, s.appointments - 1) k,
     LATERAL (SELECT (k % s.doctors + 1)::int AS d, k / s.doctors AS j,
                     abs(hashint8extended(k, 1) % 1000) AS r) kk,
     LATERAL (SELECT (s.appointments + s.doctors - 1) / s.doctors AS per_doctor,
                     s.weeks::bigint * 5 * s.slots_per_day AS slots) sz,
     LATERAL (SELECT j * sz.slots / sz.per_doctor AS g) gg,
     LATERAL (SELECT (date_trunc('week', current_date)::date - 7 * (s.weeks - s.future_weeks)
                      + (gg.g / s.slots_per_day / 5 * 7 + gg.g / s.slots_per_day % 5)::int
                      + TIME '09:00' + (gg.g % s.slots_per_day) * interval '30 minutes')
                     AT TIME ZONE 'UTC' AS starts_at,
                     (d + s.doctors * ((j * 7919) % GREATEST(s.patients / s.doctors, 1)))::int
                         AS patient_id) t;
INSERT INTO bench_timings (step, rows) SELECT 'appointments', count(*) FROM appointments;

-- Records (and bills) for a share of the completed visits that makes bench.records of them.
INSERT INTO medical_records (patient_id, doctor_id, appointment_id, diagnosis, notes, test_results,
                             created_at, updated_at)
SELECT a.patient_id, a.doctor_id, a.appointment_id,
       (ARRAY['Acute bronchitis', 'Essential hypertension', 'Seasonal allergic rhinitis',
              'Lumbar strain', 'Contact dermatitis', 'Tension headache'])[1 + a.appointment_id % 6],
       'Patient seen; plan discussed and agreed. Review in four weeks if symptoms persist.',
       jsonb_build_array(
           jsonb_build_object('name', 'Blood pressure (systolic)', 'value', 110 + a.appointment_id % 40,
                              'unit', 'mmHg', 'reference_range', '90-130',
                              'flag', CASE WHEN 110 + a.appointment_id % 40 > 130 THEN 'high' ELSE 'normal' END),
           jsonb_build_object('name', 'Hemoglobin', 'value', round((11.5 + (a.appointment_id % 50) / 10.0)::numeric, 1),
                              'unit', 'g/dL', 'reference_range', '12.0-17.5',
                              'flag', CASE WHEN 11.5 + (a.appointment_id % 50) / 10.0 < 12 THEN 'low' ELSE 'normal' END)),
       a.appointment_datetime + interval '25 minutes', a.appointment_datetime + interval '25 minutes'
FROM appointments a,
     (SELECT LEAST(1000, ceil(s.records * 1000.0 / GREATEST(count(*), 1)))::int AS per_mille
      FROM bench_size s, appointments c WHERE c.status = 'completed' GROUP BY s.records) share
WHERE a.status = 'completed' AND abs(hashint4extended(a.appointment_id, 2) % 1000) < share.per_mille
ORDER BY a.appointment_id;
INSERT INTO bench_timings (step, rows) SELECT 'medical_records', count(*) FROM medical_records;

INSERT INTO prescriptions (record_id, medication_name, dose, route, frequency, quantity, refills,
                           instructions, date_issued, pharmacy_details)
SELECT r.record_id,
       (ARRAY['Amoxicillin', 'Lisinopril', 'Cetirizine', 'Ibuprofen', 'Hydrocortisone cream'])[1 + r.record_id % 5],
       (ARRAY['500 mg', '10 mg', '10 mg', '400 mg', '1%'])[1 + r.record_id % 5],
       (ARRAY['oral', 'oral', 'oral', 'oral', 'topical'])[1 + r.record_id % 5],
       (ARRAY['three times daily', 'once daily', 'once daily', 'every 8 hours as needed', 'twice daily'])[1 + r.record_id % 5],
       (ARRAY[21, 30, 30, 20, 1])[1 + r.record_id % 5], r.record_id % 3,
       'Take with food.', r.created_at,
       jsonb_build_object('name', 'Springfield Pharmacy', 'address', '12 Market Street', 'phone', '+1 555-0199')
FROM medical_records r WHERE r.record_id % 3 <> 0;
INSERT INTO bench_timings (step, rows) SELECT 'prescriptions', count(*) FROM prescriptions;

-- A bill for every recorded visit: mostly paid, some partly, some void, the rest open.
CREATE TEMP TABLE bench_doctor_fee AS
SELECT d.doctor_id, s.consultation_fee AS fee
FROM doctors d JOIN specialties s ON s.specialty_id = d.specialty_id;
INSERT INTO bills (patient_id, appointment_id, amount_due, amount_paid, billing_due,
                   voided_at, void_reason, created_at, updated_at)
SELECT r.patient_id, r.appointment_id, f.fee,
       CASE WHEN h < 60 THEN f.fee WHEN h < 70 THEN round(f.fee / 2, 2) ELSE 0 END,
       (r.created_at + interval '30 days')::date,
       CASE WHEN h >= 70 AND h < 72 THEN r.created_at + interval '2 days' END,
       CASE WHEN h >= 70 AND h < 72 THEN 'Covered in full by insurance' END,
       r.created_at + interval '1 hour', r.created_at + interval '1 hour'
FROM medical_records r
JOIN bench_doctor_fee f ON f.doctor_id = r.doctor_id,
LATERAL (SELECT abs(hashint4extended(r.appointment_id, 3) % 100) AS h) hh;
INSERT INTO bench_timings (step, rows) SELECT 'bills', count(*) FROM bills;

INSERT INTO payments (bill_id, amount, paid_at, recorded_by, method)
SELECT b.bill_id, b.amount_paid, b.created_at + interval '3 days', 2,
       (ARRAY['card', 'cash', 'insurance', 'transfer'])[1 + b.bill_id % 4]
FROM bills b WHERE b.amount_paid > 0;
INSERT INTO bench_timings (step, rows) SELECT 'payments', count(*) FROM payments;

-- Notifications for patients over the three years; the recent ones and every tenth unread.
INSERT INTO notifications (user_id, type_notif, message, created_at, read_at, is_read,
                           related_entity_type)
SELECT 2 + s.doctors + ((i - 1) % s.patients) + 1, kind,
       CASE kind WHEN 'appointment' THEN 'Your appointment is booked.'
                 WHEN 'billing' THEN 'A bill for your visit is due in 30 days.'
                 ELSE 'Your doctor wrote a medical record of your visit.' END,
       created_at,
       CASE WHEN NOT unread THEN created_at + interval '1 day' END, NOT unread,
       CASE kind WHEN 'appointment' THEN 'appointments' WHEN 'billing' THEN 'bills'
                 ELSE 'medical_records' END
FROM bench_size s, generate_series(1, s.notifications) i,
     LATERAL (SELECT (ARRAY['appointment', 'billing', 'record'])[1 + i % 3] AS kind,
                     now() - (abs(hashint8extended(i, 4)) % (3 * 365 * 24 * 60)) * interval '1 minute'
                         AS created_at) n,
     LATERAL (SELECT n.created_at > now() - interval '30 days' OR i % 10 = 0 AS unread) u;
INSERT INTO bench_timings (step, rows) SELECT 'notifications', count(*) FROM notifications;

-- Put back every index and constraint: this checks all the rows loaded above.
DO $$
DECLARE stmt text;
BEGIN
    FOR stmt IN SELECT create_sql FROM pg_temp.bench_ddl ORDER BY is_fk, ord LOOP
        EXECUTE stmt;
    END LOOP;
END $$;
INSERT INTO bench_timings (step, rows) SELECT 'indexes and constraints', count(*) FROM bench_ddl;

ALTER TABLE patients ENABLE TRIGGER patients_primary_doctor_consistent;
ALTER TABLE patient_doctors ENABLE TRIGGER patients_primary_doctor_consistent;
-- What the disabled trigger would have checked, for all patients at once.
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM patients p
        LEFT JOIN patient_doctors pd ON pd.patient_id = p.patient_id AND pd.is_primary
        WHERE p.primary_doctor_id IS DISTINCT FROM pd.doctor_id
    ) THEN
        RAISE EXCEPTION 'generated care teams do not match patients.primary_doctor_id';
    END IF;
END $$;

-- The ids above were given explicitly: move the identity sequences past them.
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('users', 'user_id'), ('offices', 'office_id'),
                                   ('doctors', 'doctor_id'), ('patients', 'patient_id'),
                                   ('appointments', 'appointment_id')) v(tbl, col) LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), max(%I)) FROM %I',
                       t.tbl, t.col, t.col, t.tbl);
    END LOOP;
END $$;

-- The booking scenario's patients book up to about 34 weeks ahead (its measured run starts 140
-- days past the generated schedule, itself 13 weeks deep), beyond the default 180-day booking
-- horizon of issue 11's visit rules: the bench clinic lets patients book a year ahead, and holds
-- them to a cap of 10 future visits (each has about 2 generated ones, plus the one in flight).
UPDATE clinic_settings SET booking_horizon_days = 365, max_future_appointments = 10;

ANALYZE;
INSERT INTO bench_timings (step, rows) VALUES ('analyze', NULL);

SELECT step, rows, seconds
FROM (SELECT ord, step, rows,
             round(extract(epoch FROM finished - lag(finished) OVER (ORDER BY ord))::numeric, 1)
                 AS seconds
      FROM bench_timings
      UNION ALL
      SELECT 2147483647, 'total', NULL,
             round(extract(epoch FROM max(finished) - min(finished))::numeric, 1)
      FROM bench_timings) steps
WHERE step <> 'start'
ORDER BY ord;
