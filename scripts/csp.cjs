/* eslint-disable no-undef */
/**
 * The task pane's Content-Security-Policy (a <meta> as the first element of its <head>, so it governs every
 * script the page loads). Only the add-in's own origin, and Microsoft's Office.js host for office.js and the
 * scripts office.js itself loads; no inline or eval'd script; workers only from the add-in's origin; no
 * network calls but to the add-in's own host. Styles allow 'unsafe-inline' because Fluent UI's Griffel
 * writes its atomic CSS into <style> elements at run time (style only: it cannot run code). 'wasm-unsafe-eval'
 * lets the page compile WebAssembly, and nothing else: the risk simulation's statistics kernels
 * (src/engine/risk/kernels.ts), when the simulation runs on the pane's thread because a host will not start its
 * worker. (The worker, loaded from its own URL, is not governed by this <meta>; it compiles them either way.)
 */
const OFFICE_JS_HOST = "https://appsforoffice.microsoft.com";

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${OFFICE_JS_HOST}`,
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

module.exports = { CONTENT_SECURITY_POLICY, OFFICE_JS_HOST };
