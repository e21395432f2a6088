#!/usr/bin/env python3
"""The suite's report: one table on stdout and in PREFIX.md, every figure in PREFIX.json, and
PREFIX.html (self-contained: inline SVG bar charts, no scripts).

    suite-report.py META.json RUNS.jsonl PREFIX

META holds what suite.sh measured outside the driver (B1, startup, seed, rebuild, lag, heap, cache
counters, driver validation); RUNS one JSON line per driver run. Targets are printed next to each
figure, never asserted: PASS/MISS, or n/a when a figure or its baseline is missing.
"""
import html
import json
import math
import statistics
import sys

meta_path, runs_path, prefix = sys.argv[1:4]
meta = json.load(open(meta_path))
runs = [json.loads(line) for line in open(runs_path) if line.strip()]
by_label = {r["label"]: r for r in runs}


def run(label, field="rps"):
    r = by_label.get(label)
    return None if r is None else r.get(field)


def num(v, digits=None):
    if v is None:
        return "n/a"
    if isinstance(v, str):
        return v
    if digits is None:
        digits = 0 if abs(v) >= 100 else 1 if abs(v) >= 10 else 2 if abs(v) >= 0.1 else 3
    return f"{v:,.{digits}f}"


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


targets = []


def target(name, figure, baseline, r, goal, ok, unit=""):
    verdict = "n/a" if ok is None else "PASS" if ok else "MISS"
    targets.append({"target": name, "figure": figure, "baseline": baseline, "ratio": r, "goal": goal,
                    "verdict": verdict, "unit": unit})


clients = sorted({r["clients"] for r in runs if r["label"].startswith("commands-")})
b1 = meta.get("b1_tps", {})

# 1. Command path against B1 (and B3 create: what CQRS costs on writes).
for c in clients:
    fig, base = run(f"commands-{c}"), b1.get(str(c))
    r = ratio(fig, base)
    target(f"command path rps vs B1 pgbench INSERT, {c} clients", fig, base, r, ">= 0.40 x B1",
           None if r is None else r >= 0.40, "req/s")
for c in clients:
    fig, base = run(f"commands-{c}"), run(f"b3-create-{c}")
    target(f"command path rps vs B3 plain-CRUD create, {c} clients (reference)", fig, base, ratio(fig, base),
           "reference", None, "req/s")
# B1 again at the end (server stopped): the machine's speed drifts within a run, and every ratio
# above is to the first B1.
b1_end = meta.get("b1_tps_end", {})
for c in clients if b1_end else []:
    fig, base = b1_end.get(str(c)), b1.get(str(c))
    target(f"B1 at the end of the run (server stopped) vs B1 at its start, {c} clients: how the machine's speed moved",
           fig, base, ratio(fig, base), "context", None, "tps")

# 2. Projection lag at half load: half the maximum end-to-end create-task rate.
lag = meta.get("lag") or {}
if lag.get("max_end_to_end_rps") is not None:
    target(f"maximum create-task rate end to end (accepted {num(lag.get('max_accepted_rps'))} req/s, "
           f"read models caught up {lag.get('max_catchup_s')} s after the window); the lag runs at half of it",
           lag["max_end_to_end_rps"], None, None, "reference", None, "tasks/s")
for p in lag.get("by_projector", []):
    target(f"projection lag p50, {p['projector']} ({p['events']} events at {lag.get('rate')} req/s, "
           f"commit to commit{'' if p.get('measure', 'stamp') == 'commit' else ': not available, stamps'}; "
           f"stamps {num(p.get('stamp_p50_ms', p['p50_ms']))} / {num(p.get('stamp_p99_ms', p['p99_ms']))})",
           p["p50_ms"], None, None, "<= 10 ms", p["p50_ms"] is not None and p["p50_ms"] <= 10, "ms")
    target(f"projection lag p99, {p['projector']}", p["p99_ms"], None, None, "<= 50 ms",
           p["p99_ms"] is not None and p["p99_ms"] <= 50, "ms")
whole = lag.get("by_projector_with_warmup")
if whole:
    target(f"projection lag p50 / p99 with the open loop's first {lag.get('warmup_s')} s (its warm-up) counted: "
           + "; ".join(f"{p['projector']} {num(p['p50_ms'])} / {num(p['p99_ms'])}" for p in whole[:-1]) + f"; {whole[-1]['projector']}",
           f"{num(whole[-1]['p50_ms'])} / {num(whole[-1]['p99_ms'])}", None, None, "context", None, "ms")
jit = lag.get("jit")
if jit:
    target(f"JIT compilers during the lag window ({jit['queued_at_start']} methods queued at its start)",
           jit["cores"], None, None, "context", None, "cores")
