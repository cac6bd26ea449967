/**
 * A "name" key in configuration and code (YAML, JSON, HCL, TOML, CI workflows) names a job, a container or a
 * package far more often than a person: it is a person cue only when the value looks like a person's name.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('PERSON: "name" keys in configuration', () => {
  it.each([
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-creds\n  namespace: prod',
    'jobs:\n  release:\n    steps:\n      - name: Publish\n        run: npm publish',
    'steps:\n  - name: Checkout\n    uses: actions/checkout@v4\n  - name: Setup Node\n    uses: actions/setup-node@v4',
    '- name: Lint\n  run: npm run lint\n- name: Deploy to Staging\n  run: ./deploy.sh staging',
    'services:\n  cache:\n    container_name: Redis\n    image: redis:7',
    '{\n  "name": "invoice-service",\n  "version": "2.3.1",\n  "private": true\n}',
    'resource "google_sql_database" "main" {\n  name     = "orders-db"\n  instance = "primary"\n}',
    'volumes:\n  - name: Scratch\n    emptyDir: {}',
    'containers:\n  - { name: Frontend, image: "nginx:1.25" }',
    'name: Nightly\non:\n  schedule:\n    - cron: "0 3 * * *"',
    'name: api\nruntime: nodejs20',
    'app.name: Gateway\napp.port: 8080',
    '[package]\nname = "Scheduler"\nversion = "0.1.0"',
    'service_name: Harbor\nreplicas: 3',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds people under a name key or label', () => {
    expect(names('users:\n  - name: Jane Whitaker\n    role: admin')).toEqual(['Jane Whitaker']);
    expect(names('owner:\n  name: Tomasz Kowalczyk\n  email: ops@example.com')).toEqual(['Tomasz Kowalczyk']);
    expect(names('Name: Priya Raghunathan\nDate of visit: 2024-03-01')).toEqual(['Priya Raghunathan']);
    expect(names('Patient name: Margarethe\nWard: 4B')).toEqual(['Margarethe']);
    expect(names('full_name: Oluwaseun Adeyemi\nphone: none')).toEqual(['Oluwaseun Adeyemi']);
    expect(names('Name: Koppány')).toEqual(['Koppány']);
    expect(names('name: lena andersson')).toEqual(['lena andersson']);
  });
});
