import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { ProviderClient } from '../../../lib/http';
import { ALL_NUMBERS, readDedicatedNumbers } from '../dedicatedNumbers';
import { asNodeError, createClickSendClient, envelopeData, isListNotReadable, listAllPagesInParallel, readOnePage } from '../transport';

/**
 * The senders the account may use: dedicated numbers, own (verified) numbers and alpha tags, every
 * page of each, since typing filters only what was read (an account has few of each). A list the
 * account may not read (no such product) is left out rather than failing the dropdown; any other
 * failure fails it, so that a busy or refusing ClickSend is not shown as an account without senders.
 */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createClickSendClient(this);
	const sources: Array<() => Promise<Array<INodeListSearchItems | undefined>>> = [
		async () => (await readDedicatedNumbers(client)).map((number) => option(number, 'dedicated number')),
		async () => (await listAllPagesInParallel(client, '/own-numbers', {}, 0)).map((record) => option(record.phone_number ?? record.own_number, 'own number')),
		async () => (await listAllPagesInParallel(client, '/alpha-tags', {}, 0)).map((record) => option(record.alpha_tag, 'alpha tag', record.status)),
	];
	const lists = await Promise.all(
		sources.map(async (list) => {
			try {
				return await list();
			} catch (error) {
				if (isListNotReadable(error)) return [];
				throw asNodeError(this.getNode(), error);
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
	const numbers = (await readDedicatedNumbers(client)).map((number) => ({ name: number, value: number }));
	return { results: matching([{ name: 'Any of the Account’s Numbers', value: ALL_NUMBERS }, ...numbers], filter) };
}

/**
 * The account's templates, searched by name at ClickSend one page at a time: an account may have
 * thousands, and the editor asks for the next page (paginationToken) only when the list is
 * scrolled to its end. Digits typed may also be a pasted template ID: that template comes first.
 */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createClickSendClient(this);
	const typed = (filter ?? '').trim();
	const page = pageFromToken(paginationToken);
	const typedId = /^\d+$/.test(typed) ? typed : undefined;
	const [listed, templateWithTypedId] = await Promise.all([
		readOnePage(client, '/sms/templates', templateNameSearch(typed), page, 0),
		typedId !== undefined && page === 1 ? readTemplateIfAny(client, typedId) : undefined,
	]);
	// The template found by its ID is not listed again when its name holds the same digits.
	const named = listed.items.filter((template) => String(template.template_id) !== typedId).map(templateOption);
	return {
		results: templateWithTypedId ? [templateOption(templateWithTypedId), ...named] : named,
		// n8n 1.x and 2.8 accept only a string token from the editor.
		paginationToken: listed.nextPage === undefined ? undefined : String(listed.nextPage),
	};
}

function pageFromToken(token: string | undefined): number {
	const page = Number(token);
	return Number.isInteger(page) && page > 1 ? page : 1;
}

/**
 * ClickSend's `q=template_name:<text>` (names containing the text). Its search splits pairs at
 * commas, so text with a comma is searched by its longest part: the list may hold a few names
 * with only that part, but never misses one with the whole text.
 */
function templateNameSearch(typed: string): IDataObject {
	const searched = typed
		.split(',')
		.map((part) => part.trim())
		.reduce((longest, part) => (part.length > longest.length ? part : longest), '');
	return searched === '' ? {} : { q: `template_name:${searched}` };
}

/**
 * The template with this ID, or undefined. The lookup only adds to the name search, so any failure
 * leaves the names alone: no such template (404), digits ClickSend refuses as an ID (a pasted phone
 * number), or a busy server (the name search, made at the same time, reports that itself).
 */
async function readTemplateIfAny(client: ProviderClient, templateId: string): Promise<IDataObject | undefined> {
	try {
		const response = await client.request({ method: 'GET', path: `/sms/templates/${encodeURIComponent(templateId)}` }, { kind: 'read' });
		const template = envelopeData(response.body ?? {});
		return template.template_id === undefined ? undefined : template;
	} catch {
		return undefined;
	}
}


function templateOption(template: IDataObject): INodeListSearchItems {
	return { name: `${String(template.template_name ?? 'Untitled')} (${String(template.template_id)})`, value: String(template.template_id) };
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
