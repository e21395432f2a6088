#!/usr/bin/env python3
"""Hot methods per thread group from a JFR recording's execution samples.

  jfr-top.py RECORDING.jfr [TOP]

For each group (as bench/cpu-split.py names them: http, projectors, relay, ...) prints its share of
the samples, then the methods most often on top of the stack ("self") and the Tandem, Hibernate,
JDBC, Artemis and transaction frames most often anywhere in it ("inclusive"). Used by
`PROFILE=1 bench/lag.sh`. Sampling costs the profiled threads CPU (JFR's stack walks), so read the
shares, not the absolute figures, and never the CPU split of the same run. Only once the JIT has
settled (lag.sh prints its cores and queue per window): a profile after 60 s of warm-up put 35 % of
the projectors' samples in JSON decoding that costs 0.4 % of a task's CPU when warm
(results/profile-guided-ab-2026-12-03T2153Z.txt). And only from a recording started with the JVM:
on JDK 17 the first JFR.start by jcmd discards every compiled method, and the profile then shows the
interpreter and C1 for minutes (results/jit-jfr-2026-12-04T0030Z.txt).
"""
import collections
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
cpu_split = __import__("cpu-split")

# Frames worth naming when inclusive: where Tandem's time goes, by layer.
LAYERS = ("io.tandem.", "org.hibernate.", "org.postgresql.", "org.apache.activemq.", "com.arjuna.",
          "org.jboss.jca.", "org.eclipse.yasson.", "org.jboss.weld.", "org.jboss.as.ejb3.",
          "org.jboss.resteasy.", "io.undertow.", "org.infinispan.", "io.smallrye.faulttolerance.")


def frames_of(event):
    trace = event["values"].get("stackTrace") or {}
    out = []
    for f in trace.get("frames", []):
        m = f.get("method") or {}
        t = (m.get("type") or {}).get("name", "?")
        out.append(t.replace("/", ".") + "." + m.get("name", "?"))
    return out


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    by_group = collections.defaultdict(list)
    for e in events:
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        by_group[cpu_split.group(thread)].append(frames_of(e))
    total = sum(len(v) for v in by_group.values()) or 1
    print(f"{total} execution samples in {recording}")
    for g, stacks in sorted(by_group.items(), key=lambda kv: -len(kv[1])):
        n = len(stacks)
        print(f"\n== {g}: {n} samples ({100 * n / total:.1f} %)")
        self_count = collections.Counter(s[0] for s in stacks if s)
        inclusive = collections.Counter()
        for s in stacks:
            inclusive.update({f for f in s if f.startswith(LAYERS)})
        print("   self:")
        for m, c in self_count.most_common(top):
            print(f"   {100 * c / n:5.1f} %  {m}")
        print("   inclusive (Tandem and its layers):")
        for m, c in inclusive.most_common(top * 2):
            print(f"   {100 * c / n:5.1f} %  {m}")


if __name__ == "__main__":
    main()
