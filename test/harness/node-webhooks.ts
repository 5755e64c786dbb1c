import type {
	IHttpRequestMethods,
	INode,
	INodeType,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

function trimSlashes(path: string): string {
	return path.replace(/^\//, '').replace(/\/$/, '');
}

/**
 * The webhooks a node registers when its workflow is activated, computed as n8n's
 * WebhookService.getNodeWebhooks does (restart webhooks left out, as activation does; a waiting
 * execution's webhook call asks for them instead): path `<webhookId>/<path>` (or just `<path>` with
 * isFullPath), one entry per HTTP method.
 */
export function getNodeWebhooks(
	workflow: Workflow,
	node: INode,
	nodeType: INodeType,
	additionalData: IWorkflowExecuteAdditionalData,
	which: 'activation' | 'restart' = 'activation',
): IWebhookData[] {
	const found: IWebhookData[] = [];
	for (const webhookDescription of nodeType.description.webhooks ?? []) {
		const { expression } = workflow;
		const restartWebhook = expression.getSimpleParameterValue(
			node,
			webhookDescription.restartWebhook,
			'internal',
			{},
			undefined,
			false,
		);
		if ((restartWebhook === true) !== (which === 'restart')) continue;
		const nodePath = expression.getSimpleParameterValue(node, webhookDescription.path, 'internal', {});
		if (nodePath === undefined) continue;
		const isFullPath = expression.getSimpleParameterValue(
			node,
			webhookDescription.isFullPath,
			'internal',
			{},
			undefined,
			false,
		) as boolean;
		const path = NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			trimSlashes(String(nodePath)),
			isFullPath,
			restartWebhook === true,
		);
		const methods = expression.getSimpleParameterValue(
			node,
			webhookDescription.httpMethod,
			'internal',
			{},
			undefined,
			'GET',
		);
		for (const httpMethod of String(methods).split(',')) {
			if (!httpMethod.trim()) continue;
			found.push({
				httpMethod: httpMethod.trim() as IHttpRequestMethods,
				node: node.name,
				path,
				webhookDescription,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
			});
		}
	}
	return found;
}
