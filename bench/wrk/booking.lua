-- (5) A patient books a half hour with their doctor in the free week after the generated
-- history, then cancels it. Each thread owns its patients (and so their doctors) and counts
-- its own slots, so bookings never collide (each run starts BENCH_BOOKING_OFFSET_DAYS later,
-- past what an earlier run may have left booked); a booked id is cancelled by a following request.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local slot = 0
local mine = {}
local token_of = {}
local booked = {}

local function own_patients()
   local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
   for i, t in ipairs(bench.patient_tokens) do
      if (i - 1) % threads == tid then
         table.insert(mine, t)
         token_of[t.id] = t.token
      end
   end
end

function request()
   if #mine == 0 then own_patients() end
   local cancel = table.remove(booked)
   if cancel then
      return post(string.format("/api/v1/appointments/%d/cancel", cancel.id), cancel.token, "")
   end
   slot = slot + 1
   local patient = mine[(slot % #mine) + 1]
   local n = math.floor(slot / #mine)
   local weekday = math.floor(n / 16)
   local days = math.floor(weekday / 5) * 7 + weekday % 5
   local offset = tonumber(os.getenv("BENCH_BOOKING_OFFSET_DAYS") or "0")
   local starts = bench.booking_base + (offset + days) * 86400 + 9 * 3600 + (n % 16) * 1800
   local d = (patient.id - 1) % bench.doctors + 1
   return post("/api/v1/appointments", patient.token, string.format(
      '{"doctor_id": %d, "office_id": %d, "starts_at": "%s", "duration_minutes": 30, "reason": "Benchmark"}',
      d, (d - 1) % bench.offices + 1, os.date("!%Y-%m-%dT%H:%M:%SZ", starts)))
end

-- Responses of one thread's connections may come in any order: the body says whose it is.
function response(status, headers, body)
   if status == 201 then
      local id = string.match(body, '"id":(%d+)')
      local patient = string.match(body, '"patient_id":(%d+)')
      if id and patient then
         table.insert(booked, { id = tonumber(id), token = token_of[tonumber(patient)] })
      end
   end
end
