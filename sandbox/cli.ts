/**
 * `npm run sandbox`: the provider sandbox on SANDBOX_PORT (default 5690), host SANDBOX_HOST
 * (default 127.0.0.1), until Ctrl+C. Point a credential's base URL at a provider URL it prints.
 */
import { CONTROL_ROUTES } from './control';
import { DEFAULT_SANDBOX_PORT } from './keys';
import { PROVIDERS } from './providers';
import { startSandbox } from './server';

async function main(): Promise<void> {
	const port = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : DEFAULT_SANDBOX_PORT;
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`SANDBOX_PORT must be a port number, got "${process.env.SANDBOX_PORT}"`);
	}
	const sandbox = await startSandbox({ port, host: process.env.SANDBOX_HOST || '127.0.0.1' });

	const lines = [`SMS provider sandbox on ${sandbox.baseUrl}`, ''];
	for (const definition of Object.values(PROVIDERS)) {
		lines.push(`${definition.title}: ${sandbox.providerUrl(definition.name)}`);
		lines.push(...definition.describe().map((line) => `  ${line}`), '');
	}
	lines.push('Control API:', ...CONTROL_ROUTES.map((route) => `  ${route}`), '', 'Ctrl+C to stop.');
	console.log(lines.join('\n'));

	const stop = (signal: string) => {
		console.log(`\n${signal}: stopping the sandbox`);
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: NodeJS.ErrnoException) => {
	const hint = error.code === 'EADDRINUSE' ? ' (is another sandbox running? set SANDBOX_PORT to use another port)' : '';
	console.error(`Sandbox failed to start: ${error.message}${hint}`);
	process.exit(1);
});
