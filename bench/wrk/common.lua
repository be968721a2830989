-- Shared by every scenario: the generated clinic's sizes and signed-in users (a data file the
-- bench script writes), per-thread seeding, and the summary written as JSON for the report.
dofile(os.getenv("BENCH_DATA"))

local thread_count = 0
function setup(thread)
   thread:set("tid", thread_count)
   thread_count = thread_count + 1
end

function init(args)
   tid = tid or 0
   math.randomseed(os.time() * 1000 + tid * 7919)
   math.random()
end

function pick(list)
   return list[math.random(1, #list)]
end

function get(path, token)
   return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function post(path, token, body)
   local headers = { ["Content-Type"] = "application/json" }
   if token then headers["Authorization"] = "Bearer " .. token end
   return wrk.format("POST", path, headers, body)
end

function day(epoch)
   return os.date("!%Y-%m-%d", epoch)
end

function done(summary, latency, requests)
   local e = summary.errors
   local out = assert(io.open(os.getenv("BENCH_WRK_OUT"), "w"))
   out:write(string.format(
      '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
      '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
   out:close()
end
