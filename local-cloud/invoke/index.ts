/**
 * The local cloud's one client for the Functions invoke API, used by the API Gateway front and the
 * Events router alike: signed requests to the emulator's invoke endpoint, as OCI's own services make them.
 */
export { createInvokeClient, UnsignableBodyError, type InvokeClientOptions } from './signed.ts';
export { InvokeTransportError, type InvokeClient, type InvokeRequest, type InvokeResponse } from './client.ts';
