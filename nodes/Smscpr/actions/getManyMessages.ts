import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

import { invalidInputError } from '../../../lib/errors';
import { isBlank, readPhoneNumberOptions, rejectNonText, requirePhoneNumber } from '../../../lib/inputs';
import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { collectPages } from '../../../lib/pagination';
import { isKnownCountry } from '../../../lib/phone';
import { runItemsInOrder } from '../../../lib/send';
import { describeMessage, SMSCPR_STATUSES } from '../messageRecord';
import { requireSender } from '../../../lib/sender';
import { createSmscprClient, PROVIDER_NAME } from '../transport';

/** SMSCPR's page size cap and longest date range (spec). */
const MAX_PAGE_SIZE = 100;
const MAX_WINDOW_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;
export const MCCMNC = /^\d{5,6}$/;

interface ListRequest {
	filters: IDataObject;
	returnAll: boolean;
	limit: number;
}

interface MessagePage {
	data?: unknown;
	pagination?: { nextCursor?: unknown };
}

export async function getManyMessages(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const pace = new RequestPace(READ_CONCURRENCY);
	const { client, servicePlanId } = await createSmscprClient(context, pace);
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => prepareList(context, itemIndex),
		execute: async ({ filters, returnAll, limit }, itemIndex) => {
			const records = await collectPages<IDataObject, string>(
				async (cursor, pageSize) => {
					const qs: IDataObject = { servicePlanId, ...filters };
					if (pageSize !== undefined) qs.limit = pageSize;
					if (cursor !== undefined) qs.cursor = cursor;
					const response = await client.request<MessagePage>({ method: 'GET', path: '/messages/sms', qs }, { kind: 'read' }, itemIndex);
					const page = response.body ?? {};
					const items = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
					const next = page.pagination?.nextCursor;
					return { items, next: typeof next === 'string' && next !== '' ? next : undefined };
				},
				{ returnAll, limit },
				MAX_PAGE_SIZE,
			);
			return records.map(describeMessage);
		},
		concurrency: READ_CONCURRENCY,
		pace,
	});
}

/** A filter is one value: a list or an object from an expression is refused, not turned into text. */
function filterText(node: INode, itemIndex: number, field: string, value: unknown): string {
	rejectNonText(node, itemIndex, field, value, 'Map a single value, e.g. {{ $json.status }}');
	return String(value).trim();
}

function prepareList(context: IExecuteFunctions, itemIndex: number): ListRequest {
	const node = context.getNode();
	const given = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const reading = readPhoneNumberOptions(node, itemIndex, options);
	const filters: IDataObject = {};
	if (!isBlank(given.from)) filters.from = requireSender(node, itemIndex, 'Filters › From', given.from, reading, PROVIDER_NAME);
	if (!isBlank(given.to)) filters.to = requirePhoneNumber(node, itemIndex, 'Filters › To', given.to, reading).e164;
	if (!isBlank(given.status)) {
		const status = filterText(node, itemIndex, 'Filters › Status', given.status).toUpperCase();
		if (!SMSCPR_STATUSES.includes(status)) {
			throw invalidInputError(node, itemIndex, { field: 'Filters › Status', reason: `is ${JSON.stringify(given.status)}`, hint: `Use one of ${SMSCPR_STATUSES.join(', ')}` });
		}
		filters.status = status;
	}
	if (!isBlank(given.country)) {
		const country = filterText(node, itemIndex, 'Filters › Country', given.country).toUpperCase();
		if (country.length !== 2 || !isKnownCountry(country)) {
			throw invalidInputError(node, itemIndex, { field: 'Filters › Country', reason: `(${JSON.stringify(given.country)}) is not a known country code`, hint: 'Use a two-letter ISO 3166 code such as US or PR' });
		}
		filters.country = country;
	}
	if (!isBlank(given.mccmnc)) {
		const mccmnc = filterText(node, itemIndex, 'Filters › Mobile Network (MCC-MNC)', given.mccmnc);
		if (!MCCMNC.test(mccmnc)) {
			throw invalidInputError(node, itemIndex, { field: 'Filters › Mobile Network (MCC-MNC)', reason: `(${JSON.stringify(given.mccmnc)}) is not 5 or 6 digits`, hint: 'Use the mobile country code followed by the network code, e.g. 310260' });
		}
		filters.mccmnc = mccmnc;
	}
	const fromDate = isBlank(given.fromDate) ? undefined : readDate(context, itemIndex, 'Filters › From Date', given.fromDate);
	const toDate = isBlank(given.toDate) ? undefined : readDate(context, itemIndex, 'Filters › To Date', given.toDate);
	if (fromDate && toDate) checkWindow(context, itemIndex, fromDate, toDate);
	if (fromDate) filters.fromDate = fromDate.toISOString();
	if (toDate) filters.toDate = toDate.toISOString();

	if (Object.keys(filters).length === 0) {
		throw new NodeOperationError(node, 'Get Many needs at least one filter', {
			itemIndex,
			description: 'SMSCPR lists messages only with a filter besides the service plan: add one under Filters, e.g. a date range, a status or the recipient. Nothing was requested.',
		});
	}

	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { filters, returnAll, limit: 0 };
	// An expression may give text ("25", or "abc" from a bad column): show what it gave, not NaN.
	const limitGiven: unknown = context.getNodeParameter('limit', itemIndex, 50);
	const limit = typeof limitGiven === 'string' && limitGiven.trim() !== '' ? Number(limitGiven) : limitGiven;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		const shown = typeof limitGiven === 'number' ? String(limitGiven) : JSON.stringify(limitGiven);
		const what = isBlank(limitGiven) ? 'is empty' : `is ${shown}`;
		throw invalidInputError(node, itemIndex, { field: 'Limit', reason: what, hint: 'Use a whole number of 1 or more, or switch on Return All' });
	}
	return { filters, returnAll, limit };
}

function readDate(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): Date {
	const date = new Date(String(value));
	if (Number.isNaN(date.getTime())) {
		throw invalidInputError(context.getNode(), itemIndex, { field, reason: `(${JSON.stringify(value)}) is not a date`, hint: 'Use a date and time such as 2026-06-22T05:10:03Z' });
	}
	return date;
}

function checkWindow(context: IExecuteFunctions, itemIndex: number, fromDate: Date, toDate: Date): void {
	const node = context.getNode();
	if (fromDate > toDate) {
		throw new NodeOperationError(node, 'The date range of Get Many ends before it starts', {
			itemIndex,
			description: 'Set Filters › From Date to a time before Filters › To Date. Nothing was requested.',
		});
	}
	const days = (toDate.getTime() - fromDate.getTime()) / DAY_MS;
	if (days > MAX_WINDOW_DAYS) {
		throw new NodeOperationError(node, `The date range of Get Many is ${Math.ceil(days)} days long; SMSCPR allows at most ${MAX_WINDOW_DAYS}`, {
			itemIndex,
			description: `Narrow Filters › From Date and To Date to ${MAX_WINDOW_DAYS} days or less, or split the search into several runs. Nothing was requested.`,
		});
	}
}
