import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext-style interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

/**
 * Checks replies against their component schemas in the OpenAPI document the server serves (unknown
 * fields fail too): what a generated client would rely on. Returns the problems, empty when it fits.
 */
export async function replyValidator(baseUrl: string): Promise<(schema: string, body: unknown) => string[]> {
  const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi');
  return (schema, body) => {
    const check = ajv.compile({ $ref: `openapi#/components/schemas/${schema}` });
    return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
