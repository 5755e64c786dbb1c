import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ALL_NUMBERS, EVERY_PAGE, readDedicatedNumbers } from '../dedicatedNumbers';
import { createClickSendClient, listAllPages } from '../transport';

/** Enough for a dropdown; the typed filter narrows these only, so a longer list's other entries are entered by value. */
const LISTED = { returnAll: false, limit: 200 };

/**
 * The senders the account may use: dedicated numbers, own (verified) numbers and alpha tags. A
 * list the account cannot read (no such product) is left out rather than failing the dropdown.
 */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createClickSendClient(this);
	const sources: Array<() => Promise<Array<INodeListSearchItems | undefined>>> = [
		async () => (await readDedicatedNumbers(client, LISTED)).map((number) => option(number, 'dedicated number')),
		async () => (await listAllPages(client, '/own-numbers', {}, LISTED, 0)).map((record) => option(record.phone_number ?? record.own_number, 'own number')),
		async () => (await listAllPages(client, '/alpha-tags', {}, LISTED, 0)).map((record) => option(record.alpha_tag, 'alpha tag', record.status)),
	];
	const lists = await Promise.all(
		sources.map(async (list) => {
			try {
				return await list();
			} catch {
				return [];
			}
		}),
	);
	const results = lists.flat().filter(isOption);
	return { results: matching(results, filter) };
}

/**
 * The ClickSend Trigger's Dedicated Number: only the numbers that receive SMS. A list the account
 * cannot read fails the dropdown with ClickSend's reason, so the user knows to type the number.
 */
export async function searchDedicatedNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createClickSendClient(this);
	// Every page, as the activation check reads: typing filters only what was read. The entries are
	// numbers, so the name is the number alone; the first entry undoes a choice without switching
	// to By Number.
	const numbers = (await readDedicatedNumbers(client, EVERY_PAGE)).map((number) => ({ name: number, value: number }));
	return { results: matching([{ name: 'Any of the Account’s Numbers', value: ALL_NUMBERS }, ...numbers], filter) };
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createClickSendClient(this);
	const templates = await listAllPages(client, '/sms/templates', {}, LISTED, 0);
	const results = templates.map((template) => ({
		name: `${String(template.template_name ?? 'Untitled')} (${String(template.template_id)})`,
		value: String(template.template_id),
	}));
	return { results: matching(results, filter) };
}

function isOption(item: INodeListSearchItems | undefined): item is INodeListSearchItems {
	return item !== undefined;
}

function option(value: unknown, kind: string, status?: unknown): INodeListSearchItems | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const state = typeof status === 'string' && status !== '' && status.toLowerCase() !== 'approved' ? `, ${status.toLowerCase()}` : '';
	return { name: `${value} (${kind}${state})`, value };
}

/** Compared without case and spaces: people type numbers in groups (411 000 200), ClickSend lists them without. */
function matching(results: INodeListSearchItems[], filter?: string): INodeListSearchItems[] {
	const comparable = (text: string) => text.replace(/\s+/g, '').toLowerCase();
	const wanted = comparable(filter ?? '');
	return wanted ? results.filter((result) => comparable(result.name).includes(wanted)) : results;
}
