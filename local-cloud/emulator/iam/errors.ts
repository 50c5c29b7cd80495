/** Errors of the policy engine. */
export class IamSyntaxError extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(`${message} in: ${text}`);
    this.name = 'IamSyntaxError';
  }
}
