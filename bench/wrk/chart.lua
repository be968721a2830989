-- (3) A patient's chart as their doctor opens it: records, then prescriptions (each request
-- is one of the two).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local n = 0
function request()
   n = n + 1
   local doctor = pick(bench.doctor_tokens)
   local patient = doctor.id + bench.doctors * math.random(0, bench.patients_per_doctor - 1)
   local list = (n % 2 == 0) and "prescriptions" or "medical-records"
   return get(string.format("/api/v1/%s?patient_id=%d", list, patient), doctor.token)
end
