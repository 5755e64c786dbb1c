import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { call } from '../../sandbox/clicksend-client';
import { NODE, runClickSend } from './clicksend-fixtures';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** The spec's create example. */
const SPEC_TEMPLATE = { template_name: 'Template 501916', body: 'This is a test template.\r\nnew line 漢字 here.' };

async function createTemplates(templates: Array<{ template_name: string; body: string }>): Promise<number[]> {
	const ids: number[] = [];
	for (const template of templates) ids.push((await call(sandbox, 'POST', '/sms/templates', template)).body.data.template_id);
	return ids;
}

async function storedTemplates() {
	return (await call(sandbox, 'GET', '/sms/templates?limit=100')).body.data.data;
}

const byId = (id: unknown) => ({ __rl: true, mode: 'id', value: id });

describe('ClickSend › Template', () => {
	it('creates a template from each item (the spec example)', async () => {
		const result = await runClickSend(sandbox, {
			resource: 'template',
			operation: 'create',
			items: [SPEC_TEMPLATE],
			parameters: { templateName: '={{ $json.template_name }}', templateBody: '={{ $json.body }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE).map((output) => output.json)).toEqual([{ template_id: 589242, ...SPEC_TEMPLATE }]);
		expect(await storedTemplates()).toEqual([{ template_id: 589242, ...SPEC_TEMPLATE }]);
	});

	it('refuses a blank name or text before creating anything', async () => {
		const result = await runClickSend(sandbox, {
			resource: 'template',
			operation: 'create',
			items: [SPEC_TEMPLATE, { template_name: ' ', body: 'x' }, { template_name: 'ok', body: '' }],
			parameters: { templateName: '={{ $json.template_name }}', templateBody: '={{ $json.body }}' },
		});

		expect(result.error?.message).toBe('The field "Name" of item 1 is empty');
		expect(await storedTemplates()).toEqual([]);

		const continued = await runClickSend(sandbox, {
			resource: 'template',
			operation: 'create',
			items: [SPEC_TEMPLATE, { template_name: ' ', body: 'x' }, { template_name: 'ok', body: '' }],
			parameters: { templateName: '={{ $json.template_name }}', templateBody: '={{ $json.body }}' },
			continueOnFail: true,
		});
		expect(continued.outputOf(NODE).map((output) => output.json.error ?? output.json.template_name)).toEqual([
			SPEC_TEMPLATE.template_name,
			'The field "Name" of item 1 is empty',
			'The field "Text" of item 2 is empty',
		]);
		expect(await storedTemplates()).toHaveLength(1);
	});

	it('gets a template by ID, and says which item named one that does not exist', async () => {
		const [id] = await createTemplates([SPEC_TEMPLATE]);

		const result = await runClickSend(sandbox, {
			resource: 'template',
			operation: 'get',
			items: [{ id }, { id: 1 }],
			parameters: { templateId: byId('={{ $json.id }}') },
			continueOnFail: true,
		});

		const outputs = result.outputOf(NODE).map((output) => output.json);
		expect(outputs[0]).toEqual({ template_id: id, ...SPEC_TEMPLATE });
		expect(outputs[1].error).toBe('ClickSend did not find it: Template not found.');
	});

	it('lists templates over several pages, filtered by name and sorted', async () => {
		await createTemplates(Array.from({ length: 130 }, (_, index) => ({ template_name: `${index % 2 ? 'Reminder' : 'Promo'} ${index}`, body: `Text ${index}` })));

		const all = await runClickSend(sandbox, { resource: 'template', operation: 'getAll', parameters: { returnAll: true } });
		expect(all.outputOf(NODE)).toHaveLength(130);

		const limited = await runClickSend(sandbox, {
			resource: 'template',
			operation: 'getAll',
			parameters: { returnAll: false, limit: 3, filters: { templateName: 'reminder' }, orderBy: 'template_id:desc' },
		});
		expect(limited.outputOf(NODE).map((output) => output.json.template_name)).toEqual(['Reminder 129', 'Reminder 127', 'Reminder 125']);
		const [listRequest] = sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/templates' }).slice(-1);
		expect(listRequest.query).toEqual(expect.objectContaining({ q: 'template_name:reminder', order_by: 'template_id:desc', limit: '15' }));
	});

	it('refuses a filter with a comma, which ClickSend’s search cannot take', async () => {
		const result = await runClickSend(sandbox, { resource: 'template', operation: 'getAll', parameters: { filters: { templateBody: 'Hi, there' } } });
		expect(result.error?.message).toBe('The field "Filters › Text Contains" of item 0 contains a comma');
	});

	it('updates only the fields given, and refuses an update with nothing to change', async () => {
		const [id] = await createTemplates([SPEC_TEMPLATE]);

		const result = await runClickSend(sandbox, {
			resource: 'template',
			operation: 'update',
			parameters: { templateId: byId(String(id)), updateFields: { templateName: 'Template XYZ' } },
		});
		expect(result.outputOf(NODE)[0].json).toEqual({ template_id: id, template_name: 'Template XYZ', body: SPEC_TEMPLATE.body });

		const nothing = await runClickSend(sandbox, { resource: 'template', operation: 'update', parameters: { templateId: byId(id), updateFields: {} } });
		expect(nothing.error?.message).toBe('The field "Update Fields" of item 0 has nothing to change');
		expect(sandbox.requests({ provider: 'clicksend', method: 'PUT' })).toHaveLength(1);
	});

	it('deletes a template and outputs {deleted: true}', async () => {
		const [keep, remove] = await createTemplates([SPEC_TEMPLATE, { template_name: 'Old', body: 'Old text' }]);

		const result = await runClickSend(sandbox, { resource: 'template', operation: 'delete', parameters: { templateId: byId(remove) } });

		expect(result.outputOf(NODE)[0].json).toEqual({ deleted: true, template_id: String(remove) });
		expect((await storedTemplates()).map((template: { template_id: number }) => template.template_id)).toEqual([keep]);
	});

	it('does not repeat a create that failed with a server error, but retries a read', async () => {
		sandbox.injectFault({ provider: 'clicksend', method: 'POST', path: '/sms/templates', kind: 'status', status: 503, times: 1 });
		const created = await runClickSend(sandbox, {
			resource: 'template',
			operation: 'create',
			parameters: { templateName: SPEC_TEMPLATE.template_name, templateBody: SPEC_TEMPLATE.body },
		});
		expect(created.error?.message).toContain('503');
		expect(sandbox.requests({ provider: 'clicksend', method: 'POST', path: '/sms/templates' })).toHaveLength(1);

		const [id] = await createTemplates([SPEC_TEMPLATE]);
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: `/sms/templates/${id}`, kind: 'status', status: 503, times: 1 });
		const read = await runClickSend(sandbox, { resource: 'template', operation: 'get', parameters: { templateId: byId(id) } });
		expect(read.error).toBeUndefined();
		expect(read.outputOf(NODE)[0].json.template_id).toBe(id);
	});
});
