import { randomUUID } from 'node:crypto';

import type {
	IDataObject,
	INode,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { deepCopy, NodeHelpers, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialTypeInput } from './credential-types';
import type { CredentialDataByType } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import { getNodeWebhooks } from './node-webhooks';
import type { NodeTypeInput } from './node-types';
import { createNodeTypes, defaultNodeVersion, packageNodeTypeName, toNodeTypeInstance } from './node-types';
import { StaticDataStore } from './static-data';

/** The trigger node as it sits in a workflow JSON; what is left out gets a sensible default. */
export type TriggerNodeJson = Partial<INode>;

export interface TriggerSetupOptions {
	nodeType: NodeTypeInput;
	node: TriggerNodeJson;
	credentials?: CredentialDataByType;
	credentialTypes?: CredentialTypeInput[];
	/** Other node types the workflow knows (the trigger's own type is always there). */
	nodeTypes?: NodeTypeInput[];
	/** Workflow static data to start from, as n8n would load it from the database. */
	staticData?: IDataObject;
	/**
	 * Which of the node's URLs is served: 'production' (an active workflow, execution mode
	 * 'webhook') or 'test' (the editor listening for a test event, execution mode 'manual').
	 */
	url?: 'production' | 'test';
}

export const HARNESS_WORKFLOW_ID = 'harness-workflow';

function completeNode(nodeType: NodeTypeInput, node: TriggerNodeJson): INode {
	const instance = toNodeTypeInstance(nodeType);
	const description = NodeHelpers.getVersionedNodeType(instance, node.typeVersion).description;
	return {
		id: node.id ?? randomUUID(),
		name: node.name ?? description.defaults?.name ?? description.displayName,
		type: node.type ?? packageNodeTypeName(instance),
		typeVersion: node.typeVersion ?? defaultNodeVersion(instance),
		position: node.position ?? [0, 0],
		parameters: node.parameters ?? {},
		// n8n gives every webhook node a webhookId when it is added to the canvas.
		webhookId: node.webhookId ?? randomUUID(),
		...(node.credentials && { credentials: node.credentials }),
		...(node.onError && { onError: node.onError }),
		...(node.disabled !== undefined && { disabled: node.disabled }),
	};
}

/** Everything one trigger node needs across calls: its node, credentials and static data. */
export class TriggerSetup {
	readonly node: INode;

	readonly nodeTypes: INodeTypes;

	readonly nodeType: INodeType;

	readonly credentialsHelper: HarnessCredentialsHelper;

	readonly staticData: StaticDataStore;

	/** The execution mode n8n gives the node's webhook() for this kind of URL. */
	readonly executionMode: 'webhook' | 'manual';

	constructor(
		options: TriggerSetupOptions,
		/** `http://127.0.0.1:<port>/webhook`, the base `getNodeWebhookUrl()` builds on. */
		public webhookBaseUrl: string,
	) {
		this.node = completeNode(options.nodeType, options.node);
		this.nodeTypes = createNodeTypes([...(options.nodeTypes ?? []), options.nodeType]);
		this.nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		this.credentialsHelper = new HarnessCredentialsHelper(options.credentials, options.credentialTypes);
		this.staticData = new StaticDataStore(options.staticData);
		this.executionMode = options.url === 'test' ? 'manual' : 'webhook';
	}

	/** A fresh Workflow holding the trigger, with the static data saved so far (as n8n loads it). */
	createWorkflow(): Workflow {
		return new Workflow({
			id: HARNESS_WORKFLOW_ID,
			name: 'Harness trigger workflow',
			nodes: [deepCopy(this.node)],
			connections: {},
			nodeTypes: this.nodeTypes,
			staticData: this.staticData.load(),
			active: true,
			settings: { executionOrder: 'v1' },
		});
	}

	createAdditionalData(): IWorkflowExecuteAdditionalData {
		return createAdditionalData({
			credentialsHelper: this.credentialsHelper,
			webhookBaseUrl: this.webhookBaseUrl,
		});
	}

	webhooks(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData): IWebhookData[] {
		return getNodeWebhooks(workflow, workflow.getNode(this.node.name)!, this.nodeType, additionalData);
	}

	nodeStaticDataKey(): string {
		// Workflow.getStaticData('node', node) keeps a node's data under `node:<node name>`.
		return `node:${this.node.name}`;
	}
}
