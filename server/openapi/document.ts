import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations.ts';

type JsonObject = Record<string, unknown>;

/** `/tables/:id/goals` → `/api/tables/{id}/goals` */
export const openApiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

export function jsonSchema(schema: z.ZodType): JsonObject {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  return rest;
}

const ERROR = { $ref: '#/components/schemas/Error' };

function operationObject(op: Operation): JsonObject {
  const params = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = op.query ? jsonSchema(op.query) : null;
  const queryParams = query
    ? Object.entries((query.properties ?? {}) as Record<string, JsonObject>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: ((query.required ?? []) as string[]).includes(name),
        schema,
      }))
    : [];
  const status = String(op.status ?? 200);
  const responses: JsonObject = {
    [status]: { description: op.returns },
    ...(op.body || op.query
      ? { 400: { description: 'Invalid input', content: { 'application/json': { schema: ERROR } } } }
      : {}),
    ...(op.public ? {} : { 401: { description: 'Not signed in', content: { 'application/json': { schema: ERROR } } } }),
    ...(op.permission
      ? {
          403: { description: `Role lacks ${op.permission}`, content: { 'application/json': { schema: ERROR } } },
          404: {
            description: 'Not found, or not a member of the table',
            content: { 'application/json': { schema: ERROR } },
          },
        }
      : {}),
  };
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.permission ? { description: `Permission: \`${op.permission}\` (shared/permissions.ts).` } : {}),
    ...(op.public ? { security: [] } : {}),
    parameters: [...params, ...queryParams],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the API, generated from the operations list and their zod schemas. */
export function openApiDocument(options: { includeDev: boolean }): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const op of OPERATIONS) {
    if (op.devOnly && !options.includeDev) continue;
    const path = openApiPath(op.path);
    paths[path] = { ...paths[path], [op.method]: operationObject(op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tafelwerk API',
      version: '1',
      description:
        'The HTTP API of Tafelwerk. Sessions are a cookie (tafelwerk_session); state-changing requests need a JSON body and our own Origin. Response shapes are the TypeScript types in shared/api.ts.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tafelwerk_session' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}
