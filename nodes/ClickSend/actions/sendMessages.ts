import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { countOf, describeItems, invalidInputError } from '../../../lib/errors';
import type { ProviderClient } from '../../../lib/http';
import { isBlank, rejectNonText, requireMessageText, requirePhoneNumber, type SendOptions } from '../../../lib/inputs';
import type { ItemParameters } from '../../../lib/parameters';
import { isKnownCountry } from '../../../lib/phone';
import { requireSender } from '../../../lib/sender';
import { sendInBatches, type ItemOutcome, type PreparedItem } from '../../../lib/send';
import { messageForWait, type WaitingSend } from '../../../lib/send-and-wait';
import { sentMessageOutput, type SentMessageOutput } from '../../../lib/sent-message';
import {
	MAX_BODY_CHARACTERS,
	MAX_MESSAGES_PER_REQUEST,
	MESSAGE_SOURCE,
	messageRefusal,
	type ClickSendMessage,
} from '../messages';
import { createClickSendClient, envelopeData, PROVIDER_NAME } from '../transport';
import { requireId, optionalUnixTime } from './inputs';
import { readSkipSentWithinHours, SentHistory } from './sentHistory';

/** A schedule this close to now (or just past, from a slow expression) is sent now. */
const SCHEDULE_GRACE_SECONDS = 60;

/**
 * Send and Calculate Price: the same messages, to /sms/send or /sms/price. `waiting` (Send and
 * Wait for Approval): the approval link ends the text.
 */
export async function sendMessages(context: IExecuteFunctions, waiting?: WaitingSend): Promise<INodeExecutionData[]> {
	return await submitMessages(context, 'send', waiting);
}

export async function calculatePrice(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await submitMessages(context, 'price');
}

async function submitMessages(context: IExecuteFunctions, purpose: 'send' | 'price', waiting?: WaitingSend): Promise<INodeExecutionData[]> {
	let client: ProviderClient | undefined;
	let history: SentHistory | undefined;
	const templates = new TemplateTexts(() => client!);
	return await sendInBatches(context, {
		createClient: async (pace, options) => {
			// Only a plain Send shows the option: a price sends nothing, and Send and Wait sends one message.
			const skipWithinHours = purpose === 'send' && waiting === undefined ? readSkipSentWithinHours(context, options.collection) : 0;
			history = skipWithinHours > 0 ? new SentHistory(() => client!, skipWithinHours) : undefined;
			return (client = await createClickSendClient(context, pace, options.timeoutMs));
		},
		prepare: async (itemIndex, sendOptions, parameters) => await prepareMessage(context, parameters, itemIndex, sendOptions, templates, waiting),
		batchSize: (options) => (options.collection.batchMessages === false ? 1 : MAX_MESSAGES_PER_REQUEST),
		submitBatch: async (clickSend, batch, sendOptions) =>
			history
				? await submitUnlessSent(context, clickSend, batch, sendOptions, history)
				: await submitBatch(context, clickSend, batch, sendOptions, purpose),
	});
}

/** Sends the messages of the batch that the history does not hold; the others' output is the earlier message. */
async function submitUnlessSent(
	context: IExecuteFunctions,
	client: ProviderClient,
	batch: Array<PreparedItem<ClickSendMessage>>,
	options: SendOptions,
	history: SentHistory,
): Promise<ItemOutcome[]> {
	const earlier = await history.claim(
		batch.map(({ prepared }) => prepared),
		batch[0].itemIndex,
	);
	const unsent = batch.filter((_, position) => earlier[position] === undefined);
	const outcomes = unsent.length > 0 ? await submitBatch(context, client, unsent, options, 'send') : [];
	let next = 0;
	return batch.map(({ prepared }, position): ItemOutcome => {
		const entry = earlier[position];
		if (entry === undefined) return outcomes[next++];
		return { output: { ...sentMessageOf(prepared, entry, String(entry.message_id), null), alreadySent: true } };
	});
}

async function prepareMessage(
	context: IExecuteFunctions,
	parameters: ItemParameters,
	itemIndex: number,
	options: SendOptions,
	templates: TemplateTexts,
	waiting?: WaitingSend,
): Promise<ClickSendMessage> {
	const node = parameters.node;
	const additional = parameters.get('additionalFields', itemIndex, {}) as IDataObject;
	const country = readCountry(context, itemIndex, additional.country);
	// Additional Fields › Country is this message's own Default Country.
	const reading = { ...options, defaultCountry: country ?? options.defaultCountry };
	const to = requirePhoneNumber(node, itemIndex, 'To', parameters.get('to', itemIndex), reading);
	const message: ClickSendMessage = { to: to.e164, body: await readBody(context, parameters, itemIndex, options, templates, waiting), source: MESSAGE_SOURCE };

	const from = parameters.get('from', itemIndex, '', { extractValue: true });
	if (!isBlank(from)) {
		message.from = requireSender(node, itemIndex, 'From', from, reading, PROVIDER_NAME);
	}
	const schedule = readSchedule(context, itemIndex, additional.schedule);
	if (schedule !== undefined) message.schedule = schedule;
	if (typeof additional.customString === 'string' && additional.customString !== '') message.custom_string = additional.customString;
	if (country !== undefined) message.country = country;
	return message;
}

