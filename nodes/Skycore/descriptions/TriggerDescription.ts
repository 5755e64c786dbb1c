import type { INodeProperties } from 'n8n-workflow';

import { triggerProperties } from '../../../lib/fields';

export const triggerFields: INodeProperties[] = triggerProperties({
	setupNotice:
		'Skycore posts every delivery status and inbound SMS of the account to one Postback URL. In Skycore open Account › API Settings, paste this node\'s Production URL (above) as the Postback URL, then activate this workflow.',
	events: {
		deliveryReceipt: 'Skycore reports a sent message as sent, delivered, failed or rejected',
		inboundMessage: 'Someone texted the account’s short code or number (a reply or a keyword)',
	},
});
