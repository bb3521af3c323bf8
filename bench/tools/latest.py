#!/usr/bin/env python3
"""results/latest.json and latest.md: put one target in (replacing the one of the same id), keep the others."""
import json
import os

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.environ.get("RESULTS", os.path.join(BENCH, "results"))


def put(target):
    path = os.path.join(RESULTS, "latest.json")
    with open(path) as f:
        latest = json.load(f)
    targets = [t for t in latest["targets"] if t["id"] != target["id"]] + [target]
    latest["targets"] = sorted(targets, key=lambda t: t["id"])
    with open(path, "w") as f:
        json.dump(latest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(RESULTS, "latest.md"), "w") as f:
        f.write("| # | target | ratio | goal | met |\n|---|---|---|---|---|\n")
        for t in latest["targets"]:
            f.write("| %d | %s | %s | %s | %s |\n" % (t["id"], t["name"], t["ratio"], t["goal"],
                                                     {True: "yes", False: "**no**", None: "not measured"}[t["met"]]))
    return target
