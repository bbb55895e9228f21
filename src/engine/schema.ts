/**
 * zod, configured once for every schema of the add-in. `jitless`: zod otherwise probes `new Function` to
 * compile its parsers, which the pane's Content-Security-Policy (no eval) rightly refuses and reports as a
 * violation; the interpreted parsers give the same results. Import `z` from here, never from "zod" directly.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
