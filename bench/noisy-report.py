#!/usr/bin/env python3
"""Helpers of bench/noisy-neighbour.sh.

    noisy-report.py RUNS_TSV JSON_OUT MD_OUT
        Summarises the runs: prints one table and writes the JSON and markdown result files.
    noisy-report.py cpu SNAP0 SNAP1 START END SERVER_PID FLOOD_PID Q_TIME_FILE HZ
        Where the CPU went during one measurement window, in cores (tab-separated):
        server, postgres, flood (N's wrk), q (Q's hey), other (everything else on the machine,
        e.g. other people's builds), busy (share of all cores busy).

RUNS_TSV has one line per (phase, repetition), tab-separated, with a header line:
    phase rep order q_csv q_seconds n_result server_cores postgres_cores flood_cores q_cores other_cores busy
q_csv is hey's CSV of the quiet tenant Q (one row per answered request: response time in seconds,
status code in column 7); n_result the RESULT line of bench/noisy-flood.lua (empty for the
baseline). The machine's description and the parameters come from the environment (NOISY_*), set
by the script.
"""
import csv
import json
import os
import statistics
import sys

TARGET = 1.20
PHASES = [
    ("baseline", "Q alone"),
    ("flood-limited", "Q + N flood, N on trial (rate limited)"),
    ("flood-unlimited", "Q + N flood, N on enterprise (limit does not bind)"),
]


def percentile(sorted_values, p):
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def q_figures(path, seconds):
    times, errors = [], 0
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows, None)
        for row in rows:
            if len(row) < 7:
                continue
            times.append(float(row[0]) * 1000)
            if row[6] != "200":
                errors += 1
    times.sort()
    return {
        "requests": len(times),
        "rps": len(times) / seconds if seconds else 0,
        "errors": errors,
        "p50_ms": percentile(times, 50),
        "p99_ms": percentile(times, 99),
        "p999_ms": percentile(times, 99.9),
        "max_ms": times[-1] if times else float("nan"),
    }


def n_figures(line):
    if not line.strip():
        return None
    fields = dict(kv.split("=", 1) for kv in line.split()[1:])
    requests = int(fields["requests"])
    return {
        "rps": float(fields["rps"]),
        "requests": requests,
        "ok": int(fields["ok"]),
        "limited": int(fields["limited"]),
        "other": int(fields["other"]) + int(fields["socket_errors"]),
        "share_429": int(fields["limited"]) / requests if requests else 0.0,
        "p50_ms": float(fields["p50_ms"]),
        "p99_ms": float(fields["p99_ms"]),
    }


