#!/usr/bin/env bash
# Times `shepherd survey` and `shepherd lint` on a generated docs repo of 2,000 Markdown files (a
# third runbooks in mixed shapes, the rest other docs) against commonmark-java alone parsing the
# same files, in-process after a warm-up; then each command once from the command line, JVM start
# included. Arguments: files, warm-ups, measured runs. Usage: bench/survey.sh [2000 5 15]
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-2000}
mvn -B -q -DskipTests test-compile package
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
# Word-split on purpose: several options, none with spaces.
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -cp target/shepherd.jar:target/test-classes dev.shepherd.bench.DocsRepoBenchmark \
  "$files" "${2:-5}" "${3:-15}" "$repo"
for command in survey lint; do
  start=$(date +%s.%N)
  java -jar target/shepherd.jar "$command" --config "$repo/shepherd.yaml" > "$repo/$command.out" || true
  end=$(date +%s.%N)
  printf '  java -jar shepherd.jar %s (JVM start included): %.2f s, %s\n' "$command" \
    "$(echo "$end - $start" | bc)" "$(tail -1 "$repo/$command.out")"
done
