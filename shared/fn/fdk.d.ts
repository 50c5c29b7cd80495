/**
 * Types for the parts of `@fnproject/fdk` 0.0.76 we use (the package ships no typings).
 * Only what shared/fn touches is declared; see reference §1.5 for its bugs (getConfig throws,
 * null/undefined results crash, getAllHeaderValues(missing) throws): we never call those.
 */
declare module '@fnproject/fdk' {
  export interface FdkHttpGatewayContext {
    readonly method: string | null;
    readonly requestURL: string | null;
    /** `Fn-Http-H-*` headers, prefix stripped, canonical names, array values. */
    readonly headers: Record<string, string[]>;
    /** Sets the `Fn-Http-Status` response header. */
    statusCode: number;
    /** `Content-Type` sets the real content type; anything else becomes `Fn-Http-H-<key>`. */
    setResponseHeader(key: string, ...values: string[]): void;
  }
  export interface FdkContext {
    readonly callID: string | null;
    readonly deadline: Date | null;
    readonly fnID: string | undefined;
    readonly appID: string | undefined;
    /** Canonical header name → values. */
    readonly headers: Record<string, string[]>;
    getHeader(key: string): string | null;
    responseContentType: string | null;
    setResponseHeader(key: string, ...values: string[]): void;
    readonly httpGateway: FdkHttpGatewayContext;
  }
  /** Opaque marker the FDK writes byte for byte. */
  export interface FdkResult {
    readonly __fdkResult: true;
  }
  export type FdkHandler = (input: Buffer, ctx: FdkContext) => Promise<unknown>;
  export function handle(fn: FdkHandler, options?: { inputMode?: 'json' | 'string' | 'buffer' }): () => void;
  export function rawResult(res: Buffer | string): FdkResult;
  const fdk: { handle: typeof handle; rawResult: typeof rawResult };
  export default fdk;
}
