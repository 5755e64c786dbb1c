import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call } from './clicksend-client';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});

afterEach(() => sandbox.reset());

afterAll(async () => {
	await sandbox.close();
});

/** The spec's create example. */
const SPEC_TEMPLATE = { template_name: 'Template 501916', body: 'This is a sample content: H7YI68B3yk for this template.' };

describe('ClickSend SMS templates', () => {
	it('creates, reads, updates and deletes a template with the spec shapes', async () => {
		const created = await call(sandbox, 'POST', '/sms/templates', SPEC_TEMPLATE);
		expect(created.body).toEqual({
			http_code: 200,
			response_code: 'SUCCESS',
			response_msg: 'New template has been saved.',
			data: { template_id: expect.any(Number), ...SPEC_TEMPLATE },
		});
		const id = created.body.data.template_id;

		const read = await call(sandbox, 'GET', `/sms/templates/${id}`);
		expect(read.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Here is your template.', data: created.body.data });

		const updated = await call(sandbox, 'PUT', `/sms/templates/${id}`, { template_name: 'I am updated', body: 'This is a sample content: Sc0KNWgSMG for this template.' });
		expect(updated.body).toEqual({
			http_code: 200,
			response_code: 'SUCCESS',
			response_msg: 'Your template has been updated.',
			data: { template_id: id, template_name: 'I am updated', body: 'This is a sample content: Sc0KNWgSMG for this template.' },
		});
		const renamedOnly = await call(sandbox, 'PUT', `/sms/templates/${id}`, { template_name: 'Template XYZ' });
		expect(renamedOnly.body.data).toEqual(expect.objectContaining({ template_name: 'Template XYZ', body: updated.body.data.body }));

		const deleted = await call(sandbox, 'DELETE', `/sms/templates/${id}`);
		expect(deleted.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Your template has been deleted.', data: null });
		expect((await call(sandbox, 'GET', `/sms/templates/${id}`)).status).toBe(404);
		expect((await call(sandbox, 'PUT', `/sms/templates/${id}`, SPEC_TEMPLATE)).status).toBe(404);
		expect((await call(sandbox, 'DELETE', `/sms/templates/${id}`)).body.response_code).toBe('NOT_FOUND');
	});

	it('refuses a template without a name or body', async () => {
		for (const body of [{ body: 'x' }, { template_name: 'x' }, { template_name: ' ', body: 'x' }]) {
			const response = await call(sandbox, 'POST', '/sms/templates', body);
			expect(response.status).toBe(400);
			expect(response.body.response_code).toBe('BAD_REQUEST');
		}
		expect(sandbox.inspect('clicksend', 'templates')).toEqual([]);
	});

	it('lists templates paginated, filtered by q and ordered by order_by', async () => {
		for (let index = 0; index < 17; index++) await call(sandbox, 'POST', '/sms/templates', { template_name: `T${String(index).padStart(2, '0')}`, body: index % 2 ? 'odd body' : 'even body' });
		const first = await call(sandbox, 'GET', '/sms/templates');
		expect(first.body.response_msg).toBe('Here are your templates.');
		expect(first.body.data).toEqual(expect.objectContaining({ total: 17, per_page: 15, last_page: 2, from: 1, to: 15 }));
		expect(first.body.data.data[0].template_name).toBe('T00');

		const odd = await call(sandbox, 'GET', '/sms/templates?q=body:odd&limit=100');
		expect(odd.body.data.total).toBe(8);
		const byName = await call(sandbox, 'GET', '/sms/templates?q=template_name:T16');
		expect(byName.body.data.data).toEqual([expect.objectContaining({ template_name: 'T16' })]);
		const descending = await call(sandbox, 'GET', '/sms/templates?order_by=template_id:desc');
		expect(descending.body.data.data[0].template_name).toBe('T16');
	});
});
