import type { ICredentialType, INodeProperties } from 'n8n-workflow';

// The value is the trigger's own, checked on each incoming request: the triggers' `testedBy`
// (lib/webhook-protection.ts) checks what can be checked before one arrives.
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
			description: 'At least 16 random characters. The provider (or the proxy in front of n8n) must send exactly this value.',
		},
	];
}
