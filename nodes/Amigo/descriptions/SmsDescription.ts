import type { INodeProperties } from 'n8n-workflow';

import { PHONE_NUMBER_READING, sendOptionsProperty } from '../../../lib/fields';

import { SEND_AND_WAIT, sendAndWaitProperties, type WaitFor } from '../../../lib/send-and-wait';

const showForSend = { show: { resource: ['sms'], operation: ['send', SEND_AND_WAIT] } };
const showForSendAndWait = { show: { resource: ['sms'], operation: [SEND_AND_WAIT] } };

/** Amigo takes no receipt address per message (receipts go to the account's webhook), so Send and Wait waits for an answer only. */
export const AMIGO_WAITS: readonly WaitFor[] = ['approval'];

/** The longest message Amigo accepts, in characters (its spec: 1-1600). */
export const MAX_MESSAGE_CHARACTERS = 1600;

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
				description: 'Send a text message to one phone number through an SMS use case',
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
		displayName: 'Use Case ID',
		name: 'useCaseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description:
			'ID (a UUID) of the Amigo SMS use case to send through. The use case decides the sender number (from its sender pool) and the compliance checks.',
		displayOptions: showForSend,
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155552671',
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
		placeholder: 'e.g. Your appointment is confirmed for tomorrow at 10:00 AM.',
		description: `Text of the SMS, at most ${MAX_MESSAGE_CHARACTERS} characters. 160 plain characters fit in one SMS; accents outside the GSM alphabet or emoji lower that to 70. The output shows the parts used.`,
		displayOptions: showForSend,
	},
	...sendAndWaitProperties(AMIGO_WAITS, showForSendAndWait.show),
	sendOptionsProperty(showForSend),
];
