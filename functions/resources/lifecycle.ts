/**
 * The GraphQL `LifecycleState` enum (schema/resources/enums.graphql): every state the listed OCI kinds
 * use. OCI can add states (the SDK reads them as UNKNOWN_VALUE); the API answers those as UNKNOWN
 * rather than failing the whole list on an enum it cannot serialise.
 */
export const LIFECYCLE_STATES = [
  'CREATING',
  'PROVISIONING',
  'ACTIVE',
  'AVAILABLE',
  'RUNNING',
  'STARTING',
  'STOPPING',
  'STOPPED',
  'MOVING',
  'CREATING_IMAGE',
  'UPDATING',
  'TERMINATING',
  'TERMINATED',
  'DELETING',
  'DELETED',
  'FAILED',
  'INACTIVE',
  'NEEDS_ATTENTION',
  'UNAVAILABLE',
  'RESTORE_IN_PROGRESS',
  'RESTORE_FAILED',
  'BACKUP_IN_PROGRESS',
  'SCALE_IN_PROGRESS',
  'AVAILABLE_NEEDS_ATTENTION',
  'MAINTENANCE_IN_PROGRESS',
  'RESTARTING',
  'RECREATING',
  'ROLE_CHANGE_IN_PROGRESS',
  'UPGRADING',
  'INACCESSIBLE',
  'STANDBY',
  'TRANSPORTING',
  'UNKNOWN',
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

const KNOWN: ReadonlySet<string> = new Set(LIFECYCLE_STATES);

/** The enum value of an OCI lifecycle state: itself when the enum has it, else UNKNOWN. */
export const lifecycleStateOf = (state: string): LifecycleState =>
  KNOWN.has(state) ? (state as LifecycleState) : 'UNKNOWN';

/** Backend set health statuses (`BackendSetHealthStatus`); anything else is UNKNOWN. */
export const BACKEND_SET_HEALTH = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;
export const backendSetHealthOf = (status: string): (typeof BACKEND_SET_HEALTH)[number] =>
  (BACKEND_SET_HEALTH as readonly string[]).includes(status)
    ? (status as (typeof BACKEND_SET_HEALTH)[number])
    : 'UNKNOWN';