jit_c = meta.get("jit_commands")
if jit_c:
    target(f"JIT compilers during the command path ({jit_c['queued_at_start']} methods queued at its start)",
           jit_c["cores"], None, None, "context", None, "cores")
probe = lag.get("api_probe")
if probe:
    target(f"lag seen through the API (create, then poll the task; {probe['samples']} probes) p50 / p99",
           f"{num(probe['p50_ms'])} / {num(probe['p99_ms'])}", None, None, "cross-check", None, "ms")

# 3. Queries: board against B2 and B3.
top = max(clients) if clients else 64
for c in sorted({r["clients"] for r in runs if r["label"].startswith("board-")}):
    fig, base = run(f"board-{c}"), run(f"b2-ping-{c}")
    r = ratio(fig, base)
    goal_ok = None if r is None else r >= 0.60
    target(f"board rps vs B2 trivial GET, {c} clients", fig, base, r, ">= 0.60 x B2" if c == top else "reference",
           goal_ok if c == top else None, "req/s")
p99 = run(f"board-{top}", "p99_ms")
target(f"board p99, {top} clients", p99, None, None, "<= 10 ms", None if p99 is None else p99 <= 10, "ms")
tasks = meta.get("sizes", {}).get("tasks", 0)
for c in sorted({r["clients"] for r in runs if r["label"].startswith("b3-board-")}) or [top]:
    fig, base = run(f"board-{c}"), run(f"b3-board-{c}")
    r = ratio(fig, base)
    at = "at 1M tasks" if tasks >= 1_000_000 else f"at {tasks:,} tasks (target is set for 1M)"
    target(f"board (read model) rps vs B3 join board, {c} clients, {at}", fig, base, r, ">= 10 x B3",
           None if r is None or c != top else r >= 10, "req/s")

# The read model itself, without the server's cache, against the same join.
fig, base = run(f"board-{top}-uncached"), run(f"b3-board-{top}")
r = ratio(fig, base)
target(f"board uncached (read model, Cache-Control: no-cache) rps vs B3 join board, {top} clients", fig, base, r,
       ">= 10 x B3", None if r is None else r >= 10, "req/s")

# Cache: hit ratio over the cached run, speed-up against the uncached one, conditional GETs.
def delta(key):
    d = meta.get(key) or {}
    before, after = d.get("before"), d.get("after")
    if not before or not after:
        return None
    return {k: after.get(k, 0) - before.get(k, 0) for k in ("hits", "misses", "stores", "notModified")}


cached = delta(f"cache_board_{top}")
hit_ratio = None if not cached or cached["hits"] + cached["misses"] == 0 else cached["hits"] / (cached["hits"] + cached["misses"])
target(f"query cache hit ratio, board at {top} clients", hit_ratio, None, None, "reported", None)
fig, base = run(f"board-{top}"), run(f"board-{top}-uncached")
target(f"board cached vs uncached (Cache-Control: no-cache) rps, {top} clients: the speed-up", fig, base, ratio(fig, base),
       "reported", None, "req/s")
cond = by_label.get(f"board-{top}-conditional")
if cond:
    n304 = cond["status"].get("304", 0)
    target(f"board conditional (If-None-Match) rps, {top} clients; 304 share {100 * n304 / max(1, cond['requests']):.1f} %",
           cond["rps"], fig, ratio(cond["rps"], fig), "reported", None, "req/s")

# 4. Rebuild.
rb = meta.get("rebuild_task_board") or {}
eps = rb.get("eventsPerSecond")
target(f"rebuild of task-board, {num(rb.get('done'))} events (server's rate; wall clock {num(rb.get('wall_events_per_s'))} events/s)",
       eps, None, None, ">= 50,000 events/s", None if eps is None else eps >= 50000, "events/s")
first = meta.get("rebuild_task_board_first")
if first:
    target("rebuild of task-board, the first after the start (its warm-up; it fills the read model the bulk seed left empty)",
           first.get("eventsPerSecond"), None, None, "context", None, "events/s")

# 5. Startup, heap, OOM.
starts = meta.get("startup_s") or []
median = statistics.median(starts) if starts else None
target(f"start to readiness UP, Tandem alone (median of {len(starts)}: {', '.join(num(s) for s in starts)})", median, None, None,
       "<= 15 s", None if median is None else median <= 15, "s")
if meta.get("startup_with_baseline_s") is not None:
    target("start to readiness UP with the baselines' WAR deployed too (the bench profile's server)",
           meta["startup_with_baseline_s"], None, None, "context", None, "s")
heap = meta.get("heap") or {}
target(f"heap used after the workloads (live after a full GC {num(heap.get('live_after_gc_mb'))} MB)",
       heap.get("used_mb"), None, None, "reported", None, "MB")
