import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	INodeParameters,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { deepCopy, ICredentialsHelper, isExpression, NodeHelpers, UserError } from 'n8n-workflow';

import { CredentialTypeRegistry } from './credential-types';
import type { CredentialTypeInput } from './credential-types';
import { createExpressionOnlyWorkflow } from './expression-workflow';

export type CredentialDataByType = Record<string, ICredentialDataDecryptedObject>;

/**
 * Stands in for n8n's CLI CredentialsHelper (packages/cli/src/credentials-helper.ts): the data
 * comes from the test instead of the database, everything else (defaults, expressions,
 * `authenticate`, `preAuthentication`) is done the way the CLI does it, so a request made with
 * `httpRequestWithAuthentication` carries exactly what it would carry in n8n.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly credentialTypes: CredentialTypeRegistry;

	private readonly dataByType: CredentialDataByType;

	constructor(credentials: CredentialDataByType = {}, credentialTypes: CredentialTypeInput[] = []) {
		super();
		this.credentialTypes = new CredentialTypeRegistry(credentialTypes);
		this.dataByType = deepCopy(credentials);
	}

	/** The current data of one credential, after any `preAuthentication`/`updateCredentials`. */
	getStoredData(type: string): ICredentialDataDecryptedObject | undefined {
		return this.dataByType[type];
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypes.getParentTypes(typeName);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions & Record<string, unknown>;
		const { authenticate } = this.credentialTypes.get(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (typeof authenticate === 'object') {
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				// The CLI resolves key and value as expressions with `$credentials` and writes them into
				// requestOptions.headers / qs / body / auth, creating the object when missing.
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
						const keyResolved = this.resolveValue(key, credentials, workflow, node) as string;
						const valueResolved = this.resolveValue(value, credentials, workflow, node);
						requestOptions[outerKey] ??= {};
						(requestOptions[outerKey] as Record<string, unknown>)[keyResolved] = valueResolved;
					}
				}
			}
		}
		return requestOptions;
	}

	private resolveValue(
		parameterValue: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): unknown {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		// The CLI turns every resolved value into a string, and a falsy one into ''.
		if (!returnValue) return '';
		return String(returnValue);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.get(typeName);
		// Only a credential with a hidden `expirable` property (a session token) is pre-authenticated.
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirableProperty.name] !== '' && !credentialsExpired) return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirableProperty.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		const updated = Object.assign(credentials, output);
		await this.updateCredentials(node.credentials[credentialType.name], credentialType.name, updated);
		return updated;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials(nodeCredentials, type);
		credentials.setData(this.storedDataOrFail(nodeCredentials, type));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const decryptedDataOriginal = deepCopy(this.storedDataOrFail(nodeCredentials, type));
		if (raw === true) return decryptedDataOriginal;

		// As the CLI's applyDefaultsAndOverwrites: fill in property defaults, then resolve expressions.
		let decryptedData = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			decryptedData = workflow.expression.getParameterValue(
				decryptedData as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} else {
			const { workflow, node } = createExpressionOnlyWorkflow();
			decryptedData = workflow.expression.getComplexParameterValue(
				node,
				decryptedData as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		}
		return decryptedData;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.dataByType[type] = deepCopy(data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.dataByType[type] = { ...this.dataByType[type], ...deepCopy(data) };
	}

	private storedDataOrFail(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): ICredentialDataDecryptedObject {
		const data = this.dataByType[type];
		if (data === undefined) {
			// n8n's CredentialNotFoundError.
			throw new UserError(
				`Credential with ID "${nodeCredentials.id ?? ''}" does not exist for type "${type}".`,
			);
		}
		return data;
	}
}
