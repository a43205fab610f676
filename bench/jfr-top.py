#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go, by Shepherd's own methods.

Usage: bench/jfr-top.py RECORDING.jfr [--skip PREFIX]... [--top N] [--by ack|lint]

Prints each sample charged to the deepest dev.shepherd frame on its stack (that method's own
time plus the library code it called), then inclusive counts. Samples with no Shepherd frame are
charged to their top frame, marked "(outside: ...)". --skip leaves a package out of the charging
(the benchmark's own code, say: --skip dev.shepherd.bench.). --by sorts samples into the
categories BENCHMARKS.md reports: "ack" for a server recorded by `bench/run.sh --jfr`, "lint" for
LintBenchmark run with -XX:StartFlightRecording (its commonmark floor runs left out). Needs the
JDK's `jfr` on PATH.
"""
import argparse
import collections
import json
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("recording")
parser.add_argument("--skip", action="append", default=[])
parser.add_argument("--top", type=int, default=25)
parser.add_argument("--by", choices=["ack", "lint"])
args = parser.parse_args()


def ack_category(names):
    """What a server sample was doing, for requests to the events servlet and around them."""
    present = set(names)

    def has(prefix):
        return any(n.startswith(prefix) for n in names)

    if "dev.shepherd.server.SlackEventsServlet.doPost" in present:
        if "com.zaxxer.hikari.pool.ProxyConnection.commit" in present:
            return "ack: commit (H2 writes the transaction to its file)"
        if has("org.h2.jdbc.JdbcConnection.prepare"):
            return "ack: database parsing and planning statements"
        if has("dev.shepherd.store."):
            return "ack: other database work (queries, audit row, mapping rows)"
        if "com.slack.api.bolt.util.SlackRequestParser.parse" in present:
            return "ack: Bolt parsing the request"
        if has("com.slack.api.app_backend.SlackSignature"):
            return "ack: signature checks (Shepherd's, then Bolt's)"
        if "dev.shepherd.server.SlackEventsServlet.malformed" in present:
            return "ack: Shepherd checking the payload is JSON"
        if has("dev.shepherd.rollout.") or has("dev.shepherd.audit.") or has("dev.shepherd.slack."):
            return "ack: engine rules and reply text"
        return "ack: Bolt and Jetty, other"
    if has("org.eclipse.jetty."):
        return "Jetty I/O outside the servlet"
    if has("dev.shepherd.slack."):
        return "after the ack: thread sync and Web API calls"
    if has("org.quartz") or has("dev.shepherd.schedule"):
        return "Quartz"
    if has("dev.shepherd.cli") or has("dev.shepherd.app") or "dev.shepherd.store.Database.open" in present:
        return "start-up"
    return "other"


def lint_category(names):
    """What a LintBenchmark sample was doing; None for the floor's runs and the JVM's own."""
    present = set(names)
    if "dev.shepherd.bench.LintBenchmark.commonmark" in present:
        return None
    if "dev.shepherd.runbook.RunbookParser.parse" in present:
        if "dev.shepherd.runbook.DocumentWalker.walk" in present:
            return "parse: walking the tree into steps (DocumentWalker)"
        if "dev.shepherd.runbook.FrontMatter.read" in present:
            return "parse: front matter (YAML)"
        if any(n.startswith("org.commonmark.") for n in names):
            return "parse: commonmark itself"
        return "parse: other"
    if "dev.shepherd.lint.Linter.lint" in present:
        rules = [n for n in names if n.startswith("dev.shepherd.lint.") and n.endswith("Rule.check")]
        return "lint: " + (rules[-1].split(".")[-2] if rules else "sorting findings")
    if any(n.startswith("dev.shepherd.") for n in names):
        return "read files and the rest"
    return None

printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events",
                          "jdk.ExecutionSample", args.recording],
                         capture_output=True, text=True, check=True).stdout
deepest, inclusive, categories, total = (collections.Counter(), collections.Counter(),
                                         collections.Counter(), 0)
for event in json.loads(printed)["recording"]["events"]:
    stack = event["values"].get("stackTrace")
    frames = stack["frames"] if stack else []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    if args.by:
        category = (ack_category if args.by == "ack" else lint_category)(names)
        if category:
            categories[category] += 1
        continue
    total += 1
    ours = [n for n in names if n.startswith("dev.shepherd.")
            and not any(n.startswith(s) for s in args.skip)]
    if ours:
        deepest[ours[0]] += 1
    else:
        deepest["(outside: " + (names[0] if names else "?") + ")"] += 1
    for name in set(ours):
        inclusive[name] += 1

if args.by:
    counted = sum(categories.values())
    print(f"{counted} samples")
    for category, count in categories.most_common():
        print(f"{count:6d} {100 * count / counted:5.1f}%  {category}")
    raise SystemExit(0)

print(f"{total} samples")
print("--- charged to the deepest Shepherd frame (its own time and the libraries it called)")
for name, count in deepest.most_common(args.top):
    print(f"{count:6d} {100 * count / total:5.1f}%  {name}")
print("--- inclusive")
for name, count in inclusive.most_common(args.top):
    print(f"{count:6d} {100 * count / total:5.1f}%  {name}")
