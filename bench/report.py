#!/usr/bin/env python3
"""Drives wrk against the running server, measures index lag, and writes docs/performance.md.
Called by bench/run; standard library only."""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import time
import urllib.parse
import urllib.request


def wrk(url, duration, connections, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def percentile(p):
        match = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rps, "p50": percentile(50), "p99": percentile(99), "errors": int(non2xx.group(1)) if non2xx else 0}


def request(base, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    for key, value in (headers or {}).items():
        req.add_header(key, value)
    with urllib.request.urlopen(req) as response:
        return response.headers, json.loads(response.read() or b"null")


def index_lag(base, seed, samples=20):
    headers, _ = request(base, "POST", "/api/v1/session", {"email": seed["email"], "password": seed["password"]})
    cookie = {"cookie": headers["set-cookie"].split(";")[0]}
    lags = []
    for n in range(samples):
        word = f"lagmaaling{n}x{int(time.time())}"
        started = time.monotonic()
        request(base, "POST", f"/api/v1/networks/{seed['slug']}/projects",
                {"title": f"Indekseringsforsinkelse {word}", "status": "idea", "visibility": "network"}, cookie)
        while True:
            query = urllib.parse.urlencode({"q": word})
            _, found = request(base, "GET", f"/api/v1/networks/{seed['slug']}/search?{query}", headers=cookie)
            if found["total"] >= 1:
                break
            if time.monotonic() - started > 30:
                raise SystemExit(f"{word} not searchable after 30 s")
            time.sleep(0.005)
        lags.append((time.monotonic() - started) * 1000)
    lags.sort()
    return {"p50": statistics.median(lags), "p95": lags[int(len(lags) * 0.95) - 1], "max": lags[-1]}


def main():
    parser = argparse.ArgumentParser()
    for name in ["base", "seed", "output", "seed-seconds"]:
        parser.add_argument(f"--{name}", required=True)
    for name in ["burst-sqlite", "burst-postgres"]:
        parser.add_argument(f"--{name}", required=False)
    for name in ["duration", "connections", "networks", "projects"]:
        parser.add_argument(f"--{name}", type=int, required=True)
    args = parser.parse_args()
    seed = dict(line.strip().split("=", 1) for line in open(args.seed) if "=" in line)
    base = args.base
    bearer = f"Authorization: Bearer {seed['token']}"
    targets = [
        ("bare poem handler", f"{base}/bench/plain", []),
        ("bare primary-key read (sea-orm)", f"{base}/bench/pk/{seed['project']}", []),
        ("API: GET one project (token)", f"{base}/api/v1/networks/{seed['slug']}/projects/{seed['project']}", [bearer]),
        ("API: project list, 20 per page (token)", f"{base}/api/v1/networks/{seed['slug']}/projects", [bearer]),
        ("web: public meeting page (signed out)", f"{base}/n/{seed['slug']}/meetings/{seed['meeting']}", []),
        ("API: upcoming meetings, 20 per page (token)", f"{base}/api/v1/networks/{seed['slug']}/meetings", [bearer]),
    ]
    results = []
    for name, url, headers in targets:
        print(f"loading {name} …", flush=True)
        results.append((name, url, wrk(url, args.duration, args.connections, headers)))
    print("measuring index lag …", flush=True)
    lag = index_lag(base, seed)

    plain = results[0][2]["rps"]
    pk = results[1][2]["rps"]
    rows = []
    for name, _, r in results:
        rows.append(f"| {name} | {r['rps']:,.0f} | {r['p50']:.2f} ms | {r['p99']:.2f} ms | {r['rps'] / plain:.2f} | {r['rps'] / pk:.2f} | {r['errors']} |")
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    table = "\n".join(rows)

    def burst(path):
        try:
            return dict(line.strip().split("=", 1) for line in open(path) if "=" in line)
        except (OSError, TypeError):
            return None

    burst_rows = []
    for engine, path in [("SQLite", args.burst_sqlite), ("PostgreSQL", args.burst_postgres)]:
        b = burst(path)
        if b:
            burst_rows.append(f"| {engine} | {float(b['seconds']) * 1000:.0f} ms | {b['registered']} | {b['waitlisted']} | {b['errors']} |")
        else:
            burst_rows.append(f"| {engine} | not measured (no server here) | | | |")
    burst_table = "\n".join(burst_rows)
    report = f"""# Performance

Measured by `bench/run` on {datetime.date.today().isoformat()}: a release build with the `bench`
feature, SQLite (WAL, pool of 16), the embedded search index, {args.projects:,} projects in
{args.networks} networks, the server and `wrk -t2 -c{args.connections} -d{args.duration}s` on the
same machine ({os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}). Generating the data and
building the index took {args.seed_seconds} s.

Absolute figures drift between machines and runs; the ratios to the two baselines, measured in
the same run, are what to compare. The baselines are compiled in only with the `bench` feature:
a bare poem handler returning a string, and a bare handler doing one primary-key read through
sea-orm.

| endpoint | requests/s | p50 | p99 | × bare handler | × bare pk read | non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
{table}

The API's project read does more than the bare read on purpose. It issues two statements — the
token by its hash together with its network (its last use is written at most once a minute),
and the project through the tenant scope together with its owner's name — and renders the
Markdown body safely; poem-openapi checks and serialises the answer. The list issues the same
two statements for any page size (see the N+1 test).

The meeting page renders the whole programme (six agenda items, two of them parallel sessions
with their remaining places), the registration form and the organisers. For a signed-in
coordinator the API's meeting read costs 12 statements and the page 18 (the page adds the
session, breakout choices and minutes), the same whatever the programme's length or the number
of registrations (`tests/e2e/meetings_cost.rs`); a signed-out visitor costs fewer. The meetings list is a keyset page over the index
`(tenant_id, starts_at, id)` among the 2,000 meetings seeded in the first network.

## Registration under load

200 members register at the same moment for a meeting with 50 places and a waitlist, each on
its own task through the registration use case (sessions are made beforehand, so password
hashing is not measured). Every registration takes the meeting's lock (a row lock on
PostgreSQL, the write lock on SQLite), counts the places and writes itself, so they run one
after another; the wall time is that queue.

| database | wall time | registered | waitlisted | errors |
| --- | ---: | ---: | ---: | ---: |
{burst_table}

## Index lag

From the API's answer to a project write until the project is found by search (the in-process
worker polls the queue every 250 ms, then indexes and commits), over 20 writes:
p50 {lag['p50']:.0f} ms, p95 {lag['p95']:.0f} ms, max {lag['max']:.0f} ms.

## Reproduce

```sh
bench/run                          # 10 networks, 100k projects, 10 s per endpoint
PROJECTS=20000 DURATION=5 bench/run
```
"""
    # bench/search writes its own "## Search" section; keep it.
    if os.path.exists(args.output):
        kept = re.search(r"^## Search\n.*?(?=^## |\Z)", open(args.output).read(), re.M | re.S)
        if kept:
            report = report.rstrip("\n") + "\n\n" + kept.group(0).rstrip("\n") + "\n"
    with open(args.output, "w") as out:
        out.write(report)
    print(report)


if __name__ == "__main__":
    main()
