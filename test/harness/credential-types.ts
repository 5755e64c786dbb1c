import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import { REPO_ROOT } from './package-name';

export type CredentialTypeInput = ICredentialType | (new () => ICredentialType);

const PACKAGE_CREDENTIALS_FOLDER = join(REPO_ROOT, 'credentials');

function toCredentialTypeInstance(input: CredentialTypeInput): ICredentialType {
	return typeof input === 'function' ? new input() : input;
}

function looksLikeCredentialClass(value: unknown): value is new () => ICredentialType {
	if (typeof value !== 'function') return false;
	try {
		const instance = new (value as new () => Partial<ICredentialType>)();
		return typeof instance.name === 'string' && Array.isArray(instance.properties);
	} catch {
		return false;
	}
}

// Like n8n loading every credential a package lists: a test that does not pass `credentialTypes`
// still gets our real classes from `credentials/*.credentials.ts` (their `authenticate` blocks).
function loadPackageCredentialTypes(): ICredentialType[] {
	let fileNames: string[];
	try {
		fileNames = readdirSync(PACKAGE_CREDENTIALS_FOLDER);
	} catch {
		return [];
	}
	const found: ICredentialType[] = [];
	for (const fileName of fileNames.filter((name) => /\.credentials\.ts$/.test(name))) {
		const exported = require(join(PACKAGE_CREDENTIALS_FOLDER, fileName)) as Record<string, unknown>;
		for (const value of Object.values(exported)) {
			if (looksLikeCredentialClass(value)) found.push(new value());
		}
	}
	return found;
}

export class CredentialTypeRegistry {
	private readonly byName = new Map<string, ICredentialType>();

	private packageTypesLoaded = false;

	constructor(inputs: CredentialTypeInput[] = []) {
		for (const input of inputs) this.add(toCredentialTypeInstance(input));
	}

	private add(credentialType: ICredentialType): void {
		this.byName.set(credentialType.name, credentialType);
	}

	find(typeName: string): ICredentialType | undefined {
		if (!this.byName.has(typeName) && !this.packageTypesLoaded) {
			this.packageTypesLoaded = true;
			for (const credentialType of loadPackageCredentialTypes()) {
				if (!this.byName.has(credentialType.name)) this.add(credentialType);
			}
		}
		return this.byName.get(typeName);
	}

	get(typeName: string): ICredentialType {
		const credentialType = this.find(typeName);
		if (!credentialType) {
			throw new UnexpectedError(
				`Unknown credential type "${typeName}": pass its class in \`credentialTypes\` or put it in credentials/`,
			);
		}
		return credentialType;
	}

	/** Same walk as n8n's CredentialTypes.getParentTypes: `extends`, then their `extends`… */
	getParentTypes(typeName: string): string[] {
		const parents = [...(this.find(typeName)?.extends ?? [])];
		for (const parent of [...parents]) parents.push(...this.getParentTypes(parent));
		return parents;
	}

	/** Same as n8n's CredentialsHelper.getCredentialsProperties; unknown parents (oAuth2Api…) add nothing. */
	getProperties(typeName: string): INodeProperties[] {
		const credentialType = this.get(typeName);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			if (this.find(parent)) NodeHelpers.mergeNodeProperties(combined, this.getProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
