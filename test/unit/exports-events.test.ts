/** Which job an OCI event names (functions/exports/events.ts), and the input rules of model.ts. */
import { describe, expect, it } from 'vitest';
import { parseOciEvent } from '#shared/fn/index.ts';
import { hintOf } from '../../functions/exports/events.ts';
import {
  defaultImageName,
  objectNameOf,
  overallPercent,
  stepRetryToken,
  requirePrefix,
} from '../../functions/exports/model.ts';
import { objectEventFixture } from '../helpers/fn-context.ts';

const imageEvent = (eventType: string, data: Record<string, unknown>) =>
  parseOciEvent({
    eventType,
    cloudEventsVersion: '0.1',
    eventTypeVersion: '2.0',
    source: 'ComputeApi',
    eventTime: '2024-05-01T10:00:00Z',
    contentType: 'application/json',
    eventID: 'e1',
    extensions: { compartmentId: 'ocid1.compartment.oc1..c' },
    data: { compartmentId: 'ocid1.compartment.oc1..c', ...data },
  });

describe('exports events', () => {
  it('an object create/update event names the bucket and object; a delete is ignored', () => {
    expect(hintOf(parseOciEvent(objectEventFixture()))).toEqual({
      kind: 'object',
      bucket: 'src_bucket',
      objectName: 'dir/sintel 1.mp4',
    });
    expect(
      hintOf(parseOciEvent(objectEventFixture({ eventType: 'com.oraclecloud.objectstorage.updateobject' }))),
    ).toMatchObject({ kind: 'object' });
    expect(
      hintOf(parseOciEvent(objectEventFixture({ eventType: 'com.oraclecloud.objectstorage.deleteobject' }))),
    ).toBeUndefined();
  });

  it('an image event names the image and the exportJobId tag', () => {
    expect(
      hintOf(
        imageEvent('com.oraclecloud.computeapi.createimage.end', {
          resourceId: 'ocid1.image.oc1..i',
          freeformTags: { exportJobId: 'exp1' },
        }),
      ),
    ).toEqual({ kind: 'image', imageId: 'ocid1.image.oc1..i', taggedJobId: 'exp1' });
    expect(
      hintOf(
        imageEvent('com.oraclecloud.computeapi.exportimage.end', {
          additionalDetails: { imageId: 'ocid1.image.oc1..j' },
        }),
      ),
    ).toEqual({ kind: 'image', imageId: 'ocid1.image.oc1..j' });
    expect(
      hintOf(imageEvent('com.oraclecloud.computeapi.launchinstance.end', { resourceId: 'ocid1.instance.oc1..x' })),
    ).toBeUndefined();
  });
});

describe('exports model', () => {
  it('retry tokens are stable per job and step, and differ between them', () => {
    expect(stepRetryToken('a', 'create-image')).toBe(stepRetryToken('a', 'create-image'));
    expect(stepRetryToken('a', 'create-image')).not.toBe(stepRetryToken('a', 'export-image'));
    expect(stepRetryToken('a', 'create-image')).not.toBe(stepRetryToken('b', 'create-image'));
    expect(stepRetryToken('a', 'create-image').length).toBeLessThanOrEqual(64);
  });

  it('progress is monotonic across the steps', () => {
    const seq = [
      overallPercent('PENDING'),
      overallPercent('CREATING_IMAGE', 0),
      overallPercent('CREATING_IMAGE', 100),
      overallPercent('EXPORTING', 0),
      overallPercent('EXPORTING', 100),
      overallPercent('CLEANING_UP'),
      overallPercent('SUCCEEDED'),
    ];
    expect(seq).toEqual([...seq].sort((a, b) => a - b));
    expect(seq.at(-1)).toBe(100);
  });

  it('names: prefixes, default image names, object names', () => {
    expect(requirePrefix('', 'objectNamePrefix')).toBe('');
    expect(requirePrefix('a/b-c/', 'objectNamePrefix')).toBe('a/b-c/');
    for (const bad of ['a//', './', 'x/./', 'x\\y/', 'x\n/', 'a'.repeat(513) + '/'])
      expect(() => requirePrefix(bad, 'objectNamePrefix')).toThrow(/objectNamePrefix/);
    expect(defaultImageName('  my vm (prod)', Date.parse('2024-05-01T10:20:00Z'))).toBe(
      'my-vm-prod-export-202405011020',
    );
    expect(objectNameOf({ prefix: 'p/', imageName: 'img', jobId: 'exp00abcdefgh0123456789', format: 'VDI' })).toBe(
      'p/img-0123456789.vdi',
    );
  });
});
