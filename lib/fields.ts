import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';


import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS } from './http';
import { SEND_AND_WAIT, sendAndWaitProperties, type WaitFor } from './send-and-wait';

/** Node properties that every provider offers the same way, written once. */

export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'string',
	default: '',
	placeholder: 'e.g. US',
	description:
		'Two-letter country code (ISO 3166) of numbers typed without + or 00, such as 020 7946 0958 for GB. Without it such numbers are refused rather than guessed.',
};

export const readNumbersWithoutPlusAsInternationalOption: INodeProperties = {
	displayName: 'Read Numbers Without + as International',
	name: 'readNumbersWithoutPlusAsInternational',
	type: 'boolean',
	default: false,
	description:
		'Whether digits without + or 00, such as 447911123456, are a country code and number (a sheet that stores international numbers without +). Off by default: a US number typed without +1 would otherwise go to whichever country its first digits name. With Default Country set, numbers valid in that country are still read there first.',
};

/** How every phone number field is read, for its description (the rule is lib/phone's). */
export const PHONE_NUMBER_READING =
	'Spaces, dashes, dots, brackets and 00 are fine. A number without + or 00 needs Options › Default Country, or Options › Read Numbers Without + as International when it is international digits without +';

/** The options that say how a phone number field is read: in every node that reads one. */
export const phoneNumberReadingOptions: INodeProperties[] = [defaultCountryOption, readNumbersWithoutPlusAsInternationalOption];

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description: `How many requests to the provider may be in flight at once (at most ${MAX_CONCURRENCY}). The node slows down by itself when the provider says it is sending too fast. A provider far away needs more for the same pace: n8n opens a new connection for every request.`,
};

export const retrySendOption: INodeProperties = {
	displayName: 'Retry Sends After Server Errors',
	name: 'retrySendOnServerError',
	type: 'boolean',
	default: false,
	description:
		'Whether to send again when the provider answers with a server error or does not answer in time. Off by default: the provider may have accepted the message anyway, and a retry would text the person twice.',
};

export const replaceLookAlikeCharactersOption: INodeProperties = {
	displayName: 'Replace Look-Alike Characters',
	name: 'replaceLookAlikeCharacters',
	type: 'boolean',
	default: true,
	description:
		'Whether to make curly quotes, long dashes, …, tabs and special spaces plain (and drop invisible ones) when that lets the message go as plain SMS text: 160 characters per SMS instead of 70. Text pasted from documents and websites often holds them. A message with an emoji or letters outside the SMS alphabet is sent as written.',
};

// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is computed from DEFAULT_TIMEOUT_MS, which the rule cannot read
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
	default: DEFAULT_TIMEOUT_MS / 1000,
	description:
		'Seconds to wait for the provider to answer each request. A send that times out is not sent again (unless Retry Sends After Server Errors is on): the provider may have accepted it.',
};

/** The Options collection of every Send operation, plus the provider's own options if any. */
export function sendOptionsProperty(
	displayOptions: INodeProperties['displayOptions'],
	providerOptions: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [concurrencyOption, ...phoneNumberReadingOptions, replaceLookAlikeCharactersOption, retrySendOption, timeoutOption, ...providerOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

export const webhookAuthenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'None', value: 'none' },
		{ name: 'Header Auth', value: 'headerAuth', description: 'The provider (or a proxy) must send a header you choose' },
		{ name: 'Basic Auth', value: 'basicAuth', description: 'The webhook URL must be called with a user and password' },
	],
	default: 'none',
	description:
		'How to protect the webhook URL. The provider signs nothing, so without protection anyone who learns the URL can post events to it.',
};

export const webhookOnlyFailuresOption: INodeProperties = {
	displayName: 'Only Failures',
	name: 'onlyFailures',
	type: 'boolean',
	default: false,
	description:
		'Whether to start the workflow only for receipts whose status is failed or undelivered; other receipts are acknowledged and dropped',
};

export const webhookIgnoreDuplicatesOption: INodeProperties = {
	displayName: 'Ignore Duplicates',
	name: 'ignoreDuplicates',
	type: 'boolean',
	default: true,
	description:
		'Whether to start the workflow only once when the provider posts the same event again (same message ID and status). Providers retry when they think a delivery failed.',
};

export const webhookOnlyOptOutsOption: INodeProperties = {
	displayName: 'Only Opt-Outs',
	name: 'onlyOptOuts',
	type: 'boolean',
	default: false,
	description:
		'Whether to start the workflow for an inbound SMS only when its first word is an opt-out keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT); other inbound SMS are acknowledged and dropped. Delivery receipts are not affected.',
};

/** The Options collection of a trigger that receives delivery receipts only. */
export const webhookOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [webhookIgnoreDuplicatesOption, webhookOnlyFailuresOption],
};

/** The Options collection of a trigger that receives inbound SMS (and receipts). */
export const webhookOptionsWithInboundProperty: INodeProperties = {
	...webhookOptionsProperty,
	options: [webhookIgnoreDuplicatesOption, webhookOnlyFailuresOption, webhookOnlyOptOutsOption],
};

