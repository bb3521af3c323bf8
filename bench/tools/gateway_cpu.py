#!/usr/bin/env python3
"""Target 9 (bench/run-gateway-cpu.sh): CPU-µs per request of each component at a fixed rate.

    gateway_cpu.py summary RUN_DIR RATE        the rounds' figures (t9-SIDE-ROUND.json) as JSON
    gateway_cpu.py record RUN_DIR [SIDE]       target 9 into results/latest.json and latest.md
                                               (the other targets kept), the raw JSON copied to
                                               results/runs/<run folder name>/

A side is nginx or a gateway build (GATEWAYS names); per side and component the median and the
min-max of the rounds' CPU-µs per request. The ratio is the median gateway / median nginx proxy
CPU-µs per request; "pairedRatios" divides each round's gateway figure by the nginx figure of the
same round (measured right before it), their spread is the one to trust on a shared machine.
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

GOAL = 1.3


def rounds(run):
    sides = {}
    for path in sorted(glob.glob(os.path.join(run, "t9-*.json"))):
        m = re.match(r"t9-(.+)-(\d+)\.json$", os.path.basename(path))
        with open(path) as f:
            row = json.load(f)
        wrk, cpu = row["wrk"], row["cpuSeconds"]
        if wrk["requests"] == 0:
            continue
        us = {k: round(v / wrk["requests"] * 1e6, 1) for k, v in cpu.items() if k != "wall"}
        proxy = "nginx" if "nginx" in us else "gateway"
        us["proxy"] = us.pop(proxy)
        sides.setdefault(m.group(1), {})[int(m.group(2))] = {
            "rps": wrk["rps"], "p50Ms": wrk["p50"], "p99Ms": wrk["p99"], "errors": wrk["errors"] + wrk["non2xx"],
            "cpuUsPerRequest": us}
    return sides


def spread(values):
    return {"median": round(statistics.median(values), 2), "min": min(values), "max": max(values)}


def summary(run, rate):
    sides = rounds(run)
    if "nginx" not in sides:
        sys.exit("no nginx rounds in " + run)
    out = {"rateAsked": rate, "run": os.path.basename(run), "sides": {}}
    for side, by_round in sides.items():
        rows = list(by_round.values())
        comps = sorted({c for r in rows for c in r["cpuUsPerRequest"]})
        out["sides"][side] = {
            "rounds": len(rows), "rps": spread([r["rps"] for r in rows]), "p99Ms": spread([r["p99Ms"] for r in rows]),
            "errors": sum(r["errors"] for r in rows),
            "cpuUsPerRequest": {c: spread([r["cpuUsPerRequest"][c] for r in rows]) for c in comps}}
    ngx = sides["nginx"]
    out["ratios"] = {}
    for side, by_round in sides.items():
        if side == "nginx":
            continue
        paired = [round(by_round[r]["cpuUsPerRequest"]["proxy"] / ngx[r]["cpuUsPerRequest"]["proxy"], 3)
                  for r in sorted(by_round) if r in ngx]
        ratio = out["sides"][side]["cpuUsPerRequest"]["proxy"]["median"] / \
            out["sides"]["nginx"]["cpuUsPerRequest"]["proxy"]["median"]
        out["ratios"][side] = {"ratio": round(ratio, 3), "pairedRatios": paired,
                               "pairedSpread": spread(paired), "met": ratio <= GOAL}
    return out


def record(run, side=None):
    with open(os.path.join(run, "summary.json")) as f:
        s = json.load(f)
    side = side or [k for k in s["sides"] if k != "nginx"][-1]
    r, g, n = s["ratios"][side], s["sides"][side], s["sides"]["nginx"]
    keep = os.path.join(RESULTS, "runs", s["run"])
    os.makedirs(keep, exist_ok=True)
    for path in glob.glob(os.path.join(run, "t9-*.json")) + [os.path.join(run, "summary.json")]:
        shutil.copy(path, keep)
    for extra in glob.glob(os.path.join(run, "*.txt")):
        shutil.copy(extra, keep)
    target = put({
        "id": 9, "name": "gateway CPU-µs per request vs nginx at fixed rate", "ratio": r["ratio"],
        "goal": "<= %s" % GOAL, "met": r["met"], "command": "bench/run-gateway-cpu.sh",
        "measured": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(os.path.getmtime(os.path.join(run, "summary.json")))),
        "gatewayBuild": side, "route": "GET /api/v1/workers/{n} to a static nginx upstream (1 KiB JSON)",
        "rateAsked": s["rateAsked"], "rps": {"gateway": g["rps"]["median"], "nginx": n["rps"]["median"]},
        "rounds": g["rounds"], "pairedRatios": r["pairedRatios"],
        "cpuUsPerRequest": {"gateway": g["cpuUsPerRequest"], "nginx": n["cpuUsPerRequest"]},
        "otherBuilds": {k: {"ratio": v["ratio"], "pairedRatios": v["pairedRatios"],
                            "cpuUsPerRequest": s["sides"][k]["cpuUsPerRequest"]["proxy"]}
                        for k, v in s["ratios"].items() if k != side},
        "loadavg1m": round(os.getloadavg()[0], 1), "note": os.environ.get("MACHINE_NOTE", ""),
        "raw": os.path.join("bench", os.path.relpath(keep, BENCH))})
    print(json.dumps(target, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1] == "summary":
        print(json.dumps(summary(sys.argv[2], int(sys.argv[3])), indent=1))
    elif sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        sys.exit(__doc__)
