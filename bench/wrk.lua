-- Drives one benchmark scenario for bench/run. Settings come from the environment:
-- BENCH_METHOD (GET), BENCH_BODY (a url-encoded form), BENCH_COOKIE (Cookie header)
-- and BENCH_STATUS (the status every response must have, 200); BENCH_CSRF (an
-- X-CSRF-Token header), BENCH_CONTENT_TYPE (of the body). BENCH_ROLLS
-- ("path|id,id,...;...") with BENCH_ROLL_DATE makes every request save a whole roll,
-- taking the rolls in turn with a random mark for every student (most change each time).
-- Prints one machine-readable line: "bench: key=value ...".

local expected = tonumber(os.getenv("BENCH_STATUS") or "200")
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
local content_type = os.getenv("BENCH_CONTENT_TYPE") or ""
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = content_type ~= "" and content_type or "application/x-www-form-urlencoded"
end
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
local csrf = os.getenv("BENCH_CSRF") or ""
if csrf ~= "" then
  wrk.headers["X-CSRF-Token"] = csrf
end

local rolls = {}
for entry in string.gmatch(os.getenv("BENCH_ROLLS") or "", "[^;]+") do
  local path, ids = string.match(entry, "([^|]+)|(.*)")
  local students = {}
  for id in string.gmatch(ids, "[^,]+") do
    table.insert(students, id)
  end
  table.insert(rolls, { path = path, students = students })
end
local roll_date = os.getenv("BENCH_ROLL_DATE") or ""
local statuses = { "present", "absent", "late", "excused" }
local saves = 0

if #rolls > 0 then
  function request()
    saves = saves + 1
    -- The two wrk threads take alternate rolls, so no two saves wait on one roll.
    local roll = rolls[((saves * 2 + (thread_number or 0)) % #rolls) + 1]
    local marks = {}
    for i, id in ipairs(roll.students) do
      local status = statuses[math.random(4)]
      marks[i] = string.format(
        '{"id":"s%d-%d","student_id":"%s","status":"%s","minutes_late":%s,"remarks":"","marked_at":0}',
        saves, i, id, status, status == "late" and "5" or "null")
    end
    local save = string.format('{"date":"%s","sent_at":0,"marks":[%s]}', roll_date, table.concat(marks, ","))
    return wrk.format("POST", roll.path, nil, save)
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (thread_number or 0))
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
