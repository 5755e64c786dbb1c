import { FlatCompat } from '@eslint/eslintrc';
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const compat = new FlatCompat({ baseDirectory: path.dirname(fileURLToPath(import.meta.url)) });

// The cloud-only rules (no runtime dependencies, restricted imports/globals) are left out:
// this package is self-hosted only and needs libphonenumber-js at run time.
const communityRecommended = communityNodes.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', 'gulpfile.js', 'index.js'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		...compat.extends('plugin:n8n-nodes-base/community')[0],
		// typescript-estree reads .json files as one object expression, which the package.json rules expect.
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	...compat.extends('plugin:n8n-nodes-base/credentials').map((config) => ({
		...config,
		files: ['credentials/**/*.ts'],
	})),
	...compat.extends('plugin:n8n-nodes-base/nodes').map((config) => ({
		...config,
		files: ['nodes/**/*.ts'],
	})),
	{
		...communityRecommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'lib/**/*.ts', 'package.json'],
		rules: {
			...communityRecommended.rules,
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
