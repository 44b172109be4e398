import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.ts';
import type { DeclaredRoute, RouteDeclaration } from '../http/route.ts';
import { componentSchemas, describeOperations, documentHeader, SECURITY_SCHEMES } from './document.ts';

type JsonObject = Record<string, unknown>;

/** `/tables/:id/goals` → `/tables/{id}/goals`, as createRoute has paths. */
const templatePath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/**
 * Mounts declared routes on the API with Hono's own OpenAPI support: `app.openapi(createRoute(…), handler)`
 * registers each route and its operation in one step. Returns a function that mounts one group, so that
 * middleware can sit between groups (health before the session, the rest after it); the operations are
 * described for all routes at once, because error replies several of them share become components.
 *
 * The request schemas are given to createRoute as JSON Schema rather than zod, so its validators stay out:
 * the handler wrapper of server/http/route.ts validates with the same zod schemas, through readJson and
 * readQuery, which keep our error contract (415, invalid_json, unstorable characters, issue paths).
 */
export function routeMounter(api: OpenAPIHono<AppEnv>, all: DeclaredRoute[]) {
  const { operations, sharedResponses } = describeOperations(all.map((r) => r.declaration));
  for (const [name, schema] of Object.entries(componentSchemas())) {
    api.openAPIRegistry.registerComponent('schemas', name, schema as never);
  }
  for (const [name, response] of Object.entries(sharedResponses)) {
    api.openAPIRegistry.registerComponent('responses', name, response as never);
  }
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    api.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  }
  return (routes: DeclaredRoute[]) => {
    for (const { declaration, handler } of routes) {
      const operation = operations.get(declaration);
      if (!operation) throw new Error(`${declaration.operationId} was not described with the other routes`);
      const config = { method: declaration.method, path: templatePath(declaration.path), ...operation };
      api.openapi(createRoute(config as unknown as RouteConfig), handler as never);
    }
  };
}

/** The OpenAPI 3.1 document of the mounted routes, from Hono's registry (paths under /api). */
export function openApiDocument(api: OpenAPIHono<AppEnv>, declarations: RouteDeclaration[]): JsonObject {
  const generated = api.getOpenAPI31Document(documentHeader(declarations) as never) as unknown as JsonObject & {
    paths: Record<string, unknown>;
    components: JsonObject;
  };
  const { webhooks: _webhooks, paths, components, ...top } = generated;
  const { parameters: _none, ...kept } = components;
  return {
    ...top,
    components: kept,
    paths: Object.fromEntries(Object.entries(paths).map(([path, item]) => [`/api${path}`, item])),
  };
}
