import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

// The package name is the prefix n8n puts before our node names (`<package>.<node name>`).
export const PACKAGE_NAME: string = (
	JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }
).name;
