import type { Extractor } from '../extractor.js';
import { pdmLockExtractor } from './pdm-lock.js';
import { pipfileLockExtractor } from './pipfile-lock.js';
import { poetryLockExtractor } from './poetry-lock.js';
import { requirementsExtractor } from './requirements.js';
import { uvLockExtractor } from './uv-lock.js';

/** Python (PyPI): the lockfiles of poetry, pipenv, uv and pdm, and pip requirements files. */
export const pypiExtractors: Extractor[] = [
  poetryLockExtractor,
  pipfileLockExtractor,
  uvLockExtractor,
  pdmLockExtractor,
  requirementsExtractor,
];
