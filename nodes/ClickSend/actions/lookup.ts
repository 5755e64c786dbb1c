import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { runItemsInOrder } from '../../../lib/send';
import { createClickSendClient, envelopeData } from '../transport';
import { requireId } from './inputs';

/** What an operation makes of a record ClickSend returned, e.g. adding the shared status. */
export type Shape = (record: IDataObject) => IDataObject;
export const unchanged: Shape = (record) => record;

export interface LookupField {
	parameter: string;
	label: string;
	hint: string;
}

/** GET `<path>/<id>` for each item: a template, a receipt, an inbound SMS. */
export async function getOne(context: IExecuteFunctions, path: string, id: LookupField, shape: Shape = unchanged): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => requireId(context, itemIndex, id.parameter, id.label, id.hint),
		execute: async (value, itemIndex) => {
			const response = await client.request({ method: 'GET', path: `${path}/${encodeURIComponent(value)}` }, { kind: 'read' }, itemIndex);
			return shape(envelopeData(response.body));
		},
		concurrency: READ_CONCURRENCY,
	});
}
