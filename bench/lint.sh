#!/usr/bin/env bash
# Times `shepherd lint` on 1,000 generated runbooks of 20 steps for 3 partitions (read + parse +
# lint, median and min after a warm-up). Arguments go to the benchmark: runbooks, steps, warm-ups,
# measured runs. Usage: bench/lint.sh [1000 20 5 10]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile package
exec java -cp target/shepherd.jar:target/test-classes dev.shepherd.bench.LintBenchmark "$@"
