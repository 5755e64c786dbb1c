import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './execution';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_SECONDS } from './http';

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
	description: `How many requests to the provider may be in flight at once (at most ${MAX_CONCURRENCY}). The node slows down by itself when the provider says it is sending too fast.`,
};

export const retrySendOption: INodeProperties = {
	displayName: 'Retry Sends After Server Errors',
	name: 'retrySendOnServerError',
	type: 'boolean',
	default: false,
	description:
		'Whether to send again when the provider answers with a server error or does not answer in time. Off by default: the provider may have accepted the message anyway, and a retry would text the person twice.',
};

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
		options: [concurrencyOption, ...phoneNumberReadingOptions, retrySendOption, timeoutOption, ...providerOptions].sort((a, b) =>
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
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources,
		default: resources[0].value,
	};
}
