/* global require, module, process, console, __dirname */
/**
 * The import boundaries of src/, read with TypeScript's own parser (imports, re-exports, `import type`, dynamic
 * `import()`): which folder may import which, and no circle of modules. tests/house/imports.test.ts holds them;
 * `node scripts/imports.cjs` prints every edge between folders, and any breach or circle.
 *
 * The layers, downward only: the engine (pure: nothing outside it but zod); headless (HyperFormula with the PAY
 * functions) and excel (the sheet's plan and the Office.js calls that write it) over the engine; the faces — the
 * command line, the pane, the custom functions — over those, never over each other; the preview host over all but
 * the command line.
 */
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const ALLOWED = {
  engine: ["engine"],
  headless: ["engine", "headless"],
  excel: ["engine", "excel"],
  functions: ["engine", "functions"],
  cli: ["engine", "headless", "cli"],
  taskpane: ["engine", "excel", "taskpane"],
  preview: ["engine", "excel", "headless", "taskpane", "preview", "(examples)"],
};
/** Packages the engine may use: it runs in the pane, the functions' runtime, a Web Worker and node alike. */
const ENGINE_PACKAGES = [/^zod(\/|$)/];

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

function specifiers(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out = [];
  const visit = (n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier))
      out.push(n.moduleSpecifier.text);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0]))
      out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

/** Every module of src/ with what it imports: { file: { local: [files], packages: [names] } }, paths relative to src/. */
function importGraph(src) {
  const graph = {};
  for (const file of sourceFiles(src)) {
    const local = [];
    const packages = [];
    for (const spec of specifiers(file)) {
      if (!spec.startsWith(".")) packages.push(spec);
      else {
        const to = resolve(file, spec);
        if (to) local.push(path.relative(src, to));
      }
    }
    graph[path.relative(src, file)] = { local, packages };
  }
  return graph;
}

const folderOf = (rel) => (rel.startsWith("..") ? "(examples)" : rel.split(path.sep)[0]);

/** Each import that crosses a boundary: "from → to (why)". */
function breaches(graph) {
  const out = [];
  for (const [file, { local, packages }] of Object.entries(graph)) {
    const from = folderOf(file);
    const may = ALLOWED[from];
    for (const to of local) {
      const into = folderOf(to);
      if (!may) out.push(`${file} → ${to} (${from}/ has no rule: add it to ALLOWED)`);
      else if (!may.includes(into)) out.push(`${file} → ${to} (${from}/ may import only ${may.join(", ")})`);
    }
    if (from === "engine")
      for (const p of packages) if (!ENGINE_PACKAGES.some((re) => re.test(p))) out.push(`${file} → ${p} (the engine uses no package but zod)`);
  }
  return out;
}

/** Every circle of modules (strongly connected components of more than one module, or a module importing itself). */
function circles(graph) {
  let index = 0;
  const stack = [];
  const on = new Set();
  const ix = new Map();
  const low = new Map();
  const out = [];
  const visit = (v) => {
    ix.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph[v]?.local ?? []) {
      if (!ix.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), ix.get(w)));
    }
    if (low.get(v) === ix.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (graph[v]?.local ?? []).includes(v)) out.push(c.sort());
    }
  };
  for (const v of Object.keys(graph)) if (!ix.has(v)) visit(v);
  return out;
}

module.exports = { ALLOWED, importGraph, breaches, circles };

if (require.main === module) {
  const g = importGraph(path.resolve(__dirname, "../src"));
  const edges = new Map();
  for (const [f, { local }] of Object.entries(g))
    for (const t of local)
      if (folderOf(f) !== folderOf(t)) edges.set(`${folderOf(f)} → ${folderOf(t)}`, (edges.get(`${folderOf(f)} → ${folderOf(t)}`) ?? 0) + 1);
  console.log("Imports between folders:");
  for (const [e, n] of [...edges].sort()) console.log(`  ${e}: ${n}`);
  const b = breaches(g);
  const c = circles(g);
  console.log(b.length ? `Breaches:\n  ${b.join("\n  ")}` : "No breaches.");
  console.log(c.length ? `Circles:\n  ${c.map((x) => x.join(" ⇄ ")).join("\n  ")}` : "No circles.");
  process.exitCode = b.length || c.length ? 1 : 0;
}
