-- (7) Signing in (argon2 verification dominates).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function request()
   local patient = pick(bench.patient_tokens)
   return post("/api/v1/auth/login", nil, string.format(
      '{"login": "patient%d", "password": "%s"}', patient.id, bench.password))
end
