import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { AmigoApi } from '../../credentials/AmigoApi.credentials';
import { ClearLineApi } from '../../credentials/ClearLineApi.credentials';
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
