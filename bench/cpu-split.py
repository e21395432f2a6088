#!/usr/bin/env python3
"""Where a server's CPU goes, by thread group, from /proc: no profiler, no overhead.

  cpu-split.py snapshot PID > before.json
  cpu-split.py diff before.json after.json EVENTS [PG_TICKS]   # prints one JSON object: ms of CPU per event

Each group's figure is user plus system time; "<group>_sys" is its system (kernel) part, which a
Java profiler does not see: thread wake-ups, socket and file I/O.

Groups: http (Undertow's "default task" workers: resources, command handlers, queries), projectors
(every Artemis "Thread-N (activemq-…)" thread: the projector MDBs, and the broker's own work, as
/proc cuts thread names at 15 characters), relay, jit, gc, other; exited threads count
under "other" (the process keeps their time). JFR was no use for this split here: with its stack
walks on, the HTTP threads cost three times as much as without.
"""
import json
import os
import re
import sys


def group(name):
    if name.startswith("default task"):
        return "http"
    if name.startswith("Thread-"):
        return "projectors"
    if name.startswith("tandem-outbox"):
        return "relay"
    if "Compiler" in name:
        return "jit"
    if name.startswith(("GC ", "G1 ")):
        return "gc"
    return "other"


def snapshot(pid):
    def ticks(stat):
        # utime and stime, the 14th and 15th fields of proc(5)'s stat
        fields = stat[stat.rindex(")") + 2:].split()
        return int(fields[11]), int(fields[12])

    with open(f"/proc/{pid}/stat") as f:
        total, total_sys = ticks(f.read())
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except FileNotFoundError:
            continue
        user, sys_ = ticks(stat)
        threads[tid] = [stat[stat.index("(") + 1:stat.rindex(")")], user + sys_, sys_]
    return {"total": total + total_sys, "total_sys": total_sys, "threads": threads}


def diff(before, after, events, pg_ticks=None):
    hz = os.sysconf("SC_CLK_TCK")
    names = ("http", "projectors", "relay", "jit", "gc", "other")
    groups = {g: 0 for g in names}
    system = {g: 0 for g in names}
    seen = seen_sys = 0
    for tid, (name, t, s) in after["threads"].items():
        _, t0, s0 = before["threads"].get(tid, [name, 0, 0])
        groups[group(name)] += t - t0
        system[group(name)] += s - s0
        seen += t - t0
        seen_sys += s - s0
    groups["other"] += (after["total"] - before["total"]) - seen
    system["other"] += (after["total_sys"] - before["total_sys"]) - seen_sys
    out = {g: round(v * 1000 / hz / events, 2) for g, v in groups.items()}
    out.update({g + "_sys": round(v * 1000 / hz / events, 2) for g, v in system.items()})
    out["server"] = round((after["total"] - before["total"]) * 1000 / hz / events, 2)
    out["server_sys"] = round((after["total_sys"] - before["total_sys"]) * 1000 / hz / events, 2)
    if pg_ticks is not None:
        out["postgres"] = round(pg_ticks * 1000 / hz / events, 2)
    return out


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        json.dump(snapshot(sys.argv[2]), sys.stdout)
    else:
        with open(sys.argv[2]) as a, open(sys.argv[3]) as b:
            pg = int(sys.argv[5]) if len(sys.argv) > 5 else None
            print(json.dumps(diff(json.load(a), json.load(b), max(1, int(sys.argv[4])), pg)))
