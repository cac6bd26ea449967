import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../helpers/redis.js';
import { ROOT } from './instance.js';
import { spawnChild, tempDir, type Child } from './procs.js';

/** nginx from the machine's packages (Debian: /usr/sbin/nginx). */
export function nginxBinary(): string {
  for (const candidate of [process.env.NGINX_BIN, '/usr/sbin/nginx', 'nginx']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next
    }
  }
  throw new Error('nginx not found: apt-get install -y nginx (.ci/run does)');
}

export interface Nginx {
  url: string;
  child: Child;
  /** The access log lines so far (format `moolai` of deploy/nginx/moolai-http.conf). */
  accessLog(): string[];
}

/**
 * A real load balancer in front of `upstreams` (host:port): nginx as a child process with a generated config that
 * includes the repo's own deploy/nginx/moolai-http.conf and moolai-proxy.conf, on a free port.
 */
export async function startNginx(upstreams: string[]): Promise<Nginx> {
  const dir = tempDir('nginx');
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  // Worker processes may run as another user (nobody) when the suite runs as root.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include ${join(ROOT, 'deploy/nginx/moolai-http.conf')};
  access_log ${dir}/access.log moolai;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream moolai_orchestrators {
${upstreams.map((u) => `    server ${u};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://moolai_orchestrators;
      include ${join(ROOT, 'deploy/nginx/moolai-proxy.conf')};
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const bin = nginxBinary();
  execFileSync(bin, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'pipe' });
  const child = spawnChild('nginx', bin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;']);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1_000) });
      break;
    } catch {
      if (child.proc.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${child.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    child,
    accessLog: () => {
      try {
        return readFileSync(join(dir, 'access.log'), 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}