target(f"whole suite with {heap.get('xmx', '?')} without OutOfMemoryError ({heap.get('oom_in_log', '?')} in the log)",
       heap.get("xmx"), None, None, "-Xmx512m, 0 OOM",
       heap.get("xmx") == "-Xmx512m" and heap.get("oom_in_log") == 0, "")

# The driver against wrk on the same URL and concurrency.
for name, v in (meta.get("driver_validation") or {}).items():
    what = "/baseline/ping" + ("" if meta.get("baseline_deployed") else ", a 404 until B2 exists") if name == "ping" else "one project's board"
    target(f"driver vs wrk, {what}, 16 connections, median of {len(v.get('wrk_rounds', [1]))} alternating rounds", v["driver_rps"], v["wrk_rps"], v["ratio"], "0.85 - 1.15",
           0.85 <= v["ratio"] <= 1.15, "req/s")

# ---- rendering ----
cols = ["run", "clients", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "status", "errors",
        "server cores", "pg cores", "driver cores"]
rows = []
for r in runs:
    rows.append([r["label"], str(r["clients"]) + (f" @{num(r['target_rate'])}/s" if r.get("target_rate") else ""),
                 num(r["rps"]), num(r["p50_ms"]), num(r["p90_ms"]), num(r["p99_ms"]), num(r["p999_ms"]), num(r["max_ms"]),
                 " ".join(f"{k}:{v}" for k, v in r["status"].items()), str(r["errors"]),
                 num(r.get("server_cores")), num(r.get("postgres_cores")), num(r.get("driver_cores"))])
trows = [[t["target"], num(t["figure"]) + (f" {t['unit']}" if t["unit"] and t["figure"] is not None else ""),
          num(t["baseline"]), num(t["ratio"], 3) if isinstance(t["ratio"], float) else num(t["ratio"]), t["goal"], t["verdict"]]
         for t in targets]


def md_table(header, body):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in body]
    return "\n".join(out)


def settling_text(w, what):
    settled = w["jit_cores_per_round"] and w["jit_cores_per_round"][-1] < w["settled_below_cores"]
    return (f"{w['seconds']} s of {what}, "
            + ("until" if settled else f"stopped at its {w['limit_s']} s limit before")
            + f" the JIT compiled on fewer than {w['settled_below_cores']} cores over a round; "
            f"JIT cores per round: {', '.join(num(c) for c in w['jit_cores_per_round'])}")


def warmup_text():
    w = meta.get("command_warmup")
    if not w:  # runs before 2026-12-04: a fixed warm-up
        return f"and {dur.get('command_warmup_s')} s of the command mix before the command path and the lag"
    q = meta.get("query_warmup")
    queries = (settling_text(q, "the queries before the driver's validation and the queries") + "; ") if q else ""
    return "and " + queries + settling_text(w, "the command mix before the command path and the lag")


def seed_ids_text():
    ids = meta.get("seed_ids")
    if ids is None:
        return "random ids (runs before the seed's ids were recorded)"
    return "time-ordered ids (v7)" if ids == "v7" else "random ids (v4)"


sizes = meta.get("sizes", {})
dur = meta.get("durations", {})
head = [
    f"# Tandem benchmark suite, {meta.get('stamp')} (scale {meta.get('scale')}, {meta.get('git')})",
    "",
    f"- machine: {meta.get('machine')}; {meta.get('jdk')}; {meta.get('postgres')}",
    f"- load average before / after: {meta.get('load_before')} / {meta.get('load_after')}",
    f"- seed: {sizes.get('tenants')} tenants, {sizes.get('projects')} projects, {sizes.get('tasks'):,} tasks "
    f"(bulk insert {meta.get('seed_bulk_s')} s, {seed_ids_text()}; check: {json.dumps(meta.get('seed_check'))})",
    f"- windows: commands {dur.get('command_s')} s, queries {dur.get('query_s')} s, warm-up {dur.get('warmup_s')} s per run "
    f"({warmup_text()}), "
    f"lag {dur.get('lag_s')} s; B2/B3 deployed: {meta.get('baseline_deployed')}",
    f"- B1 pgbench single-row INSERT tps: {', '.join(f'{k} clients {num(v)}' for k, v in b1.items())}"
    + (f"; at the end, with the server stopped: {', '.join(f'{k} clients {num(v)}' for k, v in b1_end.items())}"
       if b1_end else ""),
    f"- build and first start {meta.get('build_and_start_s')} s; command-path catch-up {meta.get('commands_catchup_s')} s; "
    f"whole suite {meta.get('total_s')} s",
]
notes = "Latencies from HdrHistogram in the driver (closed loop: service time; open loop `lag-create`: from each request's " \
    "intended send time). Cores: CPU used over the run (warm-up included) divided by its wall time.\n" \
    "Projection lag: from the command's commit to the commit of the projector transaction that wrote the event's " \
    "checkpoint and read-model rows, per projector, for the window's TaskCreated events, from PostgreSQL's commit " \
    "timestamps (`pg_xact_commit_timestamp(xmin)`; where they were off, the stamps below, and `measure` says so). " \
    "The older stamps measure, `projection_checkpoint.updated_at - event_log.occurred_at`, is in the JSON as stamp_*: " \
    "occurred_at is taken before the command's INSERT and commit, updated_at when the projector claims the event, before " \
    "it applies the rows and commits. The API probe is the lag a client sees: from the create's answer to the first 200 of GET /api/tasks/{id}.\n"
