import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { createClickSendClient, listAllPages } from '../transport';

/** Enough for a dropdown; a user with more narrows it by typing. */
const LISTED = { returnAll: false, limit: 200 };

/**
 * The senders the account may use: dedicated numbers, own (verified) numbers and alpha tags. A
 * list the account cannot read (no such product) is left out rather than failing the dropdown.
 */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createClickSendClient(this);
	const sources: Array<{ path: string; describe: (record: IDataObject) => INodeListSearchItems | undefined }> = [
		{ path: '/numbers', describe: (record) => option(record.dedicated_number, 'dedicated number') },
		{ path: '/own-numbers', describe: (record) => option(record.phone_number ?? record.own_number, 'own number') },
		{ path: '/alpha-tags', describe: (record) => option(record.alpha_tag, 'alpha tag', record.status) },
	];
	const lists = await Promise.all(
		sources.map(async ({ path, describe }) => {
			try {
				return (await listAllPages(client, path, {}, LISTED, 0)).map(describe);
			} catch {
				return [];
			}
		}),
	);
	const results = lists.flat().filter((item): item is INodeListSearchItems => item !== undefined);
	return { results: matching(results, filter) };
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

function option(value: unknown, kind: string, status?: unknown): INodeListSearchItems | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const state = typeof status === 'string' && status !== '' && status.toLowerCase() !== 'approved' ? `, ${status.toLowerCase()}` : '';
	return { name: `${value} (${kind}${state})`, value };
}

function matching(results: INodeListSearchItems[], filter?: string): INodeListSearchItems[] {
	const wanted = filter?.trim().toLowerCase();
	return wanted ? results.filter((result) => result.name.toLowerCase().includes(wanted)) : results;
}
