/**
 * OCI Events envelope (CloudEvents 0.1, reference §4): validation and the Object Storage view.
 * Validation is strict on what we rely on and lenient on the rest, and every failure is a
 * `BadUserInputError` naming the offending field.
 */
import { BadUserInputError } from '../errors.ts';

/** `data` of an OCI event. Object Storage puts namespace/bucket/eTag in `additionalDetails`. */
export interface OciEventData {
  compartmentId?: string;
  compartmentName?: string;
  resourceName?: string;
  resourceId?: string;
  availabilityDomain?: string;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  additionalDetails?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An OCI event, CloudEvents 0.1 envelope. */
export interface OciEvent {
  cloudEventsVersion: '0.1';
  eventType: string;
  eventTypeVersion?: string;
  source: string;
  eventTime: string;
  eventID: string;
  contentType?: string;
  data: OciEventData;
  extensions?: { compartmentId?: string; [key: string]: unknown };
}

/** An Object Storage object event reduced to what handlers need. */
export interface ObjectEvent {
  action: 'create' | 'update' | 'delete';
  namespace: string;
  bucket: string;
  objectName: string;
  eTag?: string;
  versionId?: string;
}

const OBJECT_EVENT_PREFIX = 'com.oraclecloud.objectstorage.';
const OBJECT_ACTIONS: Record<string, ObjectEvent['action']> = {
  createobject: 'create',
  updateobject: 'update',
  deleteobject: 'delete',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireString(obj: Record<string, unknown>, key: string, where = 'event'): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '')
    throw new BadUserInputError(`${where}.${key} must be a non-empty string`);
  return v;
}

function optionalString(obj: Record<string, unknown>, key: string, where = 'event'): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BadUserInputError(`${where}.${key} must be a string`);
  return v;
}

/** True when a parsed body looks like an event (has both envelope markers), valid or not. */
export function looksLikeEvent(raw: unknown): boolean {
  return isRecord(raw) && 'cloudEventsVersion' in raw && 'eventType' in raw;
}

/**
 * Validate a parsed JSON body as an OCI CloudEvents 0.1 envelope.
 * @throws BadUserInputError with a message naming the first invalid field.
 */
export function parseOciEvent(raw: unknown): OciEvent {
  if (!isRecord(raw)) throw new BadUserInputError('event must be a JSON object (CloudEvents 0.1 envelope)');
  const version = raw.cloudEventsVersion;
  if (version !== '0.1') {
    throw new BadUserInputError(`event.cloudEventsVersion must be "0.1", got ${JSON.stringify(version) ?? 'nothing'}`);
  }
  const eventType = requireString(raw, 'eventType');
  const source = requireString(raw, 'source');
  const eventID = requireString(raw, 'eventID');
  const eventTime = requireString(raw, 'eventTime');
  if (Number.isNaN(Date.parse(eventTime))) throw new BadUserInputError('event.eventTime must be an RFC 3339 timestamp');
  const eventTypeVersion = optionalString(raw, 'eventTypeVersion');
  const contentType = optionalString(raw, 'contentType');
  const data = raw.data ?? {};
  if (!isRecord(data)) throw new BadUserInputError('event.data must be a JSON object');
  if (data.additionalDetails !== undefined && !isRecord(data.additionalDetails)) {
    throw new BadUserInputError('event.data.additionalDetails must be a JSON object');
  }
  for (const key of ['compartmentId', 'resourceName', 'resourceId']) optionalString(data, key, 'event.data');
  const extensions = raw.extensions;
  if (extensions !== undefined && !isRecord(extensions))
    throw new BadUserInputError('event.extensions must be a JSON object');
  const event: OciEvent = {
    cloudEventsVersion: '0.1',
    eventType,
    source,
    eventID,
    eventTime,
    data: data as OciEventData,
  };
  if (eventTypeVersion !== undefined) event.eventTypeVersion = eventTypeVersion;
  if (contentType !== undefined) event.contentType = contentType;
  if (extensions !== undefined) event.extensions = extensions as OciEvent['extensions'];
  return event;
}

/** Split `/n/<ns>/b/<bucket>/o/<object>` (the object part may itself contain `/`). */
function parseResourceId(resourceId: string | undefined): { namespace?: string; bucket?: string; objectName?: string } {
  const m = resourceId ? /^\/n\/([^/]+)\/b\/([^/]+)\/o\/(.+)$/.exec(resourceId) : null;
  return m ? { namespace: m[1], bucket: m[2], objectName: m[3] } : {};
}

/**
 * View an Object Storage object event (`com.oraclecloud.objectstorage.{create,update,delete}object`).
 * Namespace and bucket come from `data.additionalDetails`, falling back to `data.resourceId`;
 * the object name from `data.resourceName` (not URL-encoded in real events).
 * @throws BadUserInputError for other event types or missing fields.
 */
export function objectEventOf(e: OciEvent): ObjectEvent {
  const suffix = e.eventType.startsWith(OBJECT_EVENT_PREFIX) ? e.eventType.slice(OBJECT_EVENT_PREFIX.length) : '';
  const action = OBJECT_ACTIONS[suffix];
  if (!action) throw new BadUserInputError(`event type "${e.eventType}" is not an Object Storage object event`);
  const details = e.data.additionalDetails ?? {};
  const fromPath = parseResourceId(e.data.resourceId);
  const namespace = (typeof details.namespace === 'string' && details.namespace) || fromPath.namespace;
  const bucket = (typeof details.bucketName === 'string' && details.bucketName) || fromPath.bucket;
  const objectName = e.data.resourceName || fromPath.objectName;
  if (!namespace) throw new BadUserInputError('object event has no namespace (data.additionalDetails.namespace)');
  if (!bucket) throw new BadUserInputError('object event has no bucket (data.additionalDetails.bucketName)');
  if (!objectName) throw new BadUserInputError('object event has no object name (data.resourceName)');
  const out: ObjectEvent = { action, namespace, bucket, objectName };
  if (typeof details.eTag === 'string' && details.eTag) out.eTag = details.eTag;
  if (typeof details.versionId === 'string' && details.versionId) out.versionId = details.versionId;
  return out;
}
