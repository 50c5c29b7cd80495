/** OCI Events rule-condition matching: arrays OR, fields AND, nested objects, wildcard `*`. */
import { describe, expect, it } from 'vitest';
import { makeEnvelope } from '#local/emulator/core/events.ts';
import { matches, validateRules } from '#local/events/index.ts';

const objectEvent = (bucketName: string, eventType = 'com.oraclecloud.objectstorage.createobject') =>
  makeEnvelope({
    eventType,
    source: 'ObjectStorage',
    compartmentId: 'ocid1.tenancy.oc1..aaaa',
    resourceName: 'a/b.txt',
    resourceId: `/n/ns/b/${bucketName}/o/a/b.txt`,
    additionalDetails: { bucketName, namespace: 'ns', eTag: 'e' },
  });

describe('rule conditions', () => {
  const cond = {
    eventType: ['com.oraclecloud.objectstorage.createobject', 'com.oraclecloud.objectstorage.updateobject'],
    data: { additionalDetails: { bucketName: ['user-files'] } },
  };
  it('matches when every field matches one of its values', () => {
    expect(matches(cond, objectEvent('user-files'))).toBe(true);
    expect(matches(cond, objectEvent('user-files', 'com.oraclecloud.objectstorage.updateobject'))).toBe(true);
  });
  it('does not match when one field fails (AND) or a value is not listed (OR)', () => {
    expect(matches(cond, objectEvent('exports'))).toBe(false);
    expect(matches(cond, objectEvent('user-files', 'com.oraclecloud.objectstorage.deleteobject'))).toBe(false);
  });
  it('does not match a field the event lacks', () => {
    expect(matches({ data: { freeformTags: { team: 'x' } } }, objectEvent('user-files'))).toBe(false);
  });
  it('supports the wildcard * in values, and {} matches everything', () => {
    expect(matches({ eventType: 'com.oraclecloud.objectstorage.*object' }, objectEvent('b'))).toBe(true);
    expect(matches({ eventType: 'com.oraclecloud.computeapi.*' }, objectEvent('b'))).toBe(false);
    expect(matches({ data: { resourceName: 'a/*.txt' } }, objectEvent('b'))).toBe(true);
    expect(matches({ data: { resourceName: 'a.b*' } }, objectEvent('b'))).toBe(false);
    expect(matches({}, objectEvent('b'))).toBe(true);
  });
  it('rejects malformed rules up front', () => {
    expect(() => validateRules([{ name: 'r', condition: {}, actions: [] }])).toThrow(/at least one action/);
    expect(() =>
      validateRules([
        { name: 'r', condition: {}, actions: [{ functionId: 'x' }] },
        { name: 'r', condition: {}, actions: [{ functionId: 'y' }] },
      ]),
    ).toThrow(/unique/);
  });
});
