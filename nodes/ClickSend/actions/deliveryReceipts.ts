import type { IDataObject } from 'n8n-workflow';

import { isFailureStatus } from '../../../lib/status';
import type { OperationHandlers } from '../../../lib/operations';
import { receiptStatus } from '../clickSendEvents';
import { getOne } from './lookup';
import { getUnread, markAllRead, sendTest } from './unreadLists';

/** ClickSend's receipt as it is, plus the shared status the trigger also gives, to route on. */
function withStatus(receipt: IDataObject): IDataObject {
	const status = receiptStatus(receipt.status_code);
	return { ...receipt, status, isFailure: isFailureStatus(status) };
}

const MESSAGE_ID = {
	parameter: 'messageId',
	label: 'Message ID',
	hint: 'Map the message_id that Send output, e.g. {{ $json.message_id }}',
};

export const deliveryReceiptHandlers: OperationHandlers = {
	'deliveryReceipt:getAll': async (context) => await getUnread(context, '/sms/receipts', withStatus),
	'deliveryReceipt:get': async (context) => await getOne(context, '/sms/receipts', MESSAGE_ID, withStatus),
	'deliveryReceipt:markAllRead': async (context) => await markAllRead(context, '/sms/receipts-read'),
	'deliveryReceipt:sendTest': async (context) => await sendTest(context, '/sms/receipts'),
};