def read_snapshot(path):
    machine, procs = None, {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts[0] == "cpu":
                machine = (int(parts[1]), int(parts[2]))
            elif len(parts) == 3:
                procs[parts[0]] = (parts[1], int(parts[2]))
    return machine, procs


def cpu(args):
    snap0, snap1, start, end, server_pid, flood_pid, q_time, hz = args
    seconds = float(end) - float(start)
    hz = float(hz)
    (b0, t0), p0 = read_snapshot(snap0)
    (b1, t1), p1 = read_snapshot(snap1)
    cores = len([1 for _ in open("/proc/cpuinfo") if _.startswith("processor")]) or 1
    busy_share = (b1 - b0) / max(1, t1 - t0)

    def used(pid):
        if pid not in p1:
            return 0.0
        before = p0.get(pid, (None, 0))[1] if p0.get(pid, (None, None))[0] == p1[pid][0] else 0
        return (p1[pid][1] - before) / hz / seconds

    server = used(server_pid)
    flood = used(flood_pid) if flood_pid != "0" else 0.0
    postgres = sum(used(pid) for pid, (comm, _) in p1.items() if comm == "postgres")
    q = 0.0
    try:
        with open(q_time) as f:
            user, system = f.read().split("\n")[-2].split()[:2]
            q = (float(user) + float(system)) / seconds
    except (OSError, ValueError, IndexError):
        pass
    other = max(0.0, busy_share * cores - server - flood - postgres - q)
    print("\t".join(f"{v:.3f}" for v in (server, postgres, flood, q, other, busy_share)))


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main():
    if sys.argv[1] == "cpu":
        cpu(sys.argv[2:])
        return
    runs_tsv, json_out, md_out = sys.argv[1:4]
    runs = []
    with open(runs_tsv, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            run = {
                "phase": row["phase"],
                "rep": int(row["rep"]),
                "order": int(row["order"]),
                "q": q_figures(row["q_csv"], float(row["q_seconds"])),
                "n": n_figures(row["n_result"]),
                "server_cores": float(row["server_cores"]),
                "postgres_cores": float(row["postgres_cores"]),
                "flood_generator_cores": float(row["flood_cores"]) if row["n_result"] else None,
                "q_generator_cores": float(row["q_cores"]),
                "other_cores": float(row["other_cores"]),
                "machine_busy": float(row["busy"]),
            }
            runs.append(run)

    baseline_p99 = {r["rep"]: r["q"]["p99_ms"] for r in runs if r["phase"] == "baseline"}
    for r in runs:
        base = baseline_p99.get(r["rep"])
        r["p99_ratio"] = r["q"]["p99_ms"] / base if base else None

    labels = dict(PHASES)
    phases = [p for p, _ in PHASES] + sorted({r["phase"] for r in runs} - labels.keys(),
                                                key=lambda p: int("".join(c for c in p if c.isdigit()) or 0))
    summary = []
    for phase in phases:
        label = labels.get(phase) or f"Q + N on trial, each N connection pausing {phase[len('paced-'):]} after every answer"
        rs = [r for r in runs if r["phase"] == phase]
        if not rs:
            continue
        ratio = med([r["p99_ratio"] for r in rs])
        s = {
            "phase": phase,
            "what": label,
            "reps": len(rs),
            "q_p50_ms": med([r["q"]["p50_ms"] for r in rs]),
            "q_p99_ms": med([r["q"]["p99_ms"] for r in rs]),
            "q_p999_ms": med([r["q"]["p999_ms"] for r in rs]),
            "q_rps": med([r["q"]["rps"] for r in rs]),
            "q_errors": sum(r["q"]["errors"] for r in rs),
            "n_rps": med([r["n"]["rps"] for r in rs if r["n"]]),
            "n_429_share": med([r["n"]["share_429"] for r in rs if r["n"]]),
            "server_cores": med([r["server_cores"] for r in rs]),
            "postgres_cores": med([r["postgres_cores"] for r in rs]),
            "flood_generator_cores": med([r["flood_generator_cores"] for r in rs]),
            "q_generator_cores": med([r["q_generator_cores"] for r in rs]),
            "other_cores": med([r["other_cores"] for r in rs]),
            "machine_busy": med([r["machine_busy"] for r in rs]),
            "p99_ratio_median": ratio,
            "p99_ratios": [round(r["p99_ratio"], 3) for r in sorted(rs, key=lambda r: r["rep"]) if r["p99_ratio"]],
        }
        if phase == "flood-limited" or phase.startswith("paced-"):
            s["target"] = TARGET
            s["verdict"] = "PASS" if ratio is not None and ratio <= TARGET else "MISS"
        elif phase == "flood-unlimited":
            s["target"] = None
            s["verdict"] = "reference (no limit)"
        summary.append(s)

    def fmt(v, spec, dash="-"):
        return dash if v is None else format(v, spec)

    header = ("phase", "reps", "Q_p50_ms", "Q_p99_ms", "Q_p99.9_ms", "Q_rps", "Q_err", "N_rps", "N_429",
              "p99/base", "target", "verdict")
    widths = (16, 4, 9, 9, 10, 6, 5, 7, 6, 8, 6, 0)
    lines = ["  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(header, widths))).rstrip()]
    for s in summary:
        cells = (s["phase"], str(s["reps"]), fmt(s["q_p50_ms"], ".1f"), fmt(s["q_p99_ms"], ".1f"),
                 fmt(s["q_p999_ms"], ".1f"), fmt(s["q_rps"], ".0f"), str(s["q_errors"]), fmt(s["n_rps"], ".0f"),
                 fmt(s["n_429_share"], ".1%"), fmt(s["p99_ratio_median"], ".2f"),
                 "<=1.20" if s.get("target") else "", s.get("verdict", ""))
        lines.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip())
    lines.append("")
    lines.append("CPU during Q's window, cores (medians): phase, server, postgres, N's wrk, Q's hey, other processes, machine busy")
    for s in summary:
        lines.append(f"  {s['phase']:<16} {fmt(s['server_cores'], '.2f'):>6} {fmt(s['postgres_cores'], '.2f'):>6} "
                     f"{fmt(s['flood_generator_cores'], '.2f'):>6} {fmt(s['q_generator_cores'], '.2f'):>6} "
                     f"{fmt(s['other_cores'], '.2f'):>6} {fmt(s['machine_busy'], '.0%'):>6}")
    table = "\n".join(lines)

    per_run = ["phase             rep  order  Q_p50  Q_p99  Q_p99.9   Q_n   N_rps   N_429  server  pg  N_wrk  other  busy  p99/base"]
    for r in sorted(runs, key=lambda r: (r["rep"], r["order"])):
        n = r["n"]
        per_run.append(f"{r['phase']:<16} {r['rep']:>4} {r['order']:>6} {r['q']['p50_ms']:>6.1f} {r['q']['p99_ms']:>6.1f} "
                       f"{r['q']['p999_ms']:>8.1f} {r['q']['requests']:>5} {fmt(n and n['rps'], '.0f'):>7} "
                       f"{fmt(n and n['share_429'], '.1%'):>7} {r['server_cores']:>7.2f} {r['postgres_cores']:>4.2f} "
                       f"{fmt(r['flood_generator_cores'], '.2f'):>6} {r['other_cores']:>6.2f} {r['machine_busy']:>5.0%} "
                       f"{fmt(r['p99_ratio'], '.2f'):>9}")
    per_run_text = "\n".join(per_run)

    env = {k[len("NOISY_"):].lower(): v for k, v in os.environ.items() if k.startswith("NOISY_")}
    result = {"benchmark": "noisy-neighbour", "target_p99_ratio": TARGET, "parameters": env,
              "summary": summary, "runs": runs}
    with open(json_out, "w") as f:
        json.dump(result, f, indent=2, default=lambda o: None)
        f.write("\n")

    with open(md_out, "w") as f:
        f.write(f"# Noisy neighbour ({env.get('stamp', '')})\n\n")
        f.write(f"- machine: {env.get('machine', '')}\n")
        f.write(f"- JDK: {env.get('jdk', '')}; PostgreSQL: {env.get('postgres', '')}; WildFly 39.0.1.Final, -Xmx512m, default Undertow worker pool\n")
        f.write(f"- Q (quiet, plan standard): `GET /api/projects/{{id}}/board` ({env.get('q_tasks', '')} tasks) with hey, "
                f"{env.get('q_workers', '')} workers x {env.get('q_rate_per_worker', '')} req/s = {env.get('q_rate', '')} req/s, "
                f"{env.get('duration', '')} s per run\n")
        f.write(f"- N (noisy): wrk -t2 -c{env.get('n_connections', '')} on its own board as fast as it can, from 3 s before "
                f"Q's window to 2 s after; plan trial ({env.get('trial_limit', '')}) or enterprise ({env.get('enterprise_limit', '')})\n")
        f.write(f"- tree: {env.get('git', '')}; load average before {env.get('load_before', '')}, after {env.get('load_after', '')}\n")
        f.write(f"- Undertow: {env.get('undertow', '')}\n")
        f.write(f"- repetitions: {env.get('reps', '')}, order alternating (odd: baseline, limited, unlimited; even: reversed); "
                "figures are medians over repetitions, p99/base is the median of each repetition's ratio to its own baseline\n\n")
        f.write("```\n" + table + "\n```\n\nPer run:\n\n```\n" + per_run_text + "\n```\n")

    print(table)
    print()
    print(per_run_text)


if __name__ == "__main__":
    main()
