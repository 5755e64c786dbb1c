import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import { ManualTrigger, MANUAL_TRIGGER_TYPE } from './manual-trigger';
import { PACKAGE_NAME } from './package-name';

export type NodeTypeInput = INodeType | IVersionedNodeType | (new () => INodeType | IVersionedNodeType);

export function toNodeTypeInstance(input: NodeTypeInput): INodeType | IVersionedNodeType {
	return typeof input === 'function' ? new input() : input;
}

/** `n8n-nodes-sms-gateways.clearLine`, the type name real n8n gives a node of an installed package. */
export function packageNodeTypeName(nodeType: NodeTypeInput): string {
	return `${PACKAGE_NAME}.${toNodeTypeInstance(nodeType).description.name}`;
}

export function defaultNodeVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

// Fixtures name our nodes the way an installed community package is named in n8n
// (`n8n-nodes-sms-gateways.clearLine`); the bare `clearLine` is accepted too so a quick test
// does not have to spell the package.
function lookupKeys(typeName: string): string[] {
	const prefix = `${PACKAGE_NAME}.`;
	return typeName.startsWith(prefix) ? [typeName, typeName.slice(prefix.length)] : [typeName];
}

export function createNodeTypes(nodeTypes: NodeTypeInput[]): INodeTypes {
	const byName = new Map<string, INodeType | IVersionedNodeType>();
	byName.set(MANUAL_TRIGGER_TYPE, new ManualTrigger());
	for (const input of nodeTypes) {
		const instance = toNodeTypeInstance(input);
		byName.set(instance.description.name, instance);
	}

	const getByName = (typeName: string): INodeType | IVersionedNodeType => {
		for (const key of lookupKeys(typeName)) {
			const found = byName.get(key);
			if (found) return found;
		}
		throw new UnexpectedError(`Unknown node type "${typeName}" in the test harness`, {
			extra: { known: [...byName.keys()] },
		});
	};

	return {
		getByName,
		getByNameAndVersion: (typeName, version) =>
			NodeHelpers.getVersionedNodeType(getByName(typeName), version),
		getKnownTypes: () => {
			const known: IDataObject = {};
			for (const name of byName.keys()) known[name] = { className: name, sourcePath: '' };
			return known;
		},
	};
}
