/* global require, module, process, console, __dirname */
/**
 * The house's measures, as a reviewer repeats them: the longest functions in src/ (by TypeScript's own parser,
 * lines from the first to the last of each function, methods and arrow functions included) and the folders of
 * src/ by how many source files they hold, and the longest files. `node scripts/house.cjs [n]` prints the n
 * longest and largest. A report, not a test (issue 38): the aims are functions under 150 lines, files under 400,
 * folders a reader can hold; a split serves the reader, never the number. The tested rule is the imports'
 * (scripts/imports.cjs, tests/house/imports.test.ts).
 */
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Every function of every source file under root: { lines, file, line, name }, longest first. */
function longestFunctions(root) {
  const out = [];
  for (const file of sourceFiles(root)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (n) => {
      if (
        ts.isFunctionDeclaration(n) ||
        ts.isMethodDeclaration(n) ||
        ts.isArrowFunction(n) ||
        ts.isFunctionExpression(n) ||
        ts.isConstructorDeclaration(n)
      ) {
        const first = sf.getLineAndCharacterOfPosition(n.getStart()).line;
        const last = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
        const named = n.name ?? n.parent?.name;
        out.push({
          lines: last - first + 1,
          file: path.relative(path.dirname(root), file),
          line: first + 1,
          name: named ? named.getText() : "(anonymous)",
        });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

/** Each folder under root with the source files directly in it, largest first. */
function largestFolders(root) {
  const counts = new Map();
  for (const file of sourceFiles(root)) {
    const dir = path.relative(path.dirname(root), path.dirname(file));
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  return [...counts].map(([folder, files]) => ({ folder, files })).sort((a, b) => b.files - a.files);
}

/** Each source file under root by its lines, longest first. */
function longestFiles(root) {
  return sourceFiles(root)
    .map((file) => ({ file: path.relative(path.dirname(root), file), lines: fs.readFileSync(file, "utf8").split("\n").length - 1 }))
    .sort((a, b) => b.lines - a.lines);
}

module.exports = { longestFunctions, largestFolders, longestFiles };

if (require.main === module) {
  const n = Number(process.argv[2] ?? 10);
  const src = path.resolve(__dirname, "../src");
  console.log("Longest functions (lines):");
  for (const f of longestFunctions(src).slice(0, n)) console.log(`  ${String(f.lines).padStart(4)}  ${f.file}:${f.line} ${f.name}`);
  console.log("Longest files (lines):");
  for (const f of longestFiles(src).slice(0, n)) console.log(`  ${String(f.lines).padStart(4)}  ${f.file}`);
  console.log("Largest folders (source files):");
  for (const d of largestFolders(src).slice(0, n)) console.log(`  ${String(d.files).padStart(4)}  ${d.folder}`);
}
