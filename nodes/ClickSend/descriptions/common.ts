import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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

/** What the Delivery Receipt and Inbound SMS resources call the messages ClickSend keeps for them. */
export interface ReceivedMessages {
	/** e.g. "delivery receipt" */
	one: string;
	/** e.g. "delivery receipts" */
	many: string;
	/** The Send Test operation's name, e.g. "Send Test Receipt". */
	sendTestName: string;
}

/** Get Many, Mark All as Read and Send Test: the same three operations on received messages. */
export function receivedMessageOperations(messages: ReceivedMessages): INodePropertyOptions[] {
	return [
		{
			name: 'Get Many',
			value: 'getAll',
			description: `List the ${messages.many} not yet marked as read`,
			action: `Get many ${messages.many}`,
		},
		{
			name: 'Mark All as Read',
			value: 'markAllRead',
			description: `Mark ${messages.many} as read so Get Many no longer lists them`,
			action: `Mark all ${messages.many} as read`,
		},
		{
			name: messages.sendTestName,
			value: 'sendTest',
			description: `Have ClickSend send a made-up ${messages.one} to a webhook, to test a workflow`,
			action: `Send a test ${messages.one}`,
		},
	];
}

/** Sort of a list operation: ClickSend's order_by values. */
export function orderByField(displayOptions: DisplayOptions, orders: INodePropertyOptions[], defaultOrder: string): INodeProperties {
	return { displayName: 'Sort', name: 'orderBy', type: 'options', options: orders, default: defaultOrder, displayOptions };
}
