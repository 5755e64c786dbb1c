import type { INodeProperties } from 'n8n-workflow';

import { triggerProperties } from '../../../lib/fields';

export const triggerFields: INodeProperties[] = triggerProperties({
	setupNotice:
		'One URL for both events. Delivery receipts: copy this node\'s Production URL (above) into the Delivery Receipt URL of the SMSCPR node that sends, or ask SMSCPR to make it the account default. Inbound SMS: SMSCPR support sets the inbound URL on your service plan; send them this URL. Then activate this workflow.',
	events: {
		deliveryReceipt: 'SMSCPR reports the status of a message you sent (direction MT)',
		inboundMessage: 'Someone sent an SMS to your number or short code (direction MO)',
	},
});
