#!/usr/bin/env bash
# Times `shepherd lint` on 1,000 generated runbooks of 20 steps for 3 partitions (read + parse +
# lint, median and min after a warm-up). Arguments go to the benchmark: runbooks, steps, warm-ups,
# measured runs. Usage: bench/lint.sh [1000 20 5 10]
# JVM options for the benchmark alone go in BENCH_JAVA_OPTS, a profile for one:
#   BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=lint.jfr,settings=profile bench/lint.sh 1000 20 3 25
#   bench/jfr-top.py lint.jfr --by lint
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile package
# Word-split on purpose: several options, none with spaces.
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} -cp target/shepherd.jar:target/test-classes dev.shepherd.bench.LintBenchmark "$@"
