import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INode,
} from 'n8n-workflow';

import { type ProviderErrorExplanation } from '../../lib/errors';
import { createProviderClient, READ_CONCURRENCY, type ProviderClient, type ProviderResponse, type RequestPace } from '../../lib/http';
import { requireBaseUrl, requireCredentialField } from '../../lib/inputs';
import { collectAllNumberedPages, collectPages, type PageLimit } from '../../lib/pagination';

export const CLICKSEND_CREDENTIAL = 'clickSendApi';
export const PROVIDER_NAME = 'ClickSend';

/** ClickSend's page size bounds for every list (spec: `limit` 15–100). */
const MIN_PAGE_SIZE = 15;
const MAX_PAGE_SIZE = 100;

export type ClickSendContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

/** The error as n8n shows it best: the client's own errors unchanged, anything else wrapped. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}

/**
 * A list the account may not read: ClickSend answers 403 or 404, our reading of an account without
 * that product (alpha tags) or a sub-account (its numbers), where the spec is silent.
 */
export function isListNotReadable(error: unknown): boolean {
	return error instanceof NodeApiError && (error.httpCode === '403' || error.httpCode === '404');
}

/** One client for the action node, the trigger's rule management and the dropdowns. */
export async function createClickSendClient(context: ClickSendContext, pace?: RequestPace, timeoutMs?: number): Promise<ProviderClient> {
	const credentials = await context.getCredentials(CLICKSEND_CREDENTIAL);
	requireCredentialField(context.getNode(), credentials.username, 'ClickSend API', 'Username');
	requireCredentialField(context.getNode(), credentials.apiKey, 'ClickSend API', 'API Key');
	return createProviderClient(context, {
		credentialType: CLICKSEND_CREDENTIAL,
		providerName: PROVIDER_NAME,
		baseUrl: requireBaseUrl(context.getNode(), String(credentials.baseUrl ?? ''), 'ClickSend API'),
		credentials,
		explainError: explainClickSendError,
		pace,
		timeoutMs,
	});
}

/** ClickSend wraps every answer as `{ http_code, response_code, response_msg, data }`. */
export function envelopeData(body: unknown): IDataObject {
	const data = (body as IDataObject | undefined)?.data;
	return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
}

/** The envelope's `response_msg`, ClickSend's own sentence about what happened. */
export function envelopeMessage(body: unknown): string | undefined {
	const message = (body as IDataObject | undefined)?.response_msg;
	return typeof message === 'string' && message.trim() !== '' ? message.trim() : undefined;
}

/** ClickSend's error envelope says in `response_msg` what was wrong; show that instead of a generic text. */
function explainClickSendError(response: ProviderResponse): ProviderErrorExplanation | undefined {
	const said = envelopeMessage(response.body);
	if (response.statusCode === 401) {
		return {
			message: 'ClickSend refused the username or API key',
			description: 'Open the ClickSend API credential and check the API username and key (Dashboard › Developers › API Credentials)',
		};
	}
	if (said === undefined || response.statusCode === 429 || response.statusCode >= 500) return undefined;
	if (response.statusCode === 404) {
		return { message: `ClickSend did not find it: ${said}`, description: 'Check the ID used in this item' };
	}
	return { message: `ClickSend refused the request: ${said}`, description: 'The provider response is in the error details' };
}

/**
 * Walks one of ClickSend's paged lists (Laravel's paginator: `data.data`, `current_page`,
 * `last_page`) one page after another. ClickSend takes no page smaller than 15, so a smaller limit
 * asks for 15 and collectPages keeps what was asked. In order, not in parallel: Get Many lists
 * newest first by default, where a message arriving during the read moves every later page down
 * one place, which read in order repeats an entry at worst but read out of order can skip one.
 */
export async function listAllPages(
	client: ProviderClient,
	path: string,
	query: IDataObject,
	pageLimit: PageLimit,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject, number>(
		async (page, pageSize) => {
			const { items, current, last } = await readPage(client, path, query, page ?? 1, pageSize ?? MAX_PAGE_SIZE, itemIndex);
			return { items, next: current < last ? current + 1 : undefined };
		},
		pageLimit,
		MAX_PAGE_SIZE,
	);
}

/**
 * Every entry of a list whose pages do not move while it is read (the history oldest first from a
 * fixed date, where new entries only add pages at the end; the account's numbers and sender IDs,
 * which change seldom), in page order: the first page, then the others
 * READ_CONCURRENCY at a time (fewer while the run's pace has slowed down after a 429), so that a
 * long list costs a few round trips instead of one per page.
 */
export async function listAllPagesInParallel(client: ProviderClient, path: string, query: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	return await collectAllNumberedPages(
		async (page) => {
			const { items, last } = await readPage(client, path, query, page, MAX_PAGE_SIZE, itemIndex);
			return { items, lastPage: last };
		},
		() => Math.min(READ_CONCURRENCY, client.pace?.concurrency ?? READ_CONCURRENCY),
	);
}

/**
 * One page of a list, the largest ClickSend gives, and the number of the next page if there is
 * one: for a dropdown that asks for the next page only when the user scrolls to the end.
 */
export async function readOnePage(
	client: ProviderClient,
	path: string,
	query: IDataObject,
	page: number,
	itemIndex: number,
): Promise<{ items: IDataObject[]; nextPage?: number }> {
	const { items, current, last } = await readPage(client, path, query, page, MAX_PAGE_SIZE, itemIndex);
	return { items, nextPage: current < last && items.length > 0 ? current + 1 : undefined };
}

/** One page of a list. A list answered as a bare array (the spec's history example) is one page. */
async function readPage(
	client: ProviderClient,
	path: string,
	query: IDataObject,
	page: number,
	pageSize: number,
	itemIndex: number,
): Promise<{ items: IDataObject[]; current: number; last: number }> {
	const qs: IDataObject = { ...query, page, limit: Math.max(MIN_PAGE_SIZE, pageSize) };
	const response = await client.request({ method: 'GET', path, qs }, { kind: 'read' }, itemIndex);
	const data = (response.body as IDataObject | undefined)?.data;
	if (Array.isArray(data)) return { items: data as IDataObject[], current: page, last: page };
	const envelope = typeof data === 'object' && data !== null ? (data as IDataObject) : {};
	const items = Array.isArray(envelope.data) ? (envelope.data as IDataObject[]) : [];
	const current = Number(envelope.current_page ?? page);
	return { items, current, last: Number(envelope.last_page ?? current) };
}
