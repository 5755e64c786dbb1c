/**
 * n8n's own REST API (the one its editor uses), for what the CLI cannot do: setting up the
 * instance owner of a fresh n8n, and signing in as it.
 */

export interface N8nOwner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface N8nSession {
	baseUrl: string;
	cookie: string;
}

// n8n ties its auth cookie to a browser ID header sent with every call.
const BROWSER_ID = 'n8n-nodes-sms-gateways-scripts';

export async function callN8nRest(session: { baseUrl: string; cookie?: string }, method: string, path: string, body?: unknown): Promise<Response> {
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

/** Whether the instance has an owner; a fresh n8n has none and shows its setup screen. */
export async function hasInstanceOwner(baseUrl: string): Promise<boolean> {
	const response = await callN8nRest({ baseUrl }, 'GET', '/settings');
	if (!response.ok) throw new Error(`GET /rest/settings answered ${response.status}: ${await response.text()}`);
	const { data } = (await response.json()) as { data: { userManagement?: { showSetupOnFirstLoad?: boolean } } };
	return data.userManagement?.showSetupOnFirstLoad === false;
}

/** Sets up the instance owner of a fresh n8n and returns its session. */
export async function setUpInstanceOwner(baseUrl: string, owner: N8nOwner): Promise<N8nSession> {
	const response = await callN8nRest({ baseUrl }, 'POST', '/owner/setup', owner);
	if (!response.ok) throw new Error(`POST /rest/owner/setup answered ${response.status}: ${await response.text()}`);
	return { baseUrl, cookie: authCookie(response) };
}

/** Signs in as the editor's login form does; undefined when n8n refuses the email and password. */
export async function logIn(baseUrl: string, email: string, password: string): Promise<N8nSession | undefined> {
	const response = await callN8nRest({ baseUrl }, 'POST', '/login', { emailOrLdapLoginId: email, password });
	if (response.status === 401) return undefined;
	if (!response.ok) throw new Error(`POST /rest/login answered ${response.status}: ${await response.text()}`);
	return { baseUrl, cookie: authCookie(response) };
}

function authCookie(response: Response): string {
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error(`n8n set no n8n-auth cookie (${response.url})`);
	return cookie;
}
