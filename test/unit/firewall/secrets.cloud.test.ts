import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, random } from './secret-fixtures.js';

// holds a string that looks like a live credential.
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = `${ALNUM}+/`;

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);
const secretsOf = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('secrets scanner: AWS', () => {
  const keyId = 'AKIA' + random(UPPER_DIGITS, 16, 3);

  it('finds access key ids standing alone and in assignments', () => {
    expect(secretsOf(`my key is ${keyId}, please rotate it`)).toEqual([keyId]);
    expect(types(`aws_access_key_id = ${keyId}`)).toEqual(['aws-access-key-id']);
    expect(types(`"AccessKeyId": "${'ASIA' + random(UPPER_DIGITS, 16, 4)}"`)).toEqual(['aws-access-key-id']);
  });

  it('finds the seed example with a 10-character body through the key-name assignment', () => {
    const text = 'AWS_KEY=' + 'AKIA' + '1234567890';
    const findings = scanner.scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ type: 'aws-access-key-id', start: 8, end: text.length });
  });

  it('finds secret access keys when the key name says aws', () => {
    const secret = random(B64, 40, 5);
    expect(types(`aws_secret_access_key = ${secret}`)).toEqual(['aws-secret-access-key']);
    expect(types(`AWS_SECRET_ACCESS_KEY: "${secret}"`)).toEqual(['aws-secret-access-key']);
  });

  it('ignores lookalikes: lowercase, wrong length, inside a longer word, documentation examples', () => {
    expect(types(keyId.toLowerCase())).toEqual([]);
    expect(types(keyId.slice(0, 12))).toEqual([]);
    expect(types(`X${keyId}Y`)).toEqual([]);
    expect(types('HOLIDAYINASIA' + 'ANDTHEPACIFICREGIONS')).toEqual([]);
    expect(types('aws_access_key_id = AKIA' + 'IOSFODNN7' + 'EXAMPLE')).toEqual([]);
    expect(types('key = AKIA' + 'X'.repeat(16))).toEqual([]);
  });
});

describe('secrets scanner: GCP', () => {
  const apiKey = 'AIza' + random(ALNUM + '-_', 35, 6);

  it('finds API keys', () => {
    expect(secretsOf(`const firebase = { apiKey: "${apiKey}" }`)).toEqual([apiKey]);
    expect(types(`?key=${apiKey}&q=1`)).toEqual(['gcp-api-key']);
  });

  it('types the private key of a service-account JSON file', () => {
    const body = Array.from({ length: 6 }, (_, i) => random(B64, 64, 10 + i)).join('\\n');
    const json =
      `{"type": "service_account", "project_id": "demo", "private_key_id": "${random('0123456789abcdef', 40, 2)}", ` +
      `"private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n", "client_email": "x@y"}`;
    const findings = scanner.scan(json);
    expect(findings.map((f) => f.type)).toContain('gcp-service-account-key');
    const key = findings.find((f) => f.type === 'gcp-service-account-key')!;
    expect(json.slice(key.start, key.end)).toMatch(/^-----BEGIN PRIVATE KEY-----.*-----END PRIVATE KEY-----$/s);
  });

  it('ignores a short or repetitive AIza string', () => {
    expect(types('AIza' + random(ALNUM, 20, 7))).toEqual([]);
    expect(types('apiKey: "AIza' + 'a'.repeat(35) + '"')).toEqual([]);
  });
});

describe('secrets scanner: Azure', () => {
  it('finds storage account keys inside connection strings', () => {
    const key = random(B64, 86, 8) + '==';
    const cs = `DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${key};EndpointSuffix=core.windows.net`;
    expect(secretsOf(cs)).toEqual([key]);
    expect(types(cs)).toEqual(['azure-storage-account-key']);
  });

  it('finds Service Bus shared access keys', () => {
    const key = random(B64, 43, 9) + '=';
    const cs = `Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${key}`;
    expect(types(cs)).toEqual(['azure-connection-string']);
  });

  it('finds Entra ID client secrets by their Q~ marker, in and out of assignments', () => {
    const secret = random(ALNUM, 3, 11) + '8Q~' + random(ALNUM + '_~.-', 34, 12);
    expect(secretsOf(`client_secret=${secret}`)).toEqual([secret]);
    expect(types(`the secret ${secret} expires soon`)).toEqual(['azure-ad-client-secret']);
  });

  it('types SAS signatures only in SAS URLs; other sig= parameters are URL signatures', () => {
    const sig = random(ALNUM, 43, 13) + '%3D';
    const url = `https://demo.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&sig=${sig}`;
    expect(types(url)).toEqual(['azure-sas-token']);
    expect(types(`https://example.com/search?sig=${sig}`)).toEqual(['url-signature']);
  });

  it('ignores placeholder client secrets and tilde art', () => {
    expect(types('client_secret=' + random(ALNUM, 3, 14) + '1Q~' + 'x'.repeat(34))).toEqual([]);
    expect(types('~'.repeat(40))).toEqual([]);
  });
});
