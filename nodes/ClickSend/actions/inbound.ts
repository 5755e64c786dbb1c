import type { OperationHandlers } from '../../../lib/operations';

export const inboundHandlers: OperationHandlers = {};
