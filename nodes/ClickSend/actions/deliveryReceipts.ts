import type { OperationHandlers } from '../../../lib/operations';

export const deliveryReceiptHandlers: OperationHandlers = {};
