/**
 * The stream masker with the real firewall engine as `find`, on realistic answers: every way of streaming an answer
 * (one character at a time, every split in two, random chunk sizes, token-like chunks) must deliver exactly what
 * masking the whole answer delivers, which also means no character of a secret ever leaves unmasked.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/firewall/engine.js';
import { defaultPolicy } from '../../../src/firewall/policy.js';
import { compileRules } from '../../../src/firewall/rules/compile.js';
import type { RuleStore } from '../../../src/firewall/rules/rule-store.js';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';
import { githubChecksum } from '../../../src/firewall/scanners/secrets/rules/github.js';
import { createStreamMasker, maskText, type MaskFinding } from '../../../src/firewall/stream-masker.js';
import { ALNUM, random } from './secret-fixtures.js';

const engine = createEngine({
  scanners: { pii: createPiiScanner(), secrets: createSecretsScanner(), toxicity: createToxicityScanner() },
  rules: { rules: compileRules([]) } as unknown as RuleStore,
  policy: () => defaultPolicy({ piiAction: 'redact' }),
  scannerBudgetMs: 60_000,
});

/** What the gate looks for in a streamed answer: secrets always, PII when the policy redacts it. */
const finder = (pii: boolean) => (text: string): MaskFinding[] => engine.find(text, pii ? ['secrets', 'pii'] : ['secrets']);

// Assembled at run time from seeded random characters, as the other secret tests do: nothing key-like is stored.
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const AWS_ID = 'AKIA' + random(UPPER, 16, 101);
const AWS_SECRET = random(ALNUM + '+/', 40, 102);
const GITHUB_RANDOM = random(ALNUM, 30, 103);
const GITHUB = 'ghp_' + GITHUB_RANDOM + githubChecksum(GITHUB_RANDOM);
const OPENAI = 'sk-proj-' + random(ALNUM, 40, 104) + 'T3BlbkFJ' + random(ALNUM, 40, 105);
const SLACK = `https://hooks.slack.com/services/T${random(UPPER, 8, 106)}/B${random(UPPER, 10, 107)}/${random(ALNUM, 24, 108)}`;
const PG_PASSWORD = 'Tr0ub4dor&3xK9';
const PEM_BODY = Array.from({ length: 8 }, (_, i) => random(ALNUM + '+/', 64, 110 + i)).join('\n');
const DB_PASSWORD = 'correct horse battery 42';
const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'svc-reporting', iat: 1716239022 })}.${random(ALNUM + '-_', 43, 120)}`;
const LONG_HEADERS = Array.from({ length: 8 }, (_, i) => `-H "X-Trace-Header-${i}: value-number-${i}-for-the-tracing-proxy"`).join(' ');

const ANSWERS: Record<string, { text: string; secrets: string[]; pii?: string[] }> = {
  'AWS key pair in a Python snippet': {
    text: `Sure! Here is a minimal example that uploads a file to S3 with explicit credentials:

