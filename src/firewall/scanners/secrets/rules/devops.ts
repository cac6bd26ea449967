import { anchoredRule } from '../regex-rule.js';
import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

/** Infrastructure and developer-platform tokens recognised by their documented prefixes. */
export const devopsRules: readonly SecretRule[] = [
  tokenRule({ id: 'digitalocean-token', prefix: ['dop_v1_', 'doo_v1_', 'dor_v1_'], body: '[a-f0-9]{64}' }),
  tokenRule({ id: 'sentry-org-token', prefix: 'sntrys_eyJ', body: '[A-Za-z0-9+/=]{50,600}_[A-Za-z0-9+/]{43}' }),
  tokenRule({ id: 'sentry-user-token', prefix: 'sntryu_', body: '[a-f0-9]{64}' }),
  tokenRule({
    id: 'doppler-token',
    prefix: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    body: '[A-Za-z0-9]{40,44}',
    minEntropy: 3.5,
  }),
  tokenRule({ id: 'linear-api-key', prefix: 'lin_api_', body: '[A-Za-z0-9]{40}', minEntropy: 3.5 }),
  tokenRule({
    id: 'planetscale-token',
    prefix: ['pscale_tkn_', 'pscale_oauth_', 'pscale_pw_'],
    body: '[A-Za-z0-9_.=-]{32,64}',
    minEntropy: 3.5,
  }),
  tokenRule({ id: 'databricks-api-token', prefix: 'dapi', body: '[a-f0-9]{32}(?:-\\d)?', minEntropy: 3 }),
  tokenRule({ id: 'grafana-cloud-token', prefix: 'glc_', body: '[A-Za-z0-9+/]{32,400}={0,2}', minEntropy: 3.5 }),
  tokenRule({ id: 'grafana-service-account-token', prefix: 'glsa_', body: '[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', minEntropy: 3.5 }),
  tokenRule({ id: 'vault-token', prefix: 'hvs.', body: '[A-Za-z0-9_-]{90,120}', minEntropy: 3.5 }),
  tokenRule({ id: 'vault-token', prefix: 'hvb.', body: '[A-Za-z0-9_-]{138,300}', minEntropy: 3.5 }),
  anchoredRule({
    id: 'terraform-cloud-token',
    keywords: ['.atlasv1.'],
    offset: 14,
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/y,
    score: 0.95,
    minEntropy: 3.5,
  }),
  tokenRule({ id: '1password-service-account-token', prefix: 'ops_eyJ', body: '[A-Za-z0-9+/=_-]{250,4000}' }),
  tokenRule({
    id: '1password-secret-key',
    prefix: 'A3-',
    body: '[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}',
    minEntropy: 3,
  }),
  tokenRule({ id: 'age-secret-key', prefix: 'AGE-SECRET-KEY-1', body: '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}' }),
  tokenRule({ id: 'flyio-access-token', prefix: 'fo1_', body: '[A-Za-z0-9_-]{43}', minEntropy: 3.5 }),
  tokenRule({ id: 'flyio-access-token', prefix: ['FlyV1 fm1r_', 'FlyV1 fm1a_', 'FlyV1 fm2_'], keywords: ['flyv1 fm'], body: '[A-Za-z0-9+/=_,-]{100,4000}', minEntropy: 4 }),
  tokenRule({
    id: 'sourcegraph-access-token',
    prefix: ['sgp_', 'sgp_local_'],
    body: '(?:[a-fA-F0-9]{16}_)?[a-fA-F0-9]{40}',
    minEntropy: 3,
  }),
  tokenRule({ id: 'grafana-api-key', prefix: 'eyJrIjoi', body: '[A-Za-z0-9]{70,400}={0,2}', minEntropy: 3.5 }),
  anchoredRule({
    id: 'sidekiq-secret',
    keywords: ['__contribsys__com'],
    start: (text, hit) => {
      const from = Math.max(0, hit - 24);
      const i = text.slice(from, hit).lastIndexOf('BUNDLE_');
      return i === -1 ? -1 : from + i;
    },
    pattern: /BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["']?\s{0,4}[:=]{1,2}\s{0,4}["']?([a-f0-9]{8}:[a-f0-9]{8})(?![a-f0-9])/dy,
    score: 0.9,
  }),
  tokenRule({ id: 'prefect-api-token', prefix: 'pnu_', body: '[A-Za-z0-9]{36}', minEntropy: 3.5 }),
  tokenRule({ id: 'postman-api-token', prefix: 'PMAK-', body: '[a-f0-9]{24}-[a-f0-9]{34}' }),
  tokenRule({ id: 'new-relic-key', prefix: ['NRAK-', 'NRII-', 'NRJS-', 'NRAA-'], body: '[A-Za-z0-9]{19,32}', minEntropy: 3 }),
  tokenRule({ id: 'dynatrace-api-token', prefix: 'dt0c01.', body: '[A-Z0-9]{24}\\.[A-Z0-9]{64}' }),
  tokenRule({ id: 'heroku-api-key', prefix: 'HRKU-', body: '[A-Za-z0-9_-]{58,60}', minEntropy: 3.5 }),
  tokenRule({ id: 'alibaba-access-key-id', prefix: 'LTAI', body: '[A-Za-z0-9]{20}', minEntropy: 3.5 }),
  tokenRule({ id: 'atlassian-api-token', prefix: 'ATATT3', body: '[A-Za-z0-9_=-]{150,250}', minEntropy: 4 }),
  tokenRule({ id: 'cloudflare-origin-ca-key', prefix: 'v1.0-', body: '[a-f0-9]{24}-[a-f0-9]{146}' }),
  tokenRule({ id: 'infracost-api-token', prefix: 'ico-', body: '[A-Za-z0-9]{32}', minEntropy: 3.5 }),
  tokenRule({ id: 'adobe-client-secret', prefix: 'p8e-', body: '[A-Za-z0-9]{32}', minEntropy: 3.5 }),
  tokenRule({ id: 'intra42-client-secret', prefix: ['s-s4t2ud-', 's-s4t2af-'], body: '[a-f0-9]{64}' }),
  tokenRule({ id: 'scalingo-api-token', prefix: 'tk-us-', body: '[A-Za-z0-9_-]{48}', minEntropy: 3.5 }),
  tokenRule({ id: 'openshift-user-token', prefix: 'sha256~', body: '[A-Za-z0-9_-]{43}', minEntropy: 3.5 }),
  tokenRule({ id: 'clickhouse-cloud-secret-key', prefix: '4b1d', body: '[A-Za-z0-9]{38}', minEntropy: 4 }),
];
