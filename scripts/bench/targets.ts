/** The targets of issue #5, each checked against what was measured. */
import { requestCostTargets } from './request-cost';
import { clickSendRealN8nTargets } from './real-n8n-clicksend';
import type { BenchResults, ProviderResult, Target } from './results';

const fixed = (value: number, digits = 2) => Number(value.toFixed(digits));

function clickSendTargets(result: ProviderResult): Target[] {
	const { ours } = result;
	if (!ours) return [];
	const targets: Target[] = [
		{ name: `ClickSend ${result.messages} messages: requests`, value: ours.requests, limit: '≤ 10', pass: ours.requests <= 10 },
		{ name: 'ClickSend wall ÷ floor', value: fixed(ours.wallOverFloor), limit: '≤ 1.5', pass: ours.wallOverFloor <= 1.5 },
		{ name: 'ClickSend peak RSS growth (MB)', value: fixed(ours.rssGrowthMb, 1), limit: '≤ 100', pass: ours.rssGrowthMb <= 100 },
	];
	if (result.sequentialOverOurs !== undefined) {
		targets.push({ name: 'ClickSend × faster than sequential', value: fixed(result.sequentialOverOurs, 1), limit: '≥ 50', pass: result.sequentialOverOurs >= 50 });
	}
	if (result.unboundedOverOurs !== undefined) {
		targets.push({ name: 'ClickSend × faster than unbounded', value: fixed(result.unboundedOverOurs, 2), limit: '≥ 5', pass: result.unboundedOverOurs >= 5 });
	}
	return targets;
}

function perRequestTargets(result: ProviderResult): Target[] {
	const { ours } = result;
	if (!ours) return [];
	const targets: Target[] = [
		{ name: `${result.title} wall ÷ floor`, value: fixed(ours.wallOverFloor), limit: '≤ 1.25', pass: ours.wallOverFloor <= 1.25 },
		{
			name: `${result.title} max in flight at the sandbox`,
			value: ours.maxInFlight,
			limit: `≤ ${result.concurrency} (configured)`,
			pass: ours.maxInFlight <= result.concurrency,
		},
	];
	if (result.sequentialOverOurs !== undefined) {
		targets.push({ name: `${result.title} × faster than sequential`, value: fixed(result.sequentialOverOurs, 1), limit: '≥ 10', pass: result.sequentialOverOurs >= 10 });
	}
	if (result.unboundedOverOurs !== undefined) {
		targets.push({
			name: `${result.title} no slower than unbounded (unbounded ÷ ours)`,
			value: fixed(result.unboundedOverOurs, 2),
			limit: '≥ 1',
			pass: result.unboundedOverOurs >= 1,
		});
	}
	return targets;
}

export function evaluateTargets(results: Omit<BenchResults, 'targets' | 'totalSeconds'>): Target[] {
	const targets: Target[] = [];
	for (const result of results.providers) {
		if (!result.ours) continue;
		targets.push(...(result.provider === 'clicksend' ? clickSendTargets(result) : perRequestTargets(result)));
		targets.push({
			name: `${result.title} correctness (order, pairedItem, each message received once)`,
			value: result.ours.problems.length === 0 ? 'ok' : result.ours.problems.join('; '),
			limit: 'all hold',
			pass: result.ours.problems.length === 0,
		});
	}
	const limited = results.rateLimit;
	if (limited) {
		const pass = limited.failedItems === 0 && limited.problems.length === 0 && limited.rateLimited > 0;
		targets.push({
			name: `${limited.provider} under 429 + Retry-After: items failed`,
			value: limited.problems.length === 0 ? limited.failedItems : `${limited.failedItems}; ${limited.problems.join('; ')}`,
			limit: `0 (after ${limited.rateLimited} × 429)`,
			pass,
		});
	}
	targets.push(...requestCostTargets(results.requestCost));
	// The package's own load: n8n-workflow is a peer dependency that n8n has loaded before any
	// community package, so a bare process's time (printed with the cold load) is not the package's.
	if (results.coldLoad) {
		targets.push({
			name: 'cold load of dist/, package alone (n8n-workflow loaded, as in n8n) ms',
			value: fixed(results.coldLoad.packageOnlyMs, 1),
			limit: '≤ 150',
			pass: results.coldLoad.packageOnlyMs <= 150,
		});
	}
	targets.push(...clickSendRealN8nTargets(results.clickSendRealN8n));
	targets.push({
		name: 'phone normalisation + segment counting, messages/s (best pass)',
		value: Math.round(results.throughput.perSecond),
		limit: '≥ 50000',
		pass: results.throughput.perSecond >= 50_000,
	});
	return targets;
}
