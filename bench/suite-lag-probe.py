#!/usr/bin/env python3
"""Cross-check of the projection lag through the API, run by suite.sh beside the lag load.

    suite-lag-probe.py BASE API_KEY PROJECT_ID SECONDS

One probe at a time, five a second: create a task, then poll GET /api/tasks/{id} (served from the
task_board read model) every 2 ms until it answers 200. The figure is the time from the create's
answer (after its commit) to the first 200, so it is the lag a client sees, plus up to one poll
interval and a round trip. Prints JSON: samples, p50/p99/max in ms (nearest rank).
"""
import http.client
import json
import sys
import time
import urllib.parse

base, key, project, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
url = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json", "Accept": "application/json"}


def call(method, path, body=None):
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    return r.status, r.read()


lags = []
timeouts = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    status, body = call("POST", f"/api/projects/{project}/tasks", json.dumps({"title": "lag probe"}))
    acked = time.monotonic()
    if status != 201:
        time.sleep(0.2)
        continue
    task = json.loads(body)["id"]
    while True:
        status, _ = call("GET", f"/api/tasks/{task}")
        now = time.monotonic()
        if status == 200:
            lags.append((now - acked) * 1000)
            break
        if now - acked > 10:
            timeouts += 1
            break
        time.sleep(0.002)
    time.sleep(max(0.0, 0.2 - (time.monotonic() - acked)))


def rank(p):
    s = sorted(lags)
    return round(s[max(0, -(-len(s) * p // 100) - 1)], 1) if s else None


print(json.dumps({"samples": len(lags), "timeouts": timeouts, "p50_ms": rank(50), "p99_ms": rank(99),
                  "max_ms": round(max(lags), 1) if lags else None}))
