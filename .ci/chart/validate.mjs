// Validates Kubernetes objects (a JSON array on stdin, as rendered by `helm template`) against
// the Kubernetes API schemas in kubernetes-models. Prints one line per object; exits 1 if any
// object is invalid or of a built-in kind the schemas do not know.
// Usage: node validate.mjs LABEL < objects.json
import { readFileSync } from "node:fs";

const label = process.argv[2] ?? "chart";
const objects = JSON.parse(readFileSync(0, "utf8"));
// Custom resources: kubernetes-models holds the API's own kinds only, so these are named as not
// checked rather than passed in silence.
const customGroups = new Set(["monitoring.coreos.com"]);
let failed = 0;

for (const object of objects) {
  const { apiVersion, kind } = object;
  const name = `${kind}/${object.metadata?.name ?? "?"}`;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (customGroups.has(group)) {
    console.log(`${label}: ${name} (${apiVersion}): custom resource, no schema in kubernetes-models; not checked`);
    continue;
  }
  const path = group ? `${group}/${version}` : version;
  let model;
  try {
    model = (await import(`kubernetes-models/${path}/${kind}`))[kind];
  } catch (e) {
    console.log(`${label}: ${name}: unknown kind ${apiVersion} ${kind}`);
    failed++;
    continue;
  }
  try {
    new model(object).validate();
    console.log(`${label}: ${name}: valid ${apiVersion}`);
  } catch (e) {
    console.log(`${label}: ${name}: INVALID: ${e.message}`);
    failed++;
  }
}
if (objects.length === 0) {
  console.log(`${label}: nothing rendered`);
  failed++;
}
process.exit(failed === 0 ? 0 : 1);
