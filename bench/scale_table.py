#!/usr/bin/env python3
"""Whole product at scale (issue 7, table 2): runs bench/scale-*.json through `idsim run` with
every metric and report, one process each, and prints wall time, peak RSS, bytes per instance
and simulated instance-hours per wall second. Usage: scale_table.py IDSIM [SCENARIO...]"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def instances(path):
    doc = json.load(open(path))
    return sum(f["nodes"] * f.get("instances_per_node", 1) for f in doc["fleets"])


def hours(text):
    units = {"h": 1.0, "d": 24.0, "m": 1 / 60.0}
    return float(text[:-1]) * units[text[-1]]


def run(idsim, path):
    out = tempfile.mkdtemp(prefix="idsim-scale-")
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.execv(idsim, [idsim, "run", path, "--out", out, "--quiet"])
    _, status, usage = os.wait4(pid, 0)
    wall_s = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    return wall_s, usage.ru_maxrss * 1024, code


def main():
    idsim = sys.argv[1]
    paths = sys.argv[2:] or [f"bench/scale-{n}.json" for n in ("1e4", "1e5", "1e6")]
    print(f"{'scenario':<12} {'instances':>10} {'wall s':>8} {'peak RSS MiB':>13} "
          f"{'B/instance':>11} {'inst-h/wall-s':>14}  exit")
    for path in paths:
        n = instances(path)
        h = hours(json.load(open(path))["duration"])
        wall_s, rss, code = run(idsim, path)
        print(f"{os.path.basename(path)[:-5]:<12} {n:>10,} {wall_s:>8.1f} {rss / 2**20:>13.0f} "
              f"{rss / n:>11.0f} {n * h / wall_s:>14,.0f}  {code}", flush=True)


if __name__ == "__main__":
    main()
