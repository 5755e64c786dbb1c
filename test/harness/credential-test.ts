import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunction, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { stopEngineTimersAfterTests } from './engine-timers';

/**
 * Runs a credential's test the way n8n's CredentialsTester does for a node that names it in
 * `testedBy`: the function is found through the node's credentials and `methods.credentialTest`,
 * and called in n8n-core's CredentialTestContext (whose `helpers.request` is n8n's own).
 */
export async function runCredentialTest(
	nodeType: new () => INodeType,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const node = new nodeType();
	const entry = node.description.credentials?.find((credential) => credential.name === credentialType);
	const testedBy = entry?.testedBy;
	if (typeof testedBy !== 'string') {
		throw new UnexpectedError(`${node.description.name} names no testedBy function for ${credentialType}`);
	}
	const test = node.methods?.credentialTest?.[testedBy] as ICredentialTestFunction | undefined;
	if (!test) throw new UnexpectedError(`${node.description.name} has no methods.credentialTest.${testedBy}`);
	// The context's SSH helpers build n8n-core's SSH clients manager, whose timer must be stopped.
	stopEngineTimersAfterTests();
	return await test.call(new CredentialTestContext(), { id: '1', name: 'Test', type: credentialType, data });
}
