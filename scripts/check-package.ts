/**
 * `npm run test:package`: the package as n8n's verification for n8n Cloud sees it. A copy of the
 * working tree without dist is packed (prepack must build it, as on a fresh clone), and the
 * tarball must hold every file package.json names and every icon the nodes point at, require
 * nothing n8n does not install, stay under MAX_PACKED_BYTES, and pass n8n's own scanner with no
 * error and no warning. The scanner must also catch a runtime dependency planted in a copy of the
 * tarball, or its silence would prove nothing.
 *
 * The scanner's other half runs too: n8n also lints the source tree that the published package's
 * provenance points at (package.json, nodes/, credentials/), with the older
 * eslint-plugin-n8n-nodes-base rules, and ignores eslint-disable comments there as in the tarball.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureScanner, formatFinding, scanWithN8nScanner, type ScanReport } from './package-check/scanner';
import { missingIcons, missingListedFiles, packFreshCopy, unsatisfiedRequires } from './package-check/tarball';

/** The issue's ceiling for the packed size (npm's kB: thousands of bytes). */
const MAX_PACKED_BYTES = 400_000;

const RUNTIME_DEPENDENCY_RULE = '@n8n/community-nodes/no-runtime-dependencies';

async function main(): Promise<void> {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-sms-gateways-check-'));
	const failures: string[] = [];
	try {
		const scannerDir = await ensureScanner();
		console.log('Packing a copy of the working tree without dist (npm pack; prepack builds it)…');
		const packed = await packFreshCopy(workDir);
		console.log(`${path.basename(packed.tarball)}: ${formatKilobytes(packed.packedBytes)} packed`);
		if (packed.packedBytes > MAX_PACKED_BYTES) {
			failures.push(`the tarball is ${formatKilobytes(packed.packedBytes)}, over the ${formatKilobytes(MAX_PACKED_BYTES)} limit`);
		}
		for (const file of missingListedFiles(packed.unpackedDir)) failures.push(`package.json names ${file}, which the tarball lacks`);
		for (const icon of missingIcons(packed.unpackedDir)) failures.push(`missing icon: ${icon}`);
		failures.push(...unsatisfiedRequires(packed.unpackedDir));

		console.log("Scanning the tarball with n8n's scanner…");
		failures.push(...scannerFailures('scanner', await scanWithN8nScanner(scannerDir, packed.unpackedDir, 'tarball')));
		console.log("Scanning the source tree with n8n's scanner…");
		failures.push(...scannerFailures('scanner, source', await scanWithN8nScanner(scannerDir, packed.sourceDir, 'source')));

		failures.push(...(await plantedProblemsNotCaught(scannerDir, packed.unpackedDir, workDir)));
		failures.push(...(await plantedSourceProblemNotCaught(scannerDir, packed.sourceDir, workDir)));
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}

	if (failures.length > 0) {
		console.error(`\nThe packed package fails ${failures.length} check(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
		process.exitCode = 1;
		return;
	}
	console.log("The packed package passes: files, icons, requires, size, and n8n's scanner on the tarball and the source (no error, no warning).");
}

function scannerFailures(label: string, report: ScanReport): string[] {
	const failures = report.findings.map((finding) => `${label}: ${formatFinding(finding)}`);
	if (!report.passed && failures.length === 0) failures.push(`${label}: ${report.verdictMessage ?? 'failed without a finding'}`);
	return failures;
}

/**
 * The checks must fail on what they exist to catch: a runtime dependency in package.json (the
 * scanner) and a compiled file that requires a devDependency (our own check, which the scanner
 * lets through).
 */
async function plantedProblemsNotCaught(scannerDir: string, unpackedDir: string, workDir: string): Promise<string[]> {
	const notCaught: string[] = [];
	const plantedDir = path.join(workDir, 'planted');
	fs.cpSync(unpackedDir, plantedDir, { recursive: true });
	const manifestPath = path.join(plantedDir, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, dependencies: { 'libphonenumber-js': '1.12.31' } }, null, 2));
	fs.mkdirSync(path.join(plantedDir, 'dist'), { recursive: true });
	fs.writeFileSync(path.join(plantedDir, 'dist', 'planted.js'), "'use strict';\nmodule.exports = require('libphonenumber-js');\n");

	console.log('Checking that the checks catch a planted runtime dependency…');
	const report = await scanWithN8nScanner(scannerDir, plantedDir, 'tarball');
	if (report.passed || !report.findings.some((finding) => finding.rule === RUNTIME_DEPENDENCY_RULE)) {
		notCaught.push(`the scanner did not report ${RUNTIME_DEPENDENCY_RULE} for a package with "dependencies": its analysis is not working`);
	}
	if (!unsatisfiedRequires(plantedDir).some((problem) => problem.startsWith(path.join('dist', 'planted.js')))) {
		notCaught.push("the require check did not catch dist/planted.js requiring 'libphonenumber-js'");
	}
	return notCaught;
}

const CREDENTIAL_TEST_RULE = '@n8n/community-nodes/credential-test-required';
const PLANTED_CREDENTIAL = path.join('credentials', 'PlantedUntestedApi.credentials.ts');

/**
 * The source scan must fail on what n8n's verification fails: a credential nothing tests, even with
 * the eslint-disable comment that our own lint would honour.
 */
async function plantedSourceProblemNotCaught(scannerDir: string, sourceDir: string, workDir: string): Promise<string[]> {
	const plantedDir = path.join(workDir, 'planted-source');
	fs.cpSync(sourceDir, plantedDir, { recursive: true });
	fs.writeFileSync(
		path.join(plantedDir, PLANTED_CREDENTIAL),
		[
			"import type { ICredentialType, INodeProperties } from 'n8n-workflow';",
			'',
			'// eslint-disable-next-line @n8n/community-nodes/credential-test-required',
			'export class PlantedUntestedApi implements ICredentialType {',
			"\tname = 'plantedUntestedApi';",
			"\tdisplayName = 'Planted Untested API';",
			"\tdocumentationUrl = 'https://example.com/docs';",
			'\tproperties: INodeProperties[] = [];',
			'}',
			'',
		].join('\n'),
	);
	console.log('Checking that the source scan catches a planted credential without a test…');
	const report = await scanWithN8nScanner(scannerDir, plantedDir, 'source');
	const caught = report.findings.some((finding) => finding.rule === CREDENTIAL_TEST_RULE && finding.file === PLANTED_CREDENTIAL);
	return caught ? [] : [`the source scan did not report ${CREDENTIAL_TEST_RULE} for ${PLANTED_CREDENTIAL} (with an eslint-disable comment): its analysis is not working`];
}

function formatKilobytes(bytes: number): string {
	return `${(bytes / 1000).toFixed(1)} kB`;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
