// Checks plankit's committed JSON Schemas with ajv in strict mode (draft 2020-12):
// - every schema file compiles in strict mode;
// - each template's fixture JSON validates against its kind's schema and plan.schema.json,
//   and its LLM-profile form against the kind's LLM profile;
// - every broken plan in broken.json is rejected by its kind's schema and plan.schema.json.
//
// Run: (cd tests/schema && npm ci && npm test)
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const load = (path) => JSON.parse(readFileSync(join(root, path), "utf8"));
const kinds = ["atomic", "feature", "poc", "stepwise", "scoped"];

const schemaFiles = [
  ...readdirSync(join(root, "schemas")).filter((f) => f.endsWith(".schema.json")).map((f) => `schemas/${f}`),
  ...readdirSync(join(root, "schemas/llm")).filter((f) => f.endsWith(".schema.json")).map((f) => `schemas/llm/${f}`),
];

const validators = {};
for (const path of schemaFiles) {
  // One ajv instance per file: the kind schemas share definition names with plan.schema.json.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  validators[path] = ajv.compile(load(path));
}
console.log(`${schemaFiles.length} schema files compile in ajv strict mode`);

const failures = [];
for (const kind of kinds) {
  const plan = load(`fixtures/templates/${kind}.json`);
  const llm = load(`fixtures/llm/${kind}.json`);
  for (const [path, instance] of [
    [`schemas/${kind}.schema.json`, plan],
    ["schemas/plan.schema.json", plan],
    [`schemas/llm/${kind}.schema.json`, llm],
  ]) {
    const validate = validators[path];
    if (!validate(instance)) {
      failures.push(`${kind} fixture against ${path}: ${JSON.stringify(validate.errors.slice(0, 2))}`);
    }
  }
}
console.log(`${kinds.length} fixtures validated (kind, any-plan and LLM-profile schemas)`);

const cases = load("tests/schema/broken.json");
for (const testCase of cases) {
  for (const path of [`schemas/${testCase.schema}.schema.json`, "schemas/plan.schema.json"]) {
    const validate = validators[path];
    if (validate(testCase.plan)) {
      failures.push(`${testCase.name}: accepted by ${path}`);
    } else if (path !== "schemas/plan.schema.json") {
      const pointers = [...new Set(validate.errors.map((e) => e.instancePath))];
      if (!pointers.includes(testCase.pointer)) {
        failures.push(`${testCase.name}: ${path} points at ${JSON.stringify(pointers)}, not "${testCase.pointer}"`);
      }
      console.log(`  rejected '${testCase.name}' at ${JSON.stringify(pointers)}`);
    }
  }
}
console.log(`${cases.length} broken plans checked`);

if (failures.length > 0) {
  console.error(`FAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("ajv (strict): ok");
