import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { nothingToRegisterWebhookMethods, providerEventWebhook, triggerNodeBasics, triggerWebhook } from '../../lib/trigger';
import { showForAuthentication, webhookProtectionCredentialTests } from '../../lib/webhook-protection';
import { readSmscprEvent } from './receipt';
import { triggerFields } from './descriptions/TriggerDescription';

export class SmscprTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCPR Trigger',
		name: 'smscprTrigger',
		icon: { light: 'file:../../icons/smscpr.svg', dark: 'file:../../icons/smscpr.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when SMSCPR reports a delivery result or receives an SMS',
		...triggerNodeBasics('SMSCPR Trigger'),
		credentials: [
			{ name: 'smsWebhookHeaderAuthApi', required: true, testedBy: 'testWebhookHeaderAuth', displayOptions: showForAuthentication('headerAuth') },
			{ name: 'smsWebhookBasicAuthApi', required: true, testedBy: 'testWebhookBasicAuth', displayOptions: showForAuthentication('basicAuth') },
		],
		webhooks: [providerEventWebhook('events')],
		properties: triggerFields,
	};

	methods = { credentialTest: webhookProtectionCredentialTests };

	// SMSCPR has no API to register webhook addresses: the receipt URL travels with each message (or is
	// the account default) and the inbound URL is set on the service plan by SMSCPR support.
	webhookMethods = nothingToRegisterWebhookMethods();

	webhook = triggerWebhook(readSmscprEvent);
}
