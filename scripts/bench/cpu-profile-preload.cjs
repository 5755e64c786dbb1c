// Preloaded into n8n (NODE_OPTIONS=--require, which may not carry --cpu-prof) when BENCH_N8N_CPU_PROFILE_DIR is
// set: V8 samples the whole process and the profile is written there when it exits, for Chrome DevTools.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.BENCH_N8N_CPU_PROFILE_DIR;
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.on('exit', () => {
	session.post('Profiler.stop', (error, result) => {
		if (!error) fs.writeFileSync(path.join(dir, `n8n-${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
	});
});
