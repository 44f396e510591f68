// Playwright's global setup: runs scripts/web (a `--dev --tmp` node, the suite deployed with the
// CLI, the content service, the built page) on free ports, and hands its address to the tests in
// HELPDESK_WEB_URL; no node installed: HELPDESK_WEB_SKIP says why, and every test skips.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export default async function stack(): Promise<() => Promise<void>> {
  const [node, content, web] = await Promise.all([freePort(), freePort(), freePort()]);
  const script = fileURLToPath(new URL('../../../scripts/web', import.meta.url));
  const child = spawn(script, [], {
    env: { ...process.env, NODE_PORT: String(node), CONTENT_PORT: String(content), WEB_PORT: String(web) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise<string | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`scripts/web was not ready in 15 min:\n${output}`)), 15 * 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/^ready: (\S+)$/m);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 3) resolve(null);
      else reject(new Error(`scripts/web exited with ${code}:\n${output}`));
    });
  });
  if (ready === null) {
    process.env.HELPDESK_WEB_SKIP = output.trim();
    console.log(`browser story skipped: ${output.trim()}`);
  } else {
    process.env.HELPDESK_WEB_URL = ready;
    process.env.HELPDESK_NODE_URL = `ws://127.0.0.1:${node}`;
  }
  return async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  };
}
