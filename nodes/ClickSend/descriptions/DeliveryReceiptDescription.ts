import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, returnAllLimitFields } from '../../../lib/fields';
import { dateBeforeField, messageIdField, receivedMessageOperations, testUrlField, type ReceivedMessages } from './common';

const RECEIPTS: ReceivedMessages = { one: 'delivery receipt', many: 'delivery receipts', sendTestName: 'Send Test Receipt' };

export const deliveryReceiptOperations: INodeProperties[] = [
	operationProperty(
		'deliveryReceipt',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get the delivery receipt of one sent message, read or not',
				action: 'Get a delivery receipt',
			},
			...receivedMessageOperations(RECEIPTS),
		],
		'getAll',
	),
];

const show = (operation: string[]) => ({ show: { resource: ['deliveryReceipt'], operation } });

export const deliveryReceiptFields: INodeProperties[] = [
	messageIdField(show(['get']), 'The messageId that Send output for the message (ClickSend calls it message_id)'),
	...returnAllLimitFields(show(['getAll'])),
	dateBeforeField(show(['markAllRead']), RECEIPTS.many),
	testUrlField(show(['sendTest']), RECEIPTS.one),
];
