export { runWorkflow } from './run-workflow';
export { runWaitingWorkflow } from './waiting';
export type { WaitingWorkflow } from './waiting';
export type { RunWorkflowOptions, WorkflowRunResult } from './run-workflow';
export { runListSearch } from './list-search';
export type { RunListSearchOptions } from './list-search';
export { runWebhookMethod, startTriggerWebhook } from './webhook';
export type {
	RunWebhookMethodOptions,
	StartTriggerWebhookOptions,
	TriggerNodeJson,
	TriggerWebhook,
	WebhookMethodName,
	WebhookMethodResult,
} from './webhook';
export { loadPinnedWorkflow, loadWorkflowJson } from './workflow-json';
export type { NodeSettings, PinnedRun, WorkflowJson } from './workflow-json';
export { runCredentialTest } from './credential-test';
export { shutdownHarness } from './shutdown';
export { packageNodeTypeName } from './node-types';
export type { NodeTypeInput } from './node-types';
export type { CredentialTypeInput } from './credential-types';
export type { CredentialDataByType } from './credentials-helper';
