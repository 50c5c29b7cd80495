import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../shared/errors.ts';
import { looksLikeEvent, objectEventOf, parseOciEvent } from '../../shared/fn/index.ts';
import { objectEventFixture } from '../helpers/fn-context.ts';

describe('parseOciEvent', () => {
  it('accepts the real Object Storage envelope', () => {
    const e = parseOciEvent(objectEventFixture());
    expect(e.eventType).toBe('com.oraclecloud.objectstorage.createobject');
    expect(e.eventID).toBe('cd5c629a-de5e-defa-c88c-993a237aa86e');
    expect(e.extensions?.compartmentId).toBe('ocid1.compartment.oc1..aaaa');
  });

  it.each([
    ['not an object', 'hello', /JSON object/],
    ['wrong version', objectEventFixture({ cloudEventsVersion: '1.0' }), /cloudEventsVersion must be "0.1"/],
    ['missing eventType', objectEventFixture({ eventType: '' }), /eventType/],
    ['missing eventID', objectEventFixture({ eventID: undefined }), /eventID/],
    ['bad eventTime', objectEventFixture({ eventTime: 'yesterday' }), /eventTime/],
    ['data not an object', objectEventFixture({ data: [1] }), /event.data must be/],
    ['resourceName not a string', objectEventFixture({ data: { resourceName: 5 } }), /event.data.resourceName/],
  ])('rejects %s with a BadUserInputError naming the field', (_name, raw, msg) => {
    expect(() => parseOciEvent(raw)).toThrow(BadUserInputError);
    expect(() => parseOciEvent(raw)).toThrow(msg);
  });

  it('recognises event-shaped bodies even when malformed', () => {
    expect(looksLikeEvent({ cloudEventsVersion: 'x', eventType: 1 })).toBe(true);
    expect(looksLikeEvent({ graphql: { query: '{a}' } })).toBe(false);
  });
});

describe('objectEventOf', () => {
  it('maps create/update/delete object events', () => {
    expect(objectEventOf(parseOciEvent(objectEventFixture()))).toEqual({
      action: 'create',
      namespace: 'axhlyht8myu1',
      bucket: 'src_bucket',
      objectName: 'dir/sintel 1.mp4',
      eTag: 'e-1',
      versionId: 'v-1',
    });
    const del = objectEventOf(
      parseOciEvent(objectEventFixture({ eventType: 'com.oraclecloud.objectstorage.deleteobject' })),
    );
    expect(del.action).toBe('delete');
  });

  it('falls back to resourceId when additionalDetails lacks namespace and bucket', () => {
    const e = parseOciEvent(objectEventFixture({ data: { resourceId: '/n/ns1/b/bk/o/a/b.txt' } }));
    expect(objectEventOf(e)).toEqual({ action: 'create', namespace: 'ns1', bucket: 'bk', objectName: 'a/b.txt' });
  });

  it('rejects bucket events and events without an object name', () => {
    expect(() =>
      objectEventOf(parseOciEvent(objectEventFixture({ eventType: 'com.oraclecloud.objectstorage.updatebucket' }))),
    ).toThrow(/not an Object Storage object event/);
    expect(() =>
      objectEventOf(
        parseOciEvent(objectEventFixture({ data: { additionalDetails: { namespace: 'n', bucketName: 'b' } } })),
      ),
    ).toThrow(/no object name/);
  });
});
