// Child processes for the benchmarks: a command timed to its exit with its peak RSS (GNU time's %M), and a
// long-running service whose port, readiness and memory are read from outside, as an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OTE = join(ROOT, 'bin/ote.js');

export interface TimedRun {
  ms: number;
  peakMb: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node args…` to its end; wall time from spawn to exit, peak RSS as the kernel counted it. */
export async function timedNode(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ote-bench-time-'));
  const report = join(dir, 'time');
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', '-o', report, process.execPath, ...args], {
    cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { code, stdout, stderr } = await collect(child);
  const ms = performance.now() - started;
  const peakKb = Number(readFileSync(report, 'utf8').trim().split('\n').pop());
  rmSync(dir, { recursive: true, force: true });
  return { ms, peakMb: peakKb / 1024, code, stdout, stderr };
}

function collect(child: ChildProcess): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

export interface Memory {
  rssMb: number;
  peakMb: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** CPU time a process has used so far, its main thread and its other threads (V8's compiler and GC helpers, libuv's pool). */
export interface ThreadCpu {
  mainMs: number;
  otherMs: number;
}

export function threadCpuOf(pid: number): ThreadCpu {
  const tick = 10; // USER_HZ is 100 on Linux
  let mainMs = 0;
  let otherMs = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const used = (Number(fields[11]) + Number(fields[12])) * tick;
    if (Number(tid) === pid) mainMs += used;
    else otherMs += used;
  }
  return { mainMs, otherMs };
}

export interface Service {
  pid: number;
  port: number;
  /** From spawn until the ready check first answered 200. */
  readyMs: number;
  memory(): Memory;
  threadCpu(): ThreadCpu;
  output(): string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** The port, read from the service's output (first capture group). */
  portPattern: RegExp;
  /** Polled until it answers 200; absent: ready once the port is known. */
  readyPath?: string;
  timeoutMs?: number;
}

/** Starts `node args…`, keeps its stdin open (the console reads it), waits until it is ready. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const started = performance.now();
  const child = spawn(process.execPath, options.args, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  let alive = true;
  void exited.then(() => (alive = false));
  const deadline = started + (options.timeoutMs ?? 120_000);
  const fail = (why: string) => {
    child.kill('SIGKILL');
    return new Error(`${options.args.join(' ')}: ${why}\n${text.slice(-2000)}`);
  };

  let port: number | undefined;
  while (port === undefined) {
    if (!alive) throw fail('exited before it was ready');
    if (performance.now() > deadline) throw fail('no port in time');
    const match = options.portPattern.exec(text);
    if (match) port = Number(match[1]);
    else await sleep(5);
  }
  if (options.readyPath) {
    for (;;) {
      if (!alive) throw fail('exited before it was ready');
      if (performance.now() > deadline) throw fail('not ready in time');
      const status = await fetch(`http://127.0.0.1:${port}${options.readyPath}`).then((r) => r.status, () => 0);
      if (status === 200) break;
      await sleep(5);
    }
  }
  const readyMs = performance.now() - started;
  return {
    pid: child.pid!,
    port,
    readyMs,
    memory: () => memoryOf(child.pid!),
    threadCpu: () => threadCpuOf(child.pid!),
    output: () => text,
    async stop() {
      if (!alive) return;
      child.stdin!.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function freshDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
export const mb = (v: number) => `${v.toFixed(0)} MB`;
