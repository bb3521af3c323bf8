#!/usr/bin/env python3
"""Target 10 (bench/run-registry-get.sh): CPU-µs per GET /api/v1/workers/{id}, registry vs minimal app.

    registry_get.py summary RUN_DIR RATE     the rounds' figures (t10-SIDE-ROUND.json) as JSON
    registry_get.py record RUN_DIR           target 10 into results/latest.json and latest.md (others kept),
                                             the raw JSON copied to results/runs/<run folder name>/

Per side (minimal, clerk, reviewer) and component (service JVM, postgres, wrk) the median and min-max of
the rounds' CPU-µs per request. The ratio is the clerk's median service CPU over the minimal app's (the
reviewer's beside it); paired ratios divide each round's figure by the minimal app's of the same round.
Service + PostgreSQL together are given too: the registry's statements cost the database as well.
"""
import glob
import json
import os
import re
import shutil
import statistics
import sys
import time

from latest import BENCH, RESULTS, put

GOAL = 2.0


def spread(values):
    return {"median": round(statistics.median(values), 1), "min": min(values), "max": max(values)}


def rounds(run):
    sides = {}
    for path in sorted(glob.glob(os.path.join(run, "t10-*.json"))):
        m = re.match(r"t10-(.+)-(\d+)\.json$", os.path.basename(path))
        row = json.load(open(path))
        wrk, cpu = row["wrk"], row["cpuSeconds"]
        if wrk["requests"] == 0:
            continue
        us = {k: round(v / wrk["requests"] * 1e6, 1) for k, v in cpu.items() if k != "wall"}
        us["service+postgres"] = round(us["service"] + us["postgres"], 1)
        load = open(path[:-5] + ".load").read().split()[0] if os.path.exists(path[:-5] + ".load") else None
        sides.setdefault(m.group(1), {})[int(m.group(2))] = {
            "rps": wrk["rps"], "p50Ms": wrk["p50"], "p99Ms": wrk["p99"], "errors": wrk["errors"] + wrk["non2xx"],
            "cpuUsPerRequest": us, "loadavg1m": float(load) if load else None}
    return sides


def summary(run, rate):
    sides = rounds(run)
    out = {"rateAsked": rate, "run": os.path.basename(run), "sides": {}, "ratios": {}}
    idle = os.path.join(run, "idle.jsonl")
    if os.path.exists(idle):
        out["idleCpuSecondsPerSecond"] = {r["side"]: r["idleCpuSecondsPerSecond"] for r in map(json.loads, open(idle))}
    for side, by_round in sides.items():
        rows = list(by_round.values())
        comps = sorted({c for r in rows for c in r["cpuUsPerRequest"]})
        out["sides"][side] = {
            "rounds": len(rows), "rps": spread([r["rps"] for r in rows]), "p99Ms": spread([r["p99Ms"] for r in rows]),
            "errors": sum(r["errors"] for r in rows), "loadavg1m": [r["loadavg1m"] for r in rows],
            "cpuUsPerRequest": {c: spread([r["cpuUsPerRequest"][c] for r in rows]) for c in comps}}
    base = sides["minimal"]
    for side, by_round in sides.items():
        if side == "minimal":
            continue
        entry = {}
        for comp in ("service", "service+postgres"):
            paired = [round(by_round[r]["cpuUsPerRequest"][comp] / base[r]["cpuUsPerRequest"][comp], 3)
                      for r in sorted(by_round) if r in base]
            ratio = out["sides"][side]["cpuUsPerRequest"][comp]["median"] / out["sides"]["minimal"]["cpuUsPerRequest"][comp]["median"]
            entry[comp] = {"ratio": round(ratio, 3), "pairedRatios": paired, "pairedSpread": spread(paired)}
        entry["met"] = entry["service"]["ratio"] <= GOAL
        out["ratios"][side] = entry
    return out


def record(run):
    s = json.load(open(os.path.join(run, "summary.json")))
    keep = os.path.join(RESULTS, "runs", s["run"])
    os.makedirs(keep, exist_ok=True)
    for path in glob.glob(os.path.join(run, "t10-*.json")) + glob.glob(os.path.join(run, "*.jsonl")) + \
            glob.glob(os.path.join(run, "*.txt")) + [os.path.join(run, "summary.json")]:
        shutil.copy(path, keep)
    c, rv = s["ratios"]["clerk"], s["ratios"]["reviewer"]
    target = {
        "id": 10, "name": "registry GET /api/v1/workers/{id} vs a minimal Quarkus REST + Hibernate ORM app of one entity: "
                          "CPU-µs per request at a fixed rate (clerk; reviewer beside it)",
        "ratio": c["service"]["ratio"], "goal": "<= %s" % GOAL, "met": c["met"] and rv["met"],
        "command": "bench/run-registry-get.sh",
        "measured": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(os.path.getmtime(os.path.join(run, "summary.json")))),
        "rateAsked": s["rateAsked"], "rounds": s["sides"]["clerk"]["rounds"],
        "ratios": {"clerk": c, "reviewer": rv},
        "cpuUsPerRequest": {k: v["cpuUsPerRequest"] for k, v in s["sides"].items()},
        "p99Ms": {k: v["p99Ms"]["median"] for k, v in s["sides"].items()},
        "idleCpuSecondsPerSecond": s.get("idleCpuSecondsPerSecond"),
        "loadavg1m": sorted({l for v in s["sides"].values() for l in v["loadavg1m"] if l is not None}),
        "note": os.environ.get("MACHINE_NOTE", ""),
        "raw": "bench/results/runs/" + s["run"]}
    put(target)
    print(json.dumps(target, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1] == "summary":
        print(json.dumps(summary(sys.argv[2], int(sys.argv[3])), indent=1))
    elif sys.argv[1] == "record":
        record(sys.argv[2])
    else:
        sys.exit(__doc__)
