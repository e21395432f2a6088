-- wrk script for bench/noisy-neighbour.sh: the noisy tenant N floods GET /api/projects/{PROJECT}/board
-- with its own key (KEY) as fast as its connections allow, and counts what it gets back per status
-- (2xx, 429, other) so the report can show N's throughput and how much of it the rate limit refused.
-- DELAY_MS (optional): each connection waits that long after an answer before its next request, so
-- N's rate is about connections x 1000 / (DELAY_MS + latency) instead of as fast as possible.
local key = os.getenv("KEY")
local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
local project = os.getenv("PROJECT")
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  ok, limited, other = 0, 0, 0
  req = wrk.format("GET", "/api/projects/" .. project .. "/board", { ["Authorization"] = "Bearer " .. key })
end

request = function()
  return req
end

if delay_ms and delay_ms > 0 then
  delay = function()
    return delay_ms
  end
end

response = function(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 429 then
    limited = limited + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local o, l, x = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    l = l + t:get("limited")
    x = x + t:get("other")
  end
  io.write(string.format("RESULT rps=%.1f requests=%d ok=%d limited=%d other=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), summary.requests, o, l, x,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
