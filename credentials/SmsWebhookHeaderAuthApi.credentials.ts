import type { ICredentialType, INodeProperties } from 'n8n-workflow';

// Nothing to test against: the trigger itself checks incoming requests with these values.
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class SmsWebhookHeaderAuthApi implements ICredentialType {
	name = 'smsWebhookHeaderAuthApi';

	displayName = 'SMS Webhook Header Auth API';

	icon = { light: 'file:../icons/sms-webhook.svg', dark: 'file:../icons/sms-webhook.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-sms-gateways#protecting-webhook-urls';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. X-Webhook-Secret',
			required: true,
		},
		{
			displayName: 'Header Value',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The provider (or the proxy in front of n8n) must send exactly this value',
		},
	];
}
