/**
 * The emulator's internal event bus. Providers publish OCI Events envelopes (CloudEvents 0.1,
 * reference §4) here; the Events router (local-cloud/events) subscribes and delivers them to
 * the functions its rules name.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';

export interface OciEventEnvelope {
  eventType: string;
  cloudEventsVersion: '0.1';
  eventTypeVersion: '2.0';
  source: string;
  eventTime: string;
  contentType: 'application/json';
  data: {
    compartmentId: string;
    compartmentName?: string;
    resourceName: string;
    resourceId: string;
    availabilityDomain?: string;
    freeformTags?: Record<string, string>;
    definedTags?: Record<string, Record<string, unknown>>;
    additionalDetails?: Record<string, unknown>;
  };
  eventID: string;
  extensions: { compartmentId: string };
}

export type EventListener = (event: OciEventEnvelope) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  publish(event: OciEventEnvelope): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

export function makeEnvelope(o: {
  eventType: string;
  source: string;
  compartmentId: string;
  compartmentName?: string;
  resourceName: string;
  resourceId: string;
  additionalDetails?: Record<string, unknown>;
  freeformTags?: Record<string, string>;
  now?: number;
}): OciEventEnvelope {
  return {
    eventType: o.eventType,
    cloudEventsVersion: '0.1',
    eventTypeVersion: '2.0',
    source: o.source,
    eventTime: new Date(o.now ?? Date.now()).toISOString(),
    contentType: 'application/json',
    data: {
      compartmentId: o.compartmentId,
      ...(o.compartmentName ? { compartmentName: o.compartmentName } : {}),
      resourceName: o.resourceName,
      resourceId: o.resourceId,
      availabilityDomain: 'IAD-AD-1',
      ...(o.freeformTags ? { freeformTags: o.freeformTags } : {}),
      ...(o.additionalDetails ? { additionalDetails: o.additionalDetails } : {}),
    },
    eventID: randomUUID(),
    extensions: { compartmentId: o.compartmentId },
  };
}
