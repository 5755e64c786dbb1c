import { FlatCompat } from '@eslint/eslintrc';
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const compat = new FlatCompat({ baseDirectory: path.dirname(fileURLToPath(import.meta.url)) });

// With n8n Cloud's rules (no runtime dependencies, restricted imports and globals): n8n Cloud
// installs only verified community nodes, and its scanner applies these rules.
const communityRecommended = communityNodes.configs.recommended;

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
		// lib/fields.ts and lib/send-and-wait.ts describe the fields every node shares: what the
		// editor shows a user is there, so n8n's parameter rules read them as they read nodes/.
		files: ['nodes/**/*.ts', 'lib/fields.ts', 'lib/send-and-wait.ts'],
	})),
	{
		// The Resource options are the node's argument, not an array literal: this rule crashes on it.
		files: ['lib/fields.ts'],
		rules: { 'n8n-nodes-base/node-param-resource-with-plural-option': 'off' },
	},
	{
		...communityRecommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'lib/**/*.ts', 'package.json'],
		rules: communityRecommended.rules,
	},
	{
		// The community rule lets a devDependency be imported anywhere; libphonenumber-js ships only
		// inside the bundle that lib/vendor/ becomes, so everything else must import it from there.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'lib/**/*.ts'],
		ignores: ['lib/vendor/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['libphonenumber-js', 'libphonenumber-js/*'],
							message: 'Import it from lib/vendor/libphonenumber: that module is bundled into dist, the package is not installed with the nodes.',
						},
					],
				},
			],
		},
	},
	{
		// Rules of the older plugin that contradict the newer one or apply only inside n8n's own repository.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			// The community plugin asks for NodeConnectionTypes.Main instead of the literal 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// "Only applicable to nodes in the main repository": community credentials link to a URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
];
