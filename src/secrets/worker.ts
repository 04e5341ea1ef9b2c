import { workerData } from 'piscina';
import { SecretEngine } from './engine.js';
import type { SecretRuleSet } from './rule.js';
import { runSecretTask, type SecretTask, type SecretTaskResult } from './task.js';

// One engine per thread, compiled once from the rule set the pool was created with.
const engine = new SecretEngine(workerData as SecretRuleSet);

export default function scanTask(task: SecretTask): SecretTaskResult {
  return runSecretTask(engine, task);
}
