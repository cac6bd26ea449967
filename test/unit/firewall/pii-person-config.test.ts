/**
 * A "name" key in configuration and code (YAML, JSON, HCL, TOML, CI workflows) names a job, a container or a
 * package far more often than a person: it is a person cue only when the value looks like a person's name. Headings,
 * slogans and product names in title case are common words, not names.
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
    'docker run -d --name Phoenix -p 8080:80 nginx',
    'Project name: Apollo\nOwner: platform team',
    'Wifi name: Sunny Side Up',
    'git config user.name Deploy && git commit -m wip',
    '- hosts: webservers\n  tasks:\n    - name: Ensure Apache is running\n      service: name=httpd state=started',
    'steps:\n  - name: Cache Maven Packages\n  - name: Create Admin User',
    '{"users": [{"name": "Grace"}, {"name": "Henry"}]}',
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
    expect(names("What's your last name? Arcuri")).toEqual(['Arcuri']);
    expect(names('{"customer": {"name": "Priya Raghunathan", "plan": "pro"}}')).toEqual(['Priya Raghunathan']);
  });
});

describe('PERSON: title-cased headings, slogans and product names', () => {
  it.each([
    'Slide theme: "Patient Safety First, Always Learning"',
    'Write a tagline like "Member Value, Every Day".',
    'Our motto is "Client Focus, Team Spirit".',
    'Write a slogan: Student First, Future Ready',
    'Make a banner that says Summer Sale Ends Sunday',
    'Poster text: Mark Your Calendars',
    'Our new product line is called Ocean Breeze.',
    'The fundraiser is named Golden Hope Gala.',
    'He won an Oscar and drives a Tesla.',
    'Headline: Every Dollar Counts, Every Voice Matters',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds names that are also words, with evidence', () => {
    expect(names('Our customer Grace Mbeki called twice.')).toEqual(['Grace Mbeki']);
    expect(names('Write a thank-you note to Hope Castellanos.')).toEqual(['Hope Castellanos']);
    expect(names('Mark Brown said he would join.')).toEqual(['Mark Brown']);
    expect(names('Text Mark about the venue.')).toEqual(['Mark']);
    expect(names('a new colleague called Brixton Hale')).toEqual(['Brixton Hale']);
    expect(names('my name is Will')).toEqual(['Will']);
  });
});
