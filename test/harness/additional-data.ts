import { ExternalSecretsProxy } from 'n8n-core';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	/** Unset while a webhook call decides whether to start an execution, as in n8n. */
	executionId?: string;
	hooks?: ExecutionLifecycleHooks;
	/** `http://127.0.0.1:<port>/webhook`: what `getNodeWebhookUrl()` builds on. */
	webhookBaseUrl?: string;
	/** `http://127.0.0.1:<port>/webhook-waiting`: what `getSignedResumeUrl()` builds on. */
	webhookWaitingBaseUrl?: string;
}

const DEFAULT_INSTANCE_URL = 'http://127.0.0.1:5678';

function notAvailable(what: string): never {
	throw new UnexpectedError(`${what} is not available in the test harness`);
}

// What n8n's WorkflowExecuteAdditionalData.getBase() gives a run, minus the parts that need the
// CLI (database, task runners, sub-workflows): a node of ours must not depend on those.
export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const webhookBaseUrl = options.webhookBaseUrl ?? `${DEFAULT_INSTANCE_URL}/webhook`;
	const instanceBaseUrl = new URL(webhookBaseUrl).origin;
	return {
		credentialsHelper: options.credentialsHelper,
		executionId: options.executionId,
		hooks: options.hooks,
		// undefined makes the engine read parameters from node.parameters, as during a real run.
		currentNodeParameters: undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		// No external secrets vault: `$secrets` stays empty, as in n8n without one configured.
		externalSecretsProxy: new ExternalSecretsProxy(),
		restApiUrl: `${instanceBaseUrl}/rest`,
		instanceBaseUrl,
		webhookBaseUrl,
		webhookTestBaseUrl: `${instanceBaseUrl}/webhook-test`,
		webhookWaitingBaseUrl: options.webhookWaitingBaseUrl ?? `${instanceBaseUrl}/webhook-waiting`,
		formWaitingBaseUrl: `${instanceBaseUrl}/form-waiting`,
		executeWorkflow: async () => notAvailable('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => notAvailable('The Code node task runner'),
	};
}
