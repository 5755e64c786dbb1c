import type { INodeProperties } from 'n8n-workflow';

import { PHONE_NUMBER_READING, sendOptionsProperty } from '../../../lib/fields';
import { SEND_AND_WAIT, sendAndWaitProperties, type WaitFor } from '../../../lib/send-and-wait';

/** SMSCPR takes a receipt address per message (callbackUrl), so Send and Wait can wait for delivery. */
export const SMSCPR_WAITS: readonly WaitFor[] = ['delivery', 'approval'];

const showForSend = { show: { resource: ['sms'], operation: ['send', SEND_AND_WAIT] } };
const showForSendOnly = { show: { resource: ['sms'], operation: ['send'] } };
const showForSendAndWait = { show: { resource: ['sms'], operation: [SEND_AND_WAIT] } };

export const sendFields: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +12025550199',
		description:
			'Sender the service plan may use: a short code (3–8 digits), a phone number (sent as E.164), or a sender ID of up to 11 letters and digits with at least one letter',
		displayOptions: showForSend,
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +12025550123',
		description: `Phone number of the recipient. ${PHONE_NUMBER_READING}.`,
		displayOptions: showForSend,
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Your verification code is 123456',
		description:
			'Text of the SMS, at most 1600 characters. 160 plain characters fit in one SMS; accents outside the GSM alphabet or emoji lower that to 70. The output shows the parts used.',
		displayOptions: showForSend,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showForSendOnly,
		options: [
			{
				displayName: 'Delivery Receipt URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://n8n.example.com/webhook/…/events',
				description:
					'Where SMSCPR posts the delivery receipt of this message (HTTPS, no underscore in the host name). Paste the Production URL of an SMSCPR Trigger. Empty: the account default, if SMSCPR set one.',
			},
		],
	},
	...sendAndWaitProperties(SMSCPR_WAITS, showForSendAndWait.show),
	sendOptionsProperty(showForSend),
];
