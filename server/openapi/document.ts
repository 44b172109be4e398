import { z } from 'zod';
import { apiSchemas } from '../../shared/api-schemas/registry.ts';
import { errorSchema } from '../../shared/api-schemas/tables.ts';
import { isAction, isFileReply, type RouteDeclaration } from '../http/route.ts';
import { errorsByStatus } from './errors.ts';

type JsonObject = Record<string, unknown>;

/** `/tables/:id/goals` → `/api/tables/{id}/goals` */
export const openApiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

/** The JSON Schema of a request body or query, inline. */
export function jsonSchema(schema: z.ZodType): JsonObject {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  return rest;
}

const SCHEMAS = '#/components/schemas/';

/** The reply schemas of shared/api-schemas, each under its name, referring to one another. */
export function componentSchemas(): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(apiSchemas, { io: 'output', uri: (id) => `${SCHEMAS}${id}` }) as {
    schemas: Record<string, JsonObject>;
  };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );
}

/** The name under which a reply schema is a component (every one is: see replySchema). */
export function schemaName(schema: z.ZodType): string {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error('a reply schema of the API is not registered in shared/api-schemas');
  return id;
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema: { $ref: `${SCHEMAS}${schemaName(schema)}` } } });

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
};

const ERROR_TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not authenticated',
  403: 'Refused',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body is not JSON',
  429: 'Too many attempts',
  500: 'Unexpected failure',
  503: 'Unavailable',
};

const pascal = (code: string) =>
  code.replace(/(^|_)([a-z])/g, (_, _sep: string, letter: string) => letter.toUpperCase());

/** The name an error reply gets if several operations share it: its codes and status, e.g. `Unauthenticated401`. */
const errorNames = new WeakMap<JsonObject, string>();

function errorResponses(op: RouteDeclaration): JsonObject {
  const responses: JsonObject = {};
  for (const [status, cases] of errorsByStatus(op)) {
    const codes = [...new Set(cases.map((c) => c.code))];
    const response: JsonObject = {
      description: `${ERROR_TITLES[status] ?? 'Error'}. ${cases.map((c) => `\`${c.code}\`: ${c.when}`).join('; ')}.`,
      ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: `${SCHEMAS}${schemaName(errorSchema)}` },
              { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } },
            ],
          },
        },
      },
    };
    errorNames.set(response, `${codes.map(pascal).join('Or')}${status}`);
    responses[status] = response;
  }
  return responses;
}

/** Error replies that several operations share (401 unauthenticated, 503 unavailable, …) move to components/responses. */
function shareResponses(operations: JsonObject[]): Record<string, JsonObject> {
  const errors = operations.flatMap((op) =>
    Object.entries(op.responses as Record<string, JsonObject>)
      .filter(([, response]) => errorNames.has(response))
      .map(([status, response]) => ({ op, status, response, key: JSON.stringify(response) })),
  );
  const uses = new Map<string, number>();
  for (const { key } of errors) uses.set(key, (uses.get(key) ?? 0) + 1);
  const shared: Record<string, JsonObject> = {};
  const names = new Map<string, string>();
  for (const { op, status, response, key } of errors) {
    if (uses.get(key)! < 2) continue;
    let name = names.get(key);
    if (!name) {
      const base = errorNames.get(response)!;
      name = base;
      for (let n = 2; name in shared; n++) name = `${base}_${n}`;
      shared[name] = response;
      names.set(key, name);
    }
    (op.responses as JsonObject)[status] = { $ref: `#/components/responses/${name}` };
  }
  return shared;
}

function pathParameter(name: string): JsonObject {
  const schema =
    name === 'token'
      ? { type: 'string' }
      : name === 'n'
        ? { type: 'integer', minimum: 1 }
        : { type: 'string', format: 'uuid' };
  return { name, in: 'path', required: true, schema };
}

