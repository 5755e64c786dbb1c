import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OPERATION_SUBTITLE, resourceProperty } from '../../lib/fields';
import { actionNodeBasics, executeChosenOperation } from '../../lib/operations';
import { sendAndWaitWebhook } from '../../lib/send-and-wait';
import { deliveryReceiptHandlers } from './actions/deliveryReceipts';
import { inboundHandlers } from './actions/inbound';
import { searchSenders, searchTemplates } from './actions/listSearch';
import { smsHandlers } from './actions/sms';
import { templateHandlers } from './actions/templates';
import { deliveryReceiptFields, deliveryReceiptOperations } from './descriptions/DeliveryReceiptDescription';
import { inboundFields, inboundOperations } from './descriptions/InboundDescription';
import { CLICKSEND_WAITS } from './descriptions/sendFields';
import { smsFields, smsOperations } from './descriptions/SmsDescription';
import { templateFields, templateOperations } from './descriptions/TemplateDescription';
import { CLICKSEND_CREDENTIAL } from './transport';

export class ClickSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend',
		name: 'clickSend',
		icon: { light: 'file:../../icons/clicksend.svg', dark: 'file:../../icons/clicksend.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Send SMS in bulk, manage templates, and read delivery receipts and replies through ClickSend',
		usableAsTool: true,
		...actionNodeBasics('ClickSend'),
		credentials: [{ name: CLICKSEND_CREDENTIAL, required: true }],
		properties: [
			resourceProperty([
				{ name: 'SMS', value: 'sms' },
				{ name: 'Template', value: 'template' },
				{ name: 'Delivery Receipt', value: 'deliveryReceipt' },
				{ name: 'Inbound SMS', value: 'inbound' },
			]),
			...smsOperations,
			...smsFields,
			...templateOperations,
			...templateFields,
			...deliveryReceiptOperations,
			...deliveryReceiptFields,
			...inboundOperations,
			...inboundFields,
		],
	};

	methods = { listSearch: { searchSenders, searchTemplates } };

	execute = executeChosenOperation({
		...smsHandlers,
		...templateHandlers,
		...deliveryReceiptHandlers,
		...inboundHandlers,
	});

	webhook = sendAndWaitWebhook(CLICKSEND_WAITS);
}
