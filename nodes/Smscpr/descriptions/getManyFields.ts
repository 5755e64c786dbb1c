import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberReadingOptions, returnAllLimitFields } from '../../../lib/fields';
import { SMSCPR_STATUSES } from '../messageRecord';

const showForGetMany = { show: { resource: ['sms'], operation: ['getAll'] } };

export const getManyFields: INodeProperties[] = [
	{
		displayName:
			'Add at least one filter: SMSCPR lists messages only for a sender, recipient, status, country, network or date range (at most 31 days)',
		name: 'filterNotice',
		type: 'notice',
		default: '',
		displayOptions: showForGetMany,
	},
	...returnAllLimitFields(showForGetMany),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showForGetMany,
		options: [
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
				description: 'Two-letter country code (ISO 3166) of the recipient',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'string',
				default: '',
				placeholder: 'e.g. +12025550199',
				description: 'Sender: a short code, a phone number or a sender ID',
			},
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Messages created at or after this time. With To Date, the range may not exceed 31 days.',
			},
			{
				displayName: 'Mobile Network (MCC-MNC)',
				name: 'mccmnc',
				type: 'string',
				default: '',
				placeholder: 'e.g. 310260',
				description: 'Mobile country and network code of the recipient: 5 or 6 digits',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: SMSCPR_STATUSES.map((status) => ({ name: status.charAt(0) + status.slice(1).toLowerCase(), value: status })),
				default: '',
				description: 'SMSCPR delivery status',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'string',
				default: '',
				placeholder: 'e.g. +12025550123',
				description: 'Recipient phone number',
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Messages created at or before this time',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForGetMany,
		options: phoneNumberReadingOptions,
	},
];
