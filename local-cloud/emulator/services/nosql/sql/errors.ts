/** A statement the SQL subset cannot parse or run; the message says what and where. */
export class SqlError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SqlError';
  }
}

/** A statement that is valid NoSQL SQL but outside the subset this engine implements. */
export class SqlUnsupportedError extends SqlError {
  constructor(what: string) {
    super(
      `${what} is not supported (supported: SELECT * | columns | count(*) FROM t [WHERE] [ORDER BY] [LIMIT] ` +
        `[OFFSET], DELETE FROM t [WHERE])`,
    );
    this.name = 'SqlUnsupportedError';
  }
}
