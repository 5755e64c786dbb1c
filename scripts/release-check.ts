/**
 * `npm run release:check`, also run by `npm publish` (prepublishOnly): refuses a release that
 * still carries a placeholder in package.json, has no CHANGELOG section for its version, or, in
 * the release workflow, was tagged with another version than package.json's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');

/** What package.json holds where the maintainer must put a real value before the first release. */
const PLACEHOLDER = 'REPLACE-BEFORE-RELEASE';

function releaseProblems(): string[] {
	const problems: string[] = [];
	const manifestText = fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
	const manifest = JSON.parse(manifestText) as { version: string };

	const placeholderLines = manifestText
		.split('\n')
		.filter((line) => line.includes(PLACEHOLDER))
		.map((line) => line.trim());
	for (const line of placeholderLines) problems.push(`package.json still has a placeholder: ${line}`);

	const changelog = fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
	const versionHeading = new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm');
	if (!versionHeading.test(changelog)) {
		problems.push(`CHANGELOG.md has no "## [${manifest.version}]" section: move what [Unreleased] lists there`);
	}

	// GitHub Actions names the pushed tag; a tag v0.2.0 must not publish package.json's 0.1.0.
	if (process.env.GITHUB_REF_TYPE === 'tag' && process.env.GITHUB_REF_NAME !== `v${manifest.version}`) {
		problems.push(`the tag is ${process.env.GITHUB_REF_NAME}, but package.json's version is ${manifest.version} (expected tag v${manifest.version})`);
	}
	return problems;
}

const problems = releaseProblems();
if (problems.length > 0) {
	console.error(`Not ready to publish:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nSee docs/RELEASING.md.`);
	process.exitCode = 1;
} else {
	console.log('Ready to publish: no placeholders, a CHANGELOG section, the tag matches the version.');
}
