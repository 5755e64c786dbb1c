/**
 * The few calls of n8n's own REST API (the one its editor uses) that the e2e run needs: an owner
 * to log in as, publishing and deactivating a workflow while n8n runs, which the CLI cannot do (it
 * only changes the database; a running n8n does not notice), and the credential test of the
 * editor's form.
 */
import { callN8nRest as call, setUpInstanceOwner, type N8nSession } from '../../scripts/n8n/rest';

export type { N8nSession };

const OWNER = { email: 'e2e@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' };

/** Sets up the instance owner (a fresh n8n has none) and returns its session. */
export async function ownerSession(baseUrl: string): Promise<N8nSession> {
	return await setUpInstanceOwner(baseUrl, OWNER);
}

/**
 * Publishes a workflow in the running n8n as the editor's Publish button does (its current
 * version); n8n registers its webhooks at once, with no restart.
 */
export async function publishWorkflow(session: N8nSession, workflowId: string): Promise<void> {
	const workflow = await call(session, 'GET', `/workflows/${workflowId}`);
	if (!workflow.ok) throw new Error(`GET /rest/workflows/${workflowId} answered ${workflow.status}: ${await workflow.text()}`);
	const { data } = (await workflow.json()) as { data: { versionId: string } };
	const response = await call(session, 'POST', `/workflows/${workflowId}/activate`, { versionId: data.versionId });
	if (!response.ok) throw new Error(`POST /rest/workflows/${workflowId}/activate answered ${response.status}: ${await response.text()}`);
}

/** Deactivates a published workflow the way the editor's toggle does; n8n then runs the trigger's webhook delete. */
export async function deactivateWorkflow(session: N8nSession, workflowId: string): Promise<void> {
	const response = await call(session, 'POST', `/workflows/${workflowId}/deactivate`, {});
	if (!response.ok) throw new Error(`POST /rest/workflows/${workflowId}/deactivate answered ${response.status}: ${await response.text()}`);
}

/**
 * Starts listening for a test event on the workflow's trigger, as the editor's "Execute workflow"
 * button does: n8n registers the trigger's test URL (and runs its webhook create for it).
 */
export async function listenForTestEvent(session: N8nSession, workflowId: string, triggerName: string): Promise<void> {
	const workflow = await call(session, 'GET', `/workflows/${workflowId}`);
	if (!workflow.ok) throw new Error(`GET /rest/workflows/${workflowId} answered ${workflow.status}: ${await workflow.text()}`);
	const { data: workflowData } = (await workflow.json()) as { data: Record<string, unknown> };
	const response = await call(session, 'POST', `/workflows/${workflowId}/run`, {
		workflowData,
		triggerToStartFrom: { name: triggerName },
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`POST /rest/workflows/${workflowId}/run answered ${response.status}: ${text}`);
	if (!text.includes('waitingForWebhook')) throw new Error(`n8n did not start listening for a test event: ${text}`);
}

/**
 * Tests a stored credential with the given data, as the editor's credential form does when it is
 * saved: n8n runs the credential's `test` or the function a node names in `testedBy`.
 */
export async function testCredential(
	session: N8nSession,
	credential: { id: string; name: string; type: string; data: Record<string, unknown> },
): Promise<{ status: string; message: string }> {
	const response = await call(session, 'POST', '/credentials/test', { credentials: credential });
	const text = await response.text();
	if (!response.ok) throw new Error(`POST /rest/credentials/test answered ${response.status}: ${text}`);
	return (JSON.parse(text) as { data: { status: string; message: string } }).data;
}
