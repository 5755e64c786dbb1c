// jest `setupFilesAfterEnv`: after each test file, close what the harness opened there, so jest
// exits without open handles. Costs nothing in test files that never touch the harness.
import { shutdownHarness } from './shutdown';

afterAll(async () => {
	await shutdownHarness();
});
