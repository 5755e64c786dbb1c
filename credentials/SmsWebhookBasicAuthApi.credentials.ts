import type { ICredentialType, INodeProperties } from 'n8n-workflow';

// The value is the trigger's own, checked on each incoming request: the triggers' `testedBy`
// (lib/webhook-protection.ts) checks what can be checked before one arrives.
export class SmsWebhookBasicAuthApi implements ICredentialType {
	name = 'smsWebhookBasicAuthApi';

	displayName = 'SMS Webhook Basic Auth API';

	icon = { light: 'file:../icons/sms-webhook.svg', dark: 'file:../icons/sms-webhook.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-sms-gateways#protecting-webhook-urls';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}
