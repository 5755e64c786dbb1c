import type { OperationHandlers } from '../../../lib/operations';

export const templateHandlers: OperationHandlers = {};
