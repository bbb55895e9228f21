/**
 * zod, configured once for every schema of the add-in. Its mini build (functional checks, tree-shaken), with
 * only its English messages: the classic build, or a namespace of the mini one passed on whole, carries every
 * locale and method into the pane's bundle (about 190 KB minified for two schemas). `jitless`: zod otherwise
 * probes `new Function` to compile its parsers, which the pane's Content-Security-Policy (no eval) rightly
 * refuses and reports as a violation; the interpreted parsers give the same results. Import zod's functions
 * from here (`import * as z from "./schema"`), never from "zod" directly.
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config({ jitless: true, ...en() });

export { boolean, int, maximum, minimum, number, object, optional, pipe, string, transform, union } from "zod/mini";
export type { core, infer } from "zod/mini";
