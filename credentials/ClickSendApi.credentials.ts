import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { basicAuthentication } from '../lib/credential-authentication';

export class ClickSendApi implements ICredentialType {
	name = 'clickSendApi';

	displayName = 'ClickSend API';

	icon = { light: 'file:../icons/clicksend.svg', dark: 'file:../icons/clicksend.dark.svg' } as const;

	documentationUrl = 'https://developers.clicksend.com/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The API username shown in the ClickSend dashboard under Developers › API Credentials',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from the same page; it is sent as the password of HTTP Basic authentication',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://rest.clicksend.com/v3',
			placeholder: 'e.g. https://rest.clicksend.com/v3',
			required: true,
			description: 'Change it only for a proxy or the local sandbox',
		},
	];

	authenticate = basicAuthentication('username', 'apiKey');

	// GET /account reads the account and sends nothing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/account',
		},
	};
}
