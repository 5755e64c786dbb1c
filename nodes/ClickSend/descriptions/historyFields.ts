import type { INodeProperties } from 'n8n-workflow';

import { returnAllLimitFields } from '../../../lib/fields';
import { orderByField } from './common';

const showForHistory = { show: { resource: ['sms'], operation: ['getHistory', 'exportHistory'] } };
const showForGetHistory = { show: { resource: ['sms'], operation: ['getHistory'] } };

export const historyFields: INodeProperties[] = [
	...returnAllLimitFields(showForGetHistory),
	{
		displayName: 'File Name',
		name: 'filename',
		type: 'string',
		default: 'export.csv',
		description: 'Name of the CSV file to create; it must end in .csv',
		displayOptions: { show: { resource: ['sms'], operation: ['exportHistory'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showForHistory,
		options: [
			{
				displayName: 'Search',
				name: 'q',
				type: 'string',
				default: '',
				placeholder: 'e.g. status:Failed',
				description:
					'ClickSend’s search as field:value, several separated by commas. Fields: status (Queued, Completed, Scheduled, WaitApproval, Failed, Cancelled, CancelledAfterReview, Received, Sent), to, from, subaccount_id, message_id.',
			},
			{
				displayName: 'Sent After',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent at or after this time',
			},
			{
				displayName: 'Sent Before',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent at or before this time',
			},
		],
	},
	orderByField(
		showForHistory,
		[
			{ name: 'Newest First', value: 'date:desc' },
			{ name: 'Oldest First', value: 'date:asc' },
			{ name: 'Recipient', value: 'to:asc' },
			{ name: 'Sender', value: 'from:asc' },
			{ name: 'Status', value: 'status:asc' },
		],
		'date:desc',
	),
];
