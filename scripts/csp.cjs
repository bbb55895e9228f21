/* eslint-disable no-undef */
/**
 * The task pane's Content-Security-Policy (a <meta> as the first element of its <head>, so it governs every
 * script the page loads). Only the add-in's own origin, and Microsoft's Office.js host for office.js and the
 * scripts office.js itself loads; no inline or eval'd script; workers only from the add-in's origin; no
 * network calls but to the add-in's own host. Styles allow 'unsafe-inline' because Fluent UI's Griffel
 * writes its atomic CSS into <style> elements at run time (style only: it cannot run code). No WebAssembly
 * either: the simulation's statistics are TypeScript alone (issue 38), so the policy need not allow compiling it.
 */
const OFFICE_JS_HOST = "https://appsforoffice.microsoft.com";

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_JS_HOST}`,
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
