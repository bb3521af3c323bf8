-- GET /api/v1/workers/{id} with random ids from $IDS_FILE, bearer $TOKEN; PATH_PREFIX optional.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local prefix = os.getenv("PATH_PREFIX") or "/api/v1/workers/"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Accept"] = "application/json"
math.randomseed(os.time() + math.floor(os.clock() * 1e6))
function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
