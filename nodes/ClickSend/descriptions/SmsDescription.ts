import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, sendOperationOption } from '../../../lib/fields';
import { sendAndWaitOperationOption } from '../../../lib/send-and-wait';
import { messageIdField } from './common';
import { historyFields } from './historyFields';
import { CLICKSEND_WAITS, sendFields } from './sendFields';

export const smsOperations: INodeProperties[] = [
	operationProperty(
		'sms',
		[
			{
				name: 'Calculate Price',
				value: 'calculatePrice',
				description: 'Get what sending would cost, per message, without sending anything',
				action: 'Calculate the price of an SMS',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel one scheduled message before it is sent',
				action: 'Cancel a scheduled SMS',
			},
			{
				name: 'Cancel All',
				value: 'cancelAll',
				description: 'Cancel every scheduled message, or those with a given custom string',
				action: 'Cancel all scheduled SMS',
			},
			{
				name: 'Export History',
				value: 'exportHistory',
				description: 'Create a CSV file of sent messages and get its download link',
				action: 'Export the SMS history',
			},
			{
				name: 'Get History',
				value: 'getHistory',
				description: 'List sent messages with their status and price',
				action: 'Get the SMS history',
			},
			sendOperationOption('Send a text message to a phone number; many items go out in batches of up to 1000'),
			sendAndWaitOperationOption(CLICKSEND_WAITS),
		],
		'send',
	),
];

const showForCancel = { show: { resource: ['sms'], operation: ['cancel'] } };
const showForCancelAll = { show: { resource: ['sms'], operation: ['cancelAll'] } };

export const smsFields: INodeProperties[] = [
	...sendFields,
	messageIdField(showForCancel, 'The messageId that Send output for the scheduled message (ClickSend calls it message_id)'),
	{
		displayName: 'Custom String',
		name: 'customString',
		type: 'string',
		default: '',
		placeholder: 'e.g. campaign-42',
		description: 'Cancel only the scheduled messages sent with this custom string. Empty cancels every scheduled message of the account.',
		displayOptions: showForCancelAll,
	},
	...historyFields,
];
