import type { INodeProperties } from 'n8n-workflow';

import { PHONE_NUMBER_READING, sendOptionsProperty } from '../../../lib/fields';
import { SEND_AND_WAIT, sendAndWaitProperties, type WaitFor } from '../../../lib/send-and-wait';

/** ClearLine takes a receipt address per message (callbackUrl), so Send and Wait can wait for delivery. */
export const CLEARLINE_WAITS: readonly WaitFor[] = ['delivery', 'approval'];

const showForSend = { show: { resource: ['sms'], operation: ['send', SEND_AND_WAIT] } };
const showForSendOnly = { show: { resource: ['sms'], operation: ['send'] } };
const showForSendAndWait = { show: { resource: ['sms'], operation: [SEND_AND_WAIT] } };

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
				description: 'Send a text message and pause the workflow until it is delivered or the recipient answers on a linked page',
				action: 'Send an SMS and wait for delivery or an answer',
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
		placeholder: 'e.g. +12025551234',
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
		placeholder: 'e.g. Hello! Your order is ready for pickup.',
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
		displayOptions: showForSendOnly,
		options: [
			{
				displayName: 'Delivery Receipt URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://n8n.example.com/webhook/…/delivery-receipt',
				description:
					'Where ClearLine posts the delivery result of this message. Paste the Production URL of a ClearLine Trigger node to start a workflow on each receipt.',
			},
		],
	},
	...sendAndWaitProperties(CLEARLINE_WAITS, showForSendAndWait.show),
	sendOptionsProperty(showForSend),
];
