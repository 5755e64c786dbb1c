import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { resourceProperty } from '../../lib/fields';
import { runChosenOperation } from '../../lib/operations';
import { sendSms } from './actions/sendSms';
import { smsOperations, smsSendFields } from './descriptions/SmsDescription';

export class Skycore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Skycore',
		name: 'skycore',
		icon: { light: 'file:../../icons/skycore.svg', dark: 'file:../../icons/skycore.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS through Skycore',
		defaults: { name: 'Skycore' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'skycoreApi', required: true }],
		properties: [
			resourceProperty([{ name: 'SMS', value: 'sms' }]),
			...smsOperations,
			...smsSendFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, {
			'sms:send': sendSms,
		});
	}
}
