import { smsSendHandlers, type OperationHandlers } from '../../../lib/operations';
import { CLICKSEND_WAITS } from '../descriptions/sendFields';
import { cancelAllMessages, cancelMessage } from './cancel';
import { exportHistory, getHistory } from './history';
import { calculatePrice, sendMessages } from './sendMessages';

export const smsHandlers: OperationHandlers = {
	...smsSendHandlers('clicksend', CLICKSEND_WAITS, sendMessages),
	'sms:calculatePrice': calculatePrice,
	'sms:cancel': cancelMessage,
	'sms:cancelAll': cancelAllMessages,
	'sms:getHistory': getHistory,
	'sms:exportHistory': exportHistory,
};