\`\`\`python
import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="${AWS_ID}",
    aws_secret_access_key="${AWS_SECRET}",
    region_name="eu-west-1",
)
s3.upload_file("report.pdf", "my-bucket", "reports/report.pdf")
\`\`\`

In production, prefer an IAM role to hard-coded keys.`,
    secrets: [AWS_ID, AWS_SECRET],
  },
  'GitHub token in a shell session and a header': {
    text: `To authenticate the GitHub CLI non-interactively, export the token first:

    export GH_TOKEN=${GITHUB}
    gh repo clone acme/widgets

The API takes it as a header: \`curl -H "Authorization: token ${GITHUB}" https://api.github.com/user\`.`,
    secrets: [GITHUB],
  },
  'PEM private key': {
    text: `Save this as \`deploy_key\` and run \`chmod 600 deploy_key\`:

-----BEGIN RSA PRIVATE KEY-----
${PEM_BODY}
-----END RSA PRIVATE KEY-----

Then add the public half to the server's authorized_keys file.`,
    secrets: [PEM_BODY.slice(0, 64), PEM_BODY.slice(-64), '-----BEGIN RSA PRIVATE KEY-----\nzfx'],
  },
  'Postgres URL with a password': {
    text: `Put the connection string in your \`.env\` file:

DATABASE_URL=postgres://orders_app:${PG_PASSWORD}@db.internal.acme.io:5432/orders

Then run \`npm run migrate\` to create the tables.`,
    secrets: [PG_PASSWORD],
  },
  'export OPENAI_API_KEY': {
    text: `Add the key to your shell profile, then start the script:

export OPENAI_API_KEY=${OPENAI}
python chat.py --model gpt-4o

Never commit it to git.`,
    secrets: [OPENAI],
  },
  'Slack webhook in a curl command': {
    text: `Post alerts to Slack with an incoming webhook:

curl -X POST -H 'Content-type: application/json' --data '{"text":"Deploy finished"}' ${SLACK}

The channel then shows "Deploy finished".`,
    secrets: [SLACK.slice('https://'.length)],
  },
  'quoted password with spaces, and the literal written first': {
    text: `In \`settings.py\` the values are plain strings:

DB_PASSWORD = "${DB_PASSWORD}"
if ("Zq9!vT2#wLp7" === password) { unlock(); }

Rotate both after the demo.`,
    secrets: [DB_PASSWORD, 'Zq9!vT2#wLp7'],
  },
  'a Kubernetes Secret manifest': {
    text: `Store the CI credentials as a Secret:

apiVersion: v1
kind: Secret
metadata:
  name: ci-credentials
  annotations:
    owner: platform-team
    description: credentials the CI pipeline uses to query the status endpoint of every service
    rotation: every ninety days, by the on-call engineer of the platform team
type: Opaque
stringData:
  username: deploy
  password: Hx7#kP2qZ9wL and more
---
Apply it with kubectl apply -f secret.yaml.`,
    secrets: ['Hx7#kP2qZ9wL'],
  },
  'YAML config, a bearer header and a password in prose': {
    text: `The service reads \`config.yaml\`:

database:
  host: db.internal.acme.io
  user: reporting
  password:   Hx7#kP2qZ9wL

Requests carry the token in a header:

Authorization: Bearer ${JWT}

If you are asked, my password is Qm4$vN8!rT2x and it expires Friday.`,
    secrets: ['Hx7#kP2qZ9wL', JWT, 'Qm4$vN8!rT2x'],
  },
  'curl basic auth far along a long command line': {
    text: `The full command, with every tracing header the proxy wants:

curl -s ${LONG_HEADERS} -u deploy:Hx7#kP2qZ9wL https://ci.acme.io/api/status

It prints the pipeline status as JSON.`,
    secrets: ['Hx7#kP2qZ9wL'],
  },
  'PII that needs context words before and after': {
    text: `For bookings, phone 699 956 915 before noon. Lena Andersson said the invoice is paid; her colleague is Tomasz Wiśniewski. Hi, my name is lena andersson and I was born on 12/03/1988.`,
    secrets: [],
    pii: ['699 956 915', 'Andersson', 'Wiśniewski', '12/03/1988'],
  },
  'credit card, phone and email (PII)': {
    text: `Your order was charged to the Visa card 4539 1488 0343 6467, expiring 12/27. For questions call +1 (555) 123-4567 or write to jane.doe@acme-mail.com. Ms Jane van Dyke will reply within two days.`,
    secrets: [],
    pii: ['4539 1488 0343 6467', '(555) 123-4567', 'jane.doe@acme-mail.com'],
  },
};

