import { config } from 'zod';

/*
 * Zod compiles object parsers with `new Function` when it can, and probes for that on first use. Our
 * Content-Security-Policy (default-src 'self', no 'unsafe-eval') refuses it: the probe is caught, but
 * the browser still logs a CSP violation as a console error on every page. The client parses few and
 * small objects (field problems in an error reply), so parsing without compiled code costs nothing.
 */
config({ jitless: true });
