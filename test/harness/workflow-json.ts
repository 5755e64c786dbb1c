import { readFileSync } from 'node:fs';

import type { IConnections, IDataObject, INode, IPinData, IWorkflowSettings } from 'n8n-workflow';

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

export function loadWorkflowJson(filePath: string): WorkflowJson {
	const parsed = JSON.parse(readFileSync(filePath, 'utf8')) as WorkflowJson;
	if (!Array.isArray(parsed.nodes) || typeof parsed.connections !== 'object') {
		throw new Error(`${filePath} is not a workflow: it needs "nodes" and "connections"`);
	}
	return parsed;
}
