import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { requireMessageText, requirePhoneNumber, type SendOptions } from '../../../lib/inputs';
import { countSegments } from '../../../lib/segments';
import type { ItemParameters } from '../../../lib/parameters';
import { sendEachItem } from '../../../lib/send';
import { optionalCallbackUrl } from '../callbackUrl';
import { describeMessage } from '../messageRecord';
import { requireSender } from '../../../lib/sender';
import { createSmscprClient, PROVIDER_NAME, type SmscprClient } from '../transport';

const MAX_MESSAGE_CHARACTERS = 1600;

interface PreparedSms {
	from: string;
	to: string;
	message: string;
	callbackUrl?: string;
}

export async function sendSms(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendEachItem(context, {
		createClient: async (pace, options) => await createSmscprClient(context, pace, options.timeoutMs),
		prepare: (itemIndex, options, parameters) => prepareSms(parameters, itemIndex, options),
		submit: async (smscpr, sms, itemIndex, options) => await submitSms(context, smscpr, sms, itemIndex, options),
	});
}

function prepareSms(parameters: ItemParameters, itemIndex: number, options: SendOptions): PreparedSms {
	const node = parameters.node;
	const from = requireSender(node, itemIndex, 'From', parameters.get('from', itemIndex), options.defaultCountry, PROVIDER_NAME);
	const to = requirePhoneNumber(node, itemIndex, 'To', parameters.get('to', itemIndex), options.defaultCountry);
	const message = requireMessageText(node, itemIndex, 'Message', parameters.get('message', itemIndex), {
		maxCharacters: MAX_MESSAGE_CHARACTERS,
	});
	const additionalFields = parameters.get('additionalFields', itemIndex, {}) as IDataObject;
	const callbackUrl = optionalCallbackUrl(node, itemIndex, 'Delivery Receipt URL', additionalFields.callbackUrl);
	return { from, to: to.e164, message, callbackUrl };
}

async function submitSms(
	context: IExecuteFunctions,
	{ client, servicePlanId }: SmscprClient,
	sms: PreparedSms,
	itemIndex: number,
	options: SendOptions,
): Promise<IDataObject> {
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
			explanation: {
				message: `${PROVIDER_NAME} did not confirm the message`,
				description: 'The answer had no msgId; check the SMSCPR message log before sending this item again. The provider response is in the error details',
			},
		});
	}
	const location = response.headers.location;
	return {
		...describeMessage(record),
		statusUrl: (Array.isArray(location) ? location[0] : location) ?? null,
		...countSegments(sms.message),
	};
}
