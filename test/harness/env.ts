import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { registerCleanup } from './cleanup';

// n8n-core's InstanceSettings reads N8N_USER_FOLDER when it is first constructed and writes
// `<folder>/.n8n/config` (with a fresh encryption key) there: without this it would write into the
// home folder of whoever runs the tests. It must run before anything imports n8n-core, so jest
// loads this file through `setupFiles`, and every harness module imports it first as well.
function ensureHarnessEnvironment(): void {
	if (process.env.SMS_HARNESS_USER_FOLDER) return;
	const userFolder = mkdtempSync(join(tmpdir(), 'sms-harness-n8n-'));
	process.env.SMS_HARNESS_USER_FOLDER = userFolder;
	process.env.N8N_USER_FOLDER = userFolder;
	// The engine logs every error it reports, also the ones a test provokes on purpose; a run's
	// errors reach the test through the result anyway. N8N_LOG_LEVEL=debug brings the logs back.
	process.env.N8N_LOG_LEVEL ??= 'silent';
	process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
	registerCleanup(() => {
		rmSync(userFolder, { recursive: true, force: true });
		delete process.env.SMS_HARNESS_USER_FOLDER;
	});
}

ensureHarnessEnvironment();
