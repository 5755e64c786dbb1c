import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OPERATION_SUBTITLE, resourceProperty } from '../../lib/fields';
import { actionNodeBasics, executeChosenOperation, smsSendHandlers } from '../../lib/operations';
import { sendAndWaitWebhook } from '../../lib/send-and-wait';
import { sendSms } from './actions/sendSms';
import { SKYCORE_WAITS, smsOperations, smsSendFields } from './descriptions/SmsDescription';
import { testSkycoreKey } from './keyCheck';

export class Skycore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Skycore',
		name: 'skycore',
		icon: { light: 'file:../../icons/skycore.svg', dark: 'file:../../icons/skycore.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Send SMS through Skycore',
		usableAsTool: true,
		...actionNodeBasics('Skycore'),
		credentials: [{ name: 'skycoreApi', required: true, testedBy: 'testSkycoreKey' }],
		properties: [resourceProperty([{ name: 'SMS', value: 'sms' }]), ...smsOperations, ...smsSendFields],
	};

	methods = { credentialTest: { testSkycoreKey } };

	execute = executeChosenOperation(smsSendHandlers('skycore', SKYCORE_WAITS, sendSms));

	webhook = sendAndWaitWebhook(SKYCORE_WAITS);
}
