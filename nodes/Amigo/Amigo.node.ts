import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OPERATION_SUBTITLE, resourceProperty } from '../../lib/fields';
import { actionNodeBasics, executeChosenOperation, smsSendHandlers } from '../../lib/operations';
import { sendAndWaitWebhook } from '../../lib/send-and-wait';
import { sendSms } from './actions/sendSms';
import { AMIGO_WAITS, smsOperations, smsSendFields } from './descriptions/SmsDescription';
import { testAmigoKey } from './keyCheck';

export class Amigo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amigo',
		name: 'amigo',
		icon: { light: 'file:../../icons/amigo.svg', dark: 'file:../../icons/amigo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Send SMS through an Amigo SMS use case',
		usableAsTool: true,
		...actionNodeBasics('Amigo'),
		credentials: [{ name: 'amigoApi', required: true, testedBy: 'testAmigoKey' }],
		properties: [resourceProperty([{ name: 'SMS', value: 'sms' }]), ...smsOperations, ...smsSendFields],
	};

	methods = { credentialTest: { testAmigoKey } };

	execute = executeChosenOperation(smsSendHandlers('amigo', AMIGO_WAITS, sendSms));

	webhook = sendAndWaitWebhook(AMIGO_WAITS);
}
