import type { INodeProperties } from 'n8n-workflow';

import { triggerProperties } from '../../../lib/fields';

export const triggerFields: INodeProperties[] = triggerProperties({
	setupNotice:
		'ClearLine has no setting for a receipt address: it posts each receipt to the URL given with the message. Copy this node\'s Production URL (above) into the Delivery Receipt URL field of the ClearLine node that sends, then activate this workflow.',
});
