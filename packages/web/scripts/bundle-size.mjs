#!/usr/bin/env node
// Sum the gzip size of the JavaScript each first screen loads, and fail when one is over budget.
// "index.html" is what the page itself loads (entry + modulepreloads + their static imports);
// "/" and "/login" add the lazily loaded route chunk and everything it imports statically.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 500);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const assets = join(dist, 'assets');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('packages/web/dist is missing: run `npm run build -w packages/web` first');
  process.exit(1);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const fromHtml = [
  ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/assets\/([^"]+\.js)"/g),
].map((m) => m[1]);

const source = new Map();
const read = (file) => {
  if (!source.has(file)) source.set(file, readFileSync(join(assets, file), 'utf8'));
  return source.get(file);
};
// Static imports only (`import{…}from"./x.js"`, `import"./x.js"`); `import("./x.js")` loads later.
const staticImports = (file) =>
  [
    ...read(file).matchAll(
      /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g,
    ),
  ].map((m) => m[1]);

function closure(entries) {
  const seen = new Set();
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...staticImports(file));
  }
  return seen;
}

const gzipKb = (files) =>
  [...files].reduce((sum, f) => sum + gzipSync(read(f), { level: 9 }).length, 0) / 1024;
const chunk = (prefix) => readdirSync(assets).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));

const base = closure(fromHtml);
const screens = [['index.html', base]];
for (const [route, prefix] of [
  ['/ (Workbench)', 'Workbench'],
  ['/login', 'LoginPage'],
  ['/customers', 'CustomerList'],
  ['/customers/:id', 'Customer360Page'],
  ['/deals/board', 'DealBoard'],
  ['/deals/:id', 'DealDetailPage'],
  ['/pools/:id', 'PoolPage'],
  ['/handover', 'HandoverWizard'],
  ['/duplicates', 'DuplicateFinderPage'],
  ['/imports/new', 'ImportsPage+ImportWizard'],
  // Nested routes load their layout's chunk and the screen's.
  ['/automations', 'AutomationsPage+AutomationList'],
  ['/automations/:id', 'AutomationsPage+AutomationBuilder'],
]) {
  const files = prefix.split('+').map(chunk);
  if (files.every(Boolean)) screens.push([route, closure([...base, ...files])]);
}

let over = false;
for (const [name, files] of screens) {
  const kb = gzipKb(files);
  over ||= kb > BUDGET_KB;
  console.log(
    `${name.padEnd(16)} ${kb.toFixed(1).padStart(7)} KB gzip in ${files.size} files${kb > BUDGET_KB ? '  OVER BUDGET' : ''}`,
  );
}
const all = readdirSync(assets).filter((f) => f.endsWith('.js'));
console.log(
  `${'all chunks'.padEnd(16)} ${gzipKb(all).toFixed(1).padStart(7)} KB gzip in ${all.length} files (not all loaded at once)`,
);
console.log(`budget: ${BUDGET_KB} KB gzip per first screen`);
process.exit(over ? 1 : 0);
