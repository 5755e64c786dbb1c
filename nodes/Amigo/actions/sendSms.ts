import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ProviderClient } from '../../../lib/http';
import { requireMessageText, requirePhoneNumber, type SendOptions } from '../../../lib/inputs';
import type { ItemParameters } from '../../../lib/parameters';
import { sendEachItem } from '../../../lib/send';
import { messageForWait, type WaitingSend } from '../../../lib/send-and-wait';
import { sentMessageOutput, type SentMessageOutput } from '../../../lib/sent-message';
import { requireUuid } from '../../../lib/uuid';
import { MAX_MESSAGE_CHARACTERS } from '../descriptions/SmsDescription';
import { createAmigoClient, PROVIDER_NAME } from '../transport';

interface PreparedSms {
	useCaseId: string;
	to: string;
	message: string;
}

/** `waiting` (Send and Wait for Approval): its approval link ends the text. */
export async function sendSms(context: IExecuteFunctions, waiting?: WaitingSend): Promise<INodeExecutionData[]> {
	return await sendEachItem(context, {
		createClient: async (pace, options) => await createAmigoClient(context, pace, options.timeoutMs),
		prepare: (itemIndex, options, parameters) => prepareSms(parameters, itemIndex, options, waiting),
		submit: async (client, sms, itemIndex, options) => await submitSms(context, client, sms, itemIndex, options),
	});
}

function prepareSms(parameters: ItemParameters, itemIndex: number, options: SendOptions, waiting?: WaitingSend): PreparedSms {
	const node = parameters.node;
	const useCaseId = requireUuid(node, itemIndex, 'Use Case ID', parameters.get('useCaseId', itemIndex));
	const phone = requirePhoneNumber(node, itemIndex, 'To', parameters.get('to', itemIndex), options);
	const message = requireMessageText(node, itemIndex, 'Message', messageForWait(waiting, parameters.get('message', itemIndex)), {
		maxCharacters: MAX_MESSAGE_CHARACTERS,
		replaceLookAlikeCharacters: options.replaceLookAlikeCharacters,
	});
	return { useCaseId, to: phone.e164, message };
}

async function submitSms(
	context: IExecuteFunctions,
	client: ProviderClient,
	sms: PreparedSms,
	itemIndex: number,
	options: SendOptions,
): Promise<SentMessageOutput> {
	const response = await client.request<IDataObject>(
		{
			method: 'POST',
			path: '/v1/sms/',
			body: { use_case_id: sms.useCaseId, to_phone_number: sms.to, message: sms.message },
		},
		{ kind: 'send', retryOnServerError: options.retrySendOnServerError },
		itemIndex,
	);
	const record = response.body;
	if (typeof record !== 'object' || record === null || Array.isArray(record) || typeof record.id !== 'string') {
		// A 2xx without a message record does not prove the message was accepted.
		throw client.error({
			httpCode: response.statusCode,
			body: record,
			itemIndex,
			mayHaveBeenSent: true,
			explanation: {
				message: `${PROVIDER_NAME} did not confirm the message`,
				description:
					'The answer held no message record (no id); check the message log in Amigo before sending this item again. The provider response is in the error details',
			},
		});
	}
	const { id, status, from_number: fromNumber, to_number: _toNumber, ...providerFields } = record;
	if (typeof status === 'string' && FAILED_AT_SEND.has(status)) {
		// The record exists, but Amigo already gave the message up: it will not arrive.
		throw client.error({
			httpCode: response.statusCode,
			body: record,
			itemIndex,
			explanation: {
				message: `${PROVIDER_NAME} took the message but reports it ${status}${record.error_code === null || record.error_code === undefined ? '' : ` (error ${String(record.error_code)})`}`,
				description: 'The message will not be delivered. Check the number and the message log in Amigo; the provider response is in the error details',
			},
		});
	}
	// `num_segments` is Amigo's own count and stays null until the carrier hand-off; `segments` is
	// counted from the text, so the cost is known at once. So is `from_number`, Amigo's sender.
	return sentMessageOutput(
		{
			messageId: id,
			status: 'accepted',
			providerStatus: typeof status === 'string' ? status : null,
			to: sms.to,
			from: typeof fromNumber === 'string' ? fromNumber : null,
			text: sms.message,
		},
		providerFields,
	);
}

/** Amigo's record statuses (spec) that mean the message has already failed when the send answers. */
const FAILED_AT_SEND = new Set(['failed', 'undelivered']);
