/**
 * Peak RSS of this process during one run. Linux keeps the peak itself (VmHWM) and resets it to
 * the current RSS when "5" is written to /proc/self/clear_refs, so no sample can miss a spike;
 * where that is not possible, a 5 ms sampler is the fallback (it cannot see inside a long
 * synchronous stretch).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

function statusKb(field: string): number | undefined {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

function resetKernelPeak(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

let gcFunction: (() => void) | undefined;

/** A full garbage collection, so that a run starts from the memory it really holds. */
export function collectGarbage(): void {
	if (!gcFunction) {
		setFlagsFromString('--expose-gc');
		gcFunction = runInNewContext('gc') as () => void;
	}
	gcFunction();
}

export interface PeakRss {
	/** Bytes above the RSS at start. */
	stop(): { growthMb: number; method: 'kernel peak (VmHWM)' | 'sampled every 5 ms' };
}

export function watchPeakRss(): PeakRss {
	collectGarbage();
	const kernel = resetKernelPeak() && statusKb('VmHWM') !== undefined;
	const startRss = process.memoryUsage.rss();
	let sampledPeak = startRss;
	// The sampler costs CPU time of its own (about 2 % of a busy run): only when the kernel cannot tell.
	const sampler = kernel
		? undefined
		: setInterval(() => {
				sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
			}, 5);
	sampler?.unref();
	return {
		stop() {
			if (sampler) clearInterval(sampler);
			sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
			const peak = kernel ? Math.max(sampledPeak, statusKb('VmHWM') ?? 0) : sampledPeak;
			return { growthMb: (peak - startRss) / MB, method: kernel ? 'kernel peak (VmHWM)' : 'sampled every 5 ms' };
		},
	};
}
