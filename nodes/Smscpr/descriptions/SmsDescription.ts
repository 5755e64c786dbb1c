import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, sendOperationOption } from '../../../lib/fields';
import { sendAndWaitOperationOption } from '../../../lib/send-and-wait';
import { getManyFields } from './getManyFields';
import { getStatusFields } from './getStatusFields';
import { sendFields, SMSCPR_WAITS } from './sendFields';

export { SMSCPR_WAITS };

export const smsOperations: INodeProperties[] = [
	operationProperty(
		'sms',
		[
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
			sendOperationOption(),
			sendAndWaitOperationOption(SMSCPR_WAITS),
		],
		'send',
	),
];

export const smsFields: INodeProperties[] = [...sendFields, ...getStatusFields, ...getManyFields];
