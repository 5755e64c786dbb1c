import { join } from 'node:path';

import { HarnessAction } from './fixtures/HarnessAction.node';
import { HarnessTestApi } from './fixtures/HarnessTestApi.credentials';
import { startTestApi, TEST_API_KEY } from './fixtures/test-api-server';
import type { TestApi } from './fixtures/test-api-server';
import { loadWorkflowJson, runWorkflow } from './index';

const fixture = (name: string) => loadWorkflowJson(join(__dirname, 'fixtures', name));

describe('runWorkflow: our nodes in n8n-core’s WorkflowExecute', () => {
	let api: TestApi;

	beforeEach(async () => {
		api = await startTestApi();
	});

	afterEach(async () => {
		await api.close();
	});

	const run = async (workflowFile: string, apiKey: string) =>
		await runWorkflow({
			workflow: fixture(workflowFile),
			nodeTypes: [HarnessAction],
			credentials: { harnessTestApi: { apiKey, baseUrl: api.baseUrl } },
			credentialTypes: [HarnessTestApi],
		});

	it('runs a workflow JSON fixture and applies the credential’s generic authenticate block', async () => {
		const result = await run('action.workflow.json', TEST_API_KEY);

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.nodeExecutionOrder).toEqual(["When clicking 'Execute workflow'", 'Harness Action']);
		expect(result.outputOf('Harness Action')).toEqual([
			{ json: { ok: true, item: '0' }, pairedItem: { item: 0 } },
		]);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers['x-test-key']).toBe(TEST_API_KEY);
	});

	it('fails the execution with the NodeApiError n8n shows when the provider rejects the key', async () => {
		const result = await run('action.workflow.json', 'wrong');

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			message: 'Authorization failed - please check your credentials',
			description: expect.stringContaining('Missing or wrong X-Test-Key'),
			httpCode: '401',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(result.runData['Harness Action'][0].error?.message).toBe(result.error?.message);
		// n8n's authenticated request helper tries once more after a 401 before giving up.
		expect(api.requests.map((request) => request.headers['x-test-key'])).toEqual(['wrong', 'wrong']);
	});

	it('turns the failure into an output item when the node is set to continue on fail', async () => {
		const result = await run('continue-on-fail.workflow.json', 'wrong');

		expect(result.status).toBe('success');
		const [item] = result.outputOf('Harness Action');
		expect(item.json).toEqual({ error: 'Authorization failed - please check your credentials' });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.error?.message).toBe('Authorization failed - please check your credentials');
	});

	it('fails like n8n when the node’s credential has no data', async () => {
		const result = await runWorkflow({
			workflow: fixture('action.workflow.json'),
			nodeTypes: [HarnessAction],
			credentialTypes: [HarnessTestApi],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Credential with ID "1" does not exist for type "harnessTestApi".');
		expect(api.requests).toHaveLength(0);
	});

	it('says which nodes ran when asked for the output of one that did not', async () => {
		const result = await run('action.workflow.json', TEST_API_KEY);

		expect(() => result.outputOf('Send SMS')).toThrow(/Node "Send SMS" has no run 0; nodes that ran: /);
	});
});
