import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { providerEventWebhook, triggerNodeConnections, triggerWebhook } from '../../lib/trigger';
import { webhookProtectionCredentials } from '../../lib/webhook-protection';
import { readSmscprEvent } from './receipt';
import { triggerFields } from './descriptions/TriggerDescription';

// SMSCPR has no API to register webhook addresses: the receipt URL travels with each message (or is
// the account default) and the inbound URL is set on the service plan by SMSCPR support, so there
// is nothing for webhookMethods to create or delete.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class SmscprTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCPR Trigger',
		name: 'smscprTrigger',
		icon: { light: 'file:../../icons/smscpr.svg', dark: 'file:../../icons/smscpr.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when SMSCPR reports a delivery result or receives an SMS',
		defaults: { name: 'SMSCPR Trigger' },
		...triggerNodeConnections(),
		credentials: webhookProtectionCredentials(),
		webhooks: [providerEventWebhook('events')],
		properties: triggerFields,
	};

	webhook = triggerWebhook(readSmscprEvent);
}
