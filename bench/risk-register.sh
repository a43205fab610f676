#!/usr/bin/env bash
# Times the learning loop against a runbook's history: deriving an ended rollout's findings, the
# start-up catch-up of a register the database never filled, and a start (which reads the risk
# register) and /rollout risks once it is filled.
# Usage: bench/risk-register.sh [h2|postgresql] [ended rollouts 100] [timed starts 50]
# PostgreSQL: the one the tests use (SHEPHERD_TEST_PG_URL, _USER, _PASSWORD), in a schema of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile package
mkdir -p target/bench
CP="target/shepherd.jar:target/test-classes"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.shepherd.bench.RiskRegisterBenchmark "$@"