function stream(text: string, chunks: string[], pii: boolean): string {
  const m = createStreamMasker({ find: finder(pii), pii });
  let out = '';
  for (const c of chunks) out += m.push(c);
  return out + m.flush();
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomChunks(text: string, next: () => number, min: number, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = min + Math.floor(next() * (max - min + 1));
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Chunks shaped like an LLM's tokens: a word with its leading space, punctuation alone, long words in pieces. */
function tokenChunks(text: string, next: () => number): string[] {
  const pieces = text.match(/ ?[A-Za-z]+|\s+|[0-9]{1,3}|./gsu) ?? [];
  const out: string[] = [];
  for (const p of pieces) {
    for (let i = 0; i < p.length; ) {
      const n = 1 + Math.floor(next() * 20);
      out.push(p.slice(i, i + n));
      i += n;
    }
  }
  return out;
}

for (const pii of [false, true]) {
  describe(`stream masker with the real scanners (${pii ? 'secrets + PII: redact mode' : 'secrets only'})`, () => {
    const find = finder(pii);
    for (const [name, a] of Object.entries(ANSWERS)) {
      describe(name, () => {
        const expected = maskText(a.text, find(a.text));

        it('masks the whole answer as intended', () => {
          for (const s of a.secrets) expect(expected).not.toContain(s);
          for (const p of a.pii ?? []) {
            if (pii) expect(expected).not.toContain(p);
            else expect(expected).toContain(p);
          }
        });

        it('delivers the same text streamed one character at a time', () => {
          expect(stream(a.text, [...a.text], pii)).toBe(expected);
        });

        it('delivers the same text for every split in two', () => {
          for (let i = 0; i <= a.text.length; i++) {
            const got = stream(a.text, [a.text.slice(0, i), a.text.slice(i)], pii);
            if (got !== expected) expect({ split: i, got }).toEqual({ split: i, got: expected });
          }
        });

        it('delivers the same text for random chunk sizes and token-like chunks', () => {
          for (let seed = 1; seed <= 40; seed++) {
            const next = rng(seed);
            const chunks = seed % 2 ? randomChunks(a.text, next, 1, 1 + Math.floor(next() * 64)) : tokenChunks(a.text, next);
            const got = stream(a.text, chunks, pii);
            if (got !== expected) expect({ seed, got }).toEqual({ seed, got: expected });
          }
        });

        it('never releases a character of a secret before it is masked', () => {
          const m = createStreamMasker({ find, pii });
          let out = '';
          for (const c of [...a.text]) {
            out += m.push(c);
            for (const s of [...a.secrets, ...(pii ? a.pii ?? [] : [])]) expect(out).not.toContain(s);
            expect(expected.startsWith(out)).toBe(true);
          }
        });
      });
    }
  });
}

describe('stream masker with the real scanners: what ordinary prose waits for', () => {
  const PROSE =
    'Streaming keeps the first token fast. The model writes a few characters at a time, and the gateway passes ' +
    "them on as soon as it knows they cannot be part of a secret. It doesn't wait for the end of the answer: only " +
    'the word still being written stays behind, so the reader sees the text as it is produced.\nThat is all.';

  it('secrets only: no more than the trailing partial word is held after any push', () => {
    for (const seed of [1, 2, 3]) {
      const m = createStreamMasker({ find: finder(false), pii: false });
      let pushed = '';
      let out = '';
      for (const c of tokenChunks(PROSE, rng(seed))) {
        pushed += c;
        out += m.push(c);
        // The word still being written: the trailing run of non-whitespace.
        expect(pushed.length - out.length).toBeLessThanOrEqual(pushed.length - pushed.search(/\S*$/));
      }
      expect(out + m.flush()).toBe(PROSE);
    }
  });

  it('secrets + PII: a capitalised word waits for the two words after it, nothing more', () => {
    const m = createStreamMasker({ find: finder(true), pii: true });
    let pushed = '';
    let out = '';
    for (const c of tokenChunks(PROSE, rng(4))) {
      pushed += c;
      out += m.push(c);
      const held = pushed.slice(out.length).trim();
      if (held.split(/\s+/).length > 3) expect(held).toBe('at most three words');
    }
    expect(out + m.flush()).toBe(PROSE);
  });
});

describe('stream masker with the real scanners: a PEM block longer than maxHoldChars', () => {
  it('masks what it must let go of (the key as cut off so far), and holds no more than the limit', () => {
    const text = ANSWERS['PEM private key']!.text;
    const m = createStreamMasker({ find: finder(false), pii: false, maxHoldChars: 200 });
    let pushed = '';
    let out = '';
    for (const c of text) {
      pushed += c;
      out += m.push(c);
      expect(pushed.length - out.length).toBeLessThanOrEqual(200 + 64);
    }
    out += m.flush();
    expect(out).toMatch(/\[private-key -----BEGIN RSA PRIVATE KEY-----\[\d+ chars redacted\]\]/);
    for (const line of PEM_BODY.split('\n').slice(0, 2)) expect(out).not.toContain(line);
  });
});
