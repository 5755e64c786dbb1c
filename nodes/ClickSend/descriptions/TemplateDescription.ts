import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, returnAllLimitFields } from '../../../lib/fields';
import { orderByField, templateLocator } from './common';

export const templateOperations: INodeProperties[] = [
	operationProperty(
		'template',
		[
			{ name: 'Create', value: 'create', description: 'Save a new SMS template', action: 'Create a template' },
			{ name: 'Delete', value: 'delete', description: 'Delete an SMS template', action: 'Delete a template' },
			{ name: 'Get', value: 'get', description: 'Get one SMS template', action: 'Get a template' },
			{ name: 'Get Many', value: 'getAll', description: 'List the SMS templates of the account', action: 'Get many templates' },
			{ name: 'Update', value: 'update', description: 'Change the name or text of an SMS template', action: 'Update a template' },
		],
		'create',
	),
];

const show = (operation: string[]) => ({ show: { resource: ['template'], operation } });

export const templateFields: INodeProperties[] = [
	templateLocator(show(['get', 'update', 'delete'])),
	{
		displayName: 'Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Appointment reminder',
		description: 'How the template is listed in ClickSend and in the Template dropdown of Send',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Text',
		name: 'templateBody',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi, your appointment is tomorrow at 10:00. Reply STOP to opt out.',
		description: 'The message text the template sends',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; those not added keep their value',
		displayOptions: show(['update']),
		options: [
			{
				displayName: 'Name',
				name: 'templateName',
				type: 'string',
				default: '',
				description: 'The new name of the template',
			},
			{
				displayName: 'Text',
				name: 'templateBody',
				type: 'string',
				default: '',
				typeOptions: { rows: 4 },
				description: 'The new message text of the template',
			},
		],
	},
	...returnAllLimitFields(show(['getAll'])),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getAll']),
		options: [
			{
				displayName: 'Name Contains',
				name: 'templateName',
				type: 'string',
				default: '',
				description: 'Only templates whose name contains this text',
			},
			{
				displayName: 'Text Contains',
				name: 'templateBody',
				type: 'string',
				default: '',
				description: 'Only templates whose message text contains this text',
			},
		],
	},
	orderByField(
		show(['getAll']),
		[
			{ name: 'Name', value: 'template_name:asc' },
			{ name: 'Newest First', value: 'template_id:desc' },
			{ name: 'Oldest First', value: 'template_id:asc' },
		],
		'template_id:asc',
	),
];
