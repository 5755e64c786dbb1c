import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OPERATION_SUBTITLE, resourceProperty } from '../../lib/fields';
import { actionNodeBasics, executeChosenOperation, smsSendHandlers } from '../../lib/operations';
import { sendAndWaitWebhook } from '../../lib/send-and-wait';
import { getManyMessages } from './actions/getManyMessages';
import { getMessageStatus } from './actions/getMessageStatus';
import { sendSms } from './actions/sendSms';
import { readSmscprEvent } from './receipt';
import { SMSCPR_WAITS, smsFields, smsOperations } from './descriptions/SmsDescription';

export class Smscpr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCPR',
		name: 'smscpr',
		icon: { light: 'file:../../icons/smscpr.svg', dark: 'file:../../icons/smscpr.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Send SMS and read delivery status through SMSCPR (Strategic Mobile)',
		usableAsTool: true,
		...actionNodeBasics('SMSCPR'),
		credentials: [{ name: 'smscprApi', required: true }],
		properties: [resourceProperty([{ name: 'SMS', value: 'sms' }]), ...smsOperations, ...smsFields],
	};

	execute = executeChosenOperation({
		...smsSendHandlers('smscpr', SMSCPR_WAITS, sendSms),
		'sms:getStatus': getMessageStatus,
		'sms:getAll': getManyMessages,
	});

	webhook = sendAndWaitWebhook(SMSCPR_WAITS, readSmscprEvent);
}
