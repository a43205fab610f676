#!/usr/bin/env bash
# Times `shepherd audit verify` (AuditVerifier over JDBC) on an untouched database of 10,000
# rollouts of 8 chained acknowledgements each: median, min and max of 5 runs after a warm-up.
# Usage: bench/audit-verify.sh [h2|postgresql] [rollouts 10000] [acknowledgements a rollout 8] [runs 5]
# PostgreSQL: the one the tests use (SHEPHERD_TEST_PG_URL, _USER, _PASSWORD), in a schema of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile package
mkdir -p target/bench
CP="target/shepherd.jar:target/test-classes"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.shepherd.bench.AuditVerifyBenchmark "$@"
