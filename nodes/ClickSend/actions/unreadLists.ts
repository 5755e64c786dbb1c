/**
 * Delivery receipts and inbound SMS work alike in ClickSend: an unread list (what Get Many shows),
 * a lookup that also finds read ones (lookup.ts), Mark All as Read with an optional cutoff, and a
 * test route that sends a made-up one to a URL. The two differ only in paths and a few fields.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { runItemsInOrder } from '../../../lib/send';
import { createClickSendClient, envelopeData, envelopeMessage, listAllPages } from '../transport';
import { optionalUnixTime, readPageLimit, requireTestUrl } from './inputs';
import { unchanged, type Shape } from './lookup';

export async function getUnread(context: IExecuteFunctions, path: string, shape: Shape = unchanged): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => readPageLimit(context, itemIndex),
		execute: async (pageLimit, itemIndex) => (await listAllPages(client, path, {}, pageLimit, itemIndex)).map(shape),
		concurrency: READ_CONCURRENCY,
	});
}

/** Marking as read twice marks the same things, so it is retried like a read. */
export async function markAllRead(context: IExecuteFunctions, path: string): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => optionalUnixTime(context, itemIndex, 'Received Before', context.getNodeParameter('dateBefore', itemIndex, '')),
		execute: async (dateBefore, itemIndex) => {
			const body = dateBefore === undefined ? {} : { date_before: dateBefore };
			const response = await client.request({ method: 'PUT', path, body }, { kind: 'read' }, itemIndex);
			return { marked_read: true, date_before: dateBefore ?? null, response_msg: envelopeMessage(response.body) ?? null };
		},
		concurrency: 1,
	});
}

/** Each call makes a new test message, so one that may have reached ClickSend is not repeated. */
export async function sendTest(context: IExecuteFunctions, path: string, extraBody: (itemIndex: number) => IDataObject = () => ({})): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context);
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => ({ url: requireTestUrl(context, itemIndex), ...extraBody(itemIndex) }),
		execute: async (body, itemIndex) => {
			const response = await client.request({ method: 'POST', path, body }, { kind: 'send', retryOnServerError: false }, itemIndex);
			return envelopeData(response.body);
		},
		concurrency: 1,
	});
}
