-- (8) A doctor's week through FHIR: Appointment?practitioner=…&date=ge…&date=lt…, any week of
-- the three years, as the doctor.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function request()
   local doctor = pick(bench.doctor_tokens)
   local from = bench.first_monday + 7 * 86400 * math.random(0, bench.weeks - 1)
   return get(string.format(
      "/fhir/R4/Appointment?practitioner=%d&date=ge%s&date=lt%s&_count=100",
      doctor.id, day(from), day(from + 7 * 86400)), doctor.token)
end
