import type { INodeProperties } from 'n8n-workflow';

import { SEND_AND_WAIT } from '../../../lib/send-and-wait';
import { getManyFields } from './getManyFields';
import { getStatusFields } from './getStatusFields';
import { sendFields, SMSCPR_WAITS } from './sendFields';

export { SMSCPR_WAITS };

export const smsOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List sent messages and their delivery status, newest first',
				action: 'Get many messages',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the delivery status of one sent message',
				action: 'Get the status of a message',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send a text message to one phone number',
				action: 'Send an SMS',
			},
			{
				name: 'Send and Wait',
				value: SEND_AND_WAIT,
				description: 'Send a text message and pause the workflow until it is delivered or the recipient answers on a linked page',
				action: 'Send an SMS and wait for delivery or an answer',
			},
		],
		default: 'send',
	},
];

export const smsFields: INodeProperties[] = [...sendFields, ...getStatusFields, ...getManyFields];
