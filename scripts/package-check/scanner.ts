/**
 * n8n's community-package scanner (@n8n/scan-community-package), run offline on an unpacked
 * tarball. Its command line downloads the package and its provenance from the npm registry, so
 * this drives the analyzer it exports instead, with the rules and file selection its tarball scan
 * uses. The scanner is pinned in tools/scanner/ (with typescript 5.8, as its own typescript 7
 * crashes) and installed on first use into a cache folder outside the repository.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { REPO_ROOT } from '../n8n/package';
import { npmCommand, runOrThrow } from '../n8n/util';

const SCANNER_MANIFEST_DIR = path.join(REPO_ROOT, 'tools', 'scanner');
const SCANNER_MODULE = path.join('node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
const INSTALL_MARKER = '.install-complete';

/**
 * What the scanner lints in the tarball: the compiled JavaScript and the published package.json
 * (written inline in its analyzePackageByName). In the source checkout that the package's
 * provenance points at, it lints its exported SOURCE_FILE_PATTERNS.
 */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

export type ScanLeg = 'tarball' | 'source';

export interface ScanFinding {
	severity: 'error' | 'warning';
	/** Relative to the scanned folder. */
	file: string;
	line: number;
	rule: string;
	message: string;
}

export interface ScanReport {
	/** The scanner's own verdict (it fails on errors only). */
	passed: boolean;
	verdictMessage?: string;
	/** Every error and warning its rules report. */
	findings: ScanFinding[];
}

interface ScannerModule {
	SOURCE_FILE_PATTERNS: string[];
	analyzePackage(dir: string, patterns: string[]): Promise<{ passed: boolean; message?: string; details?: string }>;
	buildScanConfig(): Promise<unknown>;
}

interface LintMessage {
	severity: number;
	line: number;
	ruleId: string | null;
	message: string;
}

interface ESLintLike {
	lintFiles(files: string[]): Promise<Array<{ filePath: string; messages: LintMessage[] }>>;
}

/** The scanner's folder in the cache; a new lock file (another version) gets a folder of its own. */
export function scannerCacheDir(): string {
	const fingerprint = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) fingerprint.update(fs.readFileSync(path.join(SCANNER_MANIFEST_DIR, file)));
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-sms-gateways', `scanner-${fingerprint.digest('hex').slice(0, 12)}`);
}

export async function ensureScanner(): Promise<string> {
	const installDir = scannerCacheDir();
	if (fs.existsSync(path.join(installDir, INSTALL_MARKER))) return installDir;
	console.log(`Installing n8n's package scanner (tools/scanner) into ${installDir} (once, about 30 s)…`);
	// Installed beside the final folder and renamed into place, so that a folder under that name is
	// always a whole install, whichever of two concurrent runs finishes first.
	const staging = `${installDir}.staging-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	try {
		for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(SCANNER_MANIFEST_DIR, file), path.join(staging, file));
		// --ignore-scripts: eslint-plugin-n8n-nodes-base's preinstall (`npx only-allow pnpm`) fails
		// outside pnpm, and nothing the scanner needs has a build step.
		await runOrThrow(npmCommand(), ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], staging);
		fs.writeFileSync(path.join(staging, INSTALL_MARKER), '');
		try {
			fs.renameSync(staging, installDir);
		} catch (error) {
			if (!fs.existsSync(path.join(installDir, INSTALL_MARKER))) throw error;
		}
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	return installDir;
}

/**
 * Scans a folder the way n8n's scanner scans a published package: the unpacked tarball, or the
 * source tree it was built from (n8n fetches that through the package's provenance).
 */
export async function scanWithN8nScanner(scannerDir: string, packageDir: string, leg: ScanLeg): Promise<ScanReport> {
	const scanner = (await import(pathToFileURL(path.join(scannerDir, SCANNER_MODULE)).href)) as ScannerModule;
	const patterns = leg === 'tarball' ? TARBALL_FILE_PATTERNS : scanner.SOURCE_FILE_PATTERNS;
	// On a crashing rule the analyzer prints the error with the whole syntax tree it choked on;
	// its verdict says what failed, which is enough here.
	const printError = console.error;
	console.error = () => undefined;
	const verdict = await scanner.analyzePackage(packageDir, patterns).finally(() => (console.error = printError));
	if (!verdict.passed && verdict.message?.startsWith('Analysis failed')) {
		return { passed: false, verdictMessage: verdict.message, findings: [] };
	}
	// analyzePackage says only whether there were errors; the same lint gives the warnings too.
	const requireFromScanner = createRequire(path.join(scannerDir, 'package.json'));
	const { ESLint } = requireFromScanner('eslint') as { ESLint: new (options: object) => ESLintLike };
	const glob = requireFromScanner('fast-glob') as { sync(patterns: string[], options: object): string[] };
	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: packageDir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const findings = results.flatMap((result) =>
		result.messages.map(
			(message): ScanFinding => ({
				severity: message.severity === 2 ? 'error' : 'warning',
				file: path.relative(packageDir, result.filePath),
				line: message.line,
				rule: message.ruleId ?? 'parse error',
				message: message.message,
			}),
		),
	);
	return { passed: verdict.passed, verdictMessage: verdict.message, findings };
}

export function formatFinding(finding: ScanFinding): string {
	return `${finding.severity} ${finding.file}:${finding.line} ${finding.rule}: ${finding.message}`;
}
