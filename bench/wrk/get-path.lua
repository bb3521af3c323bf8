-- GET $REQ_PATH (fixed), bearer $TOKEN. With BUST=1 each request adds a parameter of its own
-- (&bust=N, ignored by the service) so that no answer is served as already rendered. ACCEPT
-- overrides the Accept header (default application/json; the hello app answers text/plain).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Accept"] = os.getenv("ACCEPT") or "application/json"
local path = os.getenv("REQ_PATH")
local bust = os.getenv("BUST") == "1"
local sep = string.find(path, "?", 1, true) and "&" or "?"
local n = 0
function request()
  if bust then
    n = n + 1
    return wrk.format("GET", path .. sep .. "bust=" .. tostring(n) .. "-" .. tostring(math.random(1, 1000000000)))
  end
  return wrk.format("GET", path)
end
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
