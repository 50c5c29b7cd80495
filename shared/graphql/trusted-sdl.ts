/**
 * Options for `makeExecutableSchema` over this repository's own `schema/*.graphql`: skip SDL and
 * schema validation and AST locations at module load (cold start: about a third of building a
 * subschema). Sound only because `npm run build` refuses invalid SDL (scripts/build.ts
 * `validateSchemas`), and the image only runs bundles that build made. Never use it for SDL that
 * did not pass that check.
 */
export const TRUSTED_SDL = { assumeValidSDL: true, assumeValid: true, noLocation: true } as const;
