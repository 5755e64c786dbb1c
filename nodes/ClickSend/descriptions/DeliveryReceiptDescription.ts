import type { INodeProperties } from 'n8n-workflow';

import { dateBeforeField, messageIdField, pageLimitFields, testUrlField } from './common';

export const deliveryReceiptOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['deliveryReceipt'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the delivery receipt of one sent message, read or not',
				action: 'Get a delivery receipt',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the delivery receipts not yet marked as read',
				action: 'Get many delivery receipts',
			},
			{
				name: 'Mark All as Read',
				value: 'markAllRead',
				description: 'Mark delivery receipts as read so Get Many no longer lists them',
				action: 'Mark all delivery receipts as read',
			},
			{
				name: 'Send Test Receipt',
				value: 'sendTest',
				description: 'Have ClickSend send a made-up delivery receipt to a webhook, to test a workflow',
				action: 'Send a test delivery receipt',
			},
		],
		default: 'getAll',
	},
];

const show = (operation: string[]) => ({ show: { resource: ['deliveryReceipt'], operation } });

export const deliveryReceiptFields: INodeProperties[] = [
	messageIdField(show(['get']), 'The messageId that Send output for the message (ClickSend calls it message_id)'),
	...pageLimitFields(show(['getAll'])),
	dateBeforeField(show(['markAllRead']), 'delivery receipts'),
	testUrlField(show(['sendTest']), 'delivery receipt'),
];
