import type { ProviderRoute } from './provider';

export type RouteMatch =
	| { kind: 'found'; route: ProviderRoute; params: Record<string, string> }
	| { kind: 'wrong-method'; allowed: string[] }
	| { kind: 'not-found' };

/** Matches `/a/:id/b` patterns segment by segment; a trailing slash is ignored. */
export function matchRoute(routes: ProviderRoute[], method: string, path: string, caseInsensitive = false): RouteMatch {
	const allowed: string[] = [];
	for (const route of routes) {
		const params = matchPath(route.path, path, caseInsensitive);
		if (!params) continue;
		if (route.method.toUpperCase() === method.toUpperCase()) return { kind: 'found', route, params };
		allowed.push(route.method.toUpperCase());
	}
	return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'not-found' };
}

function matchPath(pattern: string, path: string, caseInsensitive: boolean): Record<string, string> | undefined {
	const expected = segments(pattern);
	const actual = segments(path);
	if (expected.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (const [index, part] of expected.entries()) {
		const given = actual[index];
		if (part.startsWith(':')) {
			const value = safeDecode(given);
			if (value === undefined) return undefined;
			params[part.slice(1)] = value;
			continue;
		}
		const same = caseInsensitive ? part.toLowerCase() === given.toLowerCase() : part === given;
		if (!same) return undefined;
	}
	return params;
}

function segments(path: string): string[] {
	return path.split('/').filter((part) => part !== '');
}

function safeDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}
