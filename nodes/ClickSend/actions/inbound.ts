import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { invalidInputError } from '../../../lib/errors';
import type { OperationHandlers } from '../../../lib/operations';
import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { runItemsInOrder } from '../../../lib/send';
import { createClickSendClient, envelopeMessage } from '../transport';
import { requireId } from './inputs';
import { getOne } from './lookup';
import { getUnread, markAllRead, sendTest } from './unreadLists';

const ORIGINAL_MESSAGE_ID = {
	parameter: 'originalMessageId',
	label: 'Original Message ID',
	hint: 'Map the message_id of the message you sent, e.g. {{ $json.message_id }}',
};

/** One inbound SMS, by its own message_id. Marking it twice changes nothing, so it is retried like a read. */
async function markOneRead(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) =>
			requireId(context, itemIndex, 'inboundMessageId', 'Inbound Message ID', 'Map the message_id of the inbound SMS, e.g. {{ $json.message_id }}'),
		execute: async (messageId, itemIndex) => {
			const path = `/sms/inbound-read/${encodeURIComponent(messageId)}`;
			const response = await client.request({ method: 'PUT', path }, { kind: 'read' }, itemIndex);
			return { message_id: messageId, marked_read: true, response_msg: envelopeMessage(response.body) ?? null };
		},
		concurrency: READ_CONCURRENCY,
	});
}

const WEBHOOK_TYPES = ['post', 'get', 'json'];

function readWebhookType(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('webhookType', itemIndex, 'post');
	const type = String(value ?? '').trim().toLowerCase();
	if (!WEBHOOK_TYPES.includes(type)) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'Webhook Type',
			reason: `is ${JSON.stringify(value)}`,
			hint: 'Use post (form), json or get',
		});
	}
	return type;
}

export const inboundHandlers: OperationHandlers = {
	'inbound:getAll': async (context) => await getUnread(context, '/sms/inbound'),
	'inbound:get': async (context) => await getOne(context, '/sms/inbound', ORIGINAL_MESSAGE_ID),
	'inbound:markAllRead': async (context) => await markAllRead(context, '/sms/inbound-read'),
	'inbound:markRead': markOneRead,
	'inbound:sendTest': async (context) => await sendTest(context, '/sms/inbound', (itemIndex) => ({ webhook_type: readWebhookType(context, itemIndex) })),
};
