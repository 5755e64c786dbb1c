/**
 * The few calls of n8n's own REST API (the one its editor uses) that the e2e run needs: an owner
 * to log in as, and deactivating a workflow while n8n runs, which the CLI cannot do (it only
 * changes the database; a running n8n does not notice).
 */
export interface N8nSession {
	baseUrl: string;
	cookie: string;
}

// n8n ties its auth cookie to a browser ID header sent with every call.
const BROWSER_ID = 'n8n-nodes-sms-gateways-e2e';
const OWNER = { email: 'e2e@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' };

async function call(session: { baseUrl: string; cookie?: string }, method: string, path: string, body?: unknown): Promise<Response> {
	return await fetch(`${session.baseUrl}/rest${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			'browser-id': BROWSER_ID,
			...(session.cookie ? { cookie: session.cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

/** Sets up the instance owner (a fresh n8n has none) and returns its session. */
export async function ownerSession(baseUrl: string): Promise<N8nSession> {
	const response = await call({ baseUrl }, 'POST', '/owner/setup', OWNER);
	if (!response.ok) throw new Error(`POST /rest/owner/setup answered ${response.status}: ${await response.text()}`);
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n set no n8n-auth cookie after the owner setup');
	return { baseUrl, cookie };
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
