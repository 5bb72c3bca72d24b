import fs from 'node:fs';
import type { AmersfoortData } from './data';

/**
 * `db/data/amersfoort-2009-classification.json`: the compiler's classification of the 39
 * projects to the book's intervention types (and through them to the ten basic functions of
 * §6.1), each with the section of the book that says what the project does. Projects of which
 * the book does not say what they do are listed as unclassified, with the reason.
 */
export interface ProjectClassification {
  project: string;
  interventionTypes: string[];
  source: string;
  basis: string;
}

export interface UnclassifiedProject {
  project: string;
  source: string;
  reason: string;
}

export interface ClassificationData {
  classification: ProjectClassification[];
  unclassified: UnclassifiedProject[];
}

export function loadClassification(file: string): ClassificationData {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ClassificationData;
}

/**
 * Every problem of the classification against the data set, in words: an entry naming a project
 * or intervention type the data set lacks, an entry without a source or basis, a project listed
 * twice, or a project listed nowhere. Empty when the classification is sound.
 */
export function classificationProblems(data: AmersfoortData, classification: ClassificationData): string[] {
  const projects = new Set(data.projects.map((project) => project.slug));
  const types = new Set(data.interventionTypes.map((type) => type.slug));
  const problems: string[] = [];
  const listed = new Map<string, number>();
  for (const entry of classification.classification) {
    listed.set(entry.project, (listed.get(entry.project) ?? 0) + 1);
    if (!projects.has(entry.project)) problems.push(`classification: unknown project "${entry.project}"`);
    if (entry.interventionTypes.length === 0) problems.push(`classification: "${entry.project}" has no intervention type`);
    for (const type of entry.interventionTypes) {
      if (!types.has(type)) problems.push(`classification: "${entry.project}" names unknown intervention type "${type}"`);
    }
    if (!entry.source?.trim()) problems.push(`classification: "${entry.project}" has no source`);
    if (!entry.basis?.trim()) problems.push(`classification: "${entry.project}" has no basis`);
  }
  for (const entry of classification.unclassified) {
    listed.set(entry.project, (listed.get(entry.project) ?? 0) + 1);
    if (!projects.has(entry.project)) problems.push(`unclassified: unknown project "${entry.project}"`);
    if (!entry.source?.trim() || !entry.reason?.trim()) problems.push(`unclassified: "${entry.project}" needs a source and a reason`);
  }
  for (const [project, times] of listed) if (times > 1) problems.push(`"${project}" is listed ${times} times`);
  for (const project of projects) if (!listed.has(project)) problems.push(`"${project}" is neither classified nor listed as unclassified`);
  return problems;
}

/** (project, intervention type) pairs of the classification; throws when it does not fit the data set. */
export function classificationPairs(data: AmersfoortData, classification: ClassificationData): Array<readonly [string, string]> {
  const problems = classificationProblems(data, classification);
  if (problems.length > 0) throw new Error(`amersfoort seed: ${problems.join('; ')}`);
  return classification.classification.flatMap((entry) => entry.interventionTypes.map((type) => [entry.project, type] as const));
}
