import { describe, expect, it } from 'vitest';
import { githubChecksum } from '../../src/firewall/scanners/secrets/rules/github.js';
import { API_KEY_LENGTH, checksumValid, displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from '../../src/auth/api-keys/key-format.js';

describe('API key format', () => {
  it('is moolai_sk_, 32 random base62 characters and a 6-character checksum', () => {
    const { key, prefix } = generateApiKey();
    expect(key).toMatch(/^moolai_sk_[0-9A-Za-z]{38}$/);
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(prefix).toBe(key.slice(0, 16));
    expect(displayPrefix(key)).toBe(prefix);
    expect(looksLikeApiKey(key)).toBe(true);
    expect(checksumValid(key)).toBe(true);
  });

  it('never repeats and uses the whole alphabet', () => {
    const keys = Array.from({ length: 500 }, () => generateApiKey().key);
    expect(new Set(keys).size).toBe(keys.length);
    const seen = new Set(keys.flatMap((k) => [...k.slice(10, 42)]));
    expect(seen.size).toBe(62);
  });

  it("is GitHub's checksum: CRC32 of the random part in base62", () => {
    const { key } = generateApiKey();
    expect(key.slice(42)).toBe(githubChecksum(key.slice(10, 42)));
  });

  it('the checksum catches any single changed character', () => {
    const { key } = generateApiKey();
    for (let i = 10; i < key.length; i++) {
      const c = key[i] === 'a' ? 'b' : 'a';
      expect(checksumValid(key.slice(0, i) + c + key.slice(i + 1)), `position ${i}`).toBe(false);
    }
  });

  it('refuses wrong prefixes, lengths and characters before looking at the checksum', () => {
    const { key } = generateApiKey();
    expect(looksLikeApiKey('moolai_pk_' + key.slice(10))).toBe(false);
    expect(looksLikeApiKey(key + 'x')).toBe(false);
    expect(looksLikeApiKey(key.slice(0, -1))).toBe(false);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
    expect(checksumValid(key.slice(0, 20) + '-' + key.slice(21))).toBe(false);
    expect(checksumValid('')).toBe(false);
  });

  it('hashes to stable SHA-256 hex, different per key', () => {
    const { key } = generateApiKey();
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(generateApiKey().key));
    // A known vector, so the stored hashes stay comparable across releases.
    expect(hashApiKey('moolai_sk_test')).toBe('1ec208320c75d694abfd73ac60baede2e205577738989fb5b7b5ea7210f25d72');
  });
});
