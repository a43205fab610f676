#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go, by Shepherd's own methods.

Usage: bench/jfr-top.py RECORDING.jfr [--skip PREFIX]... [--top N]

Prints each sample charged to the deepest dev.shepherd frame on its stack (that method's own
time plus the library code it called), then inclusive counts. Samples with no Shepherd frame are
charged to their top frame, marked "(outside: ...)". --skip leaves a package out of the charging
(the benchmark's own code, say: --skip dev.shepherd.bench.). Needs the JDK's `jfr` on PATH.
"""
import argparse
import collections
import json
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("recording")
parser.add_argument("--skip", action="append", default=[])
parser.add_argument("--top", type=int, default=25)
args = parser.parse_args()

printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events",
                          "jdk.ExecutionSample", args.recording],
                         capture_output=True, text=True, check=True).stdout
deepest, inclusive, total = collections.Counter(), collections.Counter(), 0
for event in json.loads(printed)["recording"]["events"]:
    stack = event["values"].get("stackTrace")
    frames = stack["frames"] if stack else []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    total += 1
    ours = [n for n in names if n.startswith("dev.shepherd.")
            and not any(n.startswith(s) for s in args.skip)]
    if ours:
        deepest[ours[0]] += 1
    else:
        deepest["(outside: " + (names[0] if names else "?") + ")"] += 1
    for name in set(ours):
        inclusive[name] += 1

print(f"{total} samples")
print("--- charged to the deepest Shepherd frame (its own time and the libraries it called)")
for name, count in deepest.most_common(args.top):
    print(f"{count:6d} {100 * count / total:5.1f}%  {name}")
print("--- inclusive")
for name, count in inclusive.most_common(args.top):
    print(f"{count:6d} {100 * count / total:5.1f}%  {name}")
