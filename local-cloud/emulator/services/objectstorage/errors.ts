/**
 * Object Storage error codes (reference §7.1 "ETag semantics": the Casper codes the real service
 * answers). Every factory returns an `OciServiceError` the pipeline serialises as `{code,message}`.
 */
import { OciServiceError } from '../../core/errors.ts';

const make = (status: number, code: string) => (message: string, headers?: Record<string, string>) =>
  new OciServiceError(status, code, message, headers);

export const OsErrors = {
  namespaceNotFound: (ns: string) =>
    new OciServiceError(
      404,
      'NamespaceNotFound',
      `You do not have authorization to perform this request, or the requested resource could not be found: ` +
        `namespace ${ns}`,
    ),
  bucketNotFound: (bucket: string) =>
    new OciServiceError(
      404,
      'BucketNotFound',
      `Either the bucket named '${bucket}' does not exist in the namespace or you are not authorized to access it`,
    ),
  objectNotFound: (bucket: string, object: string) =>
    new OciServiceError(404, 'ObjectNotFound', `The object '${object}' was not found in the bucket '${bucket}'`),
  uploadNotFound: (uploadId: string) =>
    new OciServiceError(404, 'UploadNotFound', `No multipart upload with id '${uploadId}' was found`),
  parNotFound: () =>
    new OciServiceError(
      404,
      'NotAuthorizedOrNotFound',
      'The pre-authenticated request does not exist, has expired, or does not grant this access',
    ),
  bucketAlreadyExists: (bucket: string) =>
    new OciServiceError(
      409,
      'BucketAlreadyExists',
      `Either the bucket '${bucket}' already exists in this namespace or you are not authorized to create it`,
    ),
  bucketNotEmpty: (bucket: string) =>
    new OciServiceError(
      409,
      'BucketNotEmpty',
      `Bucket named '${bucket}' is not empty. Delete all objects and multipart uploads first.`,
    ),
  ifMatchFailed: make(412, 'IfMatchFailed'),
  ifNoneMatchFailed: make(412, 'IfNoneMatchFailed'),
  unmatchedContentMd5: make(400, 'UnmatchedContentMD5'),
  invalidRange: make(416, 'InvalidRange'),
} as const;
