import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { headerAuthentication } from '../lib/credential-header';

// Skycore's API has one request, `sendsms`: nothing checks a key without texting someone, so the
// key is checked on the first send (a wrong key fails that item with "Skycore refused the API key").
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
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
		{
			displayName:
				'Skycore has no request that checks a key without sending a message, so the key is checked on the first send',
			name: 'keyCheckNotice',
			type: 'notice',
			default: '',
		},
	];

	authenticate = headerAuthentication('x-api-key', 'apiKey');
}
