import { ClickSend } from '../../../nodes/ClickSend/ClickSend.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runListSearch } from '../../harness';
import { call } from '../../sandbox/clicksend-client';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** The editor's call when the dropdown opens, is typed in, or is scrolled to its end (the previous answer's token). */
const listSearch = async (method: string, filter?: string, paginationToken?: unknown) =>
	await runListSearch({
		nodeType: ClickSend,
		node: { name: 'ClickSend', parameters: { resource: 'sms', operation: 'send' }, credentials: { clickSendApi: { id: '1', name: 'ClickSend' } } },
		credentials: { clickSendApi: { ...SANDBOX_KEYS.clicksend, baseUrl: sandbox.providerUrl('clicksend') } },
		method,
		filter,
		paginationToken,
	});

/** Saves `Campaign 001` … `Campaign <count>` in the sandbox account; returns their IDs in that order. */
async function saveCampaignTemplates(count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let number = 1; number <= count; number++) {
		const created = await call(sandbox, 'POST', '/sms/templates', { template_name: `Campaign ${String(number).padStart(3, '0')}`, body: `Campaign ${number} text` });
		ids.push(String(created.body.data.template_id));
	}
	return ids;
}

const templateSearches = () => sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/templates' }).map((request) => request.query);

describe('ClickSend › Sender dropdown', () => {
	it('lists dedicated numbers, own numbers and alpha tags as senders, filtered by what is typed', async () => {
		const senders = await listSearch('searchSenders');
		expect(senders.results.map((result) => result.value)).toEqual(expect.arrayContaining(['+61400111222', 'SandboxCo']));
		expect(senders.results.find((result) => result.value === 'SandboxCo')?.name).toBe('SandboxCo (alpha tag)');
		expect(senders.results.some((result) => /dedicated number/.test(result.name))).toBe(true);

		const filtered = await listSearch('searchSenders', 'sandbox');
		expect(filtered.results.map((result) => result.value)).toEqual(['SandboxCo']);
	});

	it('still lists the other senders when one list fails', async () => {
		sandbox.injectFault({ provider: 'clicksend', path: '/alpha-tags', kind: 'status', status: 403, times: 10 });

		const senders = await listSearch('searchSenders');

		expect(senders.results.map((result) => result.value)).toContain('+61400111222');
		expect(senders.results.map((result) => result.value)).not.toContain('SandboxCo');
	});

	it('fails with the reason when a list cannot be read for another reason than a missing product, instead of hiding its senders', async () => {
		sandbox.injectFault({ provider: 'clicksend', path: '/numbers', kind: 'status', status: 500, times: 0 });

		await expect(listSearch('searchSenders')).rejects.toThrow(/ClickSend/);
	});

	it('reads every page of each list, so that a sender past the 200th is found by typing it', async () => {
		const ownNumbers = Array.from({ length: 250 }, (_, index) => `+614001${String(index + 1).padStart(5, '0')}`);
		const dedicatedNumbers = Array.from({ length: 120 }, (_, index) => `+614110${String(index + 1).padStart(5, '0')}`);
		sandbox.act('clicksend', 'senders', { ownNumbers, dedicatedNumbers });

		const typed = await listSearch('searchSenders', '+61 400 100 230');
		expect(typed.results).toEqual([{ name: '+61400100230 (own number)', value: '+61400100230' }]);

		const all = await listSearch('searchSenders');
		expect(all.results.map((result) => result.value)).toEqual([...dedicatedNumbers, ...ownNumbers, 'SandboxCo']);
		expect(all.paginationToken).toBeUndefined();
	});
});

