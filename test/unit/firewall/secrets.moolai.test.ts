import { describe, expect, it } from 'vitest';
import { generateApiKey } from '../../../src/auth/api-keys/key-format.js';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, random } from './secret-fixtures.js';

const scanner = createSecretsScanner();

describe("secrets scanner: this gateway's own API keys", () => {
  it('finds a real key with high confidence, wherever it is pasted', () => {
    const { key, prefix } = generateApiKey();
    for (const text of [
      key,
      `OPENAI_API_KEY=${key}`,
      `client = OpenAI(base_url="http://gw/v1", api_key="${key}")`,
      `curl -H "Authorization: Bearer ${key}" http://gw/v1/models`,
      `my key is ${key}, why does it fail?`,
    ]) {
      const findings = scanner.scan(text);
      expect(findings.map((f) => f.type), text).toEqual(['moolai-api-key']);
      const [f] = findings;
      expect(text.slice(f!.start, f!.end)).toBe(key);
      expect(f!.score).toBe(0.99);
      expect(f!.masked.startsWith(prefix)).toBe(true);
      expect(f!.masked).not.toContain(key.slice(prefix.length));
    }
  });

  it('a look-alike whose checksum fails is not claimed as one of our keys', () => {
    const lookalike = 'moolai_sk_' + random(ALNUM, 38, 41);
    expect(scanner.scan(`see ${lookalike} here`)).toEqual([]);
    // In an assignment the generic rule still judges it like any other random value, at its own confidence.
    const findings = scanner.scan(`key: ${lookalike}`);
    expect(findings.map((f) => f.type)).toEqual(['generic-secret']);
    expect(findings[0]!.score).toBeLessThan(0.99);
  });

  it('ignores wrong lengths, glued words, placeholders and the bare prefix', () => {
    const { key } = generateApiKey();
    expect(scanner.scan(key.slice(0, -1))).toEqual([]);
    expect(scanner.scan(key + 'x')).toEqual([]);
    expect(scanner.scan('x' + key)).toEqual([]);
    expect(scanner.scan('moolai_sk_' + 'X'.repeat(38))).toEqual([]);
    expect(scanner.scan('Keys look like moolai_sk_… and are shown once.')).toEqual([]);
  });

  it('finds every key in a text', () => {
    const keys = [generateApiKey().key, generateApiKey().key, generateApiKey().key];
    const findings = scanner.scan(keys.join('\n'));
    expect(findings.map((f) => f.score)).toEqual([0.99, 0.99, 0.99]);
  });
});
