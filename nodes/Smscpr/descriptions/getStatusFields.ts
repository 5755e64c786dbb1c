import type { INodeProperties } from 'n8n-workflow';

export const getStatusFields: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 019ee2da-e515-7322-805f-1ac6ce82f20f',
		description: 'The messageId that Send outputs (SMSCPR calls it msgId)',
		displayOptions: { show: { resource: ['sms'], operation: ['getStatus'] } },
	},
];
