#!/usr/bin/env bash
# A fleet under Slack's limits (see BENCHMARKS.md, "Fleet"): 200 partitions in 5 waves, 50
# rollouts at once in 50 channels, a fake Slack allowing ~1 post/s per channel, 50
# chat.update/min per workspace and a response URL with each click (5 uses, 30 min); Shepherd at
# its deployed pacing; one replica on H2, then two on PostgreSQL (when reachable).
# Usage: bench/fleet.sh [ROLLOUTS]   (default 50). The report also goes to target/bench/fleet.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
exec java -Drollouts="${1:-50}" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  dev.shepherd.system.FleetBenchmark
