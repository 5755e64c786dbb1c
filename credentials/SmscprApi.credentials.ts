import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { headerAuthentication } from '../lib/credential-authentication';

export class SmscprApi implements ICredentialType {
	name = 'smscprApi';

	displayName = 'SMSCPR API';

	icon = { light: 'file:../icons/smscpr.svg', dark: 'file:../icons/smscpr.dark.svg' } as const;

	documentationUrl = 'https://developer.smscpr.com/docs/api/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Bearer Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API token SMSCPR gave you, without the word Bearer; it is sent as Authorization: Bearer …',
		},
		{
			displayName: 'Service Plan ID',
			name: 'servicePlanId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 222222222222222222222222',
			required: true,
			description: 'The service plan that sends and owns the messages: 24 characters, digits 0–9 and letters a–f',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api-sms.smscpr.com/v1',
			placeholder: 'e.g. https://api-sms.smscpr.com/v1',
			required: true,
			description: 'The SMS API address. Change it only for a proxy or the local sandbox.',
		},
	];

	authenticate = headerAuthentication('Authorization', 'token', 'Bearer ');

	// A list call sends nothing. SMSCPR lists only with a filter besides the plan, so ask for at most
	// one delivered message: it checks the token and that the plan is active and provisioned.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/messages/sms',
			method: 'GET',
			qs: { servicePlanId: '={{$credentials.servicePlanId.trim()}}', status: 'DELIVERED', limit: 1 },
		},
	};
}
