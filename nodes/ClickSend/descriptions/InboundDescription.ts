import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, returnAllLimitFields } from '../../../lib/fields';
import { dateBeforeField, receivedMessageOperations, testUrlField, type ReceivedMessages } from './common';

const INBOUND: ReceivedMessages = { one: 'inbound SMS', many: 'inbound SMS', sendTestName: 'Send Test Inbound' };

export const inboundOperations: INodeProperties[] = [
	operationProperty(
		'inbound',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get the reply to one sent message, read or not',
				action: 'Get an inbound SMS',
			},
			{
				name: 'Mark as Read',
				value: 'markRead',
				description: 'Mark one inbound SMS as read',
				action: 'Mark an inbound SMS as read',
			},
			...receivedMessageOperations(INBOUND),
		],
		'getAll',
	),
];

const show = (operation: string[]) => ({ show: { resource: ['inbound'], operation } });

export const inboundFields: INodeProperties[] = [
	{
		displayName: 'Original Message ID',
		name: 'originalMessageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 00DD4A0B-FC0F-4FFB-9A95-4BACC477C372',
		description: 'The message_id of the message you sent that was replied to. If several replies came, ClickSend gives the first.',
		displayOptions: show(['get']),
	},
	{
		displayName: 'Inbound Message ID',
		name: 'inboundMessageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7E0F75B6-8CE0-4202-B589-8BA8E5CBA661',
		description: 'The message_id of the inbound SMS itself (not of the message it replies to)',
		displayOptions: show(['markRead']),
	},
	...returnAllLimitFields(show(['getAll'])),
	dateBeforeField(show(['markAllRead']), INBOUND.many),
	testUrlField(show(['sendTest']), INBOUND.one),
	{
		displayName: 'Webhook Type',
		name: 'webhookType',
		type: 'options',
		options: [
			{ name: 'Form (POST)', value: 'post', description: 'Form-encoded POST, as ClickSend sends by default' },
			{ name: 'JSON (POST)', value: 'json', description: 'JSON POST' },
			{ name: 'Query String (GET)', value: 'get', description: 'GET with the fields in the URL' },
		],
		default: 'post',
		description: 'How ClickSend sends the test message to the URL; match the inbound rule you are testing',
		displayOptions: show(['sendTest']),
	},
];