md = "\n".join(head) + "\n\n## Targets\n\n" + md_table(["target", "figure", "baseline", "ratio", "goal", "verdict"], trows) \
    + "\n\n## Runs\n\n" + md_table(cols, rows) + "\n\n" + notes
open(prefix + ".md", "w").write(md)
json.dump({"meta": meta, "targets": targets, "runs": runs}, open(prefix + ".json", "w"), indent=1)


def text_table(header, body):
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths))
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in body])


print("\n".join(head))
print()
print(text_table(["target", "figure", "baseline", "ratio", "goal", "verdict"], trows))
print()
print(text_table(cols, rows))


# ---- HTML with inline SVG ----
def bars(title, items, log=False, unit=""):
    """Horizontal bars: items = [(label, [(series, value, colour)])]."""
    values = [v for _, series in items for _, v, _ in series if v]
    if not values:
        return ""
    top_v = max(values)
    lo = min(values)
    row_h, label_w, width = 16, 230, 520
    n_rows = sum(len(s) for _, s in items)
    h = 30 + n_rows * row_h + len(items) * 6
    scale = (lambda v: width * (math.log10(max(v, lo / 2) / (lo / 2)) / math.log10(top_v / (lo / 2)))) if log \
        else (lambda v: width * v / top_v)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + width + 90}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<text x="0" y="14" font-weight="bold" font-size="13">{html.escape(title)}</text>']
    y = 26
    for label, series in items:
        out.append(f'<text x="{label_w - 6}" y="{y + 11}" text-anchor="end">{html.escape(label)}</text>')
        for name, v, colour in series:
            if v is not None:
                w = max(1, scale(v))
                out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{row_h - 3}" fill="{colour}"><title>{html.escape(label)} {name}: {num(v)}{unit}</title></rect>')
                out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 11}">{name} {num(v)}{unit}</text>')
            y += row_h
        y += 6
    out.append("</svg>")
    return "\n".join(out)


def colour(label):
    return "#999" if label.startswith(("b2-", "b3-", "validate")) else "#3366cc"


rps_items = [(r["label"], [("", r["rps"], colour(r["label"]))]) for r in runs]
b1_items = [(f"B1 pgbench INSERT {k}", [("", v, "#999")]) for k, v in b1.items()]
lat_items = [(r["label"], [("p50", r["p50_ms"], "#88aadd"), ("p99", r["p99_ms"], "#3366cc"), ("p99.9", r["p999_ms"], "#112266")])
             for r in runs]
lag_items = [(p["projector"], [("p50", p["p50_ms"], "#88aadd"), ("p99", p["p99_ms"], "#3366cc"), ("max", p["max_ms"], "#112266")])
             for p in lag.get("by_projector", [])]


def html_table(header, body):
    return "<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>" + "".join(
        "<tr>" + "".join(f'<td class="{c.lower() if c in ("PASS", "MISS") else ""}">{html.escape(c)}</td>' for c in row) + "</tr>"
        for row in body) + "</table>"


page = f"""<!doctype html><html><head><meta charset="utf-8"><title>Tandem suite {html.escape(str(meta.get('stamp')))}</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:1200px}} table{{border-collapse:collapse;font-size:12px;margin:1em 0}}
td,th{{border:1px solid #ccc;padding:2px 6px;text-align:left}} td.pass{{background:#dfd}} td.miss{{background:#fdd}}
svg{{display:block;margin:1.5em 0}}</style></head><body>
<h1>Tandem benchmark suite</h1>
<ul>{''.join(f'<li>{html.escape(line[2:])}</li>' for line in head[2:])}</ul>
<h2>Targets</h2>{html_table(["target", "figure", "baseline", "ratio", "goal", "verdict"], trows)}
{bars("Throughput, requests/s (grey: baselines and validation)", b1_items + rps_items, unit="/s")}
{bars("Latency percentiles, ms (log scale)", lat_items, log=True, unit=" ms")}
{bars("Projection lag at half load, ms (log scale)", lag_items, log=True, unit=" ms")}
<h2>Runs</h2>{html_table(cols, rows)}
<p>{html.escape(notes)}</p>
</body></html>"""
open(prefix + ".html", "w").write(page)
