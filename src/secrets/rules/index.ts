import type { SecretRule } from '../rule.js';
import { aiRules } from './ai.js';
import { cloudRules } from './cloud.js';
import { databasesRules } from './databases.js';
import { genericRules } from './generic.js';
import { messagingRules } from './messaging.js';
import { observabilityRules } from './observability.js';
import { paymentRules } from './payment.js';
import { privateKeysRules } from './private-keys.js';
import { registriesRules } from './registries.js';
import { sourceHostsRules } from './source-hosts.js';
import { tokensRules } from './tokens.js';

/**
 * Every built-in secret rule. Vendor catalogues first, then the cross-vendor formats (JWT, URL credentials,
 * HTTP auth headers), then the generic rules.
 */
export const BUILTIN_RULES: SecretRule[] = [
  ...cloudRules,
  ...sourceHostsRules,
  ...registriesRules,
  ...paymentRules,
  ...messagingRules,
  ...aiRules,
  ...observabilityRules,
  ...databasesRules,
  ...privateKeysRules,
  ...tokensRules,
  ...genericRules,
];
