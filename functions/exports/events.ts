/**
 * Which job an OCI event is about. Routed here (Events rules): the exports bucket's object events
 * and the Compute image events. Anything else, or an object we did not export, is ignored.
 */
import { objectEventOf, type OciEvent } from '#shared/fn/index.ts';
import type { EventHint } from './reconcile.ts';

const IMAGE_EVENTS =
  /^com\.oraclecloud\.computeapi\.(createimage\.end|exportimage\.(begin|end)|deleteimage(\.end)?|updateimage)$/;
const OBJECT_EVENTS = /^com\.oraclecloud\.objectstorage\.(createobject|updateobject)$/;

export function hintOf(event: OciEvent): EventHint | undefined {
  if (OBJECT_EVENTS.test(event.eventType)) {
    const o = objectEventOf(event);
    return { kind: 'object', bucket: o.bucket, objectName: o.objectName };
  }
  if (IMAGE_EVENTS.test(event.eventType)) {
    const d = event.data as
      | { resourceId?: unknown; freeformTags?: Record<string, unknown>; additionalDetails?: Record<string, unknown> }
      | undefined;
    const imageId =
      typeof d?.resourceId === 'string'
        ? d.resourceId
        : typeof d?.additionalDetails?.imageId === 'string'
          ? d.additionalDetails.imageId
          : undefined;
    if (!imageId) return undefined;
    const tag = d?.freeformTags?.exportJobId;
    return { kind: 'image', imageId, ...(typeof tag === 'string' ? { taggedJobId: tag } : {}) };
  }
  return undefined;
}
