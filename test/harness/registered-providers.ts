/**
 * The providers the package registers in package.json's n8n block (one folder of nodes/ each), and
 * their node classes: the one source the tests take their provider lists from, so that a provider
 * is tested as soon as it is registered (docs/adding-a-provider.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { REPO_ROOT } from './package-name';

export interface RegisteredProvider {
	/** The lower-case name the sandbox, the fixtures and docs/providers use, e.g. `clicksend`. */
	id: string;
	/** Its folder under nodes/, e.g. `ClickSend`. */
	folder: string;
	/** Its registered node files, without `.node.js`, e.g. `ClickSend`, `ClickSendTrigger`. */
	nodeFiles: string[];
	/** Its registered credential file, without `.credentials.js`, if any. */
	credentialFile?: string;
}

export type NodeClass = new () => INodeType;

export interface RegisteredNode {
	/** The provider's id (`RegisteredProvider.id`). */
	provider: string;
	/** `trigger`: `nodes/<Folder>/<Folder>Trigger.node.ts`; `action`: any other, `nodes/<Folder>/<Folder>.node.ts` first. */
	kind: 'action' | 'trigger';
	node: NodeClass;
}

interface PackageJson {
	n8n: { nodes: string[]; credentials: string[] };
}

/** The providers of package.json's n8n block: one per folder of dist/nodes/. */
export function registeredProviders(): RegisteredProvider[] {
	const { n8n } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
	const byFolder = new Map<string, RegisteredProvider>();
	for (const entry of n8n.nodes) {
		const match = /^dist\/nodes\/([^/]+)\/([^/]+)\.node\.js$/.exec(entry);
		if (!match) throw new Error(`package.json n8n.nodes has an entry outside dist/nodes/<Provider>/: ${entry}`);
		const [, folder, file] = match;
		const provider = byFolder.get(folder) ?? { id: folder.toLowerCase(), folder, nodeFiles: [] };
		provider.nodeFiles.push(file);
		byFolder.set(folder, provider);
	}
	for (const provider of byFolder.values()) {
		const credential = `dist/credentials/${provider.folder}Api.credentials.js`;
		if (n8n.credentials.includes(credential)) provider.credentialFile = `${provider.folder}Api`;
	}
	return [...byFolder.values()];
}

/** The class a node or credential module exports (each of those files exports exactly one). */
export function exportedClass<T>(modulePath: string): new () => T {
	// Synchronous, unlike import(): the lists are read while jest collects the tests of a file.
	const exported = Object.values(require(modulePath) as Record<string, unknown>).filter((value) => typeof value === 'function');
	if (exported.length !== 1) throw new Error(`${modulePath} exports ${exported.length} classes, not one`);
	return exported[0] as new () => T;
}

/** Every node the package registers, in package.json's order; `kind` keeps only action nodes or only triggers. */
export function registeredNodes(kind?: RegisteredNode['kind']): RegisteredNode[] {
	const nodes: RegisteredNode[] = [];
	for (const { id, folder, nodeFiles } of registeredProviders()) {
		for (const file of nodeFiles) {
			const nodeKind = file.endsWith('Trigger') ? 'trigger' : 'action';
			if (kind !== undefined && nodeKind !== kind) continue;
			nodes.push({ provider: id, kind: nodeKind, node: exportedClass<INodeType>(join(REPO_ROOT, 'nodes', folder, `${file}.node`)) });
		}
	}
	return nodes;
}

/** The node classes of `registeredNodes(kind)`, for a harness run or a description check. */
export function registeredNodeClasses(kind?: RegisteredNode['kind']): NodeClass[] {
	return registeredNodes(kind).map(({ node }) => node);
}

/** The ids of the providers that register a node of that kind, e.g. those with a trigger. */
export function providersWith(kind: RegisteredNode['kind']): string[] {
	return registeredNodes(kind).map(({ provider }) => provider);
}

/**
 * A table of what is each provider's own (its cases, payloads, expected texts) cannot be derived;
 * but a registered provider without an entry must not go untested in silence. For each such
 * provider, one failing test that names it, the table and its file.
 */
export function requireEntryForEveryProvider(table: { name: string; file: string }, listed: readonly string[], providers: readonly string[]): void {
	for (const provider of providers.filter((id) => !listed.includes(id))) {
		it(`${provider} has an entry in ${table.name} (${table.file})`, () => {
			throw new Error(
				`${provider} is registered in package.json, but ${table.file} has no entry for it in ${table.name}, so none of its cases run: add one (docs/adding-a-provider.md)`,
			);
		});
	}
}
