-- (2) A doctor's week of appointments, any week of the three years.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function request()
   local doctor = pick(bench.doctor_tokens)
   local from = bench.first_monday + 7 * 86400 * math.random(0, bench.weeks - 1)
   return get(string.format(
      "/api/v1/appointments?doctor_id=%d&from=%sT00:00:00Z&to=%sT00:00:00Z&per_page=100",
      doctor.id, day(from), day(from + 7 * 86400)), doctor.token)
end
