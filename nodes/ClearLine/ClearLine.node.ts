import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OPERATION_SUBTITLE, resourceProperty } from '../../lib/fields';
import { actionNodeBasics, executeChosenOperation, smsSendHandlers } from '../../lib/operations';
import { sendAndWaitWebhook } from '../../lib/send-and-wait';
import { sendSms } from './actions/sendSms';
import { readClearLineReceipt } from './receipt';
import { CLEARLINE_WAITS, smsOperations, smsSendFields } from './descriptions/SmsDescription';
import { testClearLineKey } from './keyCheck';

export class ClearLine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClearLine',
		name: 'clearLine',
		icon: { light: 'file:../../icons/clearline.svg', dark: 'file:../../icons/clearline.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Send SMS through ClearLine',
		usableAsTool: true,
		...actionNodeBasics('ClearLine'),
		credentials: [{ name: 'clearLineApi', required: true, testedBy: 'testClearLineKey' }],
		properties: [resourceProperty([{ name: 'SMS', value: 'sms' }]), ...smsOperations, ...smsSendFields],
	};

	methods = { credentialTest: { testClearLineKey } };

	execute = executeChosenOperation(smsSendHandlers('clearline', CLEARLINE_WAITS, sendSms));

	webhook = sendAndWaitWebhook(CLEARLINE_WAITS, readClearLineReceipt);
}
