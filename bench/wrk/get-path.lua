-- GET $REQ_PATH (fixed), bearer $TOKEN.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Accept"] = "application/json"
local path = os.getenv("REQ_PATH")
function request()
  return wrk.format("GET", path)
end
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
