import { CONSENSUS_OPERATIONS } from './operations/consensus.ts';
import { GOAL_OPERATIONS } from './operations/goals.ts';
import { PLAN_OPERATIONS } from './operations/plans.ts';
import { SYSTEM_OPERATIONS } from './operations/system.ts';
import { TABLE_OPERATIONS } from './operations/tables.ts';
import type { Operation } from './operation.ts';

export type { ErrorCase, Operation, OtherReply } from './operation.ts';

/**
 * Every API route, with the schemas its input is validated against and its reply has. The OpenAPI
 * document at /api/openapi.json and the page at /api/docs are generated from this list; a test checks
 * that it matches the routes the app really has, and that real replies match the document.
 */
export const OPERATIONS: Operation[] = [
  ...SYSTEM_OPERATIONS,
  ...TABLE_OPERATIONS,
  ...PLAN_OPERATIONS,
  ...GOAL_OPERATIONS,
  ...CONSENSUS_OPERATIONS,
];
