import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ProviderClient, ProviderResponse } from '../../../lib/http';
import { requireMessageText, requirePhoneNumber, type SendOptions } from '../../../lib/inputs';
import { formatPhoneNumber } from '../../../lib/phone';
import type { ItemParameters } from '../../../lib/parameters';
import { sendEachItem } from '../../../lib/send';
import { messageForWait, type WaitingSend } from '../../../lib/send-and-wait';
import { sentMessageOutput, type SentMessageOutput } from '../../../lib/sent-message';
import { explainSkycoreFailure, readSkycoreFailure, type SkycoreErrorExplanation } from '../errors';
import { readFromMask, readSender } from '../sender';
import { createSkycoreClient, PROVIDER_NAME, type SkycoreClient } from '../transport';

interface PreparedSms {
	/** As Skycore wants it: international digits without `+`. */
	to: string;
	toE164: string;
	from: string;
	message: string;
	fromMask?: string;
	campaignRef?: string;
	clickTracking?: boolean;
}

/** `waiting` (Send and Wait for Approval): its approval link ends the text. */
export async function sendSms(context: IExecuteFunctions, waiting?: WaitingSend): Promise<INodeExecutionData[]> {
	// Set by the first refusal of the account itself (key, IP whitelist, billing): with "continue on
	// fail" the remaining items get that error without a request that would be refused alike.
	let accountProblem: SkycoreErrorExplanation | undefined;

	return await sendEachItem(context, {
		createClient: async (pace, options) => await createSkycoreClient(context, pace, options.timeoutMs),
		prepare: (itemIndex, options, parameters) => prepareSms(parameters, itemIndex, options, waiting),
		submit: async (skycore, sms, itemIndex, options) => {
			if (accountProblem) {
				throw skycore.client.error({
					itemIndex,
					explanation: {
						message: accountProblem.message,
						description: `${accountProblem.description}. Not sent: an earlier item got this answer, which applies to every message of the account`,
					},
				});
			}
			const response = await postSms(skycore, sms, itemIndex, options);
			// Skycore answers a refusal with HTTP 200 too: only "status": "Success" means accepted.
			const failure = readSkycoreFailure(response.body);
			if (failure) {
				const explanation = explainSkycoreFailure(failure);
				if (explanation.scope === 'account') accountProblem ??= explanation;
				throw skycore.client.error({ httpCode: response.statusCode, body: response.body, itemIndex, explanation });
			}
			return readAcceptedAnswer(skycore.client, response, sms, itemIndex);
		},
	});
}

function prepareSms(parameters: ItemParameters, itemIndex: number, options: SendOptions, waiting?: WaitingSend): PreparedSms {
	const node = parameters.node;
	const phone = requirePhoneNumber(node, itemIndex, 'To', parameters.get('to', itemIndex), options);
	const from = readSender(node, itemIndex, parameters.get('from', itemIndex), options);
	const message = requireMessageText(node, itemIndex, 'Message', messageForWait(waiting, parameters.get('message', itemIndex)), {
		replaceLookAlikeCharacters: options.replaceLookAlikeCharacters,
	});
	const additionalFields = parameters.get('additionalFields', itemIndex, {}) as IDataObject;
	const campaignRef = String(additionalFields.campaignRef ?? '').trim();
	return {
		to: formatPhoneNumber(phone, 'digits'),
		toE164: phone.e164,
		from,
		message,
		fromMask: readFromMask(node, itemIndex, additionalFields.fromMask),
		campaignRef: campaignRef === '' ? undefined : campaignRef,
		clickTracking: typeof additionalFields.clickTracking === 'boolean' ? additionalFields.clickTracking : undefined,
	};
}

async function postSms(
	{ client, endpointPath }: SkycoreClient,
	sms: PreparedSms,
	itemIndex: number,
	options: SendOptions,
): Promise<ProviderResponse<IDataObject | undefined>> {
	const body: IDataObject = { action: 'sendsms', 'message-text': sms.message, to: sms.to, from: sms.from };
	if (sms.fromMask) body['from-mask'] = sms.fromMask;
	if (sms.campaignRef) body['campaign-ref'] = sms.campaignRef;
	if (sms.clickTracking !== undefined) body['click-tracking'] = sms.clickTracking;
	return await client.request<IDataObject | undefined>(
		{ method: 'POST', path: endpointPath, body },
		{ kind: 'send', retryOnServerError: options.retrySendOnServerError },
		itemIndex,
	);
}

/** Skycore's answer as the item's output, once it says Success with a tracking-id. */
function readAcceptedAnswer(
	client: ProviderClient,
	response: ProviderResponse<IDataObject | undefined>,
	sms: PreparedSms,
	itemIndex: number,
): SentMessageOutput {
	const answer = typeof response.body === 'object' && response.body !== null ? response.body : undefined;
	const trackingId = answer?.['tracking-id'];
	if (!answer || String(answer.status ?? '').toLowerCase() !== 'success' || typeof trackingId !== 'string' || trackingId === '') {
		throw client.error({
			httpCode: response.statusCode,
			body: response.body,
			itemIndex,
			mayHaveBeenSent: true,
			explanation: {
				message: `${PROVIDER_NAME} did not confirm the message`,
				description:
					'The answer was neither "Success" with a tracking-id nor "Failure" with an error code, so the message may or may not have been accepted: check Skycore’s message log before sending this item again. The provider response is in the error details',
			},
		});
	}
	const { 'tracking-id': _trackingId, status, to: _to, from, ...providerFields } = answer;
	return sentMessageOutput(
		{
			messageId: trackingId,
			status: 'accepted',
			providerStatus: String(status),
			to: sms.toE164,
			from: typeof from === 'string' ? from : sms.from,
			text: sms.message,
		},
		providerFields,
	);
}
