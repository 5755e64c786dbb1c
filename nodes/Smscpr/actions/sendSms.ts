import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { requireMessageText, requirePhoneNumber, type SendOptions } from '../../../lib/inputs';
import type { ItemParameters } from '../../../lib/parameters';
import { sendEachItem } from '../../../lib/send';
import { messageForWait, type WaitingSend } from '../../../lib/send-and-wait';
import { sentMessageOutput, type SentMessageOutput } from '../../../lib/sent-message';
import { optionalCallbackUrl } from '../callbackUrl';
import { SMSCPR_STATUS_TABLE } from '../messageRecord';
import { isFailureStatus, normalizeDeliveryStatus } from '../../../lib/status';
import { requireSender } from '../../../lib/sender';
import { MAX_MESSAGE_CHARACTERS } from '../descriptions/sendFields';
import { createSmscprClient, PROVIDER_NAME, type SmscprClient } from '../transport';

interface PreparedSms {
	from: string;
	to: string;
	message: string;
	callbackUrl?: string;
}

/** `waiting` (Send and Wait): its receipt URL replaces the Delivery Receipt URL field, its approval link ends the text. */
export async function sendSms(context: IExecuteFunctions, waiting?: WaitingSend): Promise<INodeExecutionData[]> {
	return await sendEachItem(context, {
		createClient: async (pace, options) => await createSmscprClient(context, pace, options.timeoutMs),
		prepare: (itemIndex, options, parameters) => prepareSms(parameters, itemIndex, options, waiting),
		submit: async (smscpr, sms, itemIndex, options) => await submitSms(context, smscpr, sms, itemIndex, options),
	});
}

function prepareSms(parameters: ItemParameters, itemIndex: number, options: SendOptions, waiting?: WaitingSend): PreparedSms {
	const node = parameters.node;
	const from = requireSender(node, itemIndex, 'From', parameters.get('from', itemIndex), options, PROVIDER_NAME);
	const to = requirePhoneNumber(node, itemIndex, 'To', parameters.get('to', itemIndex), options);
	const message = requireMessageText(node, itemIndex, 'Message', messageForWait(waiting, parameters.get('message', itemIndex)), {
		maxCharacters: MAX_MESSAGE_CHARACTERS,
		replaceLookAlikeCharacters: options.replaceLookAlikeCharacters,
	});
	// n8n's resume URL is built on its WEBHOOK_URL, which SMSCPR must be able to reach over HTTPS.
	const callbackUrl =
		waiting === undefined
			? optionalCallbackUrl(node, itemIndex, 'Delivery Receipt URL', (parameters.get('additionalFields', itemIndex, {}) as IDataObject).callbackUrl)
			: optionalCallbackUrl(node, itemIndex, "n8n's resume URL (WEBHOOK_URL)", waiting.receiptUrl);
	return { from, to: to.e164, message, callbackUrl };
}

async function submitSms(
	context: IExecuteFunctions,
	{ client, servicePlanId }: SmscprClient,
	sms: PreparedSms,
	itemIndex: number,
	options: SendOptions,
): Promise<SentMessageOutput> {
	const body: IDataObject = { servicePlanId, channel: 'SMS', from: sms.from, to: sms.to, body: sms.message };
	if (sms.callbackUrl) body.callbackUrl = sms.callbackUrl;
	const response = await client.request<IDataObject>(
		{ method: 'POST', path: '/sendsms', body },
		{ kind: 'send', retryOnServerError: options.retrySendOnServerError },
		itemIndex,
	);
	const record = response.body;
	if (typeof record !== 'object' || record === null || typeof record.msgId !== 'string' || record.msgId === '') {
		// An answer without a message ID confirms nothing; the message may still have gone out.
		throw client.error({
			httpCode: response.statusCode,
			body: record,
			itemIndex,
			mayHaveBeenSent: true,
			explanation: {
				message: `${PROVIDER_NAME} did not confirm the message`,
				description: 'The answer had no msgId; check the SMSCPR message log before sending this item again. The provider response is in the error details',
			},
		});
	}
	const { msgId, status, to: _to, from, price, ...providerFields } = record;
	if (isFailureStatus(normalizeDeliveryStatus(status, SMSCPR_STATUS_TABLE))) {
		// SMSCPR answers QUEUED (spec); a failed record means the message will not go out.
		throw client.error({
			httpCode: response.statusCode,
			body: record,
			itemIndex,
			explanation: {
				message: `${PROVIDER_NAME} took the message but reports it ${String(status)}${typeof record.errorMessage === 'string' ? `: ${record.errorMessage}` : ''}`,
				description: 'The message will not be delivered. Check the number and the SMSCPR message log; the provider response is in the error details',
			},
		});
	}
	const location = response.headers.location;
	return sentMessageOutput(
		{
			messageId: msgId,
			status: 'accepted',
			providerStatus: typeof status === 'string' ? status : null,
			to: sms.to,
			from: typeof from === 'string' ? from : sms.from,
			text: sms.message,
			// SMSCPR's DeliveryReceipt has a price (null until delivered) but no currency.
			price,
		},
		{ ...providerFields, statusUrl: (Array.isArray(location) ? location[0] : location) ?? null },
	);
}
