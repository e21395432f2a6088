#!/usr/bin/env python3
"""The API part of the suite's seed: tenants and projects through the public API.

    suite-seed.py BASE OPERATOR_KEY TENANTS PROJECTS OUT.tsv

Signs up TENANTS tenants (each answer carries the tenant's API key), moves each to the enterprise
plan with the operator key (the suite raises that plan's limit so it never binds), and creates
PROJECTS projects spread evenly over them, so the write model, the event log and the read models
of tenants and projects are exactly what the product makes. Writes one line per project:
project <tenantId> <apiKey> <projectId> <apiKeyId>. Tasks are seeded in bulk by suite.sh.
"""
import http.client
import json
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

base, operator_key, tenants, projects, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
url = urllib.parse.urlsplit(base)
local = threading.local()


def call(method, path, body=None, key=None, expect=(200, 201)):
    """One request on this thread's keep-alive connection; reconnects once if the server closed it."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if key:
        headers["Authorization"] = "Bearer " + key
    data = json.dumps(body) if body is not None else None
    for attempt in (1, 2):
        if getattr(local, "conn", None) is None:
            local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            local.conn.request(method, path, body=data, headers=headers)
            response = local.conn.getresponse()
            text = response.read().decode()
            break
        except (http.client.HTTPException, ConnectionError):
            local.conn.close()
            local.conn = None
            if attempt == 2:
                raise
    if response.status not in expect:
        raise SystemExit(f"{method} {path}: {response.status} {text}")
    return json.loads(text) if text else None


def sign_up(i):
    s = call("POST", "/api/tenants", {"name": f"Bench tenant {i}", "adminEmail": f"bench{i}@example.test"})
    call("PUT", f"/api/admin/tenants/{s['tenantId']}/plan", {"plan": "enterprise"}, key=operator_key)
    return s


def create_project(i):
    t = signed[i % tenants]
    key = f"B{i:05d}"
    p = call("POST", "/api/projects", {"name": f"Bench project {i}", "key": key}, key=t["apiKey"])
    return t, p["id"]


with ThreadPoolExecutor(4) as pool:
    signed = list(pool.map(sign_up, range(tenants)))
    created = list(pool.map(create_project, range(projects)))

with open(out, "w") as f:
    for t, project_id in created:
        f.write(f"project\t{t['tenantId']}\t{t['apiKey']}\t{project_id}\t{t['apiKeyId']}\n")
print(f"{tenants} tenants, {projects} projects")
