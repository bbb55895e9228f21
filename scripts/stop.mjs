#!/usr/bin/env node
// `npm stop`: Windows and Mac, office-addin-debugging removes the sideloaded add-in and stops the server;
// Linux, stops the dev server that `npm start` started (its PID is in .pay-dev-server.pid).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
if ((process.platform === "win32" || process.platform === "darwin") && process.env.CI !== "true") {
  try {
    const cli = path.join(path.dirname(require.resolve("office-addin-debugging/package.json")), "cli.js");
    const r = spawnSync(process.execPath, [cli, "stop", "manifest.xml"], { cwd: root, stdio: "inherit" });
    process.exit(r.status ?? 1);
  } catch {
    console.error("office-addin-debugging is not installed: nothing was sideloaded by `npm start`.");
    process.exit(0);
  }
}
const pidFile = path.join(root, ".pay-dev-server.pid");
if (!existsSync(pidFile)) {
  console.log("No PAY dev server is running.");
  process.exit(0);
}
const pid = Number(readFileSync(pidFile, "utf8"));
try {
  process.kill(pid, "SIGTERM");
  console.log(`Stopped the PAY dev server (pid ${pid}).`);
} catch {
  console.log("The PAY dev server had already stopped.");
}
rmSync(pidFile, { force: true });
