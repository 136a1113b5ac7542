#!/usr/bin/env node
// Describes what every route answers, for the OpenAPI document: the return type of each controller
// method, as the type checker resolves it, turned into JSON Schema by typescript-json-schema.
// Writes dist/openapi-answers.json; skipped when no source file is newer than it. `npm run build` runs it.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import TJS from 'typescript-json-schema';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'dist', 'openapi-answers.json');
const ROOTS = ['src', 'projections'];

function sourceFiles(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, found);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) found.push(path);
  }
  return found;
}

const files = ROOTS.flatMap((dir) => sourceFiles(join(root, dir)));
const newest = Math.max(...files.map((file) => statSync(file).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
if (existsSync(output) && statSync(output).mtimeMs >= newest && !process.argv.includes('--force')) process.exit(0);

const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const decoratorName = (decorator) => {
  const call = decorator.expression;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? call.expression.text : null;
};

/** Every controller method that answers a route: its class, its name and the file it is in. */
const routes = [];
for (const file of files.filter((f) => f.endsWith('.controller.ts'))) {
  const source = ts.createSourceFile(file, ts.sys.readFile(file), ts.ScriptTarget.ES2022, true);
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    if (!(ts.getDecorators(node) ?? []).some((d) => decoratorName(d) === 'Controller')) return;
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
      const decorators = (ts.getDecorators(member) ?? []).map(decoratorName);
      // A route that @ApiProduces a file (CSV) documents its answer there: its return type is not JSON.
      if (decorators.some((name) => HTTP_METHODS.has(name)) && !decorators.includes('ApiProduces')) {
        routes.push({ file, className: node.name.text, method: member.name.text });
      }
    }
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'openapi-answers-'));
const aliases = join(scratch, 'answers.ts');
const names = routes.map((_, i) => `Answer${i}`);
writeFileSync(
  aliases,
  routes
    .map((r, i) => `export type ${names[i]} = Awaited<ReturnType<import(${JSON.stringify(r.file.replace(/\.ts$/, ''))}).${r.className}['${r.method}']>>;`)
    .join('\n'),
);
const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] };
const program = TJS.getProgramFromFiles([aliases], options, root);
const generator = TJS.buildGenerator(program, { required: true, ref: true, ignoreErrors: true, aliasRef: true, topRef: false });
const answers = {};
const definitions = {};
// The generator reports every property it infers from an initializer; that is not news here.
const quiet = { log: console.log, warn: console.warn };
console.log = console.warn = () => undefined;
routes.forEach((route, i) => {
  let schema;
  try {
    schema = generator.getSchemaForSymbol(names[i]);
  } catch {
    return; // answers nothing as JSON (e.g. writes the reply itself)
  }
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) definitions[name] = definition;
  delete schema.definitions;
  delete schema.$schema;
  answers[`${route.className}.${route.method}`] = schema;
});
Object.assign(console, quiet);
rmSync(scratch, { recursive: true, force: true });
// Component names in OpenAPI allow only [A-Za-z0-9._-]: `Record<string,string>` becomes `Record_string_string_`.
const safe = (name) => decodeURIComponent(name).replace(/[^A-Za-z0-9._-]/g, '_');
const renamed = JSON.parse(
  JSON.stringify({ answers, definitions: Object.fromEntries(Object.entries(definitions).map(([name, d]) => [safe(name), d])) }),
  (key, value) => (key === '$ref' && typeof value === 'string' ? `#/components/schemas/${safe(value.replace('#/definitions/', ''))}` : value),
);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(renamed, null, 1)}\n`);
console.log(`openapi-answers: ${routes.length} routes described in ${relative(root, output)}`);