describe('ClickSend › Template dropdown', () => {
	it('lists templates by name and ID', async () => {
		const created = await call(sandbox, 'POST', '/sms/templates', { template_name: 'Shipped', body: 'Your order has shipped.' });

		const templates = await listSearch('searchTemplates');

		expect(templates.results).toContainEqual({ name: `Shipped (${created.body.data.template_id})`, value: String(created.body.data.template_id) });
	});

	it('finds template 230 of 250 by typing its name: ClickSend searches the names', async () => {
		const ids = await saveCampaignTemplates(250);

		const found = await listSearch('searchTemplates', ' campaign 230 ');

		expect(found).toEqual({ results: [{ name: `Campaign 230 (${ids[229]})`, value: ids[229] }], paginationToken: undefined });
		expect(templateSearches()).toEqual([{ q: 'template_name:campaign 230', page: '1', limit: '100' }]);
	});

	it.each([
		['untyped', undefined, {}],
		['typed', 'Campaign', { q: 'template_name:Campaign' }],
	])('answers one page of 100 and the next when the list is scrolled to its end (%s)', async (_how, filter, search) => {
		const ids = await saveCampaignTemplates(250);

		const pages = [await listSearch('searchTemplates', filter)];
		while (pages[pages.length - 1].paginationToken !== undefined) {
			pages.push(await listSearch('searchTemplates', filter, pages[pages.length - 1].paginationToken));
		}

		expect(pages.map((page) => page.results.length)).toEqual([100, 100, 50]);
		expect(pages.flatMap((page) => page.results.map((result) => result.value))).toEqual(ids);
		expect(templateSearches()).toEqual([1, 2, 3].map((page) => ({ ...search, page: String(page), limit: '100' })));
	});

	it('puts the template whose ID was pasted first, then those whose name holds the digits, each once', async () => {
		const ids = await saveCampaignTemplates(250);
		const mentioning = await call(sandbox, 'POST', '/sms/templates', { template_name: `Follow-up to ${ids[229]}`, body: 'text' });
		const mentioningId = String(mentioning.body.data.template_id);

		expect((await listSearch('searchTemplates', ids[229])).results).toEqual([
			{ name: `Campaign 230 (${ids[229]})`, value: ids[229] },
			{ name: `Follow-up to ${ids[229]} (${mentioningId})`, value: mentioningId },
		]);
		// A template whose name is the ID of another, typed: both, the one with the ID first.
		await call(sandbox, 'PUT', `/sms/templates/${ids[0]}`, { template_name: ids[1] });
		expect((await listSearch('searchTemplates', ids[1])).results.map((result) => result.value)).toEqual([ids[1], ids[0]]);
		// Digits that are no template's ID (ClickSend answers 404) search the names only.
		expect((await listSearch('searchTemplates', '230')).results).toEqual([{ name: `Campaign 230 (${ids[229]})`, value: ids[229] }]);
	});

	it('lists the names found when the lookup of typed digits as an ID fails', async () => {
		const ids = await saveCampaignTemplates(3);
		sandbox.injectFault({ provider: 'clicksend', path: `/sms/templates/${ids[1]}`, kind: 'status', status: 500, times: 0 });
		const named = await call(sandbox, 'POST', '/sms/templates', { template_name: `Follow-up to ${ids[1]}`, body: 'text' });

		const found = await listSearch('searchTemplates', ids[1]);

		expect(found.results).toEqual([{ name: `Follow-up to ${ids[1]} (${named.body.data.template_id})`, value: String(named.body.data.template_id) }]);
	});

	it('searches text with a comma by its longest part, since ClickSend splits its search at commas', async () => {
		const hello = await call(sandbox, 'POST', '/sms/templates', { template_name: 'Hello, world', body: 'text' });
		await call(sandbox, 'POST', '/sms/templates', { template_name: 'Goodbye', body: 'text' });

		const found = await listSearch('searchTemplates', 'Hello, wor');

		expect(found.results).toEqual([{ name: `Hello, world (${hello.body.data.template_id})`, value: String(hello.body.data.template_id) }]);
		expect(templateSearches()).toEqual([{ q: 'template_name:Hello', page: '1', limit: '100' }]);
	});

	it('fails the dropdown with ClickSend’s reason when the key is refused', async () => {
		sandbox.injectFault({ provider: 'clicksend', path: '/sms/templates', kind: 'status', status: 401, times: 0 });

		await expect(listSearch('searchTemplates', 'campaign')).rejects.toThrow('ClickSend refused the username or API key');
	});
});
