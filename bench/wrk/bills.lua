-- (4) A patient's bills, as the front desk looks them up.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function request()
   return get(string.format("/api/v1/bills?patient_id=%d", math.random(1, bench.patients)),
      bench.staff_token)
end
