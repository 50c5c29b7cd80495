/** vitest setup file: drop oci-common's retrier lines from the test output (shared/console.ts). */
import { quietOciRetrier } from '#shared/console.ts';

quietOciRetrier();
