#!/usr/bin/env bash
# Times Shepherd's answer to /rollout and to a click while the (fake) Slack Web API takes 2 s per
# call: the ack must not wait for Slack. Usage: bench/ack.sh [rounds, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
exec java -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  dev.shepherd.system.AckLatencyBenchmark "$@"
