import { config } from "zod";

// The CSP has no 'unsafe-eval'. Without jitless, zod probes for eval on its
// first parse, and Chromium reports that probe as a CSP violation.
config({ jitless: true });
