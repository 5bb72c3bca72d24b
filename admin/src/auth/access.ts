import type { Viewer } from './viewer';

/**
 * Who may open the comparison, curation and audit pages, as the API allows it
 * (docs/security.md, docs/api-guide.md): the pages ask nothing the API would refuse.
 */
export const access = {
  /** compareAreas is part of the public map. */
  compareAreas: (viewer: Viewer | null) => viewer !== null,
  /** staleRecords / markVerified: admins (everything), organisation users (their own records). */
  verifyRecords: (viewer: Viewer | null) => viewer?.role === 'ADMIN' || viewer?.role === 'ORGANISATION',
  /** changeHistory: every logged-in user. */
  readHistory: (viewer: Viewer | null) => viewer !== null,
  /** CSV imports: key figures for admins and municipality users (their areas); organisations, services and HSDS for admins. */
  importData: (viewer: Viewer | null) => viewer?.role === 'ADMIN' || viewer?.role === 'MUNICIPALITY',
  importAll: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** The NEN 7513 access log: admins only. */
  readAccessLog: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
};
