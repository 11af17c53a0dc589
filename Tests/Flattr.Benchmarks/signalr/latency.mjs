// Click-to-dashboard latency through SignalR, measured with the official JavaScript client under Node.
//
//   node latency.mjs config.json
//
// 1. Opens one hub connection per dashboard (WebSockets, the creator's session cookie), each joining its creator's live
//    ticker (WatchCreator), then prints "connected N" and waits for "go" on stdin (the caller samples the server's memory).
// 2. Sends clicks on a fixed schedule (open loop: click i is due at t0 + i / rate, whatever the answers do), each a real
//    POST /things/{id}/flattr as a signed-in giver, rotating over the creators' live things and the givers so that every
//    (giver, thing) pair is new.
// 3. Every "flattrs" push is matched to its click by (thing, giver). Latency = arrival - the click's due time, both from
//    performance.now() in this one process. The warm-up clicks are discarded; after the last click it waits drainSeconds,
//    then a successful click whose push never came is lost.
// 4. Writes the result JSON to config.resultFile, closes every connection and exits. It exits by itself after
//    config.limitSeconds in any case.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl.replace(/\/$/, "");
setTimeout(() => { console.error("time limit reached"); process.exit(2); }, config.limitSeconds * 1000).unref();

const clicks = []; // { key, due, httpMs, status, arrivedMs }
const byKey = new Map();
let unexpected = 0;

function onBatch(batch) {
  const now = performance.now();
  for (const item of batch) {
    if (item.kind !== "flattr") { continue; }
    const click = byKey.get(item.thingId + "|" + item.giverUsername);
    if (!click) { unexpected++; continue; }
    if (click.arrivedMs === undefined) { click.arrivedMs = now - click.due; }
  }
}

async function connect(dashboard) {
  const connection = new HubConnectionBuilder()
    .withUrl(base + "/live", {
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
      headers: { Cookie: dashboard.cookie },
    })
    .configureLogging(LogLevel.Error)
    .build();
  connection.on("flattrs", onBatch);
  await connection.start();
  await connection.invoke("WatchCreator", dashboard.creatorId);
  return connection;
}

const connections = [];
for (let i = 0; i < config.dashboards.length; i += 50) {
  connections.push(...await Promise.all(config.dashboards.slice(i, i + 50).map(connect)));
}
console.log("connected " + connections.length);

await new Promise(resolve => {
  const lines = createInterface({ input: process.stdin });
  lines.on("line", line => { if (line.trim() === "go") { lines.close(); resolve(); } });
});

const things = config.things;
const givers = config.givers;
const interval = 1000 / config.rate;
const total = Math.round(config.rate * (config.warmUpSeconds + config.measureSeconds));
const warmUp = Math.round(config.rate * config.warmUpSeconds);
let failureSample = null;
let maxLagMs = 0;
let inFlight = 0;

function send(i, t0) {
  // Pair i: thing i mod T, giver (i + floor(i / T)) mod G, distinct for every i < G * T when gcd(T + 1, G) = 1.
  const thing = things[i % things.length];
  const giver = givers[(i + Math.floor(i / things.length)) % givers.length];
  const click = { key: thing.thingId + "|" + giver.username, due: t0 + i * interval, httpMs: undefined, status: 0, arrivedMs: undefined };
  clicks.push(click);
  byKey.set(click.key, click);
  maxLagMs = Math.max(maxLagMs, performance.now() - click.due);
  inFlight++;
  fetch(base + "/things/" + thing.thingId + "/flattr", {
    method: "POST",
    headers: { "Cookie": giver.cookie, "X-Flattr-Antiforgery": giver.token, "Accept": "application/json" },
  }).then(async response => {
    const body = await response.text();
    click.httpMs = performance.now() - click.due;
    click.status = response.status;
    if (response.status !== 200 && failureSample === null) { failureSample = response.status + " " + body.slice(0, 200); }
  }).catch(error => {
    click.status = -1;
    if (failureSample === null) { failureSample = String(error); }
  }).finally(() => { inFlight--; });
}

await new Promise(resolve => {
  const t0 = performance.now() + 50;
  let next = 0;
  function tick() {
    const now = performance.now();
    while (next < total && t0 + next * interval <= now) { send(next, t0); next++; }
    if (next < total) {
      setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    } else {
      resolve();
    }
  }
  tick();
});

const drainUntil = performance.now() + config.drainSeconds * 1000;
while (performance.now() < drainUntil) {
  await new Promise(resolve => setTimeout(resolve, 50));
}

function percentiles(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const at = f => sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(f * sorted.length) - 1))];
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : null };
}

const measured = clicks.slice(warmUp);
const ok = measured.filter(c => c.status === 200);
const arrived = ok.filter(c => c.arrivedMs !== undefined);
const result = {
  dashboards: connections.length,
  clicks: clicks.length,
  measured: measured.length,
  ok: ok.length,
  httpFailed: measured.length - ok.length,
  unanswered: inFlight,
  failureSample,
  lost: ok.length - arrived.length,
  unexpected,
  maxLagMs,
  push: percentiles(arrived.map(c => c.arrivedMs)),
  http: percentiles(ok.map(c => c.httpMs)),
};
writeFileSync(config.resultFile, JSON.stringify(result, null, 2));
console.log("done " + JSON.stringify({ ok: result.ok, lost: result.lost, p99: result.push.p99 }));
await Promise.all(connections.map(c => c.stop().catch(() => {})));
process.exit(0);
