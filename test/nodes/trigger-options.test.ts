import type { INodeProperties, INodeType } from 'n8n-workflow';

import { ClearLineTrigger } from '../../nodes/ClearLine/ClearLineTrigger.node';
import { ClickSendTrigger } from '../../nodes/ClickSend/ClickSendTrigger.node';
import { SkycoreTrigger } from '../../nodes/Skycore/SkycoreTrigger.node';
import { SmscprTrigger } from '../../nodes/Smscpr/SmscprTrigger.node';

const optionNames = (trigger: INodeType) => {
	const options = trigger.description.properties.find((property) => property.name === 'options');
	return ((options?.options ?? []) as INodeProperties[]).map((option) => option.name);
};

describe('trigger options', () => {
	it.each([
		['ClickSend', new ClickSendTrigger()],
		['SMSCPR', new SmscprTrigger()],
		['Skycore', new SkycoreTrigger()],
	])('%s (receives inbound SMS) offers Only Opt-Outs next to Only Failures', (_name, trigger) => {
		expect(optionNames(trigger)).toEqual(['ignoreDuplicates', 'onlyFailures', 'onlyOptOuts']);
	});

	it('ClearLine (receipts only) does not offer Only Opt-Outs', () => {
		expect(optionNames(new ClearLineTrigger())).toEqual(['ignoreDuplicates', 'onlyFailures']);
	});
});
