#!/usr/bin/env bash
# Times `shepherd audit verify` (AuditVerifier over JDBC: keyed links, the keyed start, and every
# rollout's rows against its record) on an untouched database of 10,000 four-step rollouts of 8
# acknowledgements each, written through the store: median, min and max of 5 runs after a warm-up,
# beside the same run's floor (reading the same rows and checking nothing).
# Usage: bench/audit-verify.sh [h2|postgresql] [rollouts 10000] [runs 5]
# PostgreSQL: the one the tests use (SHEPHERD_TEST_PG_URL, _USER, _PASSWORD), in a schema of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -Dspotless.check.skip=true test-compile package
mkdir -p target/bench
CP="target/shepherd.jar:target/test-classes"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.shepherd.bench.AuditVerifyBenchmark "$@"
