#!/usr/bin/env bash
# Writes docs/example-thread.json: the Block Kit messages of a short rollout, as Slack gets them.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
exec java -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  dev.shepherd.system.ExampleThreadWriter "$@"
