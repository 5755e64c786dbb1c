import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { nothingToRegisterWebhookMethods, providerEventWebhook, triggerNodeBasics, triggerWebhook } from '../../lib/trigger';
import { showForAuthentication, webhookProtectionCredentialTests } from '../../lib/webhook-protection';
import { readSkycorePostback } from './postback';
import { triggerFields } from './descriptions/TriggerDescription';

export class SkycoreTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Skycore Trigger',
		name: 'skycoreTrigger',
		icon: { light: 'file:../../icons/skycore.svg', dark: 'file:../../icons/skycore.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Delivery receipts and inbound SMS',
		description: 'Starts the workflow when Skycore reports a delivery status or someone texts your number',
		...triggerNodeBasics('Skycore Trigger'),
		credentials: [
			{ name: 'smsWebhookHeaderAuthApi', required: true, testedBy: 'testWebhookHeaderAuth', displayOptions: showForAuthentication('headerAuth') },
			{ name: 'smsWebhookBasicAuthApi', required: true, testedBy: 'testWebhookBasicAuth', displayOptions: showForAuthentication('basicAuth') },
		],
		webhooks: [providerEventWebhook('postback')],
		properties: triggerFields,
	};

	methods = { credentialTest: webhookProtectionCredentialTests };

	// Skycore has no API to register a postback URL: it is one setting of the account, typed in by hand.
	webhookMethods = nothingToRegisterWebhookMethods();

	webhook = triggerWebhook(readSkycorePostback);
}
