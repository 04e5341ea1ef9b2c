import type { SecretRule } from '../rule.js';
import { genericRules } from './generic.js';

export const BUILTIN_RULES: SecretRule[] = [...genericRules];
