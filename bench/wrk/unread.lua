-- (6) The unread-notification count behind a patient's bell.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

function request()
   return get("/api/v1/notifications/unread-count", pick(bench.patient_tokens).token)
end
