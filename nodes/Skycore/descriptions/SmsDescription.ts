import type { INodeProperties } from 'n8n-workflow';

import { messageTextField, operationProperty, recipientField, sendOperationFields, sendOperationOption } from '../../../lib/fields';
import { sendAndWaitOperationOption, type WaitFor } from '../../../lib/send-and-wait';
import { MAX_FROM_MASK_CHARACTERS } from '../sender';

/** Skycore takes no receipt address per message (receipts go to the account's webhook), so Send and Wait waits for an answer only. */
export const SKYCORE_WAITS: readonly WaitFor[] = ['approval'];

export const smsOperations: INodeProperties[] = [
	operationProperty('sms', [sendOperationOption(), sendAndWaitOperationOption(SKYCORE_WAITS)], 'send'),
];

export const smsSendFields: INodeProperties[] = sendOperationFields(SKYCORE_WAITS, [
	recipientField('e.g. +1 774 319 9144', 'It is sent the way Skycore wants it: international digits without +.'),
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 00000',
		description:
			'The short code, toll-free or 10DLC number of your Skycore account that sends. A short code is sent as typed; a number is sent as international digits.',
	},
	messageTextField('e.g. This message is sent for testing purposes only.'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
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
]);
