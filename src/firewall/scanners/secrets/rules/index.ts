import type { SecretRule } from '../types.js';
import { aiRules } from './ai.js';
import { awsRules } from './aws.js';
import { azureRules } from './azure.js';
import { cliPasswordRule } from './cli.js';
import { devopsRules } from './devops.js';
import { gcpRules } from './gcp.js';
import { genericAssignmentRule } from './generic/index.js';
import { githubRules } from './github.js';
import { gitlabRules } from './gitlab.js';
import { httpAuthRules } from './http-auth.js';
import { jwtRule } from './jwt.js';
import { kubernetesSecretRule } from './kubernetes.js';
import { messagingRules } from './messaging.js';
import { paymentRules } from './payments.js';
import { powershellPasswordRule } from './powershell.js';
import { privateKeyRule } from './private-key.js';
import { prosePasswordRule } from './prose.js';
import { registryRules } from './registries.js';
import { saasRules } from './saas.js';
import { slackRules } from './slack.js';
import { connectionStringPasswordRule, goDsnRule, urlCredentialRule, urlSignatureRule } from './urls.js';

export const ALL_RULES: readonly SecretRule[] = [
  ...awsRules,
  ...gcpRules,
  ...azureRules,
  ...githubRules,
  ...gitlabRules,
  ...slackRules,
  ...paymentRules,
  ...aiRules,
  ...messagingRules,
  ...registryRules,
  ...devopsRules,
  ...saasRules,
  privateKeyRule,
  jwtRule,
  urlCredentialRule,
  goDsnRule,
  urlSignatureRule,
  connectionStringPasswordRule,
  kubernetesSecretRule,
  ...httpAuthRules,
  cliPasswordRule,
  powershellPasswordRule,
  prosePasswordRule,
  genericAssignmentRule,
];
