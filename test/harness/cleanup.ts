// Things the harness opened that would keep jest's process alive (servers, n8n-core timers) or
// leave files behind. Each test file has its own module registry, so this list is per test file;
// `shutdownHarness()` (run by jest's setupFilesAfterEnv after every test file) empties it.
type CleanupTask = () => void | Promise<void>;

const pendingCleanupTasks: CleanupTask[] = [];

export function registerCleanup(task: CleanupTask): () => void {
	pendingCleanupTasks.push(task);
	return () => {
		const index = pendingCleanupTasks.indexOf(task);
		if (index !== -1) pendingCleanupTasks.splice(index, 1);
	};
}

export async function runCleanupTasks(): Promise<void> {
	const errors: unknown[] = [];
	// Newest first: a server registered after the engine started is closed before the engine stops.
	while (pendingCleanupTasks.length > 0) {
		const task = pendingCleanupTasks.pop()!;
		try {
			await task();
		} catch (error) {
			errors.push(error);
		}
	}
	if (errors.length > 0) throw errors[0];
}
