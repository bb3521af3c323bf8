-- Included by every wrk script: one JSON line with throughput, latency (ms) and errors.
function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50": %.3f, "p90": %.3f, "p99": %.3f, "max": %.3f, ' ..
    '"errors": %d, "non2xx": %d}\n',
    summary.requests, s, summary.requests / s, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
