#!/usr/bin/env bash
# Shepherd's performance against its floors, in one run (see BENCHMARKS.md): ack latency under
# open-loop load against bare Bolt (H2 and PostgreSQL), the state path with 10,000 and 100,000
# past rollouts, lint against commonmark alone, start-up and memory, Slack pacing.
# Usage: bench/run.sh [quick] [--only ack,state,lint,startup,pacing] [--rates 50,200,500]
#                     [--seconds 30] [--warm-up 20] [--past 0,10000,100000] [--no-postgres]
#                     [--host-defaults] [--jvm OPTION]... [--jfr DIR]
# Server JVMs run as the image runs them under the chart's memory limit (-XX:MaxRAM=768m
# -XX:MaxRAMPercentage=75 -XX:+UseSerialGC) unless --host-defaults lets them size themselves to
# this machine.
# PostgreSQL: the one the tests use (127.0.0.1:5432/test, or SHEPHERD_TEST_PG_URL/_USER/_PASSWORD).
# The full run takes about 15 minutes; `quick` about 3. The report also goes to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  dev.shepherd.bench.PerformanceBenchmark "$@"
