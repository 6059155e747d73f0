// N invocations in one process after a warm-up. Usage: node warm.mjs EVENT_FILE COUNT [WARMUP]
import { readFileSync } from 'node:fs';
import { handler } from './index.mjs';

const event = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const count = Number(process.argv[3] ?? 1000);
const warmup = Number(process.argv[4] ?? 200);
for (let i = 0; i < warmup; i++) await handler(event);
const latencies = [];
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
for (let i = 0; i < count; i++) {
  const t0 = process.hrtime.bigint();
  await handler(event);
  latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const wall = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
latencies.sort((a, b) => a - b);
console.log(`${(count / wall).toFixed(1)} ops/s`);
console.log(`latency p50 ${latencies[Math.floor(count / 2)].toFixed(2)} ms, p99 `
  + `${latencies[Math.ceil(count * 0.99) - 1].toFixed(2)} ms (${count} events after ${warmup} warm-up)`);
console.log(`process CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(3)} ms per event`);
console.log(`memory: RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
