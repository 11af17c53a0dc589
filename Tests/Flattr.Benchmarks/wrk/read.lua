-- wrk script: GETs that rotate over many things, e.g. "/things/{id}/button.svg".
-- Arguments after "--": things file (one id per line), path template with "{id}" (a template without it is fetched as is).
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local paths = {}
local position = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, (string.gsub(args[2], "{id}", line))) end
  end
  position = index * 7919
  failures = 0
  sample = nil
end

function request()
  position = position + 1
  return wrk.format("GET", paths[(position % #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    if sample == nil then sample = status .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    local s = thread:get("sample")
    if s then io.write("SAMPLE ", s, "\n") end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d failed=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d next_pair=0\n",
    summary.requests, summary.duration, failed, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
