import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { headerAuthentication } from '../lib/credential-authentication';

export class AmigoApi implements ICredentialType {
	name = 'amigoApi';

	displayName = 'Amigo API';

	icon = { light: 'file:../icons/amigo.svg', dark: 'file:../icons/amigo.dark.svg' } as const;

	documentationUrl = 'https://docs.amigo.ai/developer-guide/platform-api/platform-api/sms';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A workspace API key of the Amigo Platform API; it is sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.platform.amigo.ai',
			placeholder: 'e.g. https://api.platform.amigo.ai',
			required: true,
			description: 'The Platform API address. Change it only for a regional endpoint, a proxy or the local sandbox.',
		},
	];

	authenticate = headerAuthentication('Authorization', 'apiKey', 'Bearer ');
}
