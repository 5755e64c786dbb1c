/** `Response.json()` is typed `unknown`; tests poke into the answer, so they read it as any. */
export async function readJson(response: Response): Promise<any> {
	return response.json();
}
