import type { INodeProperties } from 'n8n-workflow';

type DisplayOptions = INodeProperties['displayOptions'];

/** A template chosen from the account's list, or typed as its ID. */
export function templateLocator(displayOptions: DisplayOptions): INodeProperties {
	return {
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'One of the SMS templates saved in the ClickSend account',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 587713',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A template ID is a number, e.g. 587713' } }],
			},
		],
	};
}

/** Return All and Limit of a list operation. ClickSend pages hold at most 100; the node pages for you. */
export function pageLimitFields(displayOptions: { show: Record<string, string[]> }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/** A ClickSend message ID, as Send outputs it in `messageId` (ClickSend calls it message_id). */
export function messageIdField(displayOptions: DisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1EF50711-2787-68F4-8223-9F9C4393E380',
		description,
		displayOptions,
	};
}

/** Mark All as Read's cutoff: ClickSend marks only what arrived before it. */
export function dateBeforeField(displayOptions: DisplayOptions, what: string): INodeProperties {
	return {
		displayName: 'Received Before',
		name: 'dateBefore',
		type: 'dateTime',
		default: '',
		description: `Mark only the ${what} received before this time. Empty marks them all.`,
		displayOptions,
	};
}

/** Where a test receipt or test inbound SMS goes: a webhook URL, or ClickSend itself (poll). */
export function testUrlField(displayOptions: DisplayOptions, what: string): INodeProperties {
	return {
		displayName: 'Webhook URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://your-n8n.example.com/webhook/…',
		description: `Where ClickSend sends the test ${what}: the Production URL of a ClickSend Trigger, or any webhook. Type poll to keep it in ClickSend for Get Many instead.`,
		displayOptions,
	};
}
