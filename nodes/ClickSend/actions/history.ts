import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { invalidInputError } from '../../../lib/errors';
import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { runItemsInOrder } from '../../../lib/send';
import { createClickSendClient, envelopeData, listAllPages } from '../transport';
import { optionalUnixTime, readPageLimit } from './inputs';

export async function getHistory(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => ({ query: readHistoryQuery(context, itemIndex), pageLimit: readPageLimit(context, itemIndex) }),
		execute: async ({ query, pageLimit }, itemIndex) => await listAllPages(client, '/sms/history', query, pageLimit, itemIndex),
		concurrency: READ_CONCURRENCY,
	});
}

export async function exportHistory(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => ({ ...readHistoryQuery(context, itemIndex), filename: readFilename(context, itemIndex) }),
		execute: async (qs, itemIndex) => {
			const response = await client.request({ method: 'GET', path: '/sms/history/export', qs }, { kind: 'read' }, itemIndex);
			const url = envelopeData(response.body).url;
			if (typeof url !== 'string' || url === '') {
				throw new NodeOperationError(context.getNode(), 'ClickSend created no download link', {
					itemIndex,
					description: 'The answer had no url; try again later',
				});
			}
			return { url, filename: qs.filename };
		},
		concurrency: READ_CONCURRENCY,
	});
}

function readHistoryQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = { order_by: context.getNodeParameter('orderBy', itemIndex, 'date:desc') };
	if (typeof filters.q === 'string' && filters.q.trim() !== '') query.q = filters.q.trim();
	const dateFrom = optionalUnixTime(context, itemIndex, 'Filters › Sent After', filters.dateFrom);
	const dateTo = optionalUnixTime(context, itemIndex, 'Filters › Sent Before', filters.dateTo);
	if (dateFrom !== undefined && dateTo !== undefined && dateFrom > dateTo) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'Filters › Sent After',
			reason: 'is later than Filters › Sent Before',
			hint: 'Swap the two dates or remove one of them',
		});
	}
	if (dateFrom !== undefined) query.date_from = dateFrom;
	if (dateTo !== undefined) query.date_to = dateTo;
	return query;
}

function readFilename(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('filename', itemIndex, 'export.csv');
	const filename = typeof value === 'string' && value.trim() !== '' ? value.trim() : 'export.csv';
	if (!filename.toLowerCase().endsWith('.csv')) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'File Name',
			reason: `("${filename}") does not end in .csv`,
			hint: 'ClickSend exports CSV files only: end the name with .csv, e.g. sms-history.csv',
		});
	}
	return filename;
}
