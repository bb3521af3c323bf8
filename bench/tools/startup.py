#!/usr/bin/env python3
"""Targets 11-14 (bench/run-startup.sh): wall seconds from launch to /q/health/ready 200, per service.

    startup.py summary RUN_DIR                 medians and min-max per service and variant (starts.jsonl)
    startup.py record RUN_DIR [RUN_DIR_1CPU]   targets 11-14 into results/latest.json and latest.md (the other
                                               targets kept); the raw files copied to results/runs/<run>/; a
                                               second run (CPU1=1: one CPU, as a pod's limit) adds its figures

A target's ratio is the median wall seconds of the variant the service's image uses (IMAGE_VARIANT:
deploy/kubernetes/startup-cache/Dockerfile.aot, built from an aot-jar package and trained with TRAIN=full, is
run-startup.sh's aotjar-jdk25-aot; VARIANT=... takes another for all) over the goal of 2.5 s; "variants" has every variant's median (min-max) and CPU seconds, "before" the plain
JDK 17 start, "oneCpu" the same from a CPU1=1 run.
"""
import glob
import json
import os
import shutil
import statistics
import sys
import time

from latest import BENCH, RESULTS, put

GOAL = 2.5
IDS = {"aid-registry-service": 11, "disbursement-service": 12, "reporting-service": 13, "gateway": 14}
IMAGE_VARIANT = dict.fromkeys(IDS, "aotjar-jdk25-aot")


def spread(values):
    return {"median": round(statistics.median(values), 3), "min": min(values), "max": max(values), "n": len(values)}


def summary(run):
    starts = [json.loads(line) for line in open(os.path.join(run, "starts.jsonl"))]
    starts = [s for s in starts if not s["label"].startswith(("first-", "train-"))]
    out = {"run": os.path.basename(run), "services": {}}
    for s in starts:
        out["services"].setdefault(s["service"], {}).setdefault(s["variant"], []).append(s)
    for service, variants in out["services"].items():
        for v, rows in variants.items():
            variants[v] = {"wallSeconds": spread([r["wallSeconds"] for r in rows]),
                           "cpuSeconds": spread([r["cpuSeconds"] for r in rows]),
                           "quarkusStartedIn": spread([r["quarkusStartedIn"] for r in rows if r["quarkusStartedIn"]] or [0]),
                           "cpu1": rows[0]["cpu1"], "loadavg": [r["loadavg"] for r in rows]}
    aot = os.path.join(run, "aot.jsonl")
    if os.path.exists(aot):
        for r in map(json.loads, open(aot)):
            name = ("aotjar-" if r.get("build") == "aot-jar" else "") + ("jdk25-aot-static" if r.get("static") else "jdk25-aot")
            out.setdefault("aot", {}).setdefault(r["service"], {})[name] = r
    return out


def record(run, run1=None, variant=os.environ.get("VARIANT")):
    s = json.load(open(os.path.join(run, "summary.json")))
    s1 = json.load(open(os.path.join(run1, "summary.json"))) if run1 else None
    for r in filter(None, [run, run1]):
        keep = os.path.join(RESULTS, "runs", os.path.basename(r))
        os.makedirs(keep, exist_ok=True)
        for path in glob.glob(os.path.join(r, "*.json*")) + glob.glob(os.path.join(r, "*.txt")):
            shutil.copy(path, keep)
    for service, variants in s["services"].items():
        best = variant or IMAGE_VARIANT[service]
        b = best if best in variants else min(variants, key=lambda v: variants[v]["wallSeconds"]["median"])
        wall = variants[b]["wallSeconds"]["median"]
        target = {
            "id": IDS[service], "name": "%s: launch to /q/health/ready 200, wall seconds (%s)" % (service, b),
            "ratio": round(wall / GOAL, 3), "goal": "<= 1 (ready in <= %s s)" % GOAL, "met": wall <= GOAL,
            "command": "bench/run-startup.sh", "readySeconds": wall, "variant": b,
            "before": {"variant": "jdk17", "readySeconds": variants.get("jdk17", {}).get("wallSeconds", {}).get("median")},
            "variants": {v: {"wallSeconds": x["wallSeconds"], "cpuSeconds": x["cpuSeconds"]["median"]} for v, x in variants.items()},
            "aot": (s.get("aot") or {}).get(service, {}).get(b),
            "measured": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(os.path.getmtime(os.path.join(run, "summary.json")))),
            "loadavg": sorted({l for x in variants.values() for l in x["loadavg"]}),
            "note": os.environ.get("MACHINE_NOTE", ""),
            "raw": "bench/results/runs/" + os.path.basename(run)}
        if s1 and service in s1["services"]:
            target["oneCpu"] = {v: {"wallSeconds": x["wallSeconds"], "cpuSeconds": x["cpuSeconds"]["median"]}
                                for v, x in s1["services"][service].items()}
            target["oneCpuRaw"] = "bench/results/runs/" + os.path.basename(run1)
        put(target)
        print(json.dumps(target, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1] == "summary":
        print(json.dumps(summary(sys.argv[2]), indent=1))
    elif sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        sys.exit(__doc__)
