import type { INodeProperties } from 'n8n-workflow';

import { PHONE_NUMBER_READING, sendOptionsProperty } from '../../../lib/fields';
import { MAX_FROM_MASK_CHARACTERS } from '../sender';

import { SEND_AND_WAIT, sendAndWaitProperties, type WaitFor } from '../../../lib/send-and-wait';

const showForSend = { show: { resource: ['sms'], operation: ['send', SEND_AND_WAIT] } };
const showForSendAndWait = { show: { resource: ['sms'], operation: [SEND_AND_WAIT] } };

/** Skycore takes no receipt address per message (receipts go to the account's webhook), so Send and Wait waits for an answer only. */
export const SKYCORE_WAITS: readonly WaitFor[] = ['approval'];

export const smsOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send a text message to one phone number',
				action: 'Send an SMS',
			},
			{
				name: 'Send and Wait',
				value: SEND_AND_WAIT,
				description: 'Send a text message with a link and pause the workflow until the recipient answers on the linked page',
				action: 'Send an SMS and wait for an answer',
			},
		],
		default: 'send',
	},
];

export const smsSendFields: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +1 774 319 9144',
		description: `Phone number of the recipient. ${PHONE_NUMBER_READING}. It is sent the way Skycore wants it: international digits without +.`,
		displayOptions: showForSend,
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 00000',
		description:
			'The short code, toll-free or 10DLC number of your Skycore account that sends. A short code is sent as typed; a number is sent as international digits.',
		displayOptions: showForSend,
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. This message is sent for testing purposes only.',
		description:
			'Text of the SMS. 160 plain characters fit in one SMS; accents outside the GSM alphabet or emoji lower that to 70. The output shows the parts used.',
		displayOptions: showForSend,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showForSend,
		options: [
			{
				displayName: 'Campaign Reference',
				name: 'campaignRef',
				type: 'string',
				default: '',
				placeholder: 'e.g. campaign2345',
				description:
					'The campaign the recipient is subscribed to. Required when the account has "Enforce Campaign Check" on; Skycore refuses the message otherwise.',
			},
			{
				displayName: 'Click Tracking',
				name: 'clickTracking',
				type: 'boolean',
				default: false,
				description:
					'Whether Skycore replaces each link in the text with a short link and counts its clicks. Off: links are sent as typed.',
			},
			{
				displayName: 'From Mask',
				name: 'fromMask',
				type: 'string',
				default: '',
				placeholder: 'e.g. Dunder',
				description: `A sender name shown instead of the number, at most ${MAX_FROM_MASK_CHARACTERS} characters (a longer one is refused, not cut). Only carriers in some countries allow it; not in the USA.`,
			},
		],
	},
	...sendAndWaitProperties(SKYCORE_WAITS, showForSendAndWait.show),
	sendOptionsProperty(showForSend),
];
