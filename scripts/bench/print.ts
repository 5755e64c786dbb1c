/** The printed report: one table, the targets, the notes, and the BENCH_JSON line. */
import type { BenchResults, ProviderResult } from './results';
import { historyReadLines } from './history-read';
import { queueModeLines } from './queue-mode';
import { TIMELINE_STEP_MS } from './rate-limit';
import { requestCostLines } from './request-cost';
import { clickSendRealN8nLines } from './real-n8n-clicksend';

function table(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
	return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en-US'));
const times = (value: number | undefined, digits = 1) => (value === undefined ? '–' : `${value.toFixed(digits)}×`);

function providerRow(result: ProviderResult): string[] {
	const { ours, sequential, unbounded } = result;
	if (!ours) return [result.title, result.messages.toLocaleString('en-US'), ...new Array<string>(12).fill('–')];
	return [
		result.title,
		result.messages.toLocaleString('en-US'),
		String(ours.requests),
		ms(ours.wallMs),
		ms(ours.messagesPerSecond),
		ours.rssGrowthMb.toFixed(1),
		ms(ours.floorMs),
		ours.wallOverFloor.toFixed(2),
		`${ours.maxInFlight}/${result.concurrency}`,
		sequential ? `${ms(sequential.wallMs)}${sequential.extrapolated ? '*' : ''}` : '–',
		times(result.sequentialOverOurs),
		unbounded ? `${ms(unbounded.wallMs)}${unbounded.extrapolated ? '*' : ''}` : '–',
		times(result.unboundedOverOurs, 2),
		ours.problems.length === 0 ? 'ok' : 'FAIL',
	];
}

function realN8nLines({ realN8n, latencyMs, concurrency }: BenchResults): string[] {
	if (!realN8n) return [];
	if ('skipped' in realN8n) return ['', `Real n8n comparison skipped: ${realN8n.skipped}`];
	const { httpRequestNode: http, ourNode: ours } = realN8n;
	const floorMs = (realN8n.messages * latencyMs) / concurrency;
	const run = (name: string, result: typeof http) =>
		`  ${name}: ${ms(result.wallMs)} ms (${(result.wallMs / floorMs).toFixed(2)} × floor), ${result.requests} requests, ` +
		`at most ${result.maxInFlight} in flight, ${result.failedItems} items failed`;
	return [
		'',
		`In real n8n ${realN8n.n8nVersion} (n8n execute, faster of two runs; the node's executionTime), ${realN8n.messages.toLocaleString('en-US')} ClearLine messages at ${latencyMs} ms:`,
		run("n8n's HTTP Request node, default options", http),
		run(`our ClearLine node, Concurrency ${concurrency}`, ours),
		`  HTTP Request node ÷ ours: ${times(http.wallMs / ours.wallMs, 2)}`,
	];
}

function triggerIngestLines({ triggerIngest }: BenchResults): string[] {
	if (!triggerIngest) return [];
	if ('skipped' in triggerIngest) return ['', `Trigger ingest skipped: ${triggerIngest.skipped}`];
	const run = (name: string, result: typeof triggerIngest.ourTrigger) =>
		`  ${name}: all executions recorded in ${ms(result.recordedMs)} ms (${Math.round((result.receipts * 1000) / result.recordedMs)} receipts/s), all answered in ${ms(result.answeredMs)} ms`;
	return [
		'',
		`Trigger ingest in real n8n ${triggerIngest.n8nVersion} (n8n start, ${triggerIngest.receipts.toLocaleString('en-US')} ClearLine receipts, 20 in flight, faster of two runs each, alternated):`,
		run("n8n's Webhook node (Respond: Immediately)", triggerIngest.webhookNode),
		run('our ClearLine Trigger', triggerIngest.ourTrigger),
		`  ours ÷ Webhook node, receipts per second until recorded: ${times(triggerIngest.ratio, 2)} (target ≥ 1.0×)`,
	];
}

export function printReport(results: BenchResults): void {
	const out: string[] = [];
	out.push('', `Benchmark: ${results.machine.cpus} CPUs, Node ${results.machine.node}, sandbox latency ${results.latencyMs} ms, concurrency ${results.concurrency} (default)`, '');
	out.push(
		table(
			['provider', 'messages', 'requests', 'wall ms', 'msg/s', 'RSS Δ MB', 'floor ms', 'wall÷floor', 'in flight', 'sequential ms', 'seq÷ours', 'unbounded ms', 'unb÷ours', 'checks'],
			results.providers.map(providerRow),
		),
	);
	for (const result of results.providers) {
		if (result.skipped) out.push(`  ${result.title}: skipped (${result.skipped})`);
	}
	for (const result of results.providers) {
		if (result.ours && result.ours.problems.length > 0) out.push(`  ${result.title} checks failed: ${result.ours.problems.join('; ')}`);
	}
	const details = results.providers.filter((result) => result.ours);
	out.push(
		'',
		'Where the wall time of our runs went (ms): before the first request reached the sandbox | first request to last answer | after the last answer; node execution time (n8n runData)',
		...details.map(({ title, ours }) => {
			const { firstRequestMs, lastAnswerMs, wallMs, nodeMs } = ours!;
			return `  ${title.padEnd(10)} ${ms(firstRequestMs).padStart(5)} | ${ms(lastAnswerMs - firstRequestMs).padStart(5)} | ${ms(wallMs - lastAnswerMs).padStart(5)}; node ${ms(nodeMs)} of ${ms(wallMs)}`;
		}),
	);

	const limited = results.rateLimit;
	if (limited) {
		out.push(
			'',
			`429 run (${limited.provider}, ${limited.messages} messages, ${limited.rateLimited} answers "429, Retry-After: ${limited.retryAfterSeconds}"): ` +
				`${ms(limited.wallMs)} ms, ${limited.requests} requests, ${limited.failedItems} items failed, checks ${limited.problems.length === 0 ? 'ok' : limited.problems.join('; ')}`,
			`  in flight at the sandbox, most per ${TIMELINE_STEP_MS} ms: ${limited.inFlightTimeline.join(' ')}`,
			`  nothing in flight for ${ms(limited.pauseMs)} ms after the last 429; then ${limited.inFlightRightAfterPause} in flight within ${limited.burstWindowMs} ms of resuming (at most the halved Concurrency: retries queue for a slot like first attempts)`,
		);
	}

	if (results.probes.length > 0) {
		out.push('', 'Probes (no target; they explain the rows above; phases as above):');
		for (const probe of results.probes) {
			const floor = probe.latencyMs > 0 ? `, floor ${ms(probe.floorMs)} ms, wall÷floor ${(probe.wallMs / probe.floorMs).toFixed(2)}` : `, ${probe.msPerMessage.toFixed(2)} ms per message`;
			const phases = `${ms(probe.firstRequestMs)} | ${ms(probe.lastAnswerMs - probe.firstRequestMs)} | ${ms(probe.wallMs - probe.lastAnswerMs)}`;
			out.push(
				`  ${probe.name}: ${probe.messages.toLocaleString('en-US')} messages, ${probe.requests} requests in ${ms(probe.wallMs)} ms (${phases})${floor}, ` +
					`${probe.maxInFlight}/${probe.concurrency} in flight, checks ${probe.problems.length === 0 ? 'ok' : probe.problems.join('; ')}`,
			);
		}
	}

	out.push(...historyReadLines(results.historyRead));
	out.push(...realN8nLines(results));
	out.push(...requestCostLines(results.requestCost));
	out.push(...clickSendRealN8nLines(results.clickSendRealN8n, results.latencyMs));
	out.push(...triggerIngestLines(results));
	out.push(...queueModeLines(results.queueMode, results.latencyMs));
	if (results.coldLoad) {
		out.push(
			'',
			`Cold load of dist/ (${results.coldLoad.files} files of package.json "n8n", require + construct, median of ${results.coldLoad.runs} fresh processes): ` +
				`${results.coldLoad.packageOnlyMs.toFixed(1)} ms with n8n-workflow already loaded (as in n8n), ${results.coldLoad.fromNothingMs.toFixed(1)} ms from a bare process ` +
				'(most of it n8n-workflow itself, which n8n loads before any community package)',
		);
	}
	if (results.coldLoadNote) out.push(`  ${results.coldLoadNote}`);
	out.push(
		`Phone normalisation + segment counting: ${ms(results.throughput.perSecond)} messages/s, best of ${results.throughput.passes} passes over a mix of ${results.throughput.messages.toLocaleString('en-US')} (median pass ${ms(results.throughput.medianPerSecond)})`,
		`  parsePhoneNumber alone, numbers/s (best pass): ${Object.entries(results.throughput.phoneByForm)
			.map(([form, rate]) => `${form} ${ms(rate)}`)
			.join('; ')}`,
	);

	out.push('', 'Targets:');
	const nameWidth = Math.max(...results.targets.map((target) => target.name.length));
	for (const target of results.targets) {
		out.push(`  ${target.pass ? 'PASS' : 'MISS'}  ${target.name.padEnd(nameWidth)}  ${String(target.value)} (target ${target.limit})`);
	}
	out.push('', 'Notes:', ...results.notes.map((note) => `  - ${note}`), '', `Total ${results.totalSeconds.toFixed(0)} s`);
	console.log(out.join('\n'));
	console.log(`BENCH_JSON ${JSON.stringify(results)}`);
}