/** The Events choice of a trigger that receives both receipts and inbound SMS on one URL. */
export function webhookEventsProperty(descriptions: { deliveryReceipt: string; inboundMessage: string }): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Delivery Receipt', value: 'deliveryReceipt', description: descriptions.deliveryReceipt },
			{ name: 'Inbound SMS', value: 'inboundMessage', description: descriptions.inboundMessage },
		],
		default: ['deliveryReceipt', 'inboundMessage'],
		description: 'Which events start the workflow; the others are acknowledged and dropped',
	};
}

/** The Resource selector of an action node. */
export function resourceProperty(resources: Array<{ name: string; value: string }>): INodeProperties {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the node's first resource, which the rule cannot read
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources,
		default: resources[0].value,
	};
}

/** The Operation selector of one resource, its operations in alphabetical order as n8n lists them. */
export function operationProperty(resource: string, operations: INodePropertyOptions[], defaultOperation: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [...operations].sort((a, b) => a.name.localeCompare(b.name)),
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the caller names the default operation, which the rule cannot read
		default: defaultOperation,
	};
}

/** The Send choice of an SMS node's Operation. */
export function sendOperationOption(description = 'Send a text message to one phone number'): INodePropertyOptions {
	return { name: 'Send', value: 'send', description, action: 'Send an SMS' };
}

/** Send's fields show for Send and Send and Wait, which send the same message. */
export const SHOW_FOR_SEND = { show: { resource: ['sms'], operation: ['send', SEND_AND_WAIT] } };

/** For Send only: Send and Wait for Delivery takes the receipt address itself. */
export const SHOW_FOR_SEND_ONLY = { show: { resource: ['sms'], operation: ['send'] } };

/**
 * The fields of Send and Send and Wait: the provider's own (shown where `show` says unless they
 * say otherwise), then Send and Wait's, then the shared Options with the provider's own options.
 */
export function sendOperationFields(
	waits: readonly WaitFor[],
	fields: INodeProperties[],
	{ show = SHOW_FOR_SEND.show, providerOptions = [] }: { show?: Record<string, string[]>; providerOptions?: INodeProperties[] } = {},
): INodeProperties[] {
	return [
		...fields.map((field) => ({ displayOptions: { show }, ...field })),
		...sendAndWaitProperties(waits, { resource: ['sms'], operation: [SEND_AND_WAIT] }),
		sendOptionsProperty({ show }, providerOptions),
	];
}

/** To: the recipient, read as lib/phone reads every number; `note` adds the provider's own rule. */
export function recipientField(placeholder: string, note?: string): INodeProperties {
	return {
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description: [`Phone number of the recipient. ${PHONE_NUMBER_READING}.`, note].filter(Boolean).join(' '),
	};
}

/** Message: the text of the SMS, with the provider's limit where it has one. */
export function messageTextField(placeholder: string, maxCharacters?: number): INodeProperties {
	const limit = maxCharacters === undefined ? '' : `, at most ${maxCharacters} characters`;
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder,
		description: `Text of the SMS${limit}. 160 plain characters fit in one SMS; accents outside the GSM alphabet or emoji lower that to 70 (pasted curly quotes and long dashes do not: see Options › Replace Look-Alike Characters). The output shows the parts used.`,
	};
}

/**
 * Additional Fields › Delivery Receipt URL, for a provider that takes a receipt address with each
 * message. Send only: Send and Wait for Delivery puts its resume URL there.
 */
export function deliveryReceiptUrlFields(url: { placeholder: string; description: string }): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: SHOW_FOR_SEND_ONLY,
		options: [{ displayName: 'Delivery Receipt URL', name: 'callbackUrl', type: 'string', default: '', ...url }],
	};
}

/** The notice at the top of a trigger that says where the provider must post its events. */
export function setupNoticeProperty(text: string): INodeProperties {
	return { displayName: text, name: 'setupNotice', type: 'notice', default: '' };
}

/**
 * A trigger's fields: the setup notice, Events when it receives both kinds (with what each means
 * at this provider), the provider's own fields, Authentication, and the Options for what it receives.
 */
export function triggerProperties(trigger: {
	setupNotice: string;
	events?: { deliveryReceipt: string; inboundMessage: string };
	fields?: INodeProperties[];
	afterAuthentication?: INodeProperties[];
}): INodeProperties[] {
	return [
		setupNoticeProperty(trigger.setupNotice),
		...(trigger.events ? [webhookEventsProperty(trigger.events)] : []),
		...(trigger.fields ?? []),
		webhookAuthenticationProperty,
		...(trigger.afterAuthentication ?? []),
		trigger.events ? webhookOptionsWithInboundProperty : webhookOptionsProperty,
	];
}

/** Return All and Limit of a list operation; the node reads as many pages as they ask for. */
export function returnAllLimitFields(displayOptions: { show: Record<string, string[]> }): INodeProperties[] {
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

/** The subtitle of an action node: the chosen operation and resource. */
export const OPERATION_SUBTITLE = '={{ $parameter["operation"] + ": " + $parameter["resource"] }}';
