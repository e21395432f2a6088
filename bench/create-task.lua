-- wrk script: POST /api/projects/{PROJECT}/tasks as the tenant whose key is in KEY.
-- Counts non-2xx answers so the report can show errors next to throughput.
local key = os.getenv("KEY")
local project = os.getenv("PROJECT")
local n = 0
local errors = 0

request = function()
  n = n + 1
  return wrk.format("POST", "/api/projects/" .. project .. "/tasks",
    { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" },
    '{"title":"bench task ' .. n .. '"}')
end

response = function(status, headers, body)
  if status ~= 201 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
