import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { headerAuthentication } from '../lib/credential-authentication';

export class ClearLineApi implements ICredentialType {
	name = 'clearLineApi';

	displayName = 'ClearLine API';

	icon = { light: 'file:../icons/clearline.svg', dark: 'file:../icons/clearline.dark.svg' } as const;

	documentationUrl = 'https://docs.clearline.me';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret key ClearLine gave you; it is sent in the ApiKey header',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.clearline.me' },
				{ name: 'Staging', value: 'staging', description: 'https://apistage.clearline.me' },
				{ name: 'Custom URL', value: 'custom', description: 'A proxy, or the local sandbox' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:5690/clearline',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate = headerAuthentication('ApiKey', 'apiKey');
}
