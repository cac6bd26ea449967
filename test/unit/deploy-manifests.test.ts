import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, type Tags } from 'yaml';
import { KNOWN_ENV_VARS, loadConfig } from '../../src/config/index.js';
import { envSchema } from '../../src/config/env-schema.js';

/**
 * deploy/ must agree with the app: the YAML parses, the probes hit routes the app serves on the port it listens on,
 * the grace period outlasts the drain, every variable is one the schema knows, and the ConfigMap and Secret together
 * are a configuration production starts with.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(root + file, 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are checked field by field
type Doc = Record<string, any>;

const k8sDir = 'deploy/k8s/';
const docs: Doc[] = readdirSync(root + k8sDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .flatMap((f) =>
    parseAllDocuments(read(k8sDir + f)).map((d) => {
      if (d.errors.length) throw new Error(`${k8sDir}${f}: ${d.errors.map((e) => e.message).join('; ')}`);
      return d.toJS() as Doc;
    }),
  )
  .filter((d) => d && d.kind && d.kind !== 'Kustomization');
const ofKind = (kind: string): Doc => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

const deployment = ofKind('Deployment');
const podSpec = deployment.spec.template.spec;
const container = podSpec.containers[0];
const configMap = ofKind('ConfigMap');
const secret = ofKind('Secret');
const defaults = envSchema.parse({});
const healthRoutes = read('src/http/health.ts');

/** A probe's or Service's port: a number, or the name of a container port. */
const portNumber = (p: number | string): number => (typeof p === 'number' ? p : container.ports.find((c: Doc) => c.name === p)?.containerPort);

describe('deploy/k8s', () => {
  it('has a Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, Secret and ConfigMap, all parsing', () => {
    expect(docs.map((d) => d.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Secret', 'Service']);
    const kustomization = parse(read(`${k8sDir}kustomization.yaml`)) as { resources: string[] };
    for (const r of kustomization.resources) expect(existsSync(root + k8sDir + r), r).toBe(true);
  });

  it('listens where the app listens, and probes /health/live and /health/ready, which the app serves', () => {
    const port = Number(configMap.data.ORCHESTRATOR_PORT ?? defaults.ORCHESTRATOR_PORT);
    expect(port).toBe(defaults.ORCHESTRATOR_PORT);
    expect(container.ports.map((p: Doc) => p.containerPort)).toEqual([port]);
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.startupProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) expect(portNumber(probe.httpGet.port)).toBe(port);
    expect(healthRoutes).toContain("'/health/live'");
    expect(healthRoutes).toContain("'/health/ready'");
  });

  it('gives a terminating pod longer than the preStop pause plus SHUTDOWN_TIMEOUT_MS', () => {
    const shutdownMs = Number(configMap.data.SHUTDOWN_TIMEOUT_MS ?? defaults.SHUTDOWN_TIMEOUT_MS);
    const preStopS = Number(container.lifecycle?.preStop?.exec?.command?.at(-1) ?? 0);
    expect(podSpec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopS * 1000 + shutdownMs);
  });

  it('sets resource requests and limits', () => {
    for (const kind of ['requests', 'limits']) {
      expect(container.resources[kind].cpu, kind).toBeTruthy();
      expect(container.resources[kind].memory, kind).toBeTruthy();
    }
  });

  it('the Service, PodDisruptionBudget and autoscaler select the Deployment’s pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    const selects = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    const service = ofKind('Service');
    expect(selects(service.spec.selector)).toBe(true);
    expect(portNumber(service.spec.ports[0].targetPort)).toBe(container.ports[0].containerPort);
    expect(selects(ofKind('PodDisruptionBudget').spec.selector.matchLabels)).toBe(true);
    expect(selects(deployment.spec.selector.matchLabels)).toBe(true);
    const hpa = ofKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(ofKind('PodDisruptionBudget').spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });

  it('feeds the container the ConfigMap and the Secret, with names the env schema knows', () => {
    const refs = container.envFrom.map((e: Doc) => e.configMapRef?.name ?? e.secretRef?.name);
    expect(refs).toEqual([configMap.metadata.name, secret.metadata.name]);
    const names = [...Object.keys(configMap.data), ...Object.keys(secret.stringData), ...container.env.map((e: Doc) => e.name)];
    const unknown = names.filter((n) => !KNOWN_ENV_VARS.includes(n) && !['POD_IP', 'NODE_OPTIONS'].includes(n));
    expect(unknown).toEqual([]);
  });

  it('the ConfigMap and Secret make a configuration production starts with', () => {
    // Placeholders replaced by real-looking values, as an operator does before applying.
    const filled = Object.fromEntries(Object.entries(secret.stringData as Record<string, string>).map(([k, v]) => [k, /change-me/.test(v) ? `${k.toLowerCase()}-Xq7vR2mK9pL4sT8wZ3nB6yH1` : v]));
    const env = {
      ...configMap.data,
      ...filled,
      ORCHESTRATOR_ID: 'moolai-orchestrator-7d9f8c6b5-x2x9z',
      ORCHESTRATOR_PUBLIC_URL: 'http://10.1.2.3:8000',
    };
    const config = loadConfig(env);
    expect(config.environment).toBe('production');
    expect(config.databases.orchestrator.kind).toBe('postgres');
    expect(config.databases.monitoring.kind).toBe('postgres');
    expect(config.redis.url).toMatch(/^redis:\/\//);
    expect(config.auth.bootstrapAdmin?.username).toBe('admin');
    // Placeholders are marked as such, so nobody applies them by mistake.
    for (const [k, v] of Object.entries(secret.stringData as Record<string, string>)) if (v) expect(v, k).toMatch(/change-me|^admin$/);
  });
});

describe('docker-compose.scale.yml and deploy/nginx', () => {
  // `!reset` (Compose 2.24.4+) clears a list the base file sets.
  const customTags: Tags = [{ tag: '!reset', collection: 'seq', resolve: (v) => v }];
  const scale = parse(read('docker-compose.scale.yml'), { customTags }) as { services: Record<string, Doc> };
  const base = parse(read('docker-compose.yml')) as { services: Record<string, Doc> };

  it('overrides the orchestrator service of docker-compose.yml and puts nginx in front of it', () => {
    const name = Object.keys(scale.services).find((s) => s !== 'nginx')!;
    expect(Object.keys(base.services)).toContain(name);
    expect(scale.services[name]!.ports).toEqual([]);
    expect(scale.services.nginx!.ports).toEqual(['${ORCHESTRATOR_PORT:-8000}:8000']);
    expect(Object.keys(scale.services.nginx!.depends_on)).toEqual([name]);
    expect(read('deploy/nginx/nginx.conf')).toContain(`server ${name}:8000`);
  });

  it('mounts configs that exist, and nginx.conf includes only files of deploy/nginx', () => {
    for (const v of scale.services.nginx!.volumes as string[]) expect(existsSync(root + v.split(':')[0]!.replace(/^\.\//, '')), v).toBe(true);
    const includes = [...read('deploy/nginx/nginx.conf').matchAll(/include \/etc\/nginx\/moolai\/([\w.-]+);/g)].map((m) => m[1]!);
    expect(includes.sort()).toEqual(['moolai-http.conf', 'moolai-proxy.conf']);
    for (const f of includes) expect(existsSync(`${root}deploy/nginx/${f}`), f).toBe(true);
  });
});
