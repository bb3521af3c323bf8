-- GET $PATH_PREFIX<n> (n random in 1..2000) with bearer $TOKEN at a fixed rate, RATE requests a
-- second in all (THREADS wrk threads): each thread keeps a schedule, and a connection whose answer
-- came waits (wrk's delay()) for the next free slot of it by the monotonic clock, so slow answers
-- do not lower the rate while some connection is free. Without RATE: as fast as it can.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec_t;
  int clock_gettime(int clock, timespec_t *ts);
]]
local ts = ffi.new("timespec_t")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local prefix = os.getenv("PATH_PREFIX") or "/api/v1/workers/"
local rate = tonumber(os.getenv("RATE") or "0")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Accept"] = "application/json"
math.randomseed(os.time() + math.floor(os.clock() * 1e6))
function request()
  return wrk.format("GET", prefix .. math.random(2000))
end
if rate > 0 then
  -- one slot every `step` ms per thread, the first at a random phase; a schedule fallen more
  -- than 50 ms behind (every connection busy) starts again from now rather than bursting
  local due = nil
  local step = tonumber(os.getenv("THREADS") or "2") * 1000 / rate
  function delay()
    local t = now_ms()
    if due == nil or due < t - 50 then
      due = t + math.random() * step
    else
      due = due + step
    end
    return math.max(0, math.floor(due - t + 0.5))
  end
end
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
