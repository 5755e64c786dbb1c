import type { INodeProperties } from 'n8n-workflow';

import { messageTextField, recipientField, sendOperationFields } from '../../../lib/fields';
import { SEND_AND_WAIT, type WaitFor } from '../../../lib/send-and-wait';
import { MAX_MESSAGES_PER_REQUEST } from '../messages';
import { templateLocator } from './common';

/** Send and Calculate Price take the same message, so a price is checked for exactly what will go out. */
const showForMessage = { show: { resource: ['sms'], operation: ['send', 'calculatePrice', SEND_AND_WAIT] } };

/** ClickSend sends receipts to the account's automation rules, not to an address per message: Send and Wait waits for an answer only. */
export const CLICKSEND_WAITS: readonly WaitFor[] = ['approval'];

export const sendFields: INodeProperties[] = sendOperationFields(
	CLICKSEND_WAITS,
	[
		recipientField('e.g. +61411111111', 'Additional Fields › Country does the same as Default Country for one item.'),
		{
			displayName: 'Message Source',
			name: 'messageSource',
			type: 'options',
			options: [
				{ name: 'Text', value: 'text', description: 'Type the message or map it from the input' },
				{ name: 'Template', value: 'template', description: 'Use one of the account’s saved SMS templates' },
			],
			default: 'text',
		},
		{
			...messageTextField('e.g. Your order has shipped'),
			displayOptions: { show: { ...showForMessage.show, messageSource: ['text'] } },
		},
		{ ...templateLocator({ show: { ...showForMessage.show, messageSource: ['template'] } }), description: 'The saved template whose text is sent' },
		{
			displayName: 'From',
			name: 'from',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description:
				'Sender: a dedicated number, a verified own number or an approved alpha tag (business name). Leave empty to use the account’s default sender for the recipient’s country.',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchSenders', searchable: true },
				},
				{
					displayName: 'By Value',
					name: 'value',
					type: 'string',
					placeholder: 'e.g. +61411000100 or MyShop',
				},
			],
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Country',
					name: 'country',
					type: 'string',
					default: '',
					placeholder: 'e.g. AU',
					description:
						'Two-letter country of the recipient (ISO 3166), for numbers typed without a country code. Overrides the Default Country option for this item.',
				},
				{
					displayName: 'Custom String',
					name: 'customString',
					type: 'string',
					default: '',
					placeholder: 'e.g. order-1042',
					description:
						'Your own reference. ClickSend returns it with the delivery receipt and with replies, so a ClickSend Trigger can match them to this row.',
				},
				{
					displayName: 'Schedule',
					name: 'schedule',
					type: 'dateTime',
					default: '',
					description: 'When to send. Empty sends now. A scheduled message can be cancelled with Cancel until then.',
				},
			],
		},
	],
	{
		show: showForMessage.show,
		providerOptions: [
			{
				displayName: 'Send in Batches',
				name: 'batchMessages',
				type: 'boolean',
				default: true,
				description: `Whether to send up to ${MAX_MESSAGES_PER_REQUEST} items in one request to ClickSend. Much faster for many items; each item still gets its own result. Turn off to send one request per item.`,
			},
			{
				displayName: 'Skip Messages Sent in the Last (Hours)',
				name: 'skipSentWithinHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				displayOptions: { show: { '/operation': ['send'] } },
				description:
					'Makes a send safe to run again after it stopped half-way (a crashed worker, a stopped execution): before sending, the node reads your ClickSend SMS history of this many hours and does not send an item whose recipient, text and Custom String are already there; its output is the earlier message, with alreadySent true. Give each item its own Custom String (e.g. the campaign and row ID) so that equal texts to one number are told apart. 0 sends every item.',
			},
		],
	},
);
