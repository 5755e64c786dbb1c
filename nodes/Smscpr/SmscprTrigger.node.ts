import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	webhookAuthenticationProperty,
	webhookIgnoreDuplicatesOption,
	webhookOnlyFailuresOption,
} from '../../lib/fields';
import {
	acknowledgeWithoutRun,
	checkWebhookAuthentication,
	isDuplicateEvent,
	readWebhookBody,
	rejectWebhook,
	startExecution,
} from '../../lib/webhooks';
import { readSmscprEvent, type SmscprEventKind } from './receipt';

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
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'smsWebhookHeaderAuth',
				required: true,
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
			{
				name: 'smsWebhookBasicAuth',
				required: true,
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'events',
			},
		],
		properties: [
			{
				displayName:
					'One URL for both events. Delivery receipts: copy this node\'s Production URL (above) into the Delivery Receipt URL of the SMSCPR node that sends, or ask SMSCPR to make it the account default. Inbound SMS: SMSCPR support sets the inbound URL on your service plan; send them this URL. Then activate this workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Delivery Receipt',
						value: 'deliveryReceipt',
						description: 'SMSCPR reports the status of a message you sent (direction MT)',
					},
					{
						name: 'Inbound SMS',
						value: 'inboundMessage',
						description: 'Someone sent an SMS to your number or short code (direction MO)',
					},
				],
				default: ['deliveryReceipt', 'inboundMessage'],
				description: 'Which events start the workflow; the others are acknowledged and dropped',
			},
			webhookAuthenticationProperty,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [webhookIgnoreDuplicatesOption, webhookOnlyFailuresOption],
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const rejected = await checkWebhookAuthentication(this);
		if (rejected) return rejected;

		const received = readSmscprEvent(readWebhookBody(this));
		if (!received.valid) return rejectWebhook(this, 400, received.reason);

		const events = this.getNodeParameter('events', []) as SmscprEventKind[];
		if (!events.includes(received.kind)) return acknowledgeWithoutRun(this, 'event not selected');

		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (options.ignoreDuplicates !== false && isDuplicateEvent(this, received.eventKey)) {
			return acknowledgeWithoutRun(this, 'duplicate');
		}
		// Only Failures is about receipts; an inbound SMS is never a failure and always passes.
		if (options.onlyFailures === true && received.kind === 'deliveryReceipt' && received.event.isFailure !== true) {
			return acknowledgeWithoutRun(this, 'not a failure');
		}
		return startExecution(this, [received.event]);
	}
}
