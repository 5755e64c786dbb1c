import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { headerAuthentication } from '../lib/credential-authentication';

export class SkycoreApi implements ICredentialType {
	name = 'skycoreApi';

	displayName = 'Skycore API';

	icon = { light: 'file:../icons/skycore.svg', dark: 'file:../icons/skycore.dark.svg' } as const;

	documentationUrl = 'https://www.skycore.com/help/messaging-api-v2-intro/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key from Account › API Settings in Skycore; it is sent in the x-api-key header',
		},
		{
			displayName: 'API Endpoint URL',
			name: 'endpointUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://127.0.0.1:5690/skycore',
			description:
				'The API endpoint URL Skycore gave your account (each account has its own); messages are POSTed to this address itself. For the local sandbox use its /skycore address.',
		},
	];

	authenticate = headerAuthentication('x-api-key', 'apiKey');
}
