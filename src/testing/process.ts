import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Runs the real `grip` CLI as a separate process, as an operator would. */
const GRIP = path.resolve(import.meta.dirname, '../../bin/grip.js');

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function gripEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'warn' };
  delete base.DATABASE_URL;
  // Tests say where mail goes; a developer's own SMTP server must not get test mail.
  delete base.SMTP_URL;
  delete base.GRIP_OUTBOX_DIR;
  return { ...base, ...env };
}

export async function startServer(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ServerProcess> {
  const proc = spawn(process.execPath, [GRIP, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[\d.:]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`grip serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    proc,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

export async function runGrip(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [GRIP, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  return { code, stdout, stderr };
}
