import type { Extractor } from '../extractor.js';
import { gradleLockfileExtractor } from './gradle-lockfile.js';
import { pomXmlExtractor } from './pom-xml.js';

/** Java (Maven ecosystem): declared dependencies of pom.xml, and Gradle's dependency lockfiles. */
export const mavenExtractors: Extractor[] = [pomXmlExtractor, gradleLockfileExtractor];
