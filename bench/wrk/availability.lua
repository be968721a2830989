-- (1) A doctor's free slots at their office for one of the next 28 days, asked by a patient.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function request()
   local d = math.random(1, bench.doctors)
   local office = (d - 1) % bench.offices + 1
   local date = day(bench.today + 86400 * math.random(1, 28))
   return get(string.format("/api/v1/doctors/%d/availability?office_id=%d&from=%s&to=%s",
      d, office, date, date), pick(bench.patient_tokens).token)
end
