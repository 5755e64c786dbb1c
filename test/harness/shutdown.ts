import { runCleanupTasks } from './cleanup';

/**
 * Closes what the harness opened in this test file: trigger webhook servers still open, n8n-core's
 * SSH clients manager and cron timers, the temporary n8n user folder. jest runs it after every test
 * file through `setupFilesAfterEnv` (test/harness/jest-after-env.ts); call it yourself in
 * `afterAll` only when running the harness under another jest config.
 */
export async function shutdownHarness(): Promise<void> {
	await runCleanupTasks();
}
