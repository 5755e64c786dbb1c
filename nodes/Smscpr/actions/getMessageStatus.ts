import type { IExecuteFunctions, INodeExecutionData, IDataObject } from 'n8n-workflow';

import { invalidInputError } from '../../../lib/errors';
import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { runItemsInOrder } from '../../../lib/send';
import { describeMessage } from '../messageRecord';
import { createSmscprClient } from '../transport';

export async function getMessageStatus(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const pace = new RequestPace(READ_CONCURRENCY);
	const { client, servicePlanId } = await createSmscprClient(context, pace);
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => requireMessageId(context, itemIndex),
		execute: async (messageId, itemIndex) => {
			const response = await client.request<IDataObject>(
				{ method: 'GET', path: `/messages/sms/${encodeURIComponent(messageId)}`, qs: { servicePlanId } },
				{ kind: 'read' },
				itemIndex,
			);
			return describeMessage(response.body);
		},
		concurrency: READ_CONCURRENCY,
		pace,
	});
}

export function requireMessageId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('messageId', itemIndex);
	const messageId = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (messageId === '') {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'Message ID',
			reason: typeof value === 'object' && value !== null ? 'is not text' : 'is empty',
			hint: 'Map the messageId that Send outputs, e.g. {{ $json.messageId }}',
		});
	}
	return messageId;
}
