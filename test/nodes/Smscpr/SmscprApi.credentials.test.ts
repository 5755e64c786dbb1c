import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { SmscprApi } from '../../../credentials/SmscprApi.credentials';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { createExpressionOnlyWorkflow } from '../../harness/expression-workflow';

/** Resolves `={{$credentials…}}` values the way n8n does for a credential's test request. */
function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): string {
	const { workflow, node } = createExpressionOnlyWorkflow();
	const resolved = workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: credentials }, undefined, '');
	return String(resolved);
}

/** Sends the credential's own test request, with its own authenticate header, to the sandbox. */
async function testCredential(credentials: ICredentialDataDecryptedObject): Promise<Response> {
	const type = new SmscprApi();
	const request = type.test.request;
	const query = new URLSearchParams(
		Object.entries(request.qs as IDataObject).map(([key, value]): [string, string] => [key, resolve(value, credentials)]),
	);
	const base = resolve(request.baseURL, credentials).replace(/\/+$/, '');
	const { headers } = await type.authenticate(credentials, { url: '' });
	return await fetch(`${base}${request.url}?${query.toString()}`, { method: request.method, headers: headers as Record<string, string> });
}

describe('SMSCPR API credential test', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const good = () => ({ ...SANDBOX_KEYS.smscpr, baseUrl: `${sandbox.providerUrl('smscpr')}/` });

	it('is a narrow list call the sandbox accepts, sending nothing', async () => {
		const response = await testCredential(good());
		expect(response.status).toBe(200);
		const [request] = sandbox.requests({ provider: 'smscpr' });
		expect(request).toMatchObject({ method: 'GET', path: '/smscpr/messages/sms' });
		expect(request.query).toEqual({ servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId, status: 'DELIVERED', limit: '1' });
		expect(request.headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.smscpr.token}`);
	});

	it('fails for a wrong token and for a plan the account does not have', async () => {
		expect((await testCredential({ ...good(), token: 'nope' })).status).toBe(401);
		expect((await testCredential({ ...good(), servicePlanId: ' 0123456789abcdef01234567 ' })).status).toBe(404);
	});
});
