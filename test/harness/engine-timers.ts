import { Container } from '@n8n/di';
import { ScheduledTaskManager } from 'n8n-core/dist/execution-engine/scheduled-task-manager';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { registerCleanup } from './cleanup';

let cleanupRegistered = false;

// The execute and trigger contexts of a workflow run make n8n-core's DI container build the SSH
// clients manager (60 s interval, not unref'd) and the scheduled task manager; n8n clears their
// timers on shutdown, and jest would wait for them forever. `Container.get` would build them if
// missing, so this is only registered once a workflow has really run.
export function stopEngineTimersAfterTests(): void {
	if (cleanupRegistered) return;
	cleanupRegistered = true;
	registerCleanup(() => {
		cleanupRegistered = false;
		Container.get(SSHClientsManager).onShutdown();
		Container.get(ScheduledTaskManager).deregisterAllCrons();
	});
}
