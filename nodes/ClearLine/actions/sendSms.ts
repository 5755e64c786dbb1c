import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { optionalHttpUrl, requireMessageText, requirePhoneNumber, type SendOptions } from '../../../lib/inputs';
import type { ItemParameters } from '../../../lib/parameters';
import { sendEachItem } from '../../../lib/send';
import { messageForWait, type WaitingSend } from '../../../lib/send-and-wait';
import { sentMessageOutput, type SentMessageOutput } from '../../../lib/sent-message';
import type { ProviderClient } from '../../../lib/http';
import { createClearLineClient, PROVIDER_NAME } from '../transport';

interface PreparedSms {
	phone: string;
	message: string;
	callbackUrl?: string;
}

interface ClearLineSendResponse {
	succeed?: boolean;
	messageId?: string;
	message?: string;
}

/** `waiting` (Send and Wait): its receipt URL replaces the Delivery Receipt URL field, its approval link ends the text. */
export async function sendSms(context: IExecuteFunctions, waiting?: WaitingSend): Promise<INodeExecutionData[]> {
	return await sendEachItem(context, {
		createClient: async (pace, options) => await createClearLineClient(context, pace, options.timeoutMs),
		prepare: (itemIndex, options, parameters) => prepareSms(parameters, itemIndex, options, waiting),
		submit: async (client, sms, itemIndex, options) => await submitSms(context, client, sms, itemIndex, options),
	});
}

function prepareSms(parameters: ItemParameters, itemIndex: number, options: SendOptions, waiting?: WaitingSend): PreparedSms {
	const node = parameters.node;
	const phone = requirePhoneNumber(node, itemIndex, 'To', parameters.get('to', itemIndex), options);
	const message = requireMessageText(node, itemIndex, 'Message', messageForWait(waiting, parameters.get('message', itemIndex)), {
		replaceLookAlikeCharacters: options.replaceLookAlikeCharacters,
	});
	if (waiting !== undefined) return { phone: phone.e164, message, callbackUrl: waiting.receiptUrl };
	const additionalFields = parameters.get('additionalFields', itemIndex, {}) as IDataObject;
	const callbackUrl = optionalHttpUrl(node, itemIndex, 'Delivery Receipt URL', additionalFields.callbackUrl);
	return { phone: phone.e164, message, callbackUrl };
}

async function submitSms(
	context: IExecuteFunctions,
	client: ProviderClient,
	sms: PreparedSms,
	itemIndex: number,
	options: SendOptions,
): Promise<SentMessageOutput> {
	const body: IDataObject = { phone: sms.phone, message: sms.message };
	if (sms.callbackUrl) body.callbackUrl = sms.callbackUrl;
	const response = await client.request<ClearLineSendResponse>(
		{ method: 'POST', path: '/MessageSender/sms', body },
		{ kind: 'send', retryOnServerError: options.retrySendOnServerError },
		itemIndex,
	);
	const answer = response.body;
	if (typeof answer !== 'object' || answer === null || answer.succeed !== true || !answer.messageId) {
		// A 200 without `succeed: true` and a message ID is never a success: `succeed: false` is a
		// refusal, any other answer leaves it open whether the message was taken.
		const refused = typeof answer === 'object' && answer !== null && answer.succeed === false;
		throw client.error({
			httpCode: response.statusCode,
			body: answer,
			itemIndex,
			mayHaveBeenSent: !refused,
			explanation: refused
				? {
						message: `${PROVIDER_NAME} did not accept the message${typeof answer.message === 'string' ? `: ${answer.message}` : ''}`,
						description: 'The answer said succeed: false, so this message was not sent; the provider response is in the error details',
					}
				: {
						message: `${PROVIDER_NAME} did not confirm the message`,
						description:
							'The answer had no succeed: true with a message ID, so the message may or may not have been accepted: check the ClearLine message log before sending this item again. The provider response is in the error details',
					},
		});
	}
	// ClearLine's answer has no status word (only `succeed`) and no sender.
	return sentMessageOutput(
		{ messageId: answer.messageId, status: 'accepted', providerStatus: null, to: sms.phone, text: sms.message },
		sms.callbackUrl ? { callbackUrl: sms.callbackUrl } : {},
	);
}