function operationObject(op: RouteDeclaration): JsonObject {
  const query = op.query ? jsonSchema(op.query) : null;
  const queryParams = query
    ? Object.entries((query.properties ?? {}) as Record<string, JsonObject>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: ((query.required ?? []) as string[]).includes(name),
        schema,
      }))
    : [];
  const status = op.status ?? 200;
  const success = isFileReply(op.reply)
    ? {
        description: op.reply.description,
        content: { [op.reply.mediaType]: { schema: { type: 'string', format: 'binary' } } },
      }
    : op.reply
      ? { description: apiSchemas.get(op.reply)?.description ?? schemaName(op.reply), content: json(op.reply) }
      : { description: 'No content' };
  const others = Object.fromEntries(
    (op.otherReplies ?? []).map((reply) => [reply.status, { description: reply.when, content: json(reply.schema) }]),
  );
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(isAction(op.permission) ? { description: `Permission: \`${op.permission}\` (shared/permissions.ts).` } : {}),
    ...(op.permission === 'public' ? { security: [] } : {}),
    parameters: [...[...op.path.matchAll(/:([A-Za-z]+)/g)].map((match) => pathParameter(match[1]!)), ...queryParams],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
      : {}),
    responses: { [status]: success, ...others, ...errorResponses(op) },
  };
}

/** The tags, in the order the document lists them. */
const TAGS: Record<string, string> = {
  System: 'Whether the server and its database are up.',
  Sessions: 'Logging in and out (a session cookie), and who is signed in.',
  Tables: 'Ontwikkeltafels: their members, roles, phases and rules of play.',
  Notifications: 'What happened that concerns me.',
  Development: 'Aids for demos and tests; mounted only with dev routes, never in production.',
  Invitations: 'Inviting people to a table by a one-time link, and accepting.',
  Plans: 'Plans made from templates, and the sections in them.',
  Sections: 'Sections: their state, content and the goals they serve.',
  Goals: 'Principles, goals and how the sections cover them.',
  KPIs: 'Indicators with baselines, targets and half-yearly measurements.',
  Search: 'Full-text search within a table.',
  Consensus: 'Consent rounds, positions, escalation, mediation, referral and rulings.',
  Comments: "Discussion threads anchored to passages of a section's text, and the section's draft history.",
};

/** The tags the routes use, in the order of TAGS. */
export function tagsOf(declarations: RouteDeclaration[]): string[] {
  const used = new Set(declarations.map((op) => op.tag));
  const order = Object.keys(TAGS);
  return [...used].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/**
 * The OpenAPI operation of each declared route (for createRoute), and the error replies several of them
 * share, which go to components/responses.
 */
export function describeOperations(declarations: RouteDeclaration[]): {
  operations: Map<RouteDeclaration, JsonObject>;
  sharedResponses: Record<string, JsonObject>;
} {
  const operations = new Map(declarations.map((declaration) => [declaration, operationObject(declaration)]));
  return { operations, sharedResponses: shareResponses([...operations.values()]) };
}

/** The top of the document: everything but paths and components. */
export function documentHeader(declarations: RouteDeclaration[]) {
  const tags = tagsOf(declarations);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tafelwerk API',
      version: '1',
      description:
        'The HTTP API of Tafelwerk. Sessions are a cookie (tafelwerk_session); state-changing requests need a JSON body and our own Origin. Errors are `{ "error": { "code", "message", "details"? } }`; a 400 validation_failed has `details.fields`: `[{ "path", "code", "min"?, "max"? }]`, one per field, with codes from shared/field-problems.ts that clients word themselves (the message is English, for developers).',
    },
    // Relative: the paths start with /api on whichever host serves this document.
    servers: [{ url: '/', description: 'The server that serves this document' }],
    tags: tags.map((name) => ({ name, description: TAGS[name] ?? name })),
    security: [{ session: [] }],
  };
}

export const SECURITY_SCHEMES = { session: { type: 'apiKey', in: 'cookie', name: 'tafelwerk_session' } } as const;
