import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { nothingToRegisterWebhookMethods, providerEventWebhook, triggerNodeBasics, triggerWebhook } from '../../lib/trigger';
import { showForAuthentication, webhookProtectionCredentialTests } from '../../lib/webhook-protection';
import { readClearLineReceipt } from './receipt';
import { triggerFields } from './descriptions/TriggerDescription';

export class ClearLineTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClearLine Trigger',
		name: 'clearLineTrigger',
		icon: { light: 'file:../../icons/clearline.svg', dark: 'file:../../icons/clearline.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Delivery receipts',
		description: 'Starts the workflow when ClearLine reports whether a message was delivered',
		...triggerNodeBasics('ClearLine Trigger'),
		credentials: [
			{ name: 'smsWebhookHeaderAuthApi', required: true, testedBy: 'testWebhookHeaderAuth', displayOptions: showForAuthentication('headerAuth') },
			{ name: 'smsWebhookBasicAuthApi', required: true, testedBy: 'testWebhookBasicAuth', displayOptions: showForAuthentication('basicAuth') },
		],
		webhooks: [providerEventWebhook('delivery-receipt')],
		properties: triggerFields,
	};

	methods = { credentialTest: webhookProtectionCredentialTests };

	// ClearLine has no API to register a receipt address: the URL travels with each message.
	webhookMethods = nothingToRegisterWebhookMethods();

	webhook = triggerWebhook(readClearLineReceipt);
}
