-- Drives one benchmark scenario for bench/run. Settings come from the environment:
-- BENCH_METHOD (GET), BENCH_BODY (a url-encoded form), BENCH_COOKIE (Cookie header)
-- and BENCH_STATUS (the status every response must have, 200).
-- Prints one machine-readable line: "bench: key=value ...".

local expected = tonumber(os.getenv("BENCH_STATUS") or "200")
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrong = 0
end

function response(status, headers, body)
  if status ~= expected then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local wrong_total = 0
  for _, thread in ipairs(threads) do
    wrong_total = wrong_total + thread:get("wrong")
  end
  local e = summary.errors
  io.write(string.format(
    "bench: requests=%d wrong_status=%d socket_errors=%d p50_us=%d p99_us=%d rps=%.1f\n",
    summary.requests, wrong_total, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99),
    summary.requests / (summary.duration / 1e6)))
end
