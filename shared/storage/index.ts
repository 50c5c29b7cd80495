/** Object Storage port (domain code imports only the types) and its OCI adapter. */
export type { CreatedPar, ObjectHead, ObjectPage, ObjectStore, ObjectSummary, ParAccess } from './port.ts';
