-- wrk script: durable clicks on the real endpoint, POST /things/{id}/flattr, as many signed-in givers.
-- Arguments after "--": credentials file (one "cookie<TAB>antiforgery token" line per giver), things file (one id per line),
-- the first pair index of this run, the number of wrk threads.
-- Pair p (giver g, thing t): t = p mod T, g = (p + floor(p / T)) mod G. With gcd(T + 1, G) = 1 every p below G * T is a
-- distinct (giver, thing) pair, so no click is a repeat; consecutive requests come from different givers, as in real traffic.
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local givers, things = {}, {}
local step

local function read_lines(path)
  local result = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(result, line) end
  end
  return result
end

function init(args)
  for _, line in ipairs(read_lines(args[1])) do
    local cookie, token = line:match("^([^\t]+)\t(.+)$")
    table.insert(givers, { cookie = cookie, token = token })
  end
  things = read_lines(args[2])
  next_pair = tonumber(args[3]) + index
  step = tonumber(args[4])
  failures = 0
  sample = nil
end

function request()
  local p = next_pair
  next_pair = p + step
  local t = p % #things
  local g = (p + math.floor(p / #things)) % #givers
  local giver = givers[g + 1]
  return wrk.format("POST", "/things/" .. things[t + 1] .. "/flattr", {
    ["Cookie"] = giver.cookie,
    ["X-Flattr-Antiforgery"] = giver.token,
    ["Accept"] = "application/json",
  }, "")
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    if sample == nil then sample = status .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local failed, last = 0, 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    local n = thread:get("next_pair")
    if n > last then last = n end
    local s = thread:get("sample")
    if s then io.write("SAMPLE ", s, "\n") end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d failed=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d next_pair=%d\n",
    summary.requests, summary.duration, failed, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, last))
end
