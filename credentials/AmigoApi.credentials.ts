import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { headerAuthentication } from '../lib/credential-header';

// The Amigo SMS API documents only the send (POST /v1/sms/), and every other request that could
// check a key needs a workspace ID this credential does not hold, so the key is checked on the first
// send (a wrong key fails that item with "Amigo refused the API key").
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
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
		{
			displayName:
				'Amigo has no request that checks a key without sending a message, so the key is checked on the first send',
			name: 'keyCheckNotice',
			type: 'notice',
			default: '',
		},
	];

	authenticate = headerAuthentication('Authorization', 'apiKey', 'Bearer ');
}
