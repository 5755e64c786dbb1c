import type { INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

// n8n resolves expressions in credential data outside any run on a one-node throwaway workflow
// (the CLI's `mockNode`/`mockNodeTypes`); this is the same thing.
const expressionOnlyNode: INode = {
	id: 'expression-only',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeType = { description: { properties: [] } } as unknown as INodeType;

const expressionOnlyNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

export function createExpressionOnlyWorkflow(): { workflow: Workflow; node: INode } {
	const workflow = new Workflow({
		nodes: [expressionOnlyNode],
		connections: {},
		active: false,
		nodeTypes: expressionOnlyNodeTypes,
	});
	return { workflow, node: expressionOnlyNode };
}
