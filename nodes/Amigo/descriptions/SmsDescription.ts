import type { INodeProperties } from 'n8n-workflow';

import { messageTextField, operationProperty, recipientField, sendOperationFields, sendOperationOption } from '../../../lib/fields';
import { sendAndWaitOperationOption, type WaitFor } from '../../../lib/send-and-wait';

/** Amigo takes no receipt address per message (receipts go to the account's webhook), so Send and Wait waits for an answer only. */
export const AMIGO_WAITS: readonly WaitFor[] = ['approval'];

/** The longest message Amigo accepts, in characters (its spec: 1-1600). */
export const MAX_MESSAGE_CHARACTERS = 1600;

export const smsOperations: INodeProperties[] = [
	operationProperty(
		'sms',
		[sendOperationOption('Send a text message to one phone number through an SMS use case'), sendAndWaitOperationOption(AMIGO_WAITS)],
		'send',
	),
];

export const smsSendFields: INodeProperties[] = sendOperationFields(AMIGO_WAITS, [
	{
		displayName: 'Use Case ID',
		name: 'useCaseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description:
			'ID (a UUID) of the Amigo SMS use case to send through. The use case decides the sender number (from its sender pool) and the compliance checks.',
	},
	recipientField('e.g. +14155552671'),
	messageTextField('e.g. Your appointment is confirmed for tomorrow at 10:00 AM.', MAX_MESSAGE_CHARACTERS),
]);