async function readBody(
	context: IExecuteFunctions,
	parameters: ItemParameters,
	itemIndex: number,
	options: SendOptions,
	templates: TemplateTexts,
	waiting?: WaitingSend,
): Promise<string> {
	const node = parameters.node;
	// A template's text is this request's body as much as a typed one, and costs the same per part.
	const rules = { maxCharacters: MAX_BODY_CHARACTERS, replaceLookAlikeCharacters: options.replaceLookAlikeCharacters };
	if (parameters.get('messageSource', itemIndex, 'text') !== 'template') {
		return requireMessageText(node, itemIndex, 'Message', messageForWait(waiting, parameters.get('message', itemIndex)), rules);
	}
	const templateId = requireId(context, itemIndex, 'templateId', 'Template', 'Choose a template from the list or enter its ID');
	return requireMessageText(node, itemIndex, 'Template', messageForWait(waiting, await templates.textOf(templateId, itemIndex)), rules);
}

function readCountry(context: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	rejectNonText(context.getNode(), itemIndex, 'Additional Fields › Country', value, 'Map a single text field that holds a two-letter code such as AU');
	const country = String(value).trim().toUpperCase();
	if (!isKnownCountry(country)) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'Additional Fields › Country',
			reason: `("${String(value)}") is not a known country code`,
			hint: 'Use a two-letter ISO 3166 code such as AU, US or GB',
		});
	}
	return country;
}

function readSchedule(context: IExecuteFunctions, itemIndex: number, value: unknown): number | undefined {
	const schedule = optionalUnixTime(context, itemIndex, 'Additional Fields › Schedule', value);
	if (schedule === undefined) return undefined;
	const now = Math.floor(Date.now() / 1000);
	if (schedule < now - SCHEDULE_GRACE_SECONDS) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'Additional Fields › Schedule',
			reason: `(${new Date(schedule * 1000).toISOString()}) is in the past`,
			hint: 'Choose a time in the future, or remove Schedule to send now',
		});
	}
	return schedule > now + SCHEDULE_GRACE_SECONDS ? schedule : undefined;
}

async function submitBatch(
	context: IExecuteFunctions,
	client: ProviderClient,
	batch: Array<PreparedItem<ClickSendMessage>>,
	options: SendOptions,
	purpose: 'send' | 'price',
): Promise<ItemOutcome[]> {
	const itemIndex = batch[0].itemIndex;
	const response = await client.request(
		{ method: 'POST', path: purpose === 'send' ? '/sms/send' : '/sms/price', body: { messages: batch.map(({ prepared }) => ({ ...prepared })) } },
		// A price changes nothing and may be asked again; a send may have gone out.
		purpose === 'send' ? { kind: 'send', retryOnServerError: options.retrySendOnServerError } : { kind: 'read' },
		itemIndex,
	);
	const data = envelopeData(response.body);
	const answered = Array.isArray(data.messages) ? (data.messages as IDataObject[]) : [];
	if (answered.length !== batch.length) {
		// Without one answer per message the node cannot tell which item each belongs to.
		throw client.error({
			httpCode: response.statusCode,
			body: response.body,
			itemIndex,
			mayHaveBeenSent: purpose === 'send',
			explanation: {
				message: `ClickSend's answer listed ${answered.length === 0 ? 'no message' : countOf(answered.length, 'message')} for the ${countOf(batch.length, 'message')} sent (${describeItems(batch.map((item) => item.itemIndex))})`,
				description:
					purpose === 'send'
						? 'Some may have gone out: check the SMS history in ClickSend before sending these items again'
						: 'Try again; the provider response is in the error details',
			},
		});
	}
	// ClickSend gives the currency once per request, not per message.
	const currencyName = (data._currency as IDataObject | undefined)?.currency_name_short;
	const currency = typeof currencyName === 'string' ? currencyName : null;
	return batch.map(({ itemIndex: index, prepared }, position): ItemOutcome => {
		const answer = answered[position];
		const refusal = messageRefusal(client, answer, index);
		if (refusal) return { error: refusal };
		if (purpose === 'price') return { output: { ...answer, currency } };
		if (typeof answer.message_id !== 'string' || answer.message_id === '') {
			return {
				error: client.error({
					httpCode: response.statusCode,
					body: answer,
					itemIndex: index,
					// Its status says the message was taken; only the ID that proves it is missing.
					mayHaveBeenSent: true,
					explanation: {
						message: `${PROVIDER_NAME} did not confirm the message to ${prepared.to}`,
						description: 'Its answer for this message had no message_id; check the SMS history in ClickSend before sending this item again. The provider response is in the error details',
					},
				}),
			};
		}
		return { output: sentMessageOf(prepared, answer, answer.message_id, currency) };
	});
}

/**
 * ClickSend's answer for one queued message as the shared Send output. `message_parts` (ClickSend's
 * own count) and the rest of its fields stay under ClickSend's names.
 */
function sentMessageOf(sent: ClickSendMessage, answer: IDataObject, messageId: string, currency: string | null): SentMessageOutput {
	const { message_id: _messageId, status, to: _to, from, message_price: price, ...providerFields } = answer;
	return sentMessageOutput(
		{
			messageId,
			// prepareMessage sets a schedule only when it is later than now.
			status: sent.schedule === undefined ? 'accepted' : 'scheduled',
			providerStatus: String(status),
			to: sent.to,
			from: typeof from === 'string' ? from : sent.from,
			text: sent.body,
			price,
			currency,
		},
		providerFields,
	);
}

/** Template texts, read once per template however many items use it. */
class TemplateTexts {
	private readonly texts = new Map<string, Promise<unknown>>();

	constructor(private readonly client: () => ProviderClient) {}

	async textOf(templateId: string, itemIndex: number): Promise<unknown> {
		let text = this.texts.get(templateId);
		if (!text) {
			text = this.client()
				.request({ method: 'GET', path: `/sms/templates/${encodeURIComponent(templateId)}` }, { kind: 'read' }, itemIndex)
				.then((response) => envelopeData(response.body).body);
			this.texts.set(templateId, text);
		}
		return await text;
	}
}
