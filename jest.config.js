/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testTimeout: 30000,
	// test/harness: point n8n-core at a throwaway N8N_USER_FOLDER before any test imports it, and
	// close what the harness opened (webhook servers, n8n-core timers) after each test file.
	setupFiles: ['<rootDir>/test/harness/jest-setup-env.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/jest-after-env.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
};
