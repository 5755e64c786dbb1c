import './env';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IDataObject,
	INodeExecutionData,
	IRun,
	IRunData,
	IWorkflowBase,
} from 'n8n-workflow';
import { deepCopy, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialTypeInput } from './credential-types';
import type { CredentialDataByType } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import { stopEngineTimersAfterTests } from './engine-timers';
import type { NodeTypeInput } from './node-types';
import { createNodeTypes } from './node-types';
import type { WorkflowJson } from './workflow-json';

export interface RunWorkflowOptions {
	workflow: WorkflowJson;
	/** Our node classes (or instances); the Manual Trigger is always there. */
	nodeTypes: NodeTypeInput[];
	/** Decrypted credential data by credential type name, e.g. `{ clearLineApi: { apiKey } }`. */
	credentials?: CredentialDataByType;
	/** Credential classes whose `authenticate` applies; default: every `credentials/*.credentials.ts`. */
	credentialTypes?: CredentialTypeInput[];
	/** Where `getSignedResumeUrl()` points (runWaitingWorkflow serves it); default port 5678. */
	webhookWaitingBaseUrl?: string;
	/** The execution's ID; default a new `harness-<n>`. */
	executionId?: string;
}

export interface WorkflowRunResult {
	status: ExecutionStatus;
	/** What n8n stores as the execution's error: the failing node's error, spread into a plain object. */
	error?: ExecutionError;
	runData: IRunData;
	/** Names of the nodes in the order they finished. */
	nodeExecutionOrder: string[];
	/** Static data after the run (what n8n would save for the workflow). */
	staticData: IDataObject;
	/** The full IRun, for anything not covered above. */
	run: IRun;
	/** Items a node put on one of its outputs (json, pairedItem, error when continueOnFail). */
	outputOf(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
}

let executionCounter = 0;

export const nextExecutionId = () => `harness-${++executionCounter}`;

function describeRunData(runData: IRunData): string {
	return Object.entries(runData)
		.map(([name, runs]) => {
			const failure = runs.find((run) => run.error)?.error;
			return failure ? `${name} (error: ${failure.message})` : name;
		})
		.join(', ');
}

export function createOutputReader(runData: IRunData): WorkflowRunResult['outputOf'] {
	return (nodeName, outputIndex = 0, runIndex = 0) => {
		const task = runData[nodeName]?.[runIndex];
		if (!task) {
			throw new Error(`Node "${nodeName}" has no run ${runIndex}; nodes that ran: ${describeRunData(runData)}`);
		}
		if (task.error && !task.data) {
			throw new Error(`Node "${nodeName}" failed and has no output: ${task.error.message}`);
		}
		return task.data?.main?.[outputIndex] ?? [];
	};
}

/**
 * Runs a workflow through n8n-core's real WorkflowExecute in manual mode, as pressing
 * "Execute workflow" in the editor does: Manual Trigger first, our nodes after it, real HTTP.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	// The Workflow constructor writes parameter defaults into the nodes: keep the fixture untouched.
	const workflowJson = deepCopy(options.workflow);
	const executionId = options.executionId ?? nextExecutionId();
	const workflow = createHarnessWorkflow(workflowJson, options.nodeTypes);
	const { hooks, nodeExecutionOrder } = createHooks(executionId, workflowJson, workflow);
	const additionalData = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper(options.credentials, options.credentialTypes),
		executionId,
		hooks,
		webhookWaitingBaseUrl: options.webhookWaitingBaseUrl,
	});
	stopEngineTimersAfterTests();

	const run = await new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		pinData: workflowJson.pinData,
	});
	return workflowRunResult(run, workflow, nodeExecutionOrder);
}

/** The Workflow n8n builds from a workflow JSON (the JSON is not changed). */
export function createHarnessWorkflow(workflowJson: WorkflowJson, nodeTypes: NodeTypeInput[]): Workflow {
	return new Workflow({
		id: workflowJson.id ?? 'harness-workflow',
		name: workflowJson.name ?? 'Harness workflow',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		nodeTypes: createNodeTypes(nodeTypes),
		staticData: workflowJson.staticData,
		active: false,
		settings: { executionOrder: 'v1', ...workflowJson.settings },
	});
}

/** Lifecycle hooks that record the order in which nodes finished. */
export function createHooks(executionId: string, workflowJson: WorkflowJson, workflow: Workflow) {
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		...workflowJson,
		id: workflow.id,
		name: workflow.name,
	} as IWorkflowBase);
	const nodeExecutionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		nodeExecutionOrder.push(nodeName);
	});
	return { hooks, nodeExecutionOrder };
}

export function workflowRunResult(run: IRun, workflow: Workflow, nodeExecutionOrder: string[]): WorkflowRunResult {
	const { runData, error } = run.data.resultData;
	return {
		status: run.status,
		error,
		runData,
		nodeExecutionOrder,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		run,
		outputOf: createOutputReader(runData),
	};
}
