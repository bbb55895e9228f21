#!/usr/bin/env node
/**
 * `npm start`.
 * - Windows and Mac: sideloads the add-in into desktop Excel with office-addin-debugging (Microsoft's
 *   convention), which starts the dev server and opens Excel. `npm stop` undoes it.
 * - Linux and CI (no desktop Excel): builds and serves the add-in on https://localhost:3000 (webpack dev
 *   server, self-signed certificate) and prints how to sideload it into Excel on the web, and where the
 *   preview host is (the panel beside an in-browser workbook, no Excel needed).
 * PAY_START_ONCE=1 serves, checks every file Excel would fetch, prints the instructions, then stops
 * (used by the tests; also handy to check a checkout).
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { writeFileSync, rmSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const BASE = `https://localhost:${PORT}/`;
const PID_FILE = path.join(root, ".pay-dev-server.pid");

function desktopSideload() {
  let cli;
  try {
    cli = path.join(path.dirname(require.resolve("office-addin-debugging/package.json")), "cli.js");
  } catch {
    console.error(
      "office-addin-debugging is not installed (it is an optional dependency whose native part could not be built).\n" +
        "Run `npm install office-addin-debugging` on this machine, or sideload by hand: see README, 'Sideload into Excel'.",
    );
    process.exit(1);
  }
  const r = spawnSync(process.execPath, [cli, "start", "manifest.xml", "desktop", "--app", "excel"], { cwd: root, stdio: "inherit" });
  process.exit(r.status ?? 1);
}

function get(url) {
  return new Promise((resolve) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.on("timeout", () => req.destroy());
  });
}

async function waitForServer(child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    if ((await get(`${BASE}taskpane.html`)) === 200) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

const INSTRUCTIONS = `
PAY add-in is served at ${BASE}

There is no desktop Excel on this machine, so sideload into Excel on the web:
  1. Open ${BASE}taskpane.html once in the browser you use for Excel and accept the development
     certificate (it is self-signed), so the browser will load the add-in's files.
  2. Open a workbook in Excel on the web (office.com, or your organisation's SharePoint/OneDrive).
  3. Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in (in some tenants: Insert > Add-ins).
  4. Browse to ${path.join(root, "manifest.xml")} and choose Upload.
  5. Type =PAY. in a cell for the functions; Home > Compare payment models opens the panel.

Try it without Excel: the preview host runs the real panel beside an in-browser workbook:
  ${BASE}preview.html

Stop the server with Ctrl+C (or \`npm stop\` from another terminal).
`;

async function serve() {
  const cli = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  const child = spawn(process.execPath, [cli, "serve", "--mode", "development", "--port", String(PORT)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PAY_SELF_SIGNED: "1" },
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  writeFileSync(PID_FILE, String(child.pid));
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    rmSync(PID_FILE, { force: true });
  };
  process.on("SIGINT", () => (stop(), process.exit(0)));
  process.on("SIGTERM", () => (stop(), process.exit(0)));

  console.log(`Building and serving the add-in on ${BASE} ...`);
  if (!(await waitForServer(child, 180))) {
    stop();
    console.error("The dev server did not start:\n" + log.slice(-4000));
    process.exit(1);
  }
  const files = ["taskpane.html", "taskpane.js", "functions.js", "functions.json", "manifest.xml", "help.html", "assets/icon-32.png", "preview.html"];
  const statuses = await Promise.all(files.map((f) => get(BASE + f)));
  const missing = files.filter((f, i) => statuses[i] !== 200);
  if (missing.length > 0) {
    stop();
    console.error(`The server is up but does not serve: ${missing.join(", ")}`);
    process.exit(1);
  }
  console.log(INSTRUCTIONS);
  if (process.env.PAY_START_ONCE === "1") {
    stop();
    console.log(`Checked: ${files.length} files served. Stopped (PAY_START_ONCE=1).`);
    process.exit(0);
  }
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stderr);
  child.on("exit", (code) => {
    rmSync(PID_FILE, { force: true });
    process.exit(code ?? 0);
  });
}

if ((process.platform === "win32" || process.platform === "darwin") && process.env.CI !== "true") desktopSideload();
else await serve();
