import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { runItemsInOrder } from '../../../lib/send';
import { createClickSendClient, envelopeData, envelopeMessage } from '../transport';
import { requireId } from './inputs';

// Cancelling changes nothing a second time (the message is no longer scheduled), so it is paced
// and retried like a read.
export async function cancelMessage(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => requireId(context, itemIndex, 'messageId', 'Message ID', 'Map the message_id that Send output, e.g. {{ $json.message_id }}'),
		execute: async (messageId, itemIndex) => {
			const response = await client.request({ method: 'PUT', path: `/sms/${encodeURIComponent(messageId)}/cancel` }, { kind: 'read' }, itemIndex);
			return { message_id: messageId, cancelled: true, response_msg: envelopeMessage(response.body) ?? null };
		},
		concurrency: READ_CONCURRENCY,
	});
}

export async function cancelAllMessages(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context);
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => String(context.getNodeParameter('customString', itemIndex, '') ?? '').trim(),
		execute: async (customString, itemIndex) => {
			const body = customString === '' ? {} : { custom_string: customString };
			const response = await client.request({ method: 'PUT', path: '/sms/cancel-all', body }, { kind: 'read' }, itemIndex);
			const count = envelopeData(response.body).count;
			return { cancelled_count: typeof count === 'number' ? count : Number(count ?? 0), custom_string: customString === '' ? null : customString };
		},
		concurrency: 1,
	});
}
