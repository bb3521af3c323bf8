-- One aid item per three requests: submit (clerk) -> decide (reviewer) -> pay (finance).
-- Run with as many connections as threads (-t N -c N): each thread walks its own flow.
-- Workers from $WORKERS_FILE; tokens $CLERK_TOKEN, $REVIEWER_TOKEN, $FINANCE_TOKEN; year $YEAR.
local workers = {}
for line in io.lines(os.getenv("WORKERS_FILE")) do workers[#workers + 1] = line end
local clerk = "Bearer " .. os.getenv("CLERK_TOKEN")
local reviewer = "Bearer " .. os.getenv("REVIEWER_TOKEN")
local finance = "Bearer " .. os.getenv("FINANCE_TOKEN")
local year = os.getenv("YEAR")
step, app, flows, failed = 1, nil, 0, 0  -- globals: done() reads them with thread:get
math.randomseed(os.time() + math.floor(os.clock() * 1e6))

local function hdr(tok)
  return { ["Content-Type"] = "application/json", ["Accept"] = "application/json", ["Authorization"] = tok }
end

function request()
  if step == 1 then
    local w = workers[math.random(#workers)]
    return wrk.format("POST", "/api/v1/applications", hdr(clerk),
      '{"projectCode":"LIVING_RELIEF","workerId":' .. w .. ',"year":' .. year .. ',"requestedAmount":"1.00"}')
  elseif step == 2 then
    return wrk.format("POST", "/api/v1/applications/" .. app .. "/decision", hdr(reviewer),
      '{"approve":true,"amount":"1.00"}')
  else
    return wrk.format("POST", "/api/v1/payouts", hdr(finance),
      '{"applicationId":' .. app .. ',"channel":"BANK_TRANSFER","reference":"bench-' .. app .. '"}')
  end
end

function response(status, headers, body)
  if step == 1 and status == 201 then
    app = string.match(body, '"id"%s*:%s*(%d+)')
    step = 2
  elseif step == 2 and status == 200 then
    step = 3
  elseif step == 3 and status == 201 then
    flows = flows + 1
    step = 1
  else
    failed = failed + 1
    if failed <= 3 then io.stderr:write("flow step " .. step .. " got " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n") end
    step = 1
  end
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function done(summary, latency, requests)
  local f, x = 0, 0
  for _, t in ipairs(threads) do f = f + t:get("flows"); x = x + t:get("failed") end
  local s = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "flows": %d, "flowsPerSecond": %.1f, "failedSteps": %d, ' ..
    '"p50": %.3f, "p99": %.3f, "errors": %d, "non2xx": %d}\n',
    summary.requests, s, summary.requests / s, f, f / s, x, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status))
end
