import { HookContext } from 'n8n-core';
import type { WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { TriggerSetup } from './trigger-setup';

export type WebhookMethodName = 'checkExists' | 'create' | 'delete';

export interface WebhookMethodCallOptions {
	/** Which webhook of the node: n8n runs `webhookMethods[<webhook name>]`. Default 'default'. */
	webhookName?: string;
	/** n8n activates with mode 'trigger'. */
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
}

/**
 * Runs `nodeType.webhookMethods[name][method]` in n8n-core's HookContext, as WebhookService
 * .runWebhookMethod does when a workflow is activated (checkExists, then create) or deactivated
 * (delete); the static data is saved afterwards, as ActiveWorkflowManager does.
 */
export async function callWebhookMethod(
	setup: TriggerSetup,
	method: WebhookMethodName,
	options: WebhookMethodCallOptions = {},
): Promise<boolean | undefined> {
	const webhookName = options.webhookName ?? 'default';
	const workflow = setup.createWorkflow();
	const additionalData = setup.createAdditionalData();
	const webhookData = setup
		.webhooks(workflow, additionalData)
		.find((webhook) => webhook.webhookDescription.name === webhookName);
	if (!webhookData) {
		throw new UnexpectedError(`Node "${setup.node.name}" has no webhook named "${webhookName}"`);
	}
	const webhookMethods = setup.nodeType.webhookMethods as
		| Record<string, Partial<Record<WebhookMethodName, (this: HookContext) => Promise<boolean>>>>
		| undefined;
	const webhookFunction = webhookMethods?.[webhookName]?.[method];
	if (!webhookFunction) {
		throw new UnexpectedError(`Node "${setup.node.name}" has no webhookMethods.${webhookName}.${method}`);
	}
	const node = workflow.getNode(setup.node.name)!;
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'trigger',
		options.activation ?? 'activate',
		webhookData,
	);
	const result = await webhookFunction.call(context);
	setup.staticData.saveIfChanged(workflow);
	return result;
}
