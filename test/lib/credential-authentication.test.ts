import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { AmigoApi } from '../../credentials/AmigoApi.credentials';
import { ClearLineApi } from '../../credentials/ClearLineApi.credentials';
import { ClickSendApi } from '../../credentials/ClickSendApi.credentials';
import { SkycoreApi } from '../../credentials/SkycoreApi.credentials';
import { SmscprApi } from '../../credentials/SmscprApi.credentials';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { createExpressionOnlyWorkflow } from '../harness/expression-workflow';

// The credentials of the providers that take one request per message: n8n applies them to every
// request, so applying one must not cost an expression evaluation each time.
const CASES: Array<[string, new () => ICredentialType, ICredentialDataDecryptedObject, string, string]> = [
	['ClearLine', ClearLineApi, { apiKey: 'cl-key' }, 'ApiKey', 'cl-key'],
	['Amigo', AmigoApi, { apiKey: 'am-key' }, 'Authorization', 'Bearer am-key'],
	['Skycore', SkycoreApi, { apiKey: 'sk-key' }, 'x-api-key', 'sk-key'],
	['SMSCPR', SmscprApi, { token: 'sm-token' }, 'Authorization', 'Bearer sm-token'],
];

describe.each(CASES)('%s credential', (_title, CredentialClass, credentials, header, value) => {
	const type = new CredentialClass();

	it('adds its header the way n8n applies a credential, keeping the request’s own headers, with no expression evaluated', async () => {
		const helper = new HarnessCredentialsHelper({}, [CredentialClass]);
		const { workflow, node } = createExpressionOnlyWorkflow();
		const evaluate = jest.spyOn(workflow.expression, 'getSimpleParameterValue');

		const request = { url: 'https://provider.example/send', headers: { Accept: 'application/json' } };
		const authenticated = await helper.authenticate({ ...credentials, baseUrl: 'https://provider.example' }, type.name, request, workflow, node);

		expect(authenticated.headers).toEqual({ Accept: 'application/json', [header]: value });
		expect(authenticated.url).toBe(request.url);
		expect(evaluate).not.toHaveBeenCalled();
	});
});

describe('ClickSend credential', () => {
	it('sends Username and API Key as HTTP Basic authentication the way n8n applies a credential, with no expression evaluated', async () => {
		const helper = new HarnessCredentialsHelper({}, [ClickSendApi]);
		const { workflow, node } = createExpressionOnlyWorkflow();
		const evaluate = jest.spyOn(workflow.expression, 'getSimpleParameterValue');

		const request = { url: 'https://rest.clicksend.com/v3/sms/send', headers: { Accept: 'application/json' } };
		const credentials = { username: 'cs-user', apiKey: 'cs-key', baseUrl: 'https://rest.clicksend.com/v3' };
		const authenticated = await helper.authenticate(credentials, new ClickSendApi().name, request, workflow, node);

		expect(authenticated.auth).toEqual({ username: 'cs-user', password: 'cs-key' });
		expect(authenticated.headers).toEqual({ Accept: 'application/json' });
		expect(authenticated.url).toBe(request.url);
		expect(evaluate).not.toHaveBeenCalled();
	});
});
