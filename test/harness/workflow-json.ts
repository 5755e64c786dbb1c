import { readFileSync } from 'node:fs';

import type { IConnections, IDataObject, INode, INodeParameters, IPinData, IWorkflowSettings } from 'n8n-workflow';

/** A workflow as n8n exports it and as `test/**\/*.workflow.json` fixtures store it. */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: IDataObject;
}

/**
 * A node's Settings tab as the workflow JSON stores it: On Error (`continueRegularOutput` or
 * `continueErrorOutput`) and Retry On Fail with its tries and wait.
 */
export type NodeSettings = Partial<Pick<INode, 'onError' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>>;

/** What a test sets on a fixture before it runs: the trigger's pinned items, and n8n's settings of the node under test. */
export interface PinnedRun {
	/** The trigger's pinned output: one input item each. */
	items: IDataObject[];
	continueOnFail?: boolean;
	/** On Error and Retry On Fail of the node; wins over continueOnFail. */
	nodeSettings?: NodeSettings;
}

/**
 * A workflow fixture (Manual Trigger → the node under test) as a run uses it: the run's items
 * pinned on the trigger, the given parameters over the node's own, and the node's settings.
 */
export function loadPinnedWorkflow(
	filePath: string,
	names: { trigger: string; node: string },
	run: PinnedRun,
	parameters: IDataObject = {},
): WorkflowJson {
	const workflow = loadWorkflowJson(filePath);
	workflow.pinData = { [names.trigger]: run.items.map((json) => ({ json })) };
	const node = workflow.nodes.find((candidate) => candidate.name === names.node);
	if (!node) throw new Error(`${filePath} has no node named ${names.node}`);
	node.parameters = { ...node.parameters, ...parameters } as INodeParameters;
	if (run.continueOnFail) node.onError = 'continueRegularOutput';
	Object.assign(node, run.nodeSettings);
	return workflow;
}

export function loadWorkflowJson(filePath: string): WorkflowJson {
	const parsed = JSON.parse(readFileSync(filePath, 'utf8')) as WorkflowJson;
	if (!Array.isArray(parsed.nodes) || typeof parsed.connections !== 'object') {
		throw new Error(`${filePath} is not a workflow: it needs "nodes" and "connections"`);
	}
	return parsed;
}
