import type { OperationHandlers } from '../../../lib/operations';
import { cancelAllMessages, cancelMessage } from './cancel';
import { exportHistory, getHistory } from './history';
import { calculatePrice, sendMessages } from './sendMessages';

export const smsHandlers: OperationHandlers = {
	'sms:send': sendMessages,
	'sms:calculatePrice': calculatePrice,
	'sms:cancel': cancelMessage,
	'sms:cancelAll': cancelAllMessages,
	'sms:getHistory': getHistory,
	'sms:exportHistory': exportHistory,
};
