import type { INodeProperties } from 'n8n-workflow';

import {
	deliveryReceiptUrlFields,
	messageTextField,
	operationProperty,
	recipientField,
	sendOperationFields,
	sendOperationOption,
} from '../../../lib/fields';
import { sendAndWaitOperationOption, type WaitFor } from '../../../lib/send-and-wait';

/** ClearLine takes a receipt address per message (callbackUrl), so Send and Wait can wait for delivery. */
export const CLEARLINE_WAITS: readonly WaitFor[] = ['approval', 'delivery'];

export const smsOperations: INodeProperties[] = [
	operationProperty('sms', [sendOperationOption(), sendAndWaitOperationOption(CLEARLINE_WAITS)], 'send'),
];

export const smsSendFields: INodeProperties[] = sendOperationFields(CLEARLINE_WAITS, [
	recipientField('e.g. +12025551234'),
	messageTextField('e.g. Hello! Your order is ready for pickup.'),
	deliveryReceiptUrlFields({
		placeholder: 'e.g. https://n8n.example.com/webhook/…/delivery-receipt',
		description:
			'Where ClearLine posts the delivery result of this message. Paste the Production URL of a ClearLine Trigger node to start a workflow on each receipt.',
	}),
]);
