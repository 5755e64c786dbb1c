import type { INodeProperties } from 'n8n-workflow';

import { deliveryReceiptUrlFields, messageTextField, recipientField, sendOperationFields } from '../../../lib/fields';
import type { WaitFor } from '../../../lib/send-and-wait';

/** SMSCPR takes a receipt address per message (callbackUrl), so Send and Wait can wait for delivery. */
export const SMSCPR_WAITS: readonly WaitFor[] = ['approval', 'delivery'];

/** The longest message SMSCPR accepts, in characters (spec). */
export const MAX_MESSAGE_CHARACTERS = 1600;

export const sendFields: INodeProperties[] = sendOperationFields(SMSCPR_WAITS, [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +12025550199',
		description:
			'Sender the service plan may use: a short code (3–8 digits), a phone number (sent as E.164), or a sender ID of up to 11 letters and digits with at least one letter',
	},
	recipientField('e.g. +12025550123'),
	messageTextField('e.g. Your verification code is 123456', MAX_MESSAGE_CHARACTERS),
	deliveryReceiptUrlFields({
		placeholder: 'e.g. https://n8n.example.com/webhook/…/events',
		description:
			'Where SMSCPR posts the delivery receipt of this message (HTTPS, no underscore in the host name). Paste the Production URL of an SMSCPR Trigger. Empty: the account default, if SMSCPR set one.',
	}),
]);
