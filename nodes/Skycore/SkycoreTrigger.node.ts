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
import { readSkycorePostback, type SkycoreEventKind } from './postback';

const ALL_EVENTS: SkycoreEventKind[] = ['deliveryReceipt', 'inboundMessage'];

// Skycore has no API to register a postback URL (it is one setting of the account, typed in by
// hand), so there is nothing for webhookMethods to create or delete.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class SkycoreTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Skycore Trigger',
		name: 'skycoreTrigger',
		icon: { light: 'file:../../icons/skycore.svg', dark: 'file:../../icons/skycore.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Delivery receipts and inbound SMS',
		description: 'Starts the workflow when Skycore reports a delivery status or someone texts your number',
		defaults: { name: 'Skycore Trigger' },
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
				path: 'postback',
			},
		],
		properties: [
			{
				displayName:
					'Skycore posts every delivery status and inbound SMS of the account to one Postback URL. In Skycore open Account › API Settings, paste this node\'s Production URL (above) as the Postback URL, then activate this workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Delivery Receipt',
						value: 'deliveryReceipt',
						description: 'Skycore reports a sent message as sent, delivered, failed or rejected',
					},
					{
						name: 'Inbound SMS',
						value: 'inboundMessage',
						description: 'Someone texted the account’s short code or number (a reply or a keyword)',
					},
				],
				default: ['deliveryReceipt', 'inboundMessage'],
				description: 'Which postbacks start the workflow; the others are acknowledged and dropped',
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

		const postback = readSkycorePostback(readWebhookBody(this));
		if (!postback.valid) return rejectWebhook(this, 400, postback.reason);

		const events = this.getNodeParameter('events', ALL_EVENTS) as SkycoreEventKind[];
		if (!events.includes(postback.kind)) return acknowledgeWithoutRun(this, 'event not selected');

		// Skycore retries a postback it thinks was lost (up to 5 times), so the same one can come again.
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (options.ignoreDuplicates !== false && isDuplicateEvent(this, postback.eventKey)) {
			return acknowledgeWithoutRun(this, 'duplicate');
		}
		// Only Failures filters delivery receipts; an inbound SMS is not a receipt and always passes.
		if (options.onlyFailures === true && postback.kind === 'deliveryReceipt' && !postback.isFailure) {
			return acknowledgeWithoutRun(this, 'not a failure');
		}
		return startExecution(this, [postback.event]);
	}
}
