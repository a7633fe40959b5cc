import { z } from 'zod';

// The pages' Content-Security-Policy allows no `eval` (svelte.config.js). zod compiles object
// schemas with `new Function` when it may, and first probes whether it may, which the browser
// reports as a violation even though zod catches it: in the browser it parses without
// compiling (the server, where parsing is on every command's path, still compiles).
z.config({ jitless: true });
